"""Footers, slide numbers and chart labels on third-party templates, built, reopened and drawn.

LibreOffice's own Impress templates (converted to .pptx once for the module) and python-pptx's
default 4:3 template carry one talk: bullets, a doughnut with a thin part, a stacked column
chart of six-figure sums. Each deck is reopened (what the XML says: one slide-number field, the
number's colour, the labels' sizes and formats) and drawn by LibreOffice for the render check
(what a reader sees: one number, legible, every label on its segment).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from corpus_talks import convert_libreoffice_templates, draw, python_pptx_default, render_findings

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None or shutil.which("gs") is None, reason="LibreOffice and Ghostscript draw the decks")
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main", "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
TALK = """\
deck:
  title: Where the bill went
  speaker: Tess Ter
  handle: "@tess"
  event: {name: FinOps Night}
  duration: 5
  template: TEMPLATE
slides:
  - kind: title
  - kind: bullets
    title: Three findings
    bullets: [Compute is half the bill, Storage grows every month, Support is a surprise]
  - kind: chart
    title: Where compute runs
    type: doughnut
    categories: [Kubernetes, VMs, Serverless, Batch]
    series: [{name: Hours, values: [0.52, 0.28, 0.15, 0.05]}]
    number_format: "0%"
  - kind: chart
    title: Monthly spend by team
    type: stacked_column
    categories: [Jan, Feb, Mar, Apr, May, Jun]
    series:
      - {name: Payments, values: [120000, 125000, 131000, 140000, 138000, 150000]}
      - {name: Search, values: [80000, 82000, 95000, 91000, 99000, 104000]}
      - {name: Platform, values: [60000, 61000, 59000, 64000, 70000, 72000]}
    number_format: "#,##0"
    unit: €
"""
NAMES = ("Focus", "Lights", "python-pptx default")


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Build the talk on each template and draw every deck in one LibreOffice run; return
    {name: (deck path, build warnings, render findings, PDF)}."""
    from deckgen import pipeline

    root = tmp_path_factory.mktemp("footers")
    templates = convert_libreoffice_templates(root / "templates", SOFFICE, ("Focus", "Lights"))
    templates["python-pptx default"] = python_pptx_default(root / "templates")
    built = {}
    for name in NAMES:
        if name not in templates:
            continue
        folder = root / name.replace(" ", "_")
        folder.mkdir()
        shutil.copy(templates[name], folder / templates[name].name)
        (folder / "talk.yaml").write_text(TALK.replace("TEMPLATE", templates[name].name), encoding="utf-8")
        loaded = pipeline.load(folder / "talk.yaml")
        data = pipeline.deck_bytes(pipeline.render_deck(loaded), loaded)
        deck = folder / f"{folder.name}.pptx"  # one PDF a deck: they are drawn into one folder
        deck.write_bytes(data)
        built[name] = (deck, loaded)
    pdfs = draw([deck for deck, _ in built.values()], root, SOFFICE)
    return {name: (deck, [str(w) for w in loaded.diagnostics], render_findings(loaded, pdfs[deck]), pdfs[deck]) for name, (deck, loaded) in built.items()}


def _deck(decks, name):
    if name not in decks:
        pytest.skip(f"LibreOffice has no {name} template here")
    return decks[name]


def xp(element, path: str) -> list:
    return etree.XPath(path, namespaces=NS)(element)


def _numbers_in(element) -> list:
    return xp(element, ".//a:fld[@type='slidenum']")


def _drawn_lines(pdf: Path):
    from deckgen.drawn import read_pdf

    return read_pdf(pdf)


def test_a_template_whose_master_numbers_its_slides_itself_shows_one_number(decks):
    """Lights' masters carry a text box with a slide-number field beside their slide-number
    placeholder: every client drew both, the deck's number over the template's."""
    deck, _, findings, pdf = _deck(decks, "Lights")
    prs = Presentation(str(deck))
    for master in prs.slide_masters:
        for part in [master, *master.slide_layouts]:
            for field in _numbers_in(part._element):
                shape = next(a for a in field.iterancestors() if etree.QName(a).localname == "sp")
                assert shape.find("p:nvSpPr/p:nvPr/p:ph", NS) is not None, "a master or layout numbers the slides outside its placeholder"
    for n, slide in enumerate(prs.slides, start=1):
        if n > 1:  # the title slide has no footer
            assert len(_numbers_in(slide._element)) == 1, n
    for n, page in enumerate(_drawn_lines(pdf), start=1):
        low = [line for line in page.lines if line.box[1] > 0.85 * page.height and line.text.strip() == str(n)]
        assert len(low) == (1 if n > 1 else 0), (n, low)
    assert not [f for f in findings if "footer" in f], findings


def test_a_slide_number_on_a_shard_gets_a_colour_that_reads_there(decks):
    """Focus sets its slide number, right-aligned, on a green shard while its footer's middle is
    white: the number is coloured for the green, the footer for the white."""
    from deckgen.render_check import _contrast
    from deckgen.theme import contrast_ratio

    deck, _, findings, pdf = _deck(decks, "Focus")
    prs = Presentation(str(deck))
    slide = prs.slides[1]
    colours = {}
    for sp in slide.shapes._spTree.iterfind("p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") in ("ftr", "sldNum"):
            value = xp(sp, ".//a:rPr/a:solidFill/a:srgbClr/@val")[0]
            colours[ph.get("type")] = tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
    assert set(colours) == {"ftr", "sldNum"} and colours["ftr"] != colours["sldNum"]
    assert contrast_ratio(colours["ftr"], (255, 255, 255)) >= 4.5
    pages = _drawn_lines(pdf)
    for n, page in enumerate(pages[1:], start=2):
        number = [line for line in page.lines if line.box[1] > 0.85 * page.height and line.text.strip() == str(n)]
        assert len(number) == 1 and _contrast(page, number[0]) >= 4.5, (n, number and _contrast(page, number[0]))
    assert not [f for f in findings if "footer" in f], findings


@pytest.mark.parametrize("name", NAMES)
def test_stacked_labels_fit_their_segments_smaller_or_short_and_the_doughnut_keeps_its_thin_part(decks, name):
    """The stacked chart's six-figure labels are wider than a column at 18 pt on these
    templates: each is set smaller (not under 14 pt) or written short ("150K €"), all alike,
    none left off; the doughnut's 5 %, left off before, is on it or beside it."""
    deck, warnings, findings, pdf = _deck(decks, name)
    assert not [w for w in warnings if "label" in w], warnings
    assert not [f for f in findings if "chart" in f], findings
    prs = Presentation(str(deck))
    scale = prs.slide_height / 914400 / 7.5
    stacked = prs.slides[3].shapes
    space = next(s for s in stacked if s.has_chart).chart._chartSpace
    fills = [tuple(xp(ser, "./c:spPr/a:solidFill/a:srgbClr/@val")) for ser in xp(space, ".//c:ser")]
    assert len(set(fills)) == 3, fills  # three series, three colours the legend tells apart
    labels = xp(space, ".//c:ser/c:dLbls/c:dLbl")
    assert len(labels) == 18 and not [d for d in labels if d.find("c:delete", NS) is not None]
    forms = {(d.find("c:numFmt", NS).get("formatCode"), xp(d, "./c:txPr//a:defRPr/@sz")[0]) for d in labels}
    assert len(forms) == 1, forms  # one size and form for the chart
    code, size = forms.pop()
    assert int(size) / 100 / scale >= 14 - 0.05
    assert code in ('#,##0" €"', '#,##0,"K €"'), code
    page = _drawn_lines(pdf)[3]
    shown = {line.text.strip() for line in page.lines}
    assert ("150,000 €" in shown) if code == '#,##0" €"' else ("150K €" in shown), shown
    doughnut = next(s for s in prs.slides[2].shapes if s.has_chart).chart._chartSpace
    thin = xp(doughnut, ".//c:ser/c:dLbls/c:dLbl[c:idx/@val='3']")[0]
    assert thin.find("c:delete", NS) is None
    if name != "python-pptx default":  # its ring is wide enough to hold the 5 %; theirs is set beside it
        assert thin.find("c:layout/c:manualLayout", NS) is not None
    assert "5%" in {line.text.strip() for line in _drawn_lines(pdf)[2].lines}


def test_moved_and_shortened_labels_are_valid_by_the_chart_schema(decks):
    from pptx_checks import _schema

    deck, *_ = _deck(decks, "python-pptx default")
    schema = _schema("transitional/dml-chart.xsd")
    with zipfile.ZipFile(deck) as package:
        charts = [n for n in package.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml")]
        assert len(charts) == 2
        for name in charts:
            assert schema.validate(etree.ElementTree(etree.fromstring(package.read(name)))), (name, str(schema.error_log.last_error))
