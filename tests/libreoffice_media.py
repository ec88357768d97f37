"""Load a deck in LibreOffice Impress, through its UNO API, and say what it makes of its video
and sound: each media shape's slide, name, alt text, the package part it plays and the SHA-256 of
the bytes Impress took out of the deck to play. The deck is then saved by Impress as .pptx.

Run with the Python that has `uno` (Debian's python3-uno): `python3 libreoffice_media.py IN OUT`;
it prints one JSON object a line, one per media shape."""

import hashlib
import json
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


def main(source, target):
    with tempfile.TemporaryDirectory() as work:
        pipe = f"deckgen{os.getpid()}"
        office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore", f"--accept=pipe,name={pipe};urp;"], stderr=subprocess.DEVNULL)
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
            for number in range(doc.DrawPages.Count):
                page = doc.DrawPages.getByIndex(number)
                for k in range(page.Count):
                    shape = page.getByIndex(k)
                    if not shape.supportsService("com.sun.star.drawing.MediaShape"):
                        continue
                    played = shape.PrivateTempFileURL
                    digest = None
                    if played:
                        with open(uno.fileUrlToSystemPath(played), "rb") as handle:
                            digest = hashlib.sha256(handle.read()).hexdigest()
                    print(json.dumps({"slide": number + 1, "type": shape.ShapeType, "name": shape.Name, "alt": shape.Description, "url": shape.MediaURL, "sha256": digest}), flush=True)
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
    main(*sys.argv[1:3])
