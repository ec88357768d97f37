"""The pyramid finds the room its slide has: 2 to 8 layers, short and 30-character labels, no,
short and 80-character details, alone, beside 3 or 7 bullets or over a caption, on 16:9 and
4:3 slides. Every slide builds with every label and detail at 14 pt or more and every bullet
at 18 pt or more, read back from the plan the deck is written from (and, for a sample, from
the written deck itself, as a picture and as native shapes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL_DECK, open_deck
from deckgen import pipeline as b
from deckgen.errors import OutlineError
from deckgen.kinds.base import pyramid_text_sizes
from deckgen.plan import Picture, PyramidShapes, TextBox

PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"  # 4:3
EMU_PER_PT = 12700

SHORT_DETAIL = "what it does"
LONG_DETAIL = "Transistors, lithography and the fabs that make them, wafer by wafer, year after"  # 80 characters
assert len(LONG_DETAIL) == 80


def label(i: int, long: bool) -> str:
    return f"Generation and evaluation, L{i:02d}" if long else ["Base", "Chips", "Systems", "Cloud", "Platforms", "Models", "Apps", "Users"][i]


def bullets(count: int) -> str:
    return "[" + ", ".join(f"Point {k} about what this layer does" for k in range(1, count + 1)) + "]"


def outline(n: int, long_labels: bool, details: str | None, render: str = "picture", template: str | None = None) -> str:
    layers = ""
    for i in range(n):
        detail = {None: "", "short": f", detail: '{SHORT_DETAIL} {i}'", "long": f", detail: '{LONG_DETAIL[:-2]}{i:02d}'"}[details]
        layers += f"    - {{id: l{i}, label: '{label(i, long_labels)}'{detail}}}\n"
    deck = MINIMAL_DECK + (f"  template: {template}\n" if template else "")
    slides = [
        "{kind: pyramid, title: Alone}",
        f"{{kind: pyramid, title: Three bullets, bullets: {bullets(3)}}}",
        f"{{kind: pyramid, title: Seven bullets, bullets: {bullets(7)}}}",
        "{kind: pyramid, title: With a caption, caption: 'The higher you go, the closer you are to the people who use it.'}",
        f"{{kind: layer, layer: l{n // 2}, bullets: {bullets(3)}}}",
        f"{{kind: layer, layer: l0, bullets: {bullets(7)}}}",
    ]
    slides = [s[:-1] + f", render: {render}}}" for s in slides]
    return deck + "pyramid:\n  layers:\n" + layers + "slides:\n" + "".join(f"  - {s}\n" for s in slides)


def check_plan(planned, n: int) -> None:
    """Assert every pyramid text of every slide is at its floor or above, read from the plan."""
    for slide in planned.slides:
        drawn = [e for e in slide.elements if isinstance(e, PyramidShapes) or (isinstance(e, Picture) and e.diagram is not None)]
        [element] = drawn
        spec = element.spec if isinstance(element, PyramidShapes) else element.diagram
        labels, details = pyramid_text_sizes(spec)
        assert len(labels) == n and min(labels) >= 14, (slide.index, labels)
        assert not details or min(details) >= 14, (slide.index, details)
        for box in (e for e in slide.elements if isinstance(e, TextBox)):
            if any(p.bullet for p in box.paragraphs):
                assert min(p.size(box.size) for p in box.paragraphs if p.level == 0) >= 18, (slide.index, box.size)
            elif box.paragraphs and box.paragraphs[0].runs and box.paragraphs[0].runs[0].italic:  # the caption
                assert box.size >= 14, (slide.index, box.size)
        left, top, width, height = element.box
        assert left >= 0 and top >= 0 and left + width <= planned.theme.slide_width + 1e-6 and top + height <= planned.theme.content_bottom + 1e-6


REMEDIES = ("shorten it by about", "move the caption to the speaker notes", "bullets on this slide", "give the bullets a slide of their own", "use fewer layers")


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7, 8])
def test_every_pyramid_of_the_grid_builds_with_its_text_at_the_floor(tmp_path, n, aspect):
    template = None
    if aspect == "4:3":
        shutil.copy(PPTX_DEFAULT, tmp_path / "default.pptx")
        template = "default.pptx"
    refused = []
    for long_labels in (False, True):
        for details in (None, "short", "long"):
            path = tmp_path / f"talk-{long_labels}-{details}.yaml"
            path.write_text(outline(n, long_labels, details, template=template))
            loaded = b.load(path)
            try:
                planned = b.plan(loaded)
            except OutlineError as exc:
                messages = [str(p) for p in exc.problems]
                assert all(any(r in m for r in REMEDIES) for m in messages), messages
                refused.append((long_labels, details, sorted({m.split(": ")[1] for m in messages})))
                continue
            if aspect == "4:3":
                assert abs(planned.theme.slide_width - 10.0) < 1e-6
            check_plan(planned, n)
    if aspect == "16:9" or n < 7:
        assert not refused, refused
    else:
        # seven or eight two-line details, a pyramid, and seven bullets at 18 pt are more than a
        # 10-inch slide holds: only that slide is refused, and it says how many bullets fit
        assert refused == [(False, "long", ["slides[2].bullets"]), (True, "long", ["slides[2].bullets"])], refused


def test_seven_bullets_beside_eight_long_details_on_4_3_say_how_many_fit(tmp_path):
    shutil.copy(PPTX_DEFAULT, tmp_path / "default.pptx")
    path = tmp_path / "talk.yaml"
    path.write_text(outline(8, True, "long", template="default.pptx"))
    with pytest.raises(OutlineError) as caught:
        b.plan(b.load(path))
    [problem] = caught.value.problems
    assert "the bullets fit beside the pyramid only at" in str(problem) and "below the 18 pt floor" in str(problem)
    assert "put at most 6 of the 7 bullets on this slide and the rest on the next" in str(problem)


@pytest.mark.parametrize("n, long_labels, details, render, aspect", [
    (8, True, "short", "shapes", "4:3"),
    (8, False, "long", "picture", "16:9"),
    (7, True, "long", "shapes", "16:9"),
    (4, True, "short", "picture", "4:3"),
    (2, True, None, "shapes", "4:3"),
    (5, False, "long", "shapes", "16:9"),
])
def test_a_sample_of_the_grid_as_decks(tmp_path, n, long_labels, details, render, aspect):
    """Built for real and reopened: native shapes carry their sizes in the deck (over the
    template's scale, the floors are in points of a 7.5-inch-high slide)."""
    template = None
    if aspect == "4:3":
        shutil.copy(PPTX_DEFAULT, tmp_path / "default.pptx")
        template = "default.pptx"
    path = tmp_path / "talk.yaml"
    path.write_text(outline(n, long_labels, details, render, template))
    result = b.build(path, output=tmp_path / "talk.pptx")
    prs = open_deck(result.path)
    scale = prs.slide_height / EMU_PER_PT / 72 / 7.5
    for slide in prs.slides:
        pyramids = [s for s in slide.shapes if s.shape_type == (6 if render == "shapes" else 13)]
        assert len(pyramids) == 1, [s.name for s in slide.shapes]
        if render == "shapes":
            texts = [s for s in pyramids[0].shapes if s.has_text_frame and s.text_frame.text]
            sizes = [r.font.size.pt / scale for s in texts for p in s.text_frame.paragraphs for r in p.runs]
            assert len(texts) >= n and min(sizes) >= 14 - 1e-6, sizes
            labels = {s.text_frame.text.replace("\n", " ") for s in texts}
            assert all(label(i, long_labels) in labels for i in range(n))
        boxes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Point 1")]
        for box in boxes:
            assert min(r.font.size.pt for p in box.text_frame.paragraphs for r in p.runs) / scale >= 18 - 1e-6


def test_a_label_refused_for_the_caption_says_to_move_the_caption(write_outline):
    """Shortening a one-letter label cannot help: the refusal names the caption instead, and
    every label of every slide comes in the one run."""
    layers = "".join(f"    - {{id: l{i}, label: 'X'}}\n" for i in range(8))
    caption = " ".join(["A caption so long that it takes most of the slide's height"] * 30)
    path = write_outline(MINIMAL_DECK + "pyramid:\n  layers:\n" + layers + f"slides:\n  - {{kind: pyramid, title: P, caption: \"{caption}\"}}\n  - {{kind: pyramid, title: Q, caption: \"{caption}\"}}\n")
    with pytest.raises(OutlineError) as caught:
        b.plan(b.load(path))
    messages = [str(p) for p in caught.value.problems]
    refused = [m for m in messages if "the layer label 'X'" in m]
    assert len(refused) == 16, messages  # eight labels on each of the two slides
    assert all("move the caption to the speaker notes" in m and "shorten it" not in m for m in refused)
    assert {m.split("(slide ")[1][0] for m in refused} == {"1", "2"}


def test_bullets_no_layout_holds_say_how_many_fit(write_outline):
    many = "[" + ", ".join(f"Bullet {k} says something long enough to wrap onto a second line here" for k in range(12)) + "]"
    layers = "".join(f"    - {{id: l{i}, label: 'Layer {i}', detail: '{LONG_DETAIL}'}}\n" for i in range(4))
    path = write_outline(MINIMAL_DECK + "pyramid:\n  layers:\n" + layers + f"slides:\n  - {{kind: pyramid, title: P, bullets: {many}}}\n")
    with pytest.raises(OutlineError) as caught:
        b.plan(b.load(path))
    [message] = [str(p) for p in caught.value.problems if "bullets fit beside the pyramid" in str(p)]
    assert "below the 18 pt floor" in message
    assert "put at most" in message and "of the 12 bullets on this slide" in message


def arial_template(folder: Path) -> Path:
    """Return a copy of the built-in template whose theme asks for Arial."""
    from pptx import Presentation

    from deckgen.theme import template_path

    prs = Presentation(str(template_path()))
    theme_part = prs.slide_master.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    theme_part._blob = theme_part.blob.replace(b'typeface="Calibri"', b'typeface="Arial"')
    path = folder / "arial.pptx"
    prs.save(str(path))
    return path


def test_the_picture_is_measured_and_drawn_in_the_templates_font(tmp_path):
    from deckgen import fonts
    from deckgen.diagrams.pyramid import render_png

    faces, name = fonts.find("Arial")
    if faces is None:
        pytest.skip("neither Arial nor Liberation Sans is installed")
    arial_template(tmp_path)
    path = tmp_path / "talk.yaml"
    path.write_text(outline(6, True, "long", template="arial.pptx"))
    loaded = b.load(path)
    planned = b.plan(loaded)
    check_plan(planned, 6)
    spec = next(iter(loaded.diagrams.values()))
    assert spec.families and str(fonts.face_file(faces, (True, False, False))) in {p for _, p in spec.families[0]}
    # Arial is wider than Calibri's twin: measured with Carlito, the labels would overflow
    from dataclasses import replace

    carlito = replace(spec, families=())
    assert spec.measure(True)(spec.layers[0].label, 10) > carlito.measure(True)(spec.layers[0].label, 10) * 1.05
    assert render_png(spec) != render_png(carlito)


@pytest.mark.parametrize("extra, render", [("  shape: inverted\n", "shapes"), ("  shape: inverted\n", "picture"), ("", "shapes")])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_inverted_and_right_to_left_pyramids_find_the_same_room(tmp_path, extra, render, language):
    text = outline(8, True, "long", render).replace("pyramid:\n", "pyramid:\n" + extra, 1)
    if language == "ar":
        text = text.replace("deck:\n", "deck:\n  language: ar\n", 1)
    path = tmp_path / "talk.yaml"
    path.write_text(text)
    loaded = b.load(path)
    planned = b.plan(loaded)
    check_plan(planned, 8)
    for spec in loaded.diagrams.values():
        assert spec.inverted == bool(extra)
        assert spec.detail_side == ("left" if language == "ar" else "right")
    prs = open_deck(b.build(path, output=tmp_path / "talk.pptx").path)
    assert len(prs.slides) == 6


@pytest.mark.parametrize("n", [2, 5, 8])
def test_details_never_touch_and_leader_lines_can_be_seen(n):
    from deckgen.diagrams.labels import label_texts, leader_lines
    from deckgen.diagrams.spec import LayerSpec, PyramidSpec
    from deckgen.theme import DEFAULT_THEME, contrast_ratio

    layers = tuple(LayerSpec(label(i, True), LONG_DETAIL) for i in range(n))
    spec = PyramidSpec(layers, tuple(DEFAULT_THEME.band_colours(n)), focus=frozenset({0}), width_in=8.0, height_in=4.9, detail_share=0.5, apex=0.7)
    lay = spec.layout(spec.width_in * 72, spec.height_in * 72)
    details = sorted(label_texts(spec, lay, 1.0)[n:], key=lambda t: t.y)
    assert len(details) == n and all(len(t.lines) >= 2 for t in details)
    for upper, lower in zip(details, details[1:]):
        bottom = upper.y + len(upper.lines) * upper.size * 1.15 / 2
        top = lower.y - len(lower.lines) * lower.size * 1.15 / 2
        assert top - bottom >= 0.3 * upper.size - 1e-6  # a third of an em between two blocks
    for _, _, colour in leader_lines(spec, lay):
        assert contrast_ratio(colour, DEFAULT_THEME.palette.paper) >= 3.0
