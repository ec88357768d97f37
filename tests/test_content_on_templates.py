"""Content slides on templates other people made: what deckgen reads of them and how it lays
its text out there, checked on the decks it builds (reopened) and, where LibreOffice and
Ghostscript are installed, as LibreOffice draws them.

- the text-free page the render check measures contrast on shows a template's translucent
  shapes in their own colour (Ghostscript 10.0's new PDF interpreter painted them black);
- the fonts text is measured with are the ones slides get: a master's prompt text is no style;
- a section slide whose title stands on a band over white paper sets its subtitle in a colour
  that reads on the paper (LibreOffice's Lights);
- a pyramid beside bullets on a 4:3 slide gives its details the room they need.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from corpus_talks import build, convert_libreoffice_templates, draw, render_findings, talk_in
from deckgen import pipeline
from deckgen.pptx.template import NS, analyse
from deckgen.theme import contrast_ratio
from test_templates import PPTX_DEFAULT

SOFFICE = shutil.which("soffice")
GS = shutil.which("gs")
needs_gs = pytest.mark.skipif(GS is None, reason="Ghostscript draws the text-free page")
needs_renderer = pytest.mark.skipif(SOFFICE is None or GS is None, reason="LibreOffice and Ghostscript draw the deck")
WHITE = (255, 255, 255)


def _pdf(objects: list[bytes]) -> bytes:
    """Return a PDF file of `objects` (numbered from 1, the first the catalog)."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return out + b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<<" + extra + b"/Length %d>>stream\n" % len(data) + data + b"\nendstream"


@needs_gs
def test_a_translucent_white_shape_over_white_paper_is_measured_white(tmp_path):
    # as LibreOffice writes a shape at 30 % opacity: its colour set on the page, then a
    # transparency group that fills its outline without naming a colour (it inherits the page's)
    from deckgen.drawn import DPI, read_pdf

    page = b"1 1 1 rg 0 0 144 144 re f 0 0 0 rg BT /F 12 Tf 10 10 Td (x) Tj ET 1 1 1 rg q /Faint gs /Bubble Do Q"
    pdf = tmp_path / "bubble.pdf"
    pdf.write_bytes(_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 144 144]/Resources<</ExtGState<</Faint<</ca 0.3/CA 0.3>>>>"
        b"/XObject<</Bubble 5 0 R>>/Font<</F 6 0 R>>>>/Contents 4 0 R>>",
        _stream(page),
        _stream(b"36 36 72 72 re f", b"/Type/XObject/Subtype/Form/BBox[0 0 144 144]/Group<</S/Transparency/CS/DeviceRGB/K true>>"),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]))
    [drawn] = read_pdf(pdf)
    middle = drawn.background.getpixel((DPI, DPI))
    assert middle == WHITE, f"the bubble is drawn {middle} where a reader sees white paper"
    assert [line.text for line in drawn.lines] == ["x"]


def _with_prompt_typeface(folder: Path, prompt: str, style: str | None = None) -> Path:
    """Return python-pptx's default template with its master's body prompt text set in
    `prompt`, and with `style` the typeface of that placeholder's own list style."""
    prs = Presentation(str(PPTX_DEFAULT))
    master = prs.slide_masters[0]
    for sp in master.placeholders:
        if sp.placeholder_format.type is not None and sp.placeholder_format.idx == 1:
            for paragraph in sp.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.name = prompt
            if style is not None:
                body = sp._element.find("p:txBody", NS)
                lst = body.find("a:lstStyle", NS)
                level = etree.SubElement(lst, f"{{{NS['a']}}}lvl1pPr")
                etree.SubElement(etree.SubElement(level, f"{{{NS['a']}}}defRPr"), f"{{{NS['a']}}}latin", typeface=style)
    path = folder / f"prompt-{prompt.replace(' ', '')}-{style or 'none'}.pptx"
    prs.save(str(path))
    return path


@pytest.mark.parametrize("style, measured", [(None, "Calibri"), ("Liberation Serif", "Liberation Serif")])
def test_text_is_measured_in_the_font_slides_get_not_the_masters_prompt(tmp_path, style, measured):
    path = _with_prompt_typeface(tmp_path, "Times New Roman", style)
    prs = Presentation(str(path))
    info = analyse(prs, path)
    assert info.fonts[1] == measured


def test_a_pyramid_beside_bullets_on_a_4_3_slide_sets_its_details_at_their_floor(tmp_path):
    # the corpus's OSI talk: seven details of some seventy characters beside three short bullets
    outline = talk_in(tmp_path, "osi-layers", PPTX_DEFAULT)
    loaded = pipeline.load(outline)
    planned = pipeline.plan(loaded)
    assert not [str(p) for p in loaded.planned_warnings if "floor" in str(p)]
    from deckgen.kinds.base import pyramid_text_sizes

    spec = loaded.diagrams[2]
    labels, details = pyramid_text_sizes(spec)
    assert min(details) >= 14 and min(labels) >= 14, (labels, details)
    assert planned.theme.slide_width == pytest.approx(10.0)
    deck = tmp_path / "osi.pptx"
    deck.write_bytes(pipeline.deck_bytes(pipeline.render_deck(loaded), loaded))
    slide = Presentation(str(deck)).slides[2]
    pictures = [sh for sh in slide.shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].left + pictures[0].width <= Presentation(str(deck)).slide_width


@pytest.fixture(scope="module")
def lo_templates(tmp_path_factory):
    """LibreOffice's Lights (16:9, a band over white paper) and Vintage (4:3) as .pptx."""
    if SOFFICE is None or GS is None:
        pytest.skip("LibreOffice and Ghostscript draw the deck")
    found = convert_libreoffice_templates(tmp_path_factory.mktemp("lo"), SOFFICE, ("Lights", "Vintage"))
    if len(found) < 2:
        pytest.skip("LibreOffice's Lights and Vintage templates are not installed")
    return found


def _drawn(tmp_path: Path, template: Path, talk: str) -> tuple[Path, list[str]]:
    """Build the corpus talk `talk` on `template`, draw it; return the deck and the findings."""
    outline = talk_in(tmp_path / talk, talk, template)
    deck = tmp_path / f"{talk}.pptx"
    loaded, problems = build(outline, deck)
    assert loaded is not None, problems
    pdfs = draw([deck], tmp_path, SOFFICE)
    return deck, render_findings(loaded, pdfs[deck])


@needs_renderer
def test_a_section_subtitle_under_a_band_reads_on_the_paper_it_stands_on(tmp_path, lo_templates):
    deck, findings = _drawn(tmp_path, lo_templates["Lights"], "rag-workshop")
    prs = Presentation(str(deck))
    section = prs.slides[2]  # "Setup", Part 1 of 2: its title on the band, its subtitle below it
    runs = [r for sh in section.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs if "1" in r.text and "2" in r.text]
    assert runs, "the section slide has its subtitle"
    colour = tuple(runs[0].font.color.rgb)
    assert contrast_ratio(colour, WHITE) >= 4.5, colour
    assert not [f for f in findings if f.startswith(("slide 2:", "slide 3:", "slide 5:")) and ("stands at" in f)], findings


@needs_renderer
def test_a_cover_and_closing_on_a_gradient_read_where_their_lines_stand(tmp_path, lo_templates):
    """Lights' cover is a gradient, darkest where the title stands: the speaker's line (in the
    accent) and the QR code's label stand lower, where it is lighter, and read there too."""
    deck, findings = _drawn(tmp_path, lo_templates["Lights"], "oncall-lessons")
    prs = Presentation(str(deck))
    speaker = [r for sh in prs.slides[0].shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs if "Marcus" in r.text]
    assert speaker and speaker[0].font.bold
    # the layout's two grounds: the title's (top of the gradient) and the body's (lower down)
    layout = analyse(Presentation(str(lo_templates["Lights"])), lo_templates["Lights"]).find("Title Slide", (0,))
    colour = tuple(speaker[0].font.color.rgb)
    assert min(contrast_ratio(colour, layout.title_bg), contrast_ratio(colour, layout.body_bg)) >= 4.5, colour
    closing = len(prs.slides) - 1
    label = [sh for sh in prs.slides[closing].shapes if sh.has_text_frame and sh.text_frame.text == "Scan for the link"]
    ground = [sh for sh in prs.slides[closing].shapes if sh.name == "QR code ground"]
    assert label and ground and ground[0].top + ground[0].height >= label[0].top + label[0].height
    assert not [f for f in findings if f.startswith(("slide 1:", f"slide {closing + 1}:"))], findings


@needs_renderer
def test_text_on_a_template_whose_prompt_text_is_in_another_font_stays_in_its_box(tmp_path, lo_templates):
    for talk in ("oncall-lessons", "security-review"):
        _, findings = _drawn(tmp_path, lo_templates["Vintage"], talk)
        assert not [f for f in findings if "past its box" in f], findings


def _code_panels(deck: Path, index: int) -> list:
    slide = Presentation(str(deck)).slides[index]
    return [sh for sh in slide.shapes if sh.name.startswith("Code panel")]


def test_code_columns_too_wide_side_by_side_stand_one_under_the_other_on_a_4_3_slide(tmp_path):
    # the corpus's Rust talk: 'Before' (32 characters) beside 'After' (39), which no 10-inch
    # slide holds side by side at 14 pt; across the slide each holds 70 and more
    outline = talk_in(tmp_path, "rust-errors", PPTX_DEFAULT)
    deck = tmp_path / "rust.pptx"
    loaded, problems = build(outline, deck)
    assert loaded is not None and not problems, problems
    before, after = _code_panels(deck, 7)
    assert before.left == after.left and before.width == after.width
    assert after.top >= before.top + before.height, "'After' stands under 'Before'"
    assert before.width >= 0.8 * Presentation(str(deck)).slide_width, "each block runs across the slide"
    code = [sh for sh in Presentation(str(deck)).slides[7].shapes if sh.name.startswith("Code") and not sh.name.startswith("Code panel")]
    assert {r.font.size.pt for sh in code for p in sh.text_frame.paragraphs for r in p.runs} == {22.0}


SHARED = """\
deck:
  title: Sharing
  date: "2026-01-01"
slides:
  - kind: columns
    title: The fix
    columns:
      - heading: Why
        bullets: [It panics, No context]
      - heading: How
        language: rust
        code: |
          let n: u32 = s.parse()
              .context("port must be a number")?;
"""


def test_a_code_column_takes_the_width_a_column_of_short_bullets_can_spare(tmp_path):
    shutil.copy(PPTX_DEFAULT, tmp_path / "default.pptx")
    outline = tmp_path / "talk.yaml"
    outline.write_text(SHARED.replace("deck:\n", "deck:\n  template: default.pptx\n", 1))
    deck = tmp_path / "talk.pptx"
    loaded, problems = build(outline, deck)
    assert loaded is not None and not problems, problems
    [panel] = _code_panels(deck, 0)
    slide = Presentation(str(deck)).slides[0]
    bullets = [sh for sh in slide.shapes if sh.has_text_frame and "panics" in sh.text_frame.text]
    assert bullets and bullets[0].left + bullets[0].width <= panel.left
    assert panel.width > bullets[0].width, "the code column is the wider one"
    assert panel.top - bullets[0].top < 914400 // 4, "side by side, not stacked"
