"""Edit a deck in LibreOffice Impress, as a speaker would, through its UNO API.

Run with the Python that has `uno` (Debian's python3-uno): `python3 libreoffice_edit.py IN OUT
SLIDE TITLE BULLET NOTE`: on slide SLIDE (from 1) the title becomes TITLE, the first bullet BULLET, and NOTE
is added to the notes as a paragraph of its own; the deck is saved by Impress as .pptx."""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source, target, number, title, bullet, note):
    with tempfile.TemporaryDirectory() as work:
        pipe = f"deckgen{os.getpid()}"
        office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore", f"--accept=pipe,name={pipe};urp;"])
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(120):
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except NoConnectException:
                    time.sleep(0.5)
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),))
            page = doc.DrawPages.getByIndex(int(number) - 1)
            for k in range(page.Count):
                shape = page.getByIndex(k)
                if shape.ShapeType == "com.sun.star.presentation.TitleTextShape":
                    shape.String = title
                elif shape.ShapeType == "com.sun.star.presentation.OutlinerShape":
                    paragraph = shape.Text.createEnumeration().nextElement()
                    paragraph.String = bullet
            notes = page.NotesPage
            for k in range(notes.Count):
                shape = notes.getByIndex(k)
                if shape.ShapeType == "com.sun.star.presentation.NotesShape":
                    text = shape.Text
                    cursor = text.createTextCursor()
                    cursor.gotoEnd(False)
                    text.insertControlCharacter(cursor, 0, False)  # a paragraph break
                    text.insertString(cursor, note, False)
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "Impress MS PowerPoint 2007 XML"),))
            doc.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:
                pass
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:7])
