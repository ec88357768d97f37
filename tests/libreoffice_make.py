"""Make a deck in LibreOffice Impress from nothing, as a speaker would by hand, through its UNO API.

Run with the Python that has `uno` (Debian's python3-uno): `python3 libreoffice_make.py PICTURE OUT`.
Impress's own new presentation gets, on its own layouts: a title slide, a slide of bullets on two
levels with notes, a table, the picture PICTURE with alt text, a column chart drawn by Impress's
chart component, and a slide with a free drawing; Impress saves it as .pptx. Nothing of it passes
through python-pptx, so the import meets LibreOffice's XML as LibreOffice writes it first hand.
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.awt import Point, Size
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# Impress's automatic layouts (com.sun.star.presentation.DrawPage's Layout property)
TITLE_SLIDE, TITLE_CONTENT, TITLE_ONLY = 0, 1, 19
CHART_CLSID = "12dcae26-281f-416f-a234-c3086127382e"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def shapes_of(page, kind):
    return [page.getByIndex(k) for k in range(page.Count) if page.getByIndex(k).ShapeType == f"com.sun.star.presentation.{kind}"]


def add_notes(page, text):
    for k in range(page.NotesPage.Count):
        shape = page.NotesPage.getByIndex(k)
        if shape.ShapeType == "com.sun.star.presentation.NotesShape":
            shape.String = text


def new_page(doc, layout, title):
    pages = doc.DrawPages
    page = pages.insertNewByIndex(pages.Count - 1)  # after the last page
    page.Layout = layout
    shapes_of(page, "TitleTextShape")[0].String = title
    return page


def build(context, doc, picture):
    pages = doc.DrawPages
    first = pages.getByIndex(0)
    first.Layout = TITLE_SLIDE
    shapes_of(first, "TitleTextShape")[0].String = "Made in Impress"
    shapes_of(first, "SubtitleShape")[0].String = "A deck typed by hand"
    add_notes(first, "Say hello.")

    page = new_page(doc, TITLE_CONTENT, "What we measured")
    text = shapes_of(page, "OutlinerShape")[0]
    text.String = "Latency at the edge\nThe median, not the mean\nThroughput per node"
    paragraphs = text.Text.createEnumeration()
    paragraphs.nextElement()
    paragraphs.nextElement().NumberingLevel = 1  # the second line is a sub-point of the first
    add_notes(page, "Start with the edge numbers.\nThen the nodes.")

    page = new_page(doc, TITLE_ONLY, "Results")
    table = doc.createInstance("com.sun.star.drawing.TableShape")
    page.add(table)
    table.Position, table.Size = Point(2000, 5000), Size(20000, 6000)
    model = table.Model
    model.Rows.insertByIndex(0, 1)  # a new table is 1 x 1: now 3 rows (with the next line) and 2 columns
    model.Rows.insertByIndex(0, 1)
    model.Columns.insertByIndex(0, 1)
    model.Columns.getByIndex(0).Width = model.Columns.getByIndex(1).Width = 10000
    for r, row in enumerate([("Region", "p50"), ("eu-west", "12 ms"), ("us-east", "18 ms")]):
        for c, value in enumerate(row):
            model.getCellByPosition(c, r).String = value
    add_notes(page, "Both regions are within budget.")

    page = new_page(doc, TITLE_ONLY, "Throughput")
    graphic = doc.createInstance("com.sun.star.drawing.GraphicObjectShape")
    provider = context.ServiceManager.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", context)
    graphic.Graphic = provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(os.path.abspath(picture))),))
    page.add(graphic)
    graphic.Position, graphic.Size = Point(4000, 4500), Size(16000, 12000)
    graphic.Title = "Throughput"
    graphic.Description = "Requests per second rising over three releases"

    page = new_page(doc, TITLE_ONLY, "Errors by release")
    chart = doc.createInstance("com.sun.star.drawing.OLE2Shape")
    page.add(chart)
    chart.CLSID = CHART_CLSID
    chart.Position, chart.Size = Point(2000, 4500), Size(22000, 12000)
    model = chart.Model
    model.lockControllers()
    model.createInternalDataProvider(False)  # the chart keeps its own table of data, as Insert > Chart makes it
    model.Diagram = model.createInstance("com.sun.star.chart.BarDiagram")
    data = model.Data
    data.setData(((40.0,), (22.0,), (9.0,)))
    data.RowDescriptions = ("1.0", "1.1", "1.2")
    data.ColumnDescriptions = ("Errors",)
    model.unlockControllers()

    page = new_page(doc, TITLE_ONLY, "A drawing")
    arrow = doc.createInstance("com.sun.star.drawing.RectangleShape")
    page.add(arrow)
    arrow.Position, arrow.Size = Point(4000, 6000), Size(8000, 4000)
    arrow.String = "request flow"


def main(picture, target):
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
            doc = desktop.loadComponentFromURL("private:factory/simpress", "_blank", 0, (prop("Hidden", True),))
            build(context, doc, picture)
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
