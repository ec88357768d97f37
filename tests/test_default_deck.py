"""The default four-layer talk: what a speaker walks on stage with."""

from __future__ import annotations

import re

from pptx.util import Emu

from conftest import DEFAULT_OUTLINE, alt_text, notes, pictures, texts
from deckgen.pipeline import load
from deckgen.text import block_height, para

EXPECTED_TITLES = [
    "The Four Layers of Generative AI",
    "Agenda",
    "Why layers?",
    "Peak excitement, peak confusion",
    "First principles",
    "The four layers",
    "Generative AI in four layers",
    "Hardware",
    "Models",
    "Infrastructure",
    "Application",
    "Where newcomers fit",
    "The higher you climb, the lower the barrier",
    "Start from what you already know",
    "My own focus",
    "Questions?",
]


def title_of(slide):
    return slide.shapes.title.text if slide.shapes.title is not None else None


def test_slide_count_and_titles_in_order(default_deck):
    prs, _ = default_deck
    assert 12 <= len(prs.slides) <= 16
    assert [title_of(s) for s in prs.slides] == EXPECTED_TITLES


def test_deck_is_16_by_9(default_deck):
    prs, _ = default_deck
    assert round(prs.slide_width / prs.slide_height, 3) == round(16 / 9, 3)


def test_agenda_lists_the_section_titles(default_deck):
    prs, _ = default_deck
    agenda = texts(prs.slides[1])
    assert [re.sub(r"^\d+\s+", "", t) for t in agenda if re.match(r"^\d\d", t)] == ["Why layers?", "The four layers", "Where newcomers fit"]


def test_four_layer_slides_show_their_layer_in_focus(default_deck):
    prs, _ = default_deck
    expected = {7: ("Hardware", "NVIDIA"), 8: ("Models", "Anthropic"), 9: ("Infrastructure", "Amazon Bedrock"), 10: ("Application", "Adobe Firefly")}
    for index, (layer, example) in expected.items():
        slide = prs.slides[index]
        [picture] = pictures(slide)
        alt = alt_text(picture)
        assert f"In focus: {layer};" in alt
        assert alt.index("Application") < alt.index("Infrastructure") < alt.index("Models") < alt.index("Hardware")
        assert any(example in t for t in texts(slide)), texts(slide)


def test_models_slide_says_large_language_model(default_deck):
    prs, _ = default_deck
    body = " ".join(texts(prs.slides[8]))
    assert "Large Language Models" in body
    assert "Language Learning Model" not in " ".join(" ".join(texts(s)) + notes(s) for s in prs.slides)


def test_every_slide_has_notes_a_speaker_can_rehearse(default_deck):
    prs, _ = default_deck
    for number, slide in enumerate(prs.slides, start=1):
        text = notes(slide)
        cue, _, body = text.partition("\n")
        assert re.match(r"^\[\d\d:\d\d-\d\d:\d\d\] slide %d of %d" % (number, len(prs.slides)), cue), cue
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", body.strip()) if s]
        assert 2 <= len(sentences) <= 6, (number, sentences)


def test_pyramids_are_pictures_with_alt_text_naming_the_layers(default_deck):
    prs, _ = default_deck
    pyramid_slides = [6, 7, 8, 9, 10, 12]
    for index in pyramid_slides:
        [picture] = pictures(prs.slides[index])
        alt = alt_text(picture)
        for layer in ("Hardware", "Models", "Infrastructure", "Application"):
            assert layer in alt
        assert picture.image.content_type == "image/png"
        # drawn at twice its placed size (144 px per inch on a 1920-px-wide slide)
        assert picture.image.size[0] >= 2 * 144 * Emu(picture.width).inches * 0.99


def test_opportunities_slide_highlights_the_top_two_layers_with_the_arrow(default_deck):
    prs, _ = default_deck
    [picture] = pictures(prs.slides[12])
    alt = alt_text(picture)
    assert "In focus: Application, Infrastructure;" in alt
    assert "arrow" in alt and "Learning curve & barrier to entry" in alt


def test_paths_table_maps_backgrounds_to_layers(default_deck):
    prs, _ = default_deck
    [table] = [s for s in prs.slides[13].shapes if s.has_table]
    rows = [[c.text for c in row.cells] for row in table.table.rows]
    assert rows[0] == ["If you work in…", "Go to this layer", "Start with"]
    assert rows[1][:2] == ["DevOps", "Infrastructure"] and "MLOps" in rows[1][2]
    assert rows[2][:2] == ["Kubernetes or serverless", "Infrastructure"]
    assert rows[3][:2] == ["Application development", "Application"] and "Managed LLM services" in rows[3][2]


def test_closing_slide_has_links_and_a_qr_code(default_deck):
    prs, _ = default_deck
    closing = prs.slides[-1]
    assert any("example.org/four-layers" in t for t in texts(closing))  # the address, as people type it
    links = {r.hyperlink.address for s in closing.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs}
    assert "https://example.org/four-layers" in links
    [qr] = pictures(closing)
    assert alt_text(qr) == "QR code linking to https://example.org/four-layers"


def test_the_same_pyramid_is_stored_once(default_deck):
    _, path = default_deck
    import zipfile

    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("ppt/media/")]
    # overview, four layer slides and the opportunities slide differ; the QR code is one more
    assert len(media) == 7


def test_no_text_box_overflows(default_deck):
    """Every text frame's text, measured with the shipped font at its set size, fits its box."""
    prs, _ = default_deck
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            paras = []
            for p in shape.text_frame.paragraphs:
                sizes = [r.font.size.pt for r in p.runs if r.font.size is not None]
                sizes += [int(sz) / 100 for sz in p._p.xpath("./a:fld/a:rPr/@sz")]  # slide-number field
                text = "".join(r.text for r in p.runs) or p.text
                if not text:
                    continue
                assert sizes, f"slide {number}: {text!r} has no explicit size"
                bold = any(r.font.bold for r in p.runs)
                paras.append((text, max(sizes), p.level, bold))
            if not paras:
                continue
            height = sum(block_height([para(t, level=(lvl if shape.is_placeholder and shape.placeholder_format.idx == 1 else None), bold=bd)], size, Emu(shape.width).inches) for t, size, lvl, bd in paras)
            # paragraph spacing is included in the fitted height but not in this sum: allow it
            assert height <= Emu(shape.height).inches + 0.05, (number, shape.name, paras)


def test_default_outline_is_the_general_talk_and_plans_to_the_slot():
    loaded = load(DEFAULT_OUTLINE)
    assert loaded.resolved.audience is None
    assert loaded.warnings == []
    assert abs(loaded.plan[-1].end - loaded.deck.deck.duration) < 0.01


def test_slide_size_is_powerpoints_widescreen(default_deck):
    """16:9 is 12192000 x 6858000 EMU in PowerPoint, with no `type` (screen4x3 would be a lie)."""
    prs, path = default_deck
    import zipfile

    with zipfile.ZipFile(path) as z:
        xml = z.read("ppt/presentation.xml").decode()
    assert '<p:sldSz cx="12192000" cy="6858000"/>' in xml
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
