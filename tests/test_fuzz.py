"""Property: any outline either builds a deck that passes the package checks, or raises DeckgenError."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from deckgen import pipeline as b
from deckgen.errors import DeckgenError
from pptx_checks import check_package

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
words = st.lists(st.sampled_from(["cloud", "model", "GPU", "ça", "日本", "{{ x }}", "{% if true %}y{% endif %}", "—", "a" * 40]), min_size=1, max_size=8).map(" ".join)
short = st.one_of(words, text)
anything = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), short),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["text", "title", "kind", "x", "bullets", "when"]), inner, max_size=4)),
    max_leaves=12,
)
bullet = st.one_of(short, st.fixed_dictionaries({"text": short}, optional={"bullets": st.lists(short, max_size=3), "when": st.sampled_from(["true", "false", "x", "audience.name"])}))
layer_ids = st.sampled_from(["hardware", "models", "apps", "nope"])


def slide_strategy():
    return st.one_of(
        st.fixed_dictionaries({"kind": st.just("title")}, optional={"title": short, "subtitle": short, "notes": text}),
        st.fixed_dictionaries({"kind": st.just("section"), "title": short}, optional={"subtitle": short}),
        st.fixed_dictionaries({"kind": st.just("agenda")}),
        st.fixed_dictionaries({"kind": st.just("bullets"), "title": short, "bullets": st.lists(bullet, max_size=6)}, optional={"notes": text, "minutes": st.floats(-1, 200)}),
        st.fixed_dictionaries({"kind": st.just("pyramid"), "title": short}, optional={"highlight": st.lists(layer_ids, max_size=3), "caption": short, "bullets": st.lists(bullet, max_size=4), "render": st.sampled_from(["picture", "shapes", "svg"])}),
        st.fixed_dictionaries({"kind": st.just("layer"), "layer": layer_ids}, optional={"bullets": st.lists(bullet, max_size=4), "render": st.sampled_from(["picture", "shapes"])}),
        st.fixed_dictionaries({"kind": st.just("table"), "title": short, "columns": st.lists(short, min_size=1, max_size=3), "rows": st.lists(st.lists(short, min_size=1, max_size=3), max_size=4)}),
        st.fixed_dictionaries({"kind": st.just("columns"), "title": short, "columns": st.lists(st.fixed_dictionaries({"heading": short, "bullets": st.lists(short, max_size=3)}), max_size=4)}),
        st.fixed_dictionaries({"kind": st.just("quote"), "quote": short}, optional={"attribution": short}),
        st.fixed_dictionaries({"kind": st.just("closing")}, optional={"message": short, "qr": st.sampled_from(["https://example.org", ""]), "links": st.lists(st.fixed_dictionaries({"label": short, "url": short}), max_size=2)}),
        st.fixed_dictionaries({"kind": st.just("image"), "title": short, "image": st.sampled_from(["pic.png", "../x.png", "/etc/passwd", "nope.png"]), "alt": short}),
        st.dictionaries(st.sampled_from(["kind", "title", "bogus"]), anything, max_size=3),
    )


outlines = st.fixed_dictionaries(
    {
        "deck": st.one_of(st.fixed_dictionaries({"title": short}, optional={"speaker": short, "duration": st.integers(-1, 700), "handle": short, "event": st.fixed_dictionaries({"name": short})}), anything),
        "slides": st.one_of(st.lists(slide_strategy(), min_size=0, max_size=6), anything),
    },
    optional={
        "pyramid": st.fixed_dictionaries(
            {"layers": st.lists(st.fixed_dictionaries({"id": layer_ids, "label": short}, optional={"detail": short}), min_size=0, max_size=9)},
            optional={"shape": st.sampled_from(["pyramid", "inverted", "cube"]), "arrow": st.fixed_dictionaries({"label": short})},
        ),
        "variables": st.dictionaries(st.sampled_from(["x", "focus", "y"]), anything, max_size=3),
        "bogus": anything,
    },
)


safe = st.lists(st.sampled_from(["cloud", "model", "GPU", "ça va", "日本語", "—", "Infrastructure", "x" * 30, "{{ audience.label }}!"]), min_size=1, max_size=12).map(" ".join)
safe_bullet = st.one_of(safe, st.fixed_dictionaries({"text": safe}, optional={"bullets": st.lists(safe, max_size=3), "when": st.sampled_from([True, "audience.name is none", "false"])}))
good_ids = st.sampled_from(["hardware", "models", "apps"])
valid_slides = st.lists(
    st.one_of(
        st.fixed_dictionaries({"kind": st.just("title")}, optional={"subtitle": safe, "notes": safe}),
        st.fixed_dictionaries({"kind": st.just("section"), "title": safe}),
        st.fixed_dictionaries({"kind": st.just("bullets"), "title": safe, "bullets": st.lists(safe_bullet, min_size=1, max_size=5)}),
        st.fixed_dictionaries({"kind": st.just("pyramid"), "title": safe}, optional={"highlight": st.lists(good_ids, max_size=2, unique=True), "caption": safe, "bullets": st.lists(safe_bullet, max_size=3), "render": st.sampled_from(["picture", "shapes"])}),
        st.fixed_dictionaries({"kind": st.just("layer"), "layer": good_ids}, optional={"bullets": st.lists(safe_bullet, max_size=3), "render": st.sampled_from(["picture", "shapes"])}),
        st.fixed_dictionaries({"kind": st.just("table"), "title": safe, "columns": st.just(["a", "b"]), "rows": st.lists(st.lists(safe, min_size=2, max_size=2), min_size=1, max_size=4)}),
        st.fixed_dictionaries({"kind": st.just("columns"), "title": safe, "columns": st.lists(st.fixed_dictionaries({"heading": safe, "bullets": st.lists(safe, max_size=3)}), min_size=2, max_size=3)}),
        st.fixed_dictionaries({"kind": st.just("quote"), "quote": safe}),
        st.fixed_dictionaries({"kind": st.just("image"), "title": safe, "image": st.just("pic.png"), "alt": safe}),
        st.fixed_dictionaries({"kind": st.just("closing")}, optional={"message": safe, "qr": st.just("https://example.org/x")}),
    ),
    min_size=1,
    max_size=6,
)
valid_outlines = st.fixed_dictionaries(
    {
        "deck": st.fixed_dictionaries({"title": safe}, optional={"speaker": safe, "handle": safe}),
        "pyramid": st.fixed_dictionaries(
            {"layers": st.just([{"id": "hardware", "label": "Hardware", "detail": "chips"}, {"id": "models", "label": "Models"}, {"id": "apps", "label": "Applications", "detail": "what people use"}])},
            optional={"shape": st.sampled_from(["pyramid", "inverted"]), "arrow": st.fixed_dictionaries({"label": safe})},
        ),
        "slides": valid_slides,
    }
)


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(valid_outlines, outlines))
def test_any_outline_builds_a_sound_deck_or_raises_deckgen_error(data):
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "pic.png").write_bytes(_PNG)
        outline = folder / "talk.yaml"
        outline.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            result = b.build(outline, output=folder / "out.pptx")
        except DeckgenError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)
            assert not (folder / "out.pptx").exists()
            event("refused with a located message")
            return
        assert check_package(result.path) == []
        event("built a sound deck")


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_refused_cleanly_or_parsed(raw):
    from deckgen.source import parse_text

    try:
        parse_text(raw, Path("fuzz.yaml"))
    except DeckgenError:
        pass


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(out, format="PNG")
    return out.getvalue()


_PNG = _png()
