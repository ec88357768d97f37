"""The render check: what LibreOffice draws of a deck, held against what the slide should be.

The checks themselves are tested on drawn pages made here (no LibreOffice needed); the whole
check is tested where LibreOffice and Ghostscript are installed, on decks deckgen built
before the defects in them were fixed (tests/data/render) and through the CLI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from deckgen.drawn import DPI, Line, Page
from deckgen.render_check import Drawable, SlideDrawing, check_page, normal

HERE = Path(__file__).parent
FIXTURES = HERE / "data" / "render"
DRAWS = shutil.which("soffice") is not None and shutil.which("gs") is not None
needs_renderer = pytest.mark.skipif(not DRAWS, reason="LibreOffice and Ghostscript draw the deck")
WHITE, INK, PALE = (255, 255, 255), (27, 36, 51), (200, 200, 200)


def page(lines, width=13.333, height=7.5, fill=WHITE, panels=()) -> Page:
    """Return a drawn page: `lines` of text over a background of `fill` with `panels` (box, colour)."""
    im = Image.new("RGB", (round(width * DPI), round(height * DPI)), fill)
    for (left, top, w, h), colour in panels:
        im.paste(colour, (round(left * DPI), round(top * DPI), round((left + w) * DPI), round((top + h) * DPI)))
    return Page(width, height, list(lines), im)


def line(text, box, size=24.0, colour=INK, bold=False) -> Line:
    return Line(text, size, bold, colour, box)


def slide(*items, decorations=(), width=13.333, height=7.5) -> SlideDrawing:
    return SlideDrawing(0, width, height, height / 7.5, tuple(items), decorations)


def body(text, box, size=24.0, kind="body", name="the body text") -> Drawable:
    return Drawable(kind, name, box, normal(text), size)


def test_a_clean_page_has_no_finding():
    s = slide(body("Hello world", (1, 1, 6, 1), kind="title", name="the title", size=40), body("One point", (1, 2.5, 6, 3)))
    p = page([line("Hello world", (1.1, 1.1, 3, 0.6), 40), line("One point", (1.1, 2.6, 2, 0.4))])
    assert check_page(s, p) == []


def test_text_a_renderer_shrinks_under_its_floor_is_found():
    s = slide(body("A long list of points", (1, 2, 6, 3), size=20))
    found = check_page(s, page([line("A long list of points", (1.1, 2.1, 4, 0.3), 12.5)]))
    assert found == ["the body text is drawn at 12.5 pt ('A long list of points'), below the 18 pt floor: shorten it or split the slide"]


def test_a_label_planned_small_on_purpose_answers_only_to_the_secondary_floor():
    eyebrow = body("SECTION", (1, 0.5, 4, 0.4), size=16, kind="title", name="the title")
    assert check_page(slide(eyebrow), page([line("SECTION", (1.1, 0.55, 1.5, 0.25), 16)])) == []
    assert "below the 14 pt floor" in check_page(slide(eyebrow), page([line("SECTION", (1.1, 0.55, 1.5, 0.2), 11)]))[0]


def test_floors_are_for_a_slide_7_5_inches_high():
    # on a 4:3 slide 10 in by 7.5 in the floors hold as they are; on a slide 5.625 in high, at 3/4
    small = SlideDrawing(0, 10, 5.625, 0.75, (body("Point", (0.5, 1, 5, 2), size=18 * 0.75),), ())
    assert check_page(small, page([line("Point", (0.6, 1.1, 1, 0.2), 13.5)], 10, 5.625)) == []
    assert check_page(small, page([line("Point", (0.6, 1.1, 1, 0.2), 9)], 10, 5.625))


def test_text_past_its_box_and_past_the_slide_is_found():
    s = slide(body("First line second line third line", (1, 5, 6, 1.5)))
    p = page([line("First line", (1.1, 5.1, 3, 0.4)), line("second line", (1.1, 6.2, 3, 0.4)), line("third line", (1.1, 7.3, 3, 0.4))])
    found = check_page(s, p)
    assert any("runs 1.2 in past its box" in f for f in found), found
    assert any("past the slide's edge ('third line')" in f for f in found), found


def test_text_over_other_text_is_found_and_so_are_colliding_labels_of_one_chart():
    s = slide(body("Links here", (1, 5, 5, 1), kind="text", name="the closing links"), body("Thank you", (1, 4.5, 5, 1), kind="title", name="the title", size=40))
    p = page([line("Links here", (1.1, 5.0, 3, 0.4)), line("Thank you", (1.1, 4.9, 3, 0.6), 40)])
    assert check_page(s, p) == ["the closing links ('Links here') is drawn over the title ('Thank you')"]
    chart = slide(Drawable("chart", "the chart", (1, 1, 8, 5)))
    labels = page([line("1.20 €", (3, 3, 0.6, 0.25), 18), line("1.25 €", (3.1, 3.05, 0.6, 0.25), 18)])
    assert check_page(chart, labels) == ["the chart ('1.20 €') is drawn over another of its labels ('1.25 €')"]


def test_text_over_a_picture_is_found_unless_it_was_laid_on_the_picture():
    qr = Drawable("picture", "the picture 'QR code'", (6, 3, 3, 3))
    links = body("https://example.org/a/long/address", (1, 3, 6, 1), kind="text", name="the links")
    found = check_page(slide(qr, links), page([line("https://example.org/a/long/address", (1.1, 3.1, 5.5, 0.4))]))
    assert found == ["the links ('https://example.org/a/long/address') is drawn over the picture 'QR code'"]
    caption = body("Over the photo", (7, 4, 1.5, 1), kind="text", name="the caption")
    assert check_page(slide(qr, caption), page([line("Over the photo", (7.1, 4.1, 1.3, 0.3), 18, WHITE)], panels=[((6, 3, 3, 3), (20, 20, 20))])) == []


def test_text_over_a_shape_of_the_template_is_found_but_not_text_standing_on_one():
    band = ((0, 0), (13.333, 0), (13.333, 1.2), (0, 1.2))
    s = slide(body("A title that grew", (1, 0.8, 10, 1.5), kind="title", name="the title", size=40), decorations=(band,))
    p = page([line("A title that grew", (1.1, 0.9, 6, 0.6), 40)], panels=[((0, 0, 13.333, 1.2), INK)])
    assert any("drawn over a shape the template draws itself" in f for f in check_page(s, p))
    on_it = slide(body("Inside the band", (1, 0.2, 10, 0.8), kind="title", name="the title", size=40), decorations=(band,))
    assert check_page(on_it, page([line("Inside the band", (1.1, 0.3, 6, 0.6), 40, WHITE)], panels=[((0, 0, 13.333, 1.2), INK)])) == []


def test_contrast_is_measured_against_the_pixels_behind_each_line():
    s = slide(body("Dimmed code", (1, 2, 8, 3), kind="text", name="the code", size=16))
    grey = check_page(s, page([line("Dimmed code", (1.1, 2.1, 3, 0.3), 16, PALE)]))
    assert grey == ["the code ('Dimmed code') stands at 1.7:1 against what is drawn behind it, below 4.5:1"]
    # the same grey on a dark panel is legible; half over the panel and half off it is not
    assert check_page(s, page([line("Dimmed code", (1.1, 2.1, 3, 0.3), 16, PALE)], panels=[((1, 2, 8, 3), INK)])) == []
    half = check_page(s, page([line("Dimmed code", (1.1, 2.1, 3, 0.3), 16, PALE)], panels=[((2.6, 2, 8, 3), INK)]))
    assert half and "below 4.5:1" in half[0]


def test_large_text_needs_three_to_one():
    s = slide(body("Big words", (1, 2, 8, 3), size=28))
    mid = (118, 118, 118)  # 4.5:1 on white is #767676: 3:1 passes at 28 pt, not at 16 pt
    assert check_page(s, page([line("Big words", (1.1, 2.1, 3, 0.5), 28, mid)])) == []
    small = slide(body("Small words", (1, 2, 8, 3), kind="text", name="the note", size=14))
    assert check_page(small, page([line("Small words", (1.1, 2.1, 3, 0.3), 14, (150, 150, 150))]))


def test_the_renderers_bullet_glyphs_are_not_the_speakers_text():
    s = slide(body("Point", (1, 2, 8, 3)))
    assert check_page(s, page([line("•", (0.9, 2.1, 0.1, 0.4), 24, PALE), line("Point", (1.1, 2.1, 1, 0.4))])) == []


# --- through LibreOffice ---------------------------------------------------------------------------

def deckgen(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "deckgen", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=600)


def findings(deck: Path) -> list[str]:
    from deckgen.pipeline import check_drawn_deck

    return [p.message for p in check_drawn_deck(deck)]


@pytest.fixture(scope="module")
def drawn_fixtures():
    if not DRAWS:
        pytest.skip("LibreOffice and Ghostscript draw the deck")
    return {deck.stem: findings(deck) for deck in sorted(FIXTURES.glob("*.pptx"))}


@needs_renderer
def test_chart_labels_that_vanish_on_their_segment_or_collide_are_found(drawn_fixtures):
    found = drawn_fixtures["cloud-costs-builtin"]
    # the 3 % slice's label drawn in its own slice's colour, its number format lost ("0.03")
    assert any(f.startswith("slide 2 ") and "the chart ('0.03') stands at 1.0:1" in f for f in found), found
    # dark labels on the stacked columns' dark bars
    assert any(f.startswith("slide 4 ") and "the chart ('120,000 €') stands at 1.9:1" in f for f in found), found
    # two line series' labels drawn over each other
    assert any(f.startswith("slide 5 ") and "is drawn over another of its labels" in f for f in found), found


@needs_renderer
def test_dimmed_code_too_faint_to_read_is_found(drawn_fixtures):
    found = drawn_fixtures["rust-errors-builtin"]
    faint = [float(m.group(1)) for f in found if f.startswith("slide 6 ") and (m := re.search(r"stands at ([0-9.]+):1", f))]
    assert faint and max(faint) <= 2.0, found


@needs_renderer
def test_the_closing_links_under_the_qr_code_on_a_4_3_template_are_found(drawn_fixtures):
    found = drawn_fixtures["oncall-lessons-default"]
    assert any(f.startswith("slide 5 ") and "is drawn over the picture 'QR code'" in f for f in found), found


@needs_renderer
def test_text_on_a_templates_decoration_and_titles_that_vanish_on_its_band_are_found(drawn_fixtures):
    focus = drawn_fixtures["kubernetes-de-Focus"]
    assert any(f.startswith("slide 1 ") and "the title ('Kubernetes für') is drawn over a shape the template draws itself" in f for f in focus), focus
    lights = drawn_fixtures["kubernetes-de-Lights"]
    assert any(f.startswith("slide 4 ") and "the title ('Warum Containerorchestrierung?') stands at 1.8:1" in f for f in lights), lights
    beehive = drawn_fixtures["security-review-Beehive"]
    assert any(f.startswith("slide 1 ") and "the title ('Threat Modelling for Small Teams') is drawn over a shape the template draws itself" in f for f in beehive), beehive


@needs_renderer
def test_body_placeholders_that_inherit_the_title_s_box_are_found(drawn_fixtures):
    # LibreOffice's templates give the subtitle the title's index: PowerPoint and python-pptx
    # place it in the title's box, LibreOffice elsewhere; the text lands outside that box
    assert any(f.startswith("slide 1 ") and "the body text runs" in f and "past its box" in f for f in drawn_fixtures["kubernetes-de-Focus"])


@needs_renderer
def test_check_render_strict_refuses_a_drawn_defect_with_the_slide_named(tmp_path):
    deck = tmp_path / "talk.pptx"
    shutil.copy(FIXTURES / "rust-errors-builtin.pptx", deck)
    before = deck.read_bytes()
    run = deckgen("check", "--render", "--strict", deck)
    assert run.returncode == 2, run.stderr
    assert f"{deck}: slide 6 (as LibreOffice draws it): the text 'use anyhow::{{Context, Result}}; fn…'" in run.stderr
    assert "Traceback" not in run.stderr
    assert deck.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["talk.pptx"]
    lenient = deckgen("check", "--render", deck)
    assert lenient.returncode == 0 and "warning:" in lenient.stderr and "(1 finding)" in lenient.stdout


@needs_renderer
def test_check_render_of_an_outline_locates_each_finding_at_its_slide(tmp_path):
    from pptx.dml.color import RGBColor

    from deckgen import pipeline
    from deckgen.errors import OutlineError

    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "deck:\n  title: A talk\nslides:\n  - kind: title\n"
        "  - kind: bullets\n    title: Points\n    bullets: [One point, Another point]\n",
        encoding="utf-8",
    )
    loaded = pipeline.load(outline)
    prs = pipeline.render_deck(loaded)
    assert pipeline.render_check(loaded, pipeline.deck_bytes(prs, loaded)) == []
    # the bullets turned pale after planning, as a template's colour could turn them
    body = [s for s in prs.slides[1].shapes if s.has_text_frame and "One point" in s.text_frame.text][0]
    for paragraph in body.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    found = [str(p) for p in pipeline.render_check(loaded, pipeline.deck_bytes(prs, loaded))]
    assert found == [f"{outline}:5:5: slides[1]: (slide 2, as LibreOffice draws it) the body text ('One point') stands at 1.4:1 against what is drawn behind it, below 3:1"]
    with pytest.raises(OutlineError) as refused:
        loaded.strict()
    assert [str(p) for p in refused.value.problems] == found


def test_check_render_without_libreoffice_says_how_to_install_it(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text("deck:\n  title: T\nslides:\n  - kind: title\n", encoding="utf-8")
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(sys.executable, bare / "python")
    run = deckgen("check", "--render", outline, env={**os.environ, "PATH": str(bare)})
    assert run.returncode == 2
    assert "LibreOffice is needed for this: install it" in run.stderr and "Traceback" not in run.stderr


def test_a_pptx_is_checked_only_as_it_is_drawn(tmp_path):
    run = deckgen("check", FIXTURES / "rust-errors-builtin.pptx")
    assert run.returncode == 2 and "use `deckgen check --render`" in run.stderr


@needs_renderer
def test_a_character_the_renderer_leaves_out_is_found(drawn_fixtures):
    # bold Chinese tagged "zh" (no region) on Vintage: LibreOffice drew 企业采用率 as 企采用率
    found = drawn_fixtures["cloudnative-zh-Vintage"]
    assert any(f.startswith("slide 4 ") and "the title is drawn without '业' (U+4E1A)" in f for f in found), found


def test_a_right_to_left_line_is_given_to_its_own_text():
    # a PDF gives an Arabic line's glyphs in the order they stand, left to right
    found = check_page(slide(body("ليلى حسن", (1, 1, 6, 1), size=14)), page([line("نسح ىليل", (1.2, 1.1, 3, 0.4), size=14, colour=(200, 200, 200))]))
    assert found and all("the body text" in f for f in found), found
