"""Decks deckgen did not write, made with python-pptx for the import tests.

`python tests/import_decks.py` stores them as LibreOffice saves them, with two of Impress's
own templates and a deck made in Impress itself (tests/libreoffice_make.py), in tests/data/import/.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

DATA = Path(__file__).parent / "data" / "import"


def png(colour: tuple[int, int, int], size=(64, 48)) -> bytes:
    """Return a small PNG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def foreign_deck(path: Path) -> Path:
    """Write a deck as a speaker might make it in PowerPoint: every thing import maps, and
    some it cannot (a free shape, a group, a second picture beside a table)."""
    prs = Presentation()
    layouts = {layout.name: layout for layout in prs.slide_layouts}

    s = prs.slides.add_slide(layouts["Title Slide"])
    s.shapes.title.text = "Observability for {{ humans }}"
    s.placeholders[1].text = "What the logs do not tell you"
    s.notes_slide.notes_text_frame.text = "Welcome everyone.\nSecond line of the welcome."

    s = prs.slides.add_slide(layouts["Section Header"])
    s.shapes.title.text = "Why it matters"
    s.placeholders[1].text = "Part one"

    s = prs.slides.add_slide(layouts["Title and Content"])
    s.shapes.title.text = "Three signals"
    body = s.placeholders[1].text_frame
    body.text = "Logs: "
    run = body.paragraphs[0].add_run()
    run.text = "what happened"
    run.font.bold = True
    p = body.add_paragraph()
    p.text = "Metrics, "
    r = p.add_run()
    r.text = "how much"
    r.font.italic = True
    p = body.add_paragraph()
    p.text = "per request"
    p.level = 1
    p = body.add_paragraph()
    p.text = "deeper still"
    p.level = 2
    p = body.add_paragraph()
    r = p.add_run()
    r.text = "Traces: run "
    r = p.add_run()
    r.text = "otel-cli"
    r.font.name = "Courier New"
    r = p.add_run()
    r.text = " and read "
    r = p.add_run()
    r.text = "the spec"
    r.hyperlink.address = "https://opentelemetry.io/docs/"
    p = body.add_paragraph()
    p.text = "Literal *stars*, 2 * 3 and snake_case stay as typed"
    s.notes_slide.notes_text_frame.text = "Say *why* each signal exists."

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "Where the time goes"
    rows, cols = 3, 3
    table = s.shapes.add_table(rows, cols, Inches(1), Inches(2), Inches(8), Inches(2)).table
    for i, row in enumerate([["Service", "p50", "p99"], ["api", "12 ms", "80 ms"], ["db", "3 ms", ""]]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    s.notes_slide.notes_text_frame.text = "The database is fast; the API is not."

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "Errors per release"
    data = CategoryChartData()
    data.categories = ["1.0", "1.1", "1.2"]
    data.add_series("Errors", (40, 22, 9))
    data.add_series("Warnings", (70, 50.5, 31))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.8), Inches(8), Inches(5), data)

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "Share of incidents"
    data = CategoryChartData()
    data.categories = ["Config", "Code", "Capacity"]
    data.add_series("Incidents", (5, 3, 2))
    s.shapes.add_chart(XL_CHART_TYPE.PIE, Inches(1), Inches(1.8), Inches(8), Inches(5), data)

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "Latency against load"
    xy = XyChartData()
    series = xy.add_series("Requests")
    for x, y in ((10, 12), (20, 15), (40, 31)):
        series.add_data_point(x, y)
    s.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, Inches(1), Inches(1.8), Inches(8), Inches(5), xy)

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "The dashboard"
    pic = s.shapes.add_picture(io.BytesIO(png((30, 90, 160))), Inches(1), Inches(2), Inches(6))
    pic._element.nvPicPr.cNvPr.set("descr", "A dashboard with three panels")
    caption = s.shapes.add_textbox(Inches(1), Inches(6.5), Inches(6), Inches(0.5))
    caption.text_frame.text = "Our dashboard, last week"

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "An undescribed picture"
    s.shapes.add_picture(io.BytesIO(png((200, 60, 40))), Inches(1), Inches(2), Inches(6))

    s = prs.slides.add_slide(layouts["Two Content"])
    s.shapes.title.text = "Before and after"
    left, right = s.placeholders[1].text_frame, s.placeholders[2].text_frame
    left.text = "Before"
    for text in ("grep the logs", "guess"):
        p = left.add_paragraph()
        p.text = text
        p.level = 1
    right.text = "After"
    for text in ("query traces", "know"):
        p = right.add_paragraph()
        p.text = text
        p.level = 1

    s = prs.slides.add_slide(layouts["Title Only"])
    s.shapes.title.text = "A drawing"
    arrow = s.shapes.add_shape(MSO_SHAPE.RIGHT_ARROW, Inches(1), Inches(3), Inches(3), Inches(1))
    arrow.text_frame.text = "request flow"
    group = s.shapes.add_group_shape()
    group.shapes.add_shape(MSO_SHAPE.OVAL, Inches(5), Inches(3), Inches(1), Inches(1))
    group.shapes.add_shape(MSO_SHAPE.OVAL, Inches(6.5), Inches(3), Inches(1), Inches(1))
    box = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(5), Inches(2), Inches(1))
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0x20, 0x40, 0x60)

    s = prs.slides.add_slide(layouts["Title and Content"])
    s.shapes.title.text = "Backup slide"
    s.placeholders[1].text = "Only if someone asks"
    s._element.set("show", "0")
    s.notes_slide.notes_text_frame.text = "Hidden: for questions."

    s = prs.slides.add_slide(layouts["Title and Content"])
    s.shapes.title.text = "Thank you"
    s.placeholders[1].text = "Questions welcome"
    prs.core_properties.author = "Grace Hopper"
    prs.core_properties.title = "Observability for humans"
    prs.save(path)
    return path


def libreoffice_copy(pptx: Path, out_dir: Path) -> Path:
    """Return `pptx` as LibreOffice writes it: opened in Impress (as .odp) and saved as .pptx."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "odp", "--outdir", tmp, str(pptx)], check=True, capture_output=True, timeout=180)
        odp = Path(tmp) / (pptx.stem + ".odp")
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "pptx", "--outdir", str(out_dir), str(odp)], check=True, capture_output=True, timeout=180)
    return out_dir / (pptx.stem + ".pptx")


def impress_template(name: str, out_dir: Path) -> Path:
    """Return LibreOffice's Impress template `name` (.otp, with its sample slides) as a .pptx."""
    source = Path("/usr/lib/libreoffice/share/template/common/presnt") / f"{name}.otp"
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "pptx", "--outdir", str(out_dir), str(source)], check=True, capture_output=True, timeout=180)
    return out_dir / f"{name}.pptx"


if __name__ == "__main__":  # regenerate the LibreOffice decks of tests/data/import/
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        made = foreign_deck(Path(work) / "libreoffice-deck.pptx")
        libreoffice_copy(made, DATA)
    # a deck made in Impress from nothing (its own shapes, table, picture and chart), by its UNO API
    subprocess.run(["/usr/bin/python3", str(Path(__file__).parent / "libreoffice_make.py"), str(DATA / "throughput.png"), str(DATA / "impress-made.pptx")], check=True, timeout=180)
    for template in sys.argv[1:] or ["Focus", "Vintage", "Candy"]:
        impress_template(template, DATA)
    print("\n".join(sorted(p.name for p in DATA.glob("*.pptx"))))
