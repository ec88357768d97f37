"""Covers, titles and closing slides take the room a third-party template's layout has for them.

Each test builds a corpus talk on a real template (LibreOffice's own, converted once for the
module; skipped where LibreOffice is missing) and reopens the deck: where its title and
subtitle stand, at what size, and whether they keep clear of the shapes the template draws.
The geometry of deckgen/room.py is tested on its own first.
"""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation
from pptx.util import Emu

from corpus_talks import build, convert_libreoffice_templates, talk_in
from deckgen.pptx.template import read
from deckgen.room import clear, clear_rectangles, grown, rooms
from deckgen.template import layout_scale

SOFFICE = shutil.which("soffice")
SHARD = ((0.0, 0.0), (4.0, 0.0), (1.0, 7.5), (0.0, 7.5))  # a shard along the left edge, wide at the top
SLIDE = (13.333, 7.5)


def test_clear_rectangles_keep_off_a_shard():
    found = sorted(clear_rectangles((SHARD,), SLIDE, (0.0, 0.0, *SLIDE)), key=lambda r: r[2] * r[3], reverse=True)
    assert found and all(clear(r, (SHARD,), SLIDE) for r in found[:5])
    assert max(r[2] * r[3] for r in found) >= 9.0 * 7.0  # the right of the slide, beside the shard
    assert not clear((0.5, 1.0, 4.0, 1.0), (SHARD,), SLIDE)
    assert clear((5.0, 1.0, 4.0, 1.0), (SHARD,), SLIDE)


def test_a_box_grows_only_into_clear_room():
    limits = (0.4, 0.25, 12.5, 3.0)
    box = grown((5.0, 1.0, 4.0, 1.0), (SHARD,), SLIDE, limits)
    assert box[3] >= 2.9 and box[0] + box[2] >= 12.8  # up, down and right as far as the limits
    assert clear(box, (SHARD,), SLIDE)
    best = rooms((0.5, 1.0, 6.0, 3.0), (SHARD,), SLIDE, (0.4, 0.4, 12.5, 6.7), min_width=3.0)[0]
    assert clear(best, (SHARD,), SLIDE) and best[2] >= 3.0


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    if SOFFICE is None:
        pytest.skip("LibreOffice converts its templates")
    found = convert_libreoffice_templates(tmp_path_factory.mktemp("covers"), SOFFICE, ("Focus", "Metropolis", "Nature_Illustration", "Lights"))
    if not found:
        pytest.skip("LibreOffice's templates are not installed")
    return found


@pytest.fixture(scope="module")
def decks(tmp_path_factory, templates):
    """Build a corpus talk on a template once for the module: (deck, template read, scale, problems)."""
    made = {}

    def built(name: str, talk: str):
        if name not in templates:
            pytest.skip(f"LibreOffice has no {name} template here")
        if (name, talk) not in made:
            folder = tmp_path_factory.mktemp(f"{name}-{talk}")
            loaded, problems = build(talk_in(folder / talk, talk, templates[name]), folder / "deck.pptx")
            assert loaded is not None, problems
            info = read(folder / "deck.pptx")  # the deck's own layouts and masters, as its slides use them
            made[name, talk] = Presentation(str(folder / "deck.pptx")), info, layout_scale(*info.size_in), problems
        return made[name, talk]

    return built


def inches(shape, scale: float) -> tuple[float, ...]:
    return tuple(Emu(v).inches / scale for v in (shape.left, shape.top, shape.width, shape.height))


def sizes(shape, scale: float) -> list[float]:
    """Return the sizes of `shape`'s runs in layout points, to the hundredth of a point written."""
    return [round(run.font.size.pt / scale, 1) for p in shape.text_frame.paragraphs for run in p.runs if run.font.size is not None]


def subtitle_of(slide):
    return next(s for s in slide.placeholders if s.placeholder_format.idx != 0 and s.has_text_frame and s.text_frame.text)


def layout_outlines(info, prs, slide, scale: float, painted: bool = False) -> tuple:
    master = list(prs.slide_masters).index(slide.slide_layout.slide_master)
    layout = next(x for x in info.layouts if x.name == slide.slide_layout.name and x.master == master)
    return tuple(tuple((x / 914400 / scale, y / 914400 / scale) for x, y in o) for o in (layout.painted if painted else layout.decorations))


@pytest.mark.parametrize("talk", ["oncall-lessons", "kubernetes-de"])
def test_a_cover_on_focus_stands_clear_of_its_shards_at_its_floors(decks, talk):
    prs, info, scale, problems = decks("Focus", talk)
    assert not [p for p in problems if "slides[0]" in p], problems
    cover = prs.slides[0]
    outlines = layout_outlines(info, prs, cover, scale)
    assert outlines, "Focus's cover draws its shards"
    title, subtitle = cover.shapes.title, subtitle_of(cover)
    for shape in (title, subtitle):
        assert clear(inches(shape, scale), outlines, SLIDE), (shape.name, inches(shape, scale))
    assert min(sizes(title, scale)) >= 28
    assert min(sizes(subtitle, scale)) >= 14
    t, s = inches(title, scale), inches(subtitle, scale)
    assert t[1] + t[3] <= s[1] + 1e-6  # the subtitle under the title, not over it


@pytest.mark.parametrize("slide", [0, 1])
def test_a_long_title_on_metropolis_keeps_28_pt_in_the_room_its_layout_has(decks, slide):
    prs, info, scale, problems = decks("Metropolis", "oncall-lessons")
    assert not [p for p in problems if f"slides[{slide}].title" in p], problems
    title = prs.slides[slide].shapes.title
    assert min(sizes(title, scale)) >= 28
    left, top, width, height = inches(title, scale)
    below = [inches(s, scale) for s in prs.slides[slide].placeholders if s.placeholder_format.idx != 0 and s.has_text_frame and s.text_frame.text]
    assert all(top + height <= b[1] + 1e-6 for b in below)  # grown into free room, not over the text under it
    assert left >= 0.25 and left + width <= SLIDE[0] - 0.25 and top >= 0.2


@pytest.mark.parametrize("talk", ["kubernetes-de", "security-review"])
def test_a_cover_on_nature_illustration_keeps_its_subtitle_at_14_pt_and_its_closing_inside_the_slide(decks, talk):
    prs, info, scale, problems = decks("Nature_Illustration", talk)
    assert not [p for p in problems if "subtitle" in p or "past the slide's edge" in p], problems
    assert min(sizes(subtitle_of(prs.slides[0]), scale)) >= 14
    width = prs.slide_width
    for shape in prs.slides[len(prs.slides) - 1].shapes:
        if shape.has_text_frame and shape.text_frame.text:
            assert shape.left >= 0 and shape.left + shape.width <= width, (shape.name, shape.left, shape.width, width)


def slide_size(prs, scale: float) -> tuple[float, float]:
    return Emu(prs.slide_width).inches / scale, Emu(prs.slide_height).inches / scale


def test_a_table_on_focus_stands_in_the_part_of_the_content_area_clear_of_its_shards(decks):
    prs, info, scale, problems = decks("Focus", "security-review")
    assert not [p for p in problems if "slides[1]" in p], problems
    slide = prs.slides[1]
    outlines = layout_outlines(info, prs, slide, scale)
    table = next(s for s in slide.shapes if s.has_table)
    box = inches(table, scale)
    assert outlines and clear(box, outlines, slide_size(prs, scale)), box
    assert box[2] >= 0.6 * 11.5  # most of the content area's width: the corners the shards take are left


def test_a_long_link_on_a_narrow_closing_keeps_14_pt_broken_between_its_words(decks):
    prs, info, scale, problems = decks("Focus", "security-review")
    assert not [p for p in problems if "links" in p], problems
    closing = prs.slides[len(prs.slides) - 1]
    body = subtitle_of(closing)
    linked = [r for p in body.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    # one run per place the line may break, each to the one address: LibreOffice wraps a link only there
    assert [r.text for r in linked][-3:] == ["cheatsheetseries.owasp.org/", "cheatsheets/", "Threat_Modeling_Cheat_Sheet.html"]
    assert {r.hyperlink.address for r in linked} == {"https://cheatsheetseries.owasp.org/cheatsheets/Threat_Modeling_Cheat_Sheet.html"}
    assert min(round(r.font.size.pt / scale, 1) for r in linked) >= 14 * 0.8 / 0.8 - 0.05


def test_trees_painted_into_a_background_picture_are_kept_off(decks):
    prs, info, scale, problems = decks("Nature_Illustration", "oncall-lessons")
    closing = prs.slides[len(prs.slides) - 1]
    outlines = layout_outlines(info, prs, closing, scale, painted=True)
    # the master's background picture draws trees and a sun: read as shapes text keeps off
    assert len(outlines) >= 5, outlines
    size = slide_size(prs, scale)
    for shape in closing.shapes:
        if shape.has_text_frame and shape.text_frame.text and not shape.text_frame.text.startswith("Scan"):
            assert clear(inches(shape, scale), outlines, size), (shape.name, shape.text_frame.text[:30], inches(shape, scale))
    prs, info, scale, problems = decks("Nature_Illustration", "cloud-costs")
    chart_slide = next(s for s in prs.slides if any(x.has_chart and x.chart.chart_type is not None and "BAR" in str(x.chart.chart_type) for x in s.shapes))
    chart = next(x for x in chart_slide.shapes if x.has_chart)
    assert clear(inches(chart, scale), layout_outlines(info, prs, chart_slide, scale, painted=True), size), inches(chart, scale)


def test_text_over_a_templates_translucent_bubbles_takes_a_colour_that_reads_on_them(decks):
    from deckgen.theme import contrast_ratio

    prs, info, scale, problems = decks("Lights", "cloud-ar")
    cover = prs.slides[0]
    master = list(prs.slide_masters).index(cover.slide_layout.slide_master)
    layout = next(x for x in info.layouts if x.name == cover.slide_layout.name and x.master == master)
    assert layout.tints, "Lights' cover draws translucent bubbles where its text stands"
    runs = [r for p in subtitle_of(cover).text_frame.paragraphs for r in p.runs if r.font.color and r.font.color.type is not None]
    assert runs
    for run in runs:
        colour = tuple(run.font.color.rgb)
        size = run.font.size.pt / scale
        need = 3.0 if size >= 18 or (run.font.bold and size >= 14) else 4.5  # WCAG's AA, large text from 18 pt (14 pt bold)
        grounds = (layout.title_bg, layout.body_bg, *layout.tints)
        worst = min(contrast_ratio(colour, g) for g in grounds)
        # the ratio asked for on every ground, or where no one colour reaches it on all, the best compromise there is
        best = max(min(contrast_ratio(c, g) for g in grounds) for c in ((255, 255, 255), (0, 0, 0)))
        assert worst >= min(need, best) - 1e-6, (run.text, colour, worst, best)


def test_a_templates_background_picture_is_decoded_once_however_many_shapes_stand_on_it(templates, monkeypatch):
    # Nature_Illustration's master and layouts stand on one painted picture: reading the template
    # asks for the colour behind every shape at many points, which decoded the picture each time
    # (LibreOffice's Vintage took 12 s of CPU for a one-slide talk, past the 8 s time budget)
    import PIL.Image

    from deckgen.pptx import template as reading

    opened: list[int] = []
    real_open = PIL.Image.open

    def counting(fp, *args, **kwargs):
        opened.append(len(fp.getvalue()) if hasattr(fp, "getvalue") else 0)
        return real_open(fp, *args, **kwargs)

    monkeypatch.setattr(PIL.Image, "open", counting)
    for cached in (reading._read, reading._picture_mean, reading._picture_cells):
        cached.cache_clear()
    info = read(templates["Nature_Illustration"])
    assert any(layout.painted for layout in info.layouts)  # the picture was read
    pictures = set(opened)
    # each picture decoded once for its colour and once for what it paints, not per point asked
    assert opened and len(opened) <= 2 * len(pictures), (len(opened), len(pictures))
