"""The layered pyramid: geometry without pixels, then the picture's pixels, then the native twin."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import MINIMAL_DECK, PYRAMID, alt_text, pictures
from deckgen import text as text_layout
from deckgen.diagrams import geometry
from deckgen.diagrams.cache import DiagramCache
from deckgen.diagrams.pyramid import PX_PER_PT, LayerSpec, PyramidSpec, _measure, alt_text as spec_alt, label_texts, render_png
from deckgen.theme import DEFAULT_THEME, contrast_ratio

LABELS = ["Hardware", "Models", "Infrastructure", "Application", "Data", "Security", "Operations", "Users"]


def spec_for(n: int, **kw) -> PyramidSpec:
    layers = tuple(LayerSpec(LABELS[i], f"detail {i}") for i in range(n))
    kw.setdefault("colours", tuple(DEFAULT_THEME.band_colours(n)))
    return PyramidSpec(layers, **kw)


# --- geometry -------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", range(2, 9))
@pytest.mark.parametrize("inverted", [False, True])
def test_bands_stack_bottom_to_top_with_one_slope(n, inverted):
    lay = geometry.pyramid_layout(n, 1000, 700, inverted=inverted, arrow=True)
    bands = lay.bands
    assert len(bands) == n
    for lower, upper in zip(bands, bands[1:]):
        assert upper.bottom < lower.top  # stacked upwards, with a gap, no overlap
    widths_bottom = [b.bottom_right - b.bottom_left for b in bands]
    if inverted:
        assert widths_bottom == sorted(widths_bottom)  # a funnel widens upwards
    else:
        assert widths_bottom == sorted(widths_bottom, reverse=True)  # widths grow downwards
    # one slope: every corner on the left lies on one straight line (across the gaps too)
    corners = [(b.top_left, b.top) for b in bands] + [(b.bottom_left, b.bottom) for b in bands]
    (x0, y0), (x1, y1) = corners[0], corners[-1]
    slope = (x1 - x0) / (y1 - y0)
    for x, y in corners:
        assert x == pytest.approx(x0 + slope * (y - y0), abs=1e-6)
    # symmetric about one centre line
    centres = {round((b.top_left + b.top_right) / 2, 6) for b in bands}
    assert len(centres) == 1


def test_layout_leaves_room_for_details_and_arrow_on_opposite_sides():
    lay = geometry.pyramid_layout(4, 1000, 700, details=True, detail_side="right", arrow=True)
    right_edge = max(b.bottom_right for b in lay.bands)
    left_edge = min(b.bottom_left for b in lay.bands)
    assert lay.detail_x >= right_edge
    assert lay.arrow_x < left_edge
    flipped = geometry.pyramid_layout(4, 1000, 700, details=True, detail_side="left", arrow=True)
    assert flipped.detail_x + flipped.detail_width <= min(b.bottom_left for b in flipped.bands)
    assert flipped.arrow_x > max(b.bottom_right for b in flipped.bands)


@pytest.mark.parametrize("n", [1, 9])
def test_layer_count_outside_two_to_eight_is_refused(n):
    with pytest.raises(ValueError):
        geometry.pyramid_layout(n, 100, 100)


def fake_measure(text, size):
    return len(text) * size * 0.5


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=40).filter(lambda t: t.strip()), st.integers(2, 8))
def test_labels_always_fit_their_band(label, n):
    """Any label, measured with the shipped font, stays inside its band's width at its text height."""
    layers = tuple(LayerSpec(label if i == n - 1 else LABELS[i]) for i in range(n))
    spec = PyramidSpec(layers, tuple(DEFAULT_THEME.band_colours(n)))
    w, h = spec.size_px
    lay = spec.layout(w, h)
    measure = _measure(True)
    for text, band in zip(label_texts(spec, lay, PX_PER_PT, measure, _measure(False)), lay.bands):
        block = len(text.lines) * text.size * 1.15
        widest = max(measure(line, text.size) for line in text.lines)
        assert widest <= band.text_width(block, 0) + 0.5, (text, band)


# --- pixels ---------------------------------------------------------------------------------------

def picture(spec: PyramidSpec) -> Image.Image:
    im = Image.open(io.BytesIO(render_png(spec)))
    im.load()
    return im


@pytest.mark.parametrize("n", range(2, 9))
def test_band_colours_corners_and_edges(n):
    spec = spec_for(n, details=False)
    im = picture(spec)
    assert im.mode == "RGBA" and im.size == spec.size_px
    lay = spec.layout(*im.size)
    for band in lay.bands:
        # sample beside the label, in the band's body: its own palette colour, opaque
        x = band.centre[0] + band.width_at(band.centre[1]) * 0.4
        y = band.bottom - (band.bottom - band.top) * 0.1
        assert im.getpixel((round(x) - 3, round(y)))[:3] == spec.colours[band.index]
        assert im.getpixel((round(x) - 3, round(y)))[3] == 255
    for corner in [(0, 0), (im.width - 1, 0), (0, im.height - 1), (im.width - 1, im.height - 1)]:
        assert im.getpixel(corner)[3] == 0
    histogram = im.getchannel("A").histogram()
    assert sum(histogram[1:255]) > 0, "edges should be anti-aliased (partly transparent pixels)"


def test_dimmed_bands_are_lighter_but_visible():
    focus = spec_for(4, details=False, focus=frozenset({3}))
    im = picture(focus)
    lay = focus.layout(*im.size)
    for band in lay.bands:
        x = round(band.centre[0] + band.width_at(band.centre[1]) * 0.4) - 3
        y = round(band.bottom - (band.bottom - band.top) * 0.1)
        r, g, b, a = im.getpixel((x, y))
        if band.index == 3:
            assert (r, g, b) == focus.colours[3]
        else:
            assert sum((r, g, b)) > sum(focus.colours[band.index]) + 60  # lighter
            assert (r, g, b) != (255, 255, 255) and a == 255  # but still there


@pytest.mark.parametrize("n", range(2, 9))
@pytest.mark.parametrize("focus", [frozenset(), frozenset({0}), frozenset({1})])
def test_every_label_meets_wcag_aa_contrast(n, focus):
    spec = spec_for(n, focus=focus)
    for i in range(n):
        assert contrast_ratio(spec.label_colour(i), spec.band_colour(i)) >= 4.5


def test_same_spec_same_bytes_and_twice_the_placed_size():
    spec = spec_for(4, arrow_label="Barrier")
    assert render_png(spec) == render_png(spec)
    assert spec.size_px == (round(spec.width_in * 288), round(spec.height_in * 288))


def test_png_encoder_round_trips_through_pillow():
    from deckgen.diagrams.pyramid import encode_png

    source = Image.frombytes("RGBA", (97, 31), bytes((i * 7919) % 256 for i in range(97 * 31 * 4)))
    decoded = Image.open(io.BytesIO(encode_png(source)))
    decoded.load()
    assert decoded.mode == "RGBA" and decoded.size == (97, 31)
    assert decoded.tobytes() == source.tobytes()


def test_long_and_accented_labels_fit_measured():
    layers = (LayerSpec("Infrastructure et plateformes gérées"), LayerSpec("Modèles de langage"), LayerSpec("Anwendungsentwicklung für Ämter"))
    spec = PyramidSpec(layers, tuple(DEFAULT_THEME.band_colours(3)))
    w, h = spec.size_px
    lay = spec.layout(w, h)
    texts_ = label_texts(spec, lay, PX_PER_PT, _measure(True), _measure(False))
    assert texts_[0].size < 22 * PX_PER_PT or len(texts_[0].lines) == 2  # shrunk or wrapped, it fits
    for text, band in zip(texts_, lay.bands):
        widest = max(_measure(True)(line, text.size) for line in text.lines)
        assert widest <= band.text_width(len(text.lines) * text.size * 1.15, lay.label_pad) + 0.5
    picture(spec)  # draws without error


def test_alt_text_lists_layers_top_to_bottom_and_focus():
    spec = spec_for(4, focus=frozenset({1}), arrow_label="Barrier to entry")
    alt = spec_alt(spec)
    assert alt.startswith("Pyramid of 4 layers, top to bottom: Application")
    assert alt.index("Application") < alt.index("Infrastructure") < alt.index("Models") < alt.index("Hardware")
    assert "In focus: Models;" in alt and "Barrier to entry" in alt
    assert spec_alt(spec_for(3, inverted=True)).startswith("Inverted pyramid (funnel)")


def test_cache_renders_each_spec_once(tmp_path):
    cache = DiagramCache(tmp_path)
    spec = spec_for(4)
    first = cache.png(spec)
    assert cache.png(spec) == first and cache.rendered == 1
    fresh = DiagramCache(tmp_path)  # another process: reads the disk
    assert fresh.png(spec) == first and fresh.rendered == 0
    (entry,) = tmp_path.glob(f"{spec.key()}-*.png")
    entry.write_bytes(b"truncated")
    assert DiagramCache(tmp_path).png(spec) == first  # a broken entry is drawn again


@pytest.mark.parametrize("forked", [True, False], ids=["processes", "threads"])
def test_prefetch_draws_missing_pictures_in_the_background(tmp_path, monkeypatch, forked):
    from deckgen.diagrams import cache as cache_module

    monkeypatch.setattr(cache_module, "usable_cores", lambda: 2)
    monkeypatch.setattr(cache_module, "_single_threaded", lambda: forked)
    pools = []
    make_pool = cache_module._executor
    monkeypatch.setattr(cache_module, "_executor", lambda workers: pools.append(make_pool(workers)) or pools[-1])
    on_disk, a, b = spec_for(3), spec_for(4), spec_for(5, inverted=True)
    DiagramCache(tmp_path).png(on_disk)
    cache = DiagramCache(tmp_path)
    cache.prefetch([a, on_disk, b, a])
    assert set(cache._drawing) == {a.key(), b.key()}  # each missing picture once; the disk one read
    expected = "ProcessPoolExecutor" if forked and sys.platform.startswith("linux") else "ThreadPoolExecutor"
    assert [type(p).__name__ for p in pools] == [expected] and pools[0]._max_workers == 2
    assert cache.png(b) == render_png(b) and cache.png(a) == render_png(a)
    assert cache.png(on_disk) == render_png(on_disk)
    assert cache.rendered == 2 and not cache._drawing and cache._pool is None  # workers stopped
    assert [p.read_bytes() for p in tmp_path.glob(f"{a.key()}-*.png")] == [render_png(a)]  # written for the next build


def test_prefetch_on_one_core_starts_nothing(tmp_path, monkeypatch):
    from deckgen.diagrams import cache as cache_module

    monkeypatch.setattr(cache_module, "usable_cores", lambda: 1)
    cache = DiagramCache(tmp_path)
    cache.prefetch([spec_for(4)])
    assert not cache._drawing
    assert cache.png(spec_for(4)) == render_png(spec_for(4)) and cache.rendered == 1


def test_a_failed_background_picture_is_drawn_again_in_the_caller(tmp_path, monkeypatch):
    import threading

    from deckgen.diagrams import cache as cache_module
    from deckgen.diagrams import pyramid

    real = pyramid.render_png

    def fails_off_the_main_thread(spec):
        if threading.current_thread() is not threading.main_thread():
            raise MemoryError("worker out of memory")
        return real(spec)

    monkeypatch.setattr(cache_module, "usable_cores", lambda: 2)
    monkeypatch.setattr(cache_module, "_single_threaded", lambda: False)
    monkeypatch.setattr(pyramid, "render_png", fails_off_the_main_thread)
    cache = DiagramCache(None)
    cache.prefetch([spec_for(4)])
    assert cache._drawing
    assert cache.png(spec_for(4)) == real(spec_for(4))


def test_a_failed_build_stops_drawing_its_pictures(tmp_path, monkeypatch):
    from deckgen.pipeline import load, render_deck
    from deckgen.diagrams import cache as cache_module
    from deckgen.errors import OutlineError
    from deckgen.kinds import pictured, plan_diagrams

    monkeypatch.setattr(cache_module, "usable_cores", lambda: 2)
    outline = tmp_path / "talk.yaml"
    too_long = ", ".join([" ".join(["overflowing"] * 60)] * 12)  # text that fits at no size fails the build
    outline.write_text(
        MINIMAL_DECK + PYRAMID + "slides:\n  - kind: pyramid\n    title: P\n  - kind: pyramid\n    title: Q\n    highlight: [models]\n"
        f"  - kind: bullets\n    title: B\n    bullets: [{too_long}]\n"
    )
    loaded = load(outline)
    deck = loaded.deck
    cache = DiagramCache(None)
    started = []
    real_prefetch = cache.prefetch
    monkeypatch.setattr(cache, "prefetch", lambda specs: (real_prefetch(specs), started.append(len(cache._drawing))))
    with pytest.raises(OutlineError, match="does not fit"):
        render_deck(loaded, cache)
    assert started == [len(pictured(deck, plan_diagrams(deck, DEFAULT_THEME)))] == [2]  # both pictures had been started
    assert not cache._drawing and cache._pool is None  # and were dropped with the build


def test_deck_pictures_do_not_depend_on_background_drawing(tmp_path, monkeypatch):
    import zipfile

    from deckgen import pipeline as b
    from deckgen.diagrams import cache as cache_module

    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    media = {}
    for cores in (1, 2):
        monkeypatch.setattr(cache_module, "usable_cores", lambda cores=cores: cores)
        out = b.build(output=tmp_path / f"{cores}.pptx").path
        with zipfile.ZipFile(out) as z:
            media[cores] = {n: z.read(n) for n in z.namelist() if n.startswith("ppt/media/")}
    assert len(media[1]) >= 5 and media[1] == media[2]


def test_disk_cache_stays_bounded(tmp_path, monkeypatch):
    import os

    from deckgen.diagrams import cache as cache_module

    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 8)
    for i in range(8):
        stale = tmp_path / f"{i:064x}-{i:032x}.png"
        stale.write_bytes(b"\x89PNG\r\n\x1a\nold")
        os.utime(stale, (1000 + i, 1000 + i))
    cache = DiagramCache(tmp_path)
    cache.png(spec_for(3))
    left = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(left) == 6  # pruned to three quarters of the bound, the oldest first
    assert any(name.startswith(spec_for(3).key()) for name in left) and f"{0:064x}-{0:032x}.png" not in left


def test_renderer_version_is_part_of_the_key(monkeypatch):
    from deckgen.diagrams import spec as spec_module

    spec = spec_for(4)
    before = spec.key()
    monkeypatch.setattr(spec_module, "RENDERER_VERSION", "pyramid-next")
    assert spec.key() != before


@pytest.mark.parametrize("source", ["theme.py", "text.py", "diagrams/geometry.py", "diagrams/pyramid.py", "diagrams/spec.py"])
def test_a_change_to_any_drawing_code_changes_the_key(monkeypatch, source):
    """Colours, contrast and wrapping live outside diagrams/: a palette change must not serve old pictures."""
    from pathlib import Path

    from deckgen.diagrams import spec as spec_module

    spec = spec_for(4)
    before = spec.key()
    target = Path(spec_module.__file__).resolve().parents[1] / source
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + (b"# changed" if self == target else b""))
    spec_module.renderer_digest.cache_clear()
    try:
        assert spec.key() != before
    finally:
        monkeypatch.undo()
        spec_module.renderer_digest.cache_clear()


# --- in a deck: picture and the editable twin --------------------------------------------------

SHAPES = MINIMAL_DECK + PYRAMID + """\
slides:
  - kind: pyramid
    title: Native shapes
    highlight: [models]
    render: shapes
  - kind: layer
    layer: application
    render: shapes
    bullets: [one]
"""


def test_shapes_renderer_draws_one_freeform_per_band_with_its_label(build_outline):
    prs, _ = build_outline(SHAPES)
    for slide, focus in zip(prs.slides, ("Models", "Application")):
        [group] = [s for s in slide.shapes if s.shape_type == 6]
        members = list(group.shapes)
        bands = [s for s in members if s.name.startswith("Band ")]
        assert [b.name for b in bands] == ["Band 1: Hardware", "Band 2: Models", "Band 3: Infrastructure", "Band 4: Application"]
        assert all(b.shape_type == 5 for b in bands)  # freeforms
        labels = [s.text_frame.text for s in members if s.has_text_frame and s.text_frame.text]
        for label in ("Hardware", "Models", "Infrastructure", "Application", "NVIDIA, AMD"):
            assert label in labels
        assert f"In focus: {focus};" in alt_text(group)
        assert not pictures(slide)
        fills = {b.name: b.fill.fore_color.rgb for b in bands}
        focused = next(n for n in fills if n.endswith(focus))
        assert str(fills[focused]) != "FFFFFF"


def test_inverted_funnel_from_the_same_definition(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + PYRAMID.replace("pyramid:\n", "pyramid:\n  shape: inverted\n") + "slides:\n  - kind: pyramid\n    title: Funnel\n")
    [pic] = pictures(prs.slides[0])
    assert alt_text(pic).startswith("Inverted pyramid (funnel) of 4 layers")


@pytest.mark.parametrize("n", [2, 5, 8])
def test_decks_with_two_to_eight_layers(build_outline, n):
    layers = "".join(f"    - {{id: l{i}, label: {LABELS[i]}}}\n" for i in range(n))
    prs, _ = build_outline(MINIMAL_DECK + "pyramid:\n  layers:\n" + layers + "slides:\n  - kind: layer\n    layer: l0\n    bullets: [x]\n")
    [pic] = pictures(prs.slides[0])
    assert f"of {n} layers" in alt_text(pic)


def test_diagram_command_writes_each_distinct_pyramid(tmp_path):
    from click.testing import CliRunner

    from conftest import DEFAULT_OUTLINE
    from deckgen.cli import main

    result = CliRunner().invoke(main, ["diagram", str(DEFAULT_OUTLINE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 6  # overview, four layers, opportunities
    for line in lines:
        path, said = line.split("  (shown at ")
        width, height = (float(x) for x in said.split(" in,")[0].split(" x "))
        assert said.endswith(" in, 288 px/in, its text is 14 pt or more)")
        with Image.open(path) as im:
            assert im.format == "PNG" and im.mode == "RGBA" and im.width >= 1900
            # the picture says the size it is drawn for, where its text is at the slide's sizes
            assert [round(d) for d in im.info["dpi"]] == [288, 288]
            assert abs(im.width / 288 - width) < 0.01 and abs(im.height / 288 - height) < 0.01


def test_two_line_details_are_balanced_not_orphaned():
    lines = text_layout.balanced("what everything stands on", fake_measure, 10, 110)
    assert lines == ["what everything", "stands on"]
    assert text_layout.wrap("what everything stands on", fake_measure, 10, 110) == ["what everything stands", "on"]
    assert text_layout.balanced("AWS: Amazon Bedrock, Amazon EC2", fake_measure, 10, 120) == ["AWS: Amazon Bedrock,", "Amazon EC2"]


def test_a_cache_write_that_fails_leaves_no_partial_picture(tmp_path, monkeypatch):
    """A full disk: the picture is still returned, and nothing half-written stays in the cache."""
    import os

    from deckgen.diagrams import cache as cache_module

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module.os, "replace", full)
    cache = DiagramCache(tmp_path / "cache")
    png = cache.png(spec_for(3))
    assert png.startswith(b"\x89PNG")
    assert [p.name for p in (tmp_path / "cache").iterdir()] == []
    monkeypatch.undo()
    stale = tmp_path / "cache" / ".deckgen-diagram-old.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))  # left by a run killed long ago
    DiagramCache(tmp_path / "cache").png(spec_for(4))
    assert not stale.exists()


@pytest.mark.parametrize("count", [2, 3, 5, 7, 8])
def test_details_share_one_size_on_every_band(count):
    """A designer sets every detail at one size: the size the longest detail allows."""
    layers = tuple(LayerSpec(f"Layer {i}", ("a short detail" if i % 2 else "a much longer detail that needs two lines")) for i in range(count))
    spec = PyramidSpec(layers, tuple(DEFAULT_THEME.band_colours(count)), width_in=6.6, height_in=4.9)
    lay = spec.layout(*spec.size_px)
    texts = label_texts(spec, lay, PX_PER_PT, _measure(True), _measure(False))
    details = texts[count:]
    assert len(details) == count
    assert len({round(t.size, 3) for t in details}) == 1


def test_a_layer_slide_drops_the_other_details_before_shrinking_its_own(build_outline):
    """Eight details of 130 characters cannot all stand beside a pyramid that shares its slide:
    the other layers' details go, and the one in focus stays at the floor or above."""
    from deckgen import pipeline as b
    from deckgen.kinds.base import pyramid_text_sizes

    long = "a detail long enough to need two lines beside a thin band of an eight-layer pyramid, and then some more words so that it needs three"
    layers = "".join(f"    - {{id: l{i}, label: Layer number {i}, detail: '{long} {i}'}}\n" for i in range(8))
    prs, result = build_outline(MINIMAL_DECK + "pyramid:\n  layers:\n" + layers + "slides:\n  - {kind: layer, layer: l3, bullets: [a, b]}\n")
    assert not [w for w in result.warnings if "pyramid" in w or "floor" in w]
    [spec] = b.load(result.path.parent.parent / "talk.yaml").diagrams.values()
    assert [bool(l.detail) for l in spec.layers] == [i == 3 for i in range(8)]
    labels, details = pyramid_text_sizes(spec)
    assert min(labels) >= 14 and details and min(details) >= 14


def test_a_detail_no_layout_holds_is_refused_saying_how_much_shorter(write_outline, tmp_path):
    """Every problem at once: each detail too long for any layout is named, with how much to cut."""
    from click.testing import CliRunner

    from deckgen.cli import main

    long = " ".join(["a detail that goes on"] * 12)
    layers = "".join(f"    - {{id: l{i}, label: Layer {i}, detail: '{long} {i}'}}\n" for i in range(8))
    outline = write_outline(MINIMAL_DECK + "pyramid:\n  layers:\n" + layers + "slides:\n  - {kind: pyramid, title: P}\n")
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 2 and not (tmp_path / "d.pptx").exists()
    lines = [l for l in result.output.splitlines() if "fits beside its band only at" in l]
    assert len(lines) == 8, result.output
    for i, line in enumerate(lines):
        assert f"pyramid.layers[{i}].detail: (slide 1) the detail of layer 'l{i}'" in line
        assert "below the 14 pt floor; shorten it by about" in line and "characters (to" in line


def test_inverted_per_slide(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + PYRAMID + "slides:\n  - {kind: pyramid, title: P, inverted: true}\n  - {kind: pyramid, title: Q}\n  - {kind: layer, layer: models, inverted: true}\n")
    assert [alt_text(pictures(s)[0]).split(" of ")[0] for s in prs.slides] == ["Inverted pyramid (funnel)", "Pyramid", "Inverted pyramid (funnel)"]


def test_a_label_that_cannot_be_read_is_an_error_naming_the_layer(write_outline, tmp_path):
    from click.testing import CliRunner

    from deckgen.cli import main

    long = "A label of three hundred characters " * 8
    outline = write_outline(MINIMAL_DECK + f"pyramid:\n  layers:\n    - {{id: a, label: Base}}\n    - {{id: b, label: '{long.strip()}'}}\nslides:\n  - {{kind: pyramid, title: P}}\n")
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 2
    assert result.output.startswith(f"{outline}:8:22: pyramid.layers[1].label: (slide 1) the layer label 'A label of three hundred characters A l…' fits its band only at")
    assert "below the 14 pt floor" in result.output and not (tmp_path / "d.pptx").exists()


@pytest.mark.parametrize("count", [2, 3, 4, 5, 6, 7, 8])
def test_two_to_eight_layers_stay_at_or_above_the_floor(build_outline, count):
    """Alone on its slide, with labels and details of a talk, every text of the pyramid is 14 pt
    or more at slide scale, read from the same layout the picture is drawn from."""
    from deckgen import pipeline as b
    from deckgen.kinds.base import pyramid_text_sizes

    layers = "".join(f"    - {{id: l{i}, label: Infrastructure {i}, detail: 'what layer {i} does, in a detail of a few words'}}\n" for i in range(count))
    outline = MINIMAL_DECK + "pyramid:\n  arrow: {label: Effort to get started}\n  layers:\n" + layers + "slides:\n  - {kind: pyramid, title: P}\n  - {kind: layer, layer: l0, bullets: [a, b]}\n"
    prs, result = build_outline(outline)
    assert not [w for w in result.warnings if "pyramid" in w]
    loaded = b.load(result.path.parent.parent / "talk.yaml")
    for spec in loaded.diagrams.values():
        labels, details = pyramid_text_sizes(spec)
        assert min(labels) >= 14 and (not details or min(details) >= 14)
        assert len(set(round(s, 3) for s in labels)) == 1 and len(set(round(s, 3) for s in details)) <= 1
