"""A speaker's own template: any size, any layout names, its look; and the built-in themes.

The shipped talk is built on python-pptx's own default template (4:3), on templates whose
layouts carry Google Slides' and German PowerPoint's names, on 16:10 and A4 slides, and (where
LibreOffice is installed) on LibreOffice's own Impress templates converted to .pptx. Each deck
is reopened and checked: every shape on the slide, only the template's layouts, none of its
slides, the text of each slide on its page of LibreOffice's PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from conftest import DEFAULT_OUTLINE, MINIMAL_DECK, open_deck, texts
from deckgen import pipeline as b
from deckgen.cli import main
from deckgen.theme import contrast_ratio, template_path

PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SOFFICE = shutil.which("soffice")
LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def talk_on(folder: Path, template: Path | None = None, **deck: str) -> Path:
    """Return a copy of the shipped talk in `folder`, on `template` (copied beside it)."""
    text = DEFAULT_OUTLINE.read_text()
    extra = ""
    if template is not None:
        if template.parent != folder:
            shutil.copy(template, folder / template.name)
        extra += f"  template: {template.name}\n"
    for key, value in deck.items():
        extra += f"  {key}: {value}\n"
    outline = folder / "talk.yaml"
    outline.write_text(text.replace("deck:\n", "deck:\n" + extra, 1))
    return outline


def rename_layouts(folder: Path, names: dict[str, str], name: str) -> Path:
    """Return a copy of the built-in template whose layouts are renamed and carry no type,
    so that only their names (and their placeholders) tell what they are for."""
    prs = Presentation(str(template_path()))
    for layout in prs.slide_layouts:
        if layout.name in names:
            layout.name = names[layout.name]
            layout._element.attrib.pop("type", None)
    path = folder / name
    prs.save(str(path))
    return path


def resized(folder: Path, width_in: float, height_in: float, name: str) -> Path:
    """Return a copy of the built-in template on a slide of another size, its masters' and
    layouts' shapes moved and stretched with it, as a designer would have made it."""
    prs = Presentation(str(template_path()))
    sx, sy = width_in * 914400 / prs.slide_width, height_in * 914400 / prs.slide_height
    for part in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in part._element.iter(f"{A}xfrm"):
            off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
            if off is not None:
                off.set("x", str(round(int(off.get("x")) * sx)))
                off.set("y", str(round(int(off.get("y")) * sy)))
            if ext is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * sx)))
                ext.set("cy", str(round(int(ext.get("cy")) * sy)))
    prs.slide_width, prs.slide_height = Emu(round(width_in * 914400)), Emu(round(height_in * 914400))
    path = folder / name
    prs.save(str(path))
    return path


def shapes_outside(prs) -> list[str]:
    """Return the shapes of `prs` that reach past the slide's edges, as "slide N: name"."""
    width, height = prs.slide_width, prs.slide_height
    out = []
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            left, top, w, h = shape.left, shape.top, shape.width, shape.height
            if left is None:  # a placeholder whose layout has no box of its own: the master's
                continue
            if left < 0 or top < 0 or left + w > width + 1 or top + h > height + 1:
                out.append(f"slide {n}: {shape.name} at ({Emu(left).inches:.2f}, {Emu(top).inches:.2f}) size ({Emu(w).inches:.2f}, {Emu(h).inches:.2f})")
    return out


def audited(deck_path: Path):
    """Return the deck reopened, after the package checks and the Open XML SDK validator's
    checks (openxml-audit) pass: nothing PowerPoint would offer to repair."""
    import openxml_audit

    prs = open_deck(deck_path)
    result = openxml_audit.validate_pptx(deck_path)
    assert result.is_valid, [e.description for e in result.errors][:5]
    return prs


def assert_built_on(deck_path: Path, template: Path, outline: Path):
    """The checks every template must pass: the deck's slides are the outline's, on the
    template's layouts and size, every shape inside the slide, none of its own slides."""
    prs = audited(deck_path)
    source = Presentation(str(template)) if template.suffix == ".pptx" else None
    expected = len(b.load(outline).deck.slides)
    assert len(prs.slides) == expected
    assert shapes_outside(prs) == []
    if source is not None:
        assert (prs.slide_width, prs.slide_height) == (source.slide_width, source.slide_height)
        names = {layout.name for m in source.slide_masters for layout in m.slide_layouts}
        assert {slide.slide_layout.name for slide in prs.slides} <= names
        own_texts = {
            shape.text_frame.text for slide in source.slides for shape in slide.shapes
            if shape.has_text_frame and re.search(r"[^\W\d]{4}", shape.text_frame.text)  # words, not slide numbers or dates
        }
        assert not own_texts & {t for slide in prs.slides for t in texts(slide)}
    return prs


def assert_text_on_its_page(deck: Path, prs) -> None:
    """Where LibreOffice is installed: each slide's words are on its page of the deck's PDF."""
    if SOFFICE is None:
        return
    pages = pdf_pages(deck)
    assert len(pages) == len(prs.slides)
    squash = lambda s: re.sub(r"\W+", "", s).casefold()  # noqa: E731 - words broken across lines, or in capitals, read alike
    for n, (slide, page) in enumerate(zip(prs.slides, pages), start=1):
        words = [w for t in texts(slide) for w in re.findall(r"\w{4,}", t)]
        assert words, n
        missing = [w for w in words if squash(w) not in squash(page)]
        assert not missing, f"slide {n}: {missing} not on its page"


def talk_built_on(tmp_path: Path, template: Path):
    """Build the shipped talk on `template` and pass every check a template must: exit 0,
    assert_built_on, and each slide's words on its page of the PDF; return (deck, outline)."""
    outline = talk_on(tmp_path, template)
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    prs = assert_built_on(out, tmp_path / template.name, outline)
    assert_text_on_its_page(out, prs)
    return prs, outline


# --- layouts under any name, slides of any size ---------------------------------------------------

def test_the_talk_on_python_pptx_default_template_fits_its_4_3_slide(tmp_path):
    prs, _ = talk_built_on(tmp_path, PPTX_DEFAULT)
    assert (Emu(prs.slide_width).inches, Emu(prs.slide_height).inches) == (10.0, 7.5)
    # the template's own footer and slide-number placeholders carry the footer
    numbers = [ph for ph in prs.slides[1].placeholders if ph.placeholder_format.type is not None and "SLIDE_NUMBER" in str(ph.placeholder_format.type)]
    assert len(numbers) == 1 and numbers[0]._element.find(f".//{A}fld").get("type") == "slidenum"
    # on its white slides the theme's hyperlink colour reads: no slide remaps it
    assert all(s._element.find(f"{P}clrMapOvr/{A}overrideClrMapping") is None for s in prs.slides)


@pytest.mark.parametrize(
    "names",
    [
        # Google Slides' exports
        {"Title Slide": "TITLE", "Title and Content": "TITLE_AND_BODY", "Section Header": "SECTION_HEADER", "Title Only": "TITLE_ONLY"},
        # PowerPoint in German
        {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt", "Section Header": "Abschnittsüberschrift", "Title Only": "Nur Titel"},
    ],
    ids=["google-slides", "german"],
)
def test_layouts_are_found_by_the_names_other_applications_give_them(tmp_path, names):
    prs, outline = talk_built_on(tmp_path, rename_layouts(tmp_path, names, "corporate.pptx"))
    kinds = [s.kind for s in b.load(outline).deck.slides]
    slot = {"title": "Title Slide", "closing": "Title Slide", "agenda": "Title and Content", "bullets": "Title and Content", "section": "Section Header"}
    assert [slide.slide_layout.name for slide in prs.slides] == [names[slot.get(kind, "Title Only")] for kind in kinds]


@pytest.mark.parametrize("size", [(13.333, 8.333), (11.693, 8.268)], ids=["16:10", "A4"])
def test_slides_of_other_ratios_hold_the_talk_inside_their_edges(tmp_path, size):
    prs, _ = talk_built_on(tmp_path, resized(tmp_path, *size, "sized.pptx"))
    # text is scaled with the slide: a 8.27 in high A4 slide sets the title larger than 7.5 in would
    title = prs.slides[3].shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt
    assert title == pytest.approx(36 * max(size[0] / 13.333, size[1] / 7.5), abs=0.6)


def test_a_potx_template_is_read_and_its_own_slides_are_left_out(tmp_path):
    prs = Presentation(str(template_path()))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Template sample slide"
    run = slide.placeholders[1].text_frame.paragraphs[0].add_run()
    run.text = "our site"
    run.hyperlink.address = "https://template.example/"
    pptx = tmp_path / "sample.pptx"
    prs.save(str(pptx))
    potx = tmp_path / "corporate.potx"
    with zipfile.ZipFile(pptx) as src, zipfile.ZipFile(potx, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            data = src.read(entry)
            if entry.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(entry, data)
    outline = talk_on(tmp_path, potx)
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    assert_built_on(out, potx, outline)
    with zipfile.ZipFile(out) as deck:
        everything = b"".join(deck.read(n) for n in deck.namelist() if n.endswith((".xml", ".rels")))
    assert b"Template sample slide" not in everything and b"template.example" not in everything


def test_deck_layouts_chooses_the_layout_of_a_kind(tmp_path, write_outline):
    outline = write_outline(
        "deck:\n  title: T\n  layouts: {bullets: Two Content, section: Title Only}\n"
        "slides:\n  - {kind: bullets, title: B, bullets: [a]}\n  - {kind: section, title: S}\n"
    )
    built = b.build(outline, output=tmp_path / "o.pptx")
    prs = open_deck(built.path)
    assert [s.slide_layout.name for s in prs.slides] == ["Two Content", "Title Only"]


def test_a_layout_name_that_is_not_there_is_located_with_the_names_there_are(tmp_path, write_outline):
    outline = write_outline("deck:\n  title: T\n  layouts: {bullets: Two Contents, sectoin: Title Only}\nslides:\n  - {kind: bullets, title: B, bullets: [a]}\n")
    result = invoke("build", outline, "-o", tmp_path / "o.pptx")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"{outline}:3:45: deck.layouts.sectoin: deck.layouts names 'sectoin', which is not a slide kind (did you mean 'section'?)",
    ]
    outline.write_text("deck:\n  title: T\n  layouts: {bullets: Two Contents}\nslides:\n  - {kind: bullets, title: B, bullets: [a]}\n")
    result = invoke("build", outline, "-o", tmp_path / "o.pptx")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"{outline}:3:22: deck.layouts.bullets: the template has no layout named 'Two Contents' (did you mean 'Two Content'?);"
        " it has 'Title Slide', 'Title and Content', 'Section Header', 'Two Content', 'Title Only', 'Blank'",
    ]
    assert not (tmp_path / "o.pptx").exists()


# --- the template's look -----------------------------------------------------------------------------

def run_colours(slide, background) -> list[tuple[str, tuple, tuple]]:
    """Return (text, colour, background) of every coloured run of `slide`'s text boxes and
    placeholders, the background being the table cell's fill, else the shape's, else the slide's."""
    out = []
    below: list[tuple[tuple, tuple]] = []  # filled shapes drawn so far: (box, colour)

    def behind(shape) -> tuple:
        x, y = shape.left + shape.width / 2, shape.top + shape.height / 2
        for (left, top, width, height), colour in reversed(below):
            if left <= x <= left + width and top <= y <= top + height:
                return colour
        return background

    for shape in slide.shapes:
        own = _fill(shape._element.find(f"{P}spPr"))
        if own is not None and shape.left is not None:
            below.append(((shape.left, shape.top, shape.width, shape.height), own))
        if shape.has_text_frame:
            frames = [(shape.text_frame, own or (behind(shape) if shape.left is not None else background))]
        elif shape.has_table:
            frames = [(cell.text_frame, _fill(cell._tc.find(f"{A}tcPr")) or background) for row in shape.table.rows for cell in row.cells]
        else:
            continue
        for frame, ground in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    colour = run._r.find(f"{A}rPr/{A}solidFill/{A}srgbClr")
                    if colour is not None and run.text.strip():
                        out.append((run.text, _hex(colour.get("val")), ground))
    return out


def _hex(value: str) -> tuple:
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _fill(element):
    if element is None:
        return None
    colour = element.find(f"{A}solidFill/{A}srgbClr")
    return _hex(colour.get("val")) if colour is not None else None


def slide_background(slide) -> tuple:
    """Return the slide's background colour: its own, its layout's or its master's (white if none)."""
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        colour = part._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill/{A}srgbClr")
        if colour is not None:
            return _hex(colour.get("val"))
    return (255, 255, 255)


def low_contrast(prs, minimum: float) -> list[str]:
    return [
        f"slide {n}: {text!r} {ratio:.2f}:1"
        for n, slide in enumerate(prs.slides, start=1)
        for text, colour, ground in run_colours(slide, slide_background(slide))
        if (ratio := contrast_ratio(colour, ground)) < minimum - 1e-9
    ]


@pytest.mark.parametrize("theme,minimum", [("light", 4.5), ("dark", 4.5), ("contrast", 7.0)])
def test_built_in_themes_keep_every_text_at_their_contrast(tmp_path, theme, minimum):
    outline = talk_on(tmp_path, theme=theme)
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    prs = audited(out)
    assert low_contrast(prs, minimum) == []
    content = slide_background(prs.slides[3])  # a bullets slide
    assert (contrast_ratio(content, (0, 0, 0)) > contrast_ratio(content, (255, 255, 255))) == (theme != "dark")
    counted = sum(len(run_colours(s, slide_background(s))) for s in prs.slides)
    assert counted > 100  # the check saw the deck's text, not an empty list


def test_the_starter_keeps_its_contrast_in_every_theme(tmp_path):
    for theme, minimum in (("dark", 4.5), ("contrast", 7.0)):
        folder = tmp_path / theme
        folder.mkdir()
        result = invoke("new", folder / "talk.yaml")
        assert result.exit_code == 0, result.output
        outline = folder / "talk.yaml"
        text = outline.read_text().replace("deck:\n", f"deck:\n  theme: {theme}\n", 1)
        # lines and bands left out of `highlight` are dimmed on purpose, below the contrast of text
        outline.write_text(re.sub(r"(?m)^ +highlight: .*\n", "", text))
        out = folder / "deck.pptx"
        result = invoke("build", outline, "-o", out)
        assert result.exit_code == 0, result.output
        assert low_contrast(audited(out), minimum) == []


def test_deck_palette_recolours_the_dark_slides_and_keeps_their_text_legible(tmp_path):
    outline = talk_on(tmp_path, palette='{primary: "#7B1FA2", accent: "#F5C400"}')
    out = tmp_path / "deck.pptx"
    assert invoke("build", outline, "-o", out).exit_code == 0
    prs = open_deck(out)
    assert slide_background(prs.slides[0]) == (0x7B, 0x1F, 0xA2)
    assert low_contrast(prs, 4.5) == []
    header = prs.slides[13].shapes[-1] if prs.slides[13].shapes[-1].has_table else next(s for s in prs.slides[13].shapes if s.has_table)
    assert _fill(header.table.cell(0, 0)._tc.find(f"{A}tcPr")) == (0x7B, 0x1F, 0xA2)


def test_a_template_with_dark_content_slides_gets_light_text(tmp_path):
    prs = Presentation(str(template_path()))
    for layout in prs.slide_layouts:
        if layout.name in ("Title and Content", "Title Only"):
            layout.background.fill.solid()
            layout.background.fill.fore_color.rgb = __import__("pptx.dml.color", fromlist=["RGBColor"]).RGBColor(0x20, 0x20, 0x28)
    template = tmp_path / "night.pptx"
    prs.save(str(template))
    outline = talk_on(tmp_path, template)
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    deck = open_deck(out)
    assert low_contrast(deck, 4.5) == []
    bullets = run_colours(deck.slides[3], slide_background(deck.slides[3]))
    assert bullets and all(sum(colour) > 3 * 180 for _, colour, _ in bullets)
    # the theme's dark link colour would not read there: the slide maps hyperlinks to lt1 (white)
    mapping = deck.slides[3]._element.find(f"{P}clrMapOvr/{A}overrideClrMapping")
    assert mapping is not None and mapping.get("hlink") == "lt1" and mapping.get("bg1") == "lt1"



def test_a_template_font_that_is_not_installed_is_measured_with_a_named_stand_in(tmp_path):
    prs = Presentation(str(template_path()))
    theme_part = prs.slide_master.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    blob = theme_part.blob.replace(b'typeface="Calibri"', b'typeface="Nowhere Grotesk"')
    theme_part._blob = blob
    template = tmp_path / "fonts.pptx"
    prs.save(str(template))
    outline = talk_on(tmp_path, template)
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "Nowhere Grotesk" in line]
    assert len(warnings) == 1, result.output
    assert re.search(r"deck\.template: the template's font 'Nowhere Grotesk' is not installed here: text is fitted with the metrics of '[^']+'", warnings[0])


def test_text_is_measured_with_the_template_font_it_will_be_drawn_in():
    from deckgen import fonts
    from deckgen.text import text_width

    faces, name = fonts.find("Arial")
    if faces is None:
        pytest.skip("neither Arial nor Liberation Sans is installed")
    carlito = text_width("Where newcomers should start", 24)
    arial = text_width("Where newcomers should start", 24, families=(tuple(sorted((k, str(v)) for k, v in faces.items())),))
    assert name in ("Arial", "Liberation Sans")
    assert arial > carlito * 1.05  # Arial is wider than Calibri: fitting with Carlito would overflow
    assert text_width("Where newcomers should start", 24) == carlito


def test_deckgen_template_shows_the_mapping_before_building(tmp_path):
    template = rename_layouts(tmp_path, {"Title Only": "Nur Titel"}, "corporate.pptx")
    result = invoke("template", template)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("corporate.pptx: 13.33 x 7.50 in (16:9), 1 master, 6 layouts, 0 slides of its own")
    assert "  1: Nur Titel: title, date, footer, slide number; title on #FFFFFF, body on #FFFFFF" in out
    assert "  table    -> Nur Titel (master 1)" in out
    assert "  bullets  -> Title and Content (master 1)" in out
    assert re.search(r"  ink +#1B2433 on paper #FFFFFF +\d+\.\d:1", out)
    assert "  body: Calibri: measured with Carlito (its metric twin)" in out
    bad = tmp_path / "not.pptx"
    bad.write_text("hello")
    result = invoke("template", bad)
    assert result.exit_code == 2 and "not a .pptx file" in result.output


# --- LibreOffice's own templates -----------------------------------------------------------------

LO_TEMPLATES = ["Vivid", "Focus", "Metropolis", "Beehive", "Blue_Curve", "Freshes"]


@pytest.fixture(scope="module")
def libreoffice_templates(tmp_path_factory):
    if SOFFICE is None or not LIBREOFFICE_TEMPLATES.is_dir():
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("lo")
    sources = [LIBREOFFICE_TEMPLATES / f"{name}.otp" for name in LO_TEMPLATES]
    sources = [s for s in sources if s.exists()]
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pptx", "--outdir", str(folder), *map(str, sources)], capture_output=True, timeout=300, check=False)
    return {p.stem: p for p in folder.glob("*.pptx")}


def pdf_pages(deck: Path) -> list[str]:
    subprocess.run([SOFFICE, f"-env:UserInstallation={(deck.parent / 'profile').as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(deck.parent), str(deck)], capture_output=True, timeout=300, check=True)
    pdf = deck.with_suffix(".pdf")
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    return [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("name", LO_TEMPLATES)
def test_the_talk_on_libreoffice_impress_templates(tmp_path, libreoffice_templates, name):
    if name not in libreoffice_templates:
        pytest.skip(f"LibreOffice has no {name} template here")
    template = libreoffice_templates[name]
    assert Presentation(str(template)).slides  # the converted template holds slides of its own
    talk_built_on(tmp_path, template)


def test_a_huge_background_picture_is_never_decoded(tmp_path, monkeypatch):
    """The colour behind a layout is sampled from its background picture, but only one whose
    header gives at most 40 megapixels: a larger one is left alone, not decoded."""
    import io

    from PIL import Image

    from deckgen.pptx import template as module

    huge = io.BytesIO()
    Image.new("L", (8000, 6000), 40).save(huge, "PNG")  # 48 megapixels, a few kilobytes
    prs = Presentation(str(template_path()))
    layout = prs.slide_layouts.get_by_name("Title and Content")
    _, blip_id = layout.part.get_or_add_image_part(io.BytesIO(huge.getvalue()))
    background = etree.SubElement(layout._element.find(f"{P}cSld"), f"{P}bg")
    layout._element.find(f"{P}cSld").insert(0, background)
    fill = etree.SubElement(etree.SubElement(background, f"{P}bgPr"), f"{A}blipFill")
    etree.SubElement(fill, f"{A}blip", {"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed": blip_id})
    etree.SubElement(background.find(f"{P}bgPr"), f"{A}effectLst")
    template = tmp_path / "photo.pptx"
    prs.save(str(template))
    decoded = []
    real_load = Image.Image.load
    monkeypatch.setattr(Image.Image, "load", lambda self: (decoded.append(self.size), real_load(self))[1])
    module._read.cache_clear()
    info = module.read(template)
    assert (8000, 6000) not in decoded
    assert info.layout("Title and Content").body_bg == (255, 255, 255)  # unknown: the theme's lt1
    # a small one is sampled: its colour decides the text's
    small = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 20, 30)).save(small, "PNG")
    prs = Presentation(str(template))
    prs.slide_layouts.get_by_name("Title and Content").part.related_part(blip_id)._blob = small.getvalue()
    prs.save(str(template))
    module._read.cache_clear()
    assert module.read(template).layout("Title and Content").body_bg == (20, 20, 30)


def test_a_built_in_theme_and_a_template_together_are_a_located_error(tmp_path):
    outline = talk_on(tmp_path, PPTX_DEFAULT, theme="dark")
    result = invoke("build", outline, "-o", tmp_path / "deck.pptx")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"{outline}:10:10: deck.theme: deck.theme chooses a built-in look, and deck.template brings its own: use one of them"
    ]
    assert not (tmp_path / "deck.pptx").exists()


def test_a_long_title_in_a_templates_small_title_box_takes_the_room_its_layout_has(tmp_path):
    """A template's title slide may give its title one short box (a ribbon): the title keeps
    the 28 pt floor on the lines the layout has room for, its box grown into the free space
    above the subtitle, rather than set smaller with a warning."""
    prs = Presentation(str(template_path()))
    title = next(ph for ph in prs.slide_layouts.get_by_name("Title Slide").placeholders if ph.placeholder_format.idx == 0)
    title.width, title.height = Emu(5 * 914400), Emu(int(0.85 * 914400))
    ribbon = (title.left, title.top, title.width, title.height)
    below = next(ph.top for ph in prs.slide_layouts.get_by_name("Title Slide").placeholders if ph.placeholder_format.idx == 1)
    template = tmp_path / "ribbon.pptx"
    prs.save(str(template))
    outline = tmp_path / "talk.yaml"
    outline.write_text("deck: {title: From Silicon to Product in Eight Layers of Generative AI, template: ribbon.pptx}\nslides:\n  - {kind: title}\n")
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    assert "below the 28 pt floor" not in result.output, result.output
    slide = audited(out).slides[0]
    shape = slide.shapes.title
    assert min(run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs) >= 28
    assert shape.height > ribbon[3] and shape.left == ribbon[0]  # more lines in the ribbon's column
    assert shape.top + shape.height <= below  # above where the layout's subtitle starts
