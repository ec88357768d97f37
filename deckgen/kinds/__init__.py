"""The registry of slide kinds: one module each, and every table derived from them.

Adding a kind is one module in this folder (its model class, layout, writer, checks and the
pictures it needs, bundled as `KIND`), one line in MODULES below, a row in the README's kind
table and its tests. tests/test_kinds.py proves every registered kind has every part.
"""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from . import agenda, audio, bullets, chart, closing, code, columns, gallery, image, layer, pyramid, quote, section, table, title, video
from .base import Context, Kind, Overflow, TextOverflow  # noqa: F401 (the registry's vocabulary)

MODULES = (title, agenda, section, bullets, code, chart, pyramid, layer, table, columns, image, gallery, video, audio, quote, closing)

KINDS: dict[str, Kind] = {module.KIND.name: module.KIND for module in MODULES}
SLIDE_KINDS = {name: kind.model for name, kind in KINDS.items()}
Slide = Annotated[Union[tuple(kind.model for kind in KINDS.values())], Field(discriminator="kind")]
DARK_KINDS = frozenset(name for name, kind in KINDS.items() if kind.dark)


def heading(deck, slide) -> str:
    """Return the title a speaker sees for `slide` in lists, plans and notes."""
    kind = KINDS[slide.kind]
    if kind.heading is not None:
        return kind.heading(deck, slide)
    return getattr(slide, "title", None) or ""


def plan_diagrams(deck, theme, families: tuple = ()) -> dict[int, object]:
    """Return the pyramid spec of every slide that shows one, by slide index, worked out once;
    measured with `families` (text.Families), the fonts the deck's text is set in."""
    out = {}
    for i, slide in enumerate(deck.slides):
        kind = KINDS[slide.kind]
        if kind.diagram is not None and deck.pyramid is not None:
            out[i] = kind.diagram(deck, slide, theme, families)
    return out


def pictured(deck, plan: dict[int, object]) -> dict[int, object]:
    """Return the planned pyramids drawn as pictures (not as native shapes): those asked for as
    pictures whose every character a font on this machine draws (the others become shapes,
    which PowerPoint draws with its own fonts)."""
    from ..diagrams.spec import undrawable  # deferred: deckgen.diagrams.spec loads only when this runs

    return {i: spec for i, spec in plan.items() if getattr(deck.slides[i], "render", "picture") == "picture" and not undrawable(spec)}
