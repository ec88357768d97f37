"""Layout on plans alone: slides planned on a template described as data, checked without
python-pptx; the layout check's findings; builds as data naming plan elements."""

from __future__ import annotations

import pytest

from deckgen.pipeline import default_outline, load
from deckgen.plan import Fill, Picture, Show, SlidePlan, TextBox
from deckgen.plan_check import check_slide, layout_problems
from deckgen.planning import plan_deck

from plan_template import builtin_like

EMU = 914400


def planned(text: str, tmp_path, decorations: tuple = ()):
    outline = tmp_path / "talk.yaml"
    outline.write_text(text)
    loaded = load(outline)
    return plan_deck(loaded.deck, builtin_like(loaded.deck, decorations), diagrams=loaded.diagrams)


TALK = """\
deck: {title: Plans, speaker: Ada}
pyramid:
  layers:
    - {id: a, label: Metal, detail: racks and cables}
    - {id: b, label: Runtime, detail: schedulers}
    - {id: c, label: Apps, detail: what people use}
slides:
  - kind: title
  - kind: bullets
    title: Three points
    reveal: true
    bullets: [one, {text: two, bullets: [two and a half]}, three]
  - kind: layer
    layer: b
    reveal: true
    bullets: [the middle layer, schedules work]
  - kind: chart
    title: Sales
    type: column
    reveal: true
    categories: [Q1, Q2]
    series: [{name: A, values: [1, 2]}, {name: B, values: [2, 3]}]
"""


def inside(inner, outer, slack=0.02):
    return inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[0] + inner[2] <= outer[0] + outer[2] + slack and inner[1] + inner[3] <= outer[1] + outer[3] + slack


def disjoint(a, b):
    return a[0] + a[2] <= b[0] + 0.02 or b[0] + b[2] <= a[0] + 0.02 or a[1] + a[3] <= b[1] + 0.02 or b[1] + b[3] <= a[1] + 0.02


def test_every_slide_of_the_default_talk_plans_inside_the_slide_with_nothing_overlapping():
    loaded = load(default_outline())
    deck = plan_deck(loaded.deck, builtin_like(loaded.deck), diagrams=loaded.diagrams)
    slide = (0, 0, 13.333, 7.5)
    assert len(deck.slides) == 16
    for plan in deck.slides:
        for element in plan.elements:
            box = element.box if not isinstance(element, Fill) or element.written else None
            if box is not None:
                assert inside(box, slide), (plan.index, element)
    assert layout_problems(deck.slides, deck.template) == []


def test_a_bullets_slide_fills_its_layouts_title_and_body_and_builds_one_bullet_a_click(tmp_path):
    plan = planned(TALK, tmp_path).slides[1]
    fills = {e.role: e for e in plan.elements if isinstance(e, Fill)}
    assert fills[0].written and fills[0].paragraphs[0].text == "Three points"
    assert fills[1].box == pytest.approx((548640 / EMU, 1508760 / EMU, 11094720 / EMU, 4663440 / EMU))
    assert [p.text for p in fills[1].paragraphs] == ["one", "two", "two and a half", "three"]
    # one click per top-level bullet, its sub-bullets with it: paragraph ranges of the body
    assert plan.builds == [[Show(fills[1].id, (0, 0))], [Show(fills[1].id, (1, 2))], [Show(fills[1].id, (3, 3))]]
    assert 18 <= fills[1].size <= 32


def test_a_layer_slide_puts_the_pyramid_and_its_bullets_side_by_side(tmp_path):
    plan = planned(TALK, tmp_path).slides[2]
    pyramid = next(e for e in plan.elements if isinstance(e, Picture))
    bullets = next(e for e in plan.elements if isinstance(e, TextBox))
    assert pyramid.diagram is not None and pyramid.data == b""  # drawn when written, not planned
    assert disjoint(pyramid.box, bullets.box) and pyramid.box[0] < bullets.box[0]
    assert [step[0].element for step in plan.builds] == [bullets.id, bullets.id]


def test_a_chart_builds_by_series_with_its_axes_on_the_first_click(tmp_path):
    plan = planned(TALK, tmp_path).slides[3]
    chart = plan.elements[-2] if isinstance(plan.elements[-1], object) else None
    chart = next(e for e in plan.elements if type(e).__name__ == "Chart")
    assert plan.builds == [
        [Show(chart.id, chart="background"), Show(chart.id, chart="series", series=0)],
        [Show(chart.id, chart="series", series=1)],
    ]
    assert chart.series == (("A", (1.0, 2.0)), ("B", (2.0, 3.0)))


def test_the_layout_check_names_text_over_a_templates_logo(tmp_path):
    logo = ((10_500_000, 200_000), (12_000_000, 200_000), (12_000_000, 1_200_000), (10_500_000, 1_200_000))  # a logo at the top right, where titles run
    deck = planned(TALK.replace("title: Three points", "title: A title long enough to run under the logo at the right"), tmp_path, (logo,))
    found = layout_problems(deck.slides, deck.template)
    assert not any(f.index == 1 for f in found), found  # deckgen sets the long title clear of the logo
    slide = deck.slides[1]
    title = next(e for e in slide.elements if getattr(e, "role", None) == 0)
    assert title.box[0] + title.box[2] <= 10_500_000 / 914400 / slide.scale + 0.1 or title.box[1] >= 1_200_000 / 914400 / slide.scale - 0.1
    from deckgen.text import para  # as the module's other checks of plans made by hand

    placed = SlidePlan(1, "bullets", (0, "x"), {}, slide.scale, slide.slide_size)  # the title where the layout has it: under the logo
    placed.text_box(tuple(v / 914400 / slide.scale for v in title.layout_box), [para(title.paragraphs[0].text.replace("\n", " "), bold=True)], deck.theme.title_size)
    outline = tuple((x / 914400 / slide.scale, y / 914400 / slide.scale) for x, y in logo)
    assert any("stands over a shape the template draws" in f.message for f in check_slide(placed, (outline,)))


def test_the_layout_check_names_overlaps_and_edges():
    plan = SlidePlan(4, "bullets", (0, "x"), {}, 1.0, (13.333, 7.5))
    from deckgen.text import para

    a = plan.text_box((1, 1, 5, 2), [para("first words " * 12)], 20)  # wraps: the box's width, three lines
    plan.text_box((4, 1.3, 5, 2), [para("second words")], 20)
    plan.text_box((1, 4, 3, 2), [para("short")], 20)
    plan.text_box((2.5, 4, 3, 2), [para("beside the short one")], 20)  # its box overlaps, its words do not
    plan.picture(b"", (12, 6, 2, 2), "photo.png", "a photo")
    found = [f.message for f in check_slide(plan)]
    assert "the text 'first words first words first words…' overlaps the text 'second words'" in found
    assert not [f for f in found if "short" in f]
    assert "the picture 'photo.png' reaches past the slide's edge" in found
    assert plan.element(a).paragraphs[0].text.startswith("first words")


def test_a_freeform_shard_counts_where_it_is_drawn_not_over_its_whole_box():
    from deckgen.text import para

    shard = ((0.0, 0.0), (0.0, 4.5), (1.4, 0.0))  # a triangle in the top-left corner, as Focus draws
    beside = SlidePlan(0, "bullets", (0, "x"), {}, 1.0, (13.333, 7.5))
    beside.text_box((1.2, 1.0, 6, 0.8), [para("Right of the shard")], 28)
    over = SlidePlan(1, "bullets", (0, "x"), {}, 1.0, (13.333, 7.5))
    over.text_box((0.2, 1.0, 6, 0.8), [para("Over the shard")], 28)
    assert check_slide(beside, (shard,)) == []
    assert [f.message for f in check_slide(over, (shard,))] == ["the text 'Over the shard' stands over a shape the template draws itself (a band, a logo or a decoration)"]


def test_the_layout_check_reads_the_decorations_a_libreoffice_template_draws(tmp_path):
    """Focus paints its slides with triangles (freeforms): read as polygons, they flag a cover
    title that crosses one, and leave the titles beside them alone; deckgen's own cover keeps
    its title and subtitle in the part of the slide clear of them."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    source = "/usr/lib/libreoffice/share/template/common/presnt/Focus.otp"
    if soffice is None or not __import__("os").path.exists(source):
        pytest.skip("LibreOffice and its Focus template are not installed")
    subprocess.run([soffice, "--headless", "--convert-to", "pptx", "--outdir", str(tmp_path), source], capture_output=True, timeout=180, check=True)
    from deckgen.pptx.template import read

    info = read(tmp_path / "Focus.pptx")
    shards = [o for layout in info.layouts for o in layout.decorations if len(o) not in (4,)]
    assert shards, "no freeform outline was read"
    text = default_outline().read_text().replace("deck:\n", "deck:\n  template: Focus.pptx\n", 1)
    (tmp_path / "talk.yaml").write_text(text)
    loaded = load(tmp_path / "talk.yaml")
    from deckgen.pipeline import plan

    planned = plan(loaded)
    found = layout_problems(planned.slides, planned.template)
    assert not any(f.index == 0 for f in found)  # the cover's text stands in the white part, off the shards
    assert not any(f.index == 2 for f in found)  # "Why layers?" stands right of the red shard
    cover = planned.slides[0]
    title = next(e for e in cover.elements if getattr(e, "role", None) == 0)
    title.box = tuple(v / 914400 / cover.scale for v in title.layout_box)  # where the layout has it: over the red shard
    assert any(f.message.startswith("the title stands over") for f in layout_problems([cover], planned.template))
