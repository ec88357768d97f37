"""The Deck: an outline's metadata, pyramid, audiences and slides, typed and validated.

The shared vocabulary lives in `fields.py`, each slide kind in `kinds/`; validation with
located messages in `validation.py`, the JSON Schema in `schema.py`.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, Field, create_model

from .fields import (  # noqa: F401 (the model's public names)
    MAX_ITEMS,
    MAX_SLIDES,
    MAX_TEXT,
    VERBATIM,
    Arrow,
    Bullet,
    DeckInfo,
    Event,
    Identifier,
    Layer,
    Link,
    Pyramid,
    ShortText,
    SlideBase,
    Strict,
    SubBullet,
    verbatim_fields,
)
from .kinds import KINDS, SLIDE_KINDS, Slide, heading
from .kinds.agenda import AgendaSlide  # noqa: F401
from .kinds.bullets import BulletsSlide  # noqa: F401
from .kinds.chart import ChartSlide, Series  # noqa: F401
from .kinds.closing import ClosingSlide  # noqa: F401
from .kinds.code import CodeFields, CodeSlide  # noqa: F401
from .kinds.columns import Column, ColumnsSlide  # noqa: F401
from .kinds.image import ImageSlide  # noqa: F401
from .kinds.layer import LayerSlide  # noqa: F401
from .kinds.pyramid import PyramidSlide  # noqa: F401
from .kinds.quote import QuoteSlide  # noqa: F401
from .kinds.section import SectionSlide  # noqa: F401
from .kinds.table import Row, TableSlide  # noqa: F401
from .kinds.title import TitleSlide  # noqa: F401
from .words import WORDS, Words, check_string


class Audience(Strict):
    """A room the talk is given to: its label, its variables, the slides it skips."""

    label: ShortText
    """How the audience is named, e.g. "Cloud & DevOps engineers"."""
    variables: dict[Identifier, Any] = {}
    """Variables for this audience; they override the outline's."""
    skip: Annotated[list[Identifier], Field(max_length=MAX_SLIDES), VERBATIM] = []
    """Ids of slides this audience does not see."""


def _strings_model() -> type[BaseModel]:
    """Return the model of `strings:`: one optional field per word deckgen writes itself."""


    fields = {
        key: (
            Annotated[ShortText | None, AfterValidator(lambda v, key=key: check_string(key, v) if v is not None else v)],
            Field(default=None, description=f'Instead of "{english}".'),
        )
        for key, english in WORDS.items()
    }
    model = create_model("Strings", __base__=Strict, **fields)
    model.__doc__ = "Your own words where deckgen writes its own, by key; {names} are filled in."
    return model


Strings = _strings_model()


class Deck(Strict):
    """A talk outline: the deck's metadata, its pyramid, its audiences and its slides."""

    deck: DeckInfo
    """The talk: title, speaker, event, slot."""
    pyramid: Pyramid | None = None
    """The layered pyramid, defined once."""
    variables: dict[Identifier, Any] = {}
    """Default template variables, used in {{ }} in any text."""
    audiences: dict[Identifier, Audience] = {}
    """Audience profiles, chosen with --audience NAME."""
    slides: Annotated[list[Slide], Field(min_length=1, max_length=MAX_SLIDES)]
    """The slides, in order."""
    appendix: Annotated[list[Slide], Field(max_length=MAX_SLIDES)] = []
    """Backup slides after the closing slide: each hidden (`hidden: true`), kept in the deck
    for the questions, reached with a link such as [the numbers](#costs)."""
    strings: Strings = Strings()  # type: ignore[valid-type]
    """deckgen's own words, where its catalogue for deck.language is not what you want to say:
    {scan: "Zum Link scannen", part: "Teil {number} von {total}"}."""

    @functools.cached_property
    def words(self):
        """Return the deck's words (words.Words): its language's, `strings:` over them."""

        return Words(self.deck.language, self.strings.model_dump())

    def slide_title(self, slide: SlideBase) -> str:
        """Return the title shown on `slide` (defaults resolved)."""
        return heading(self, slide)


def nested_models() -> list[type[BaseModel]]:
    """Return every model class reachable from Deck's fields, Deck and the slide kinds included,
    found by walking the annotations: a new kind's own nested models need no list kept by hand."""

    found: list[type[BaseModel]] = []
    todo: list[Any] = [Deck]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item in found:
                continue
            found.append(item)
            todo.extend(info.annotation for info in item.model_fields.values())
        else:
            todo.extend(get_args(item))
    return found


@functools.lru_cache(maxsize=1)
def verbatim_keys() -> frozenset[str]:
    """Return the keys whose values are never templated: every field marked VERBATIM in any model."""
    classes = [kind.model for kind in KINDS.values()] + nested_models()
    marked = {name for cls in classes for name in verbatim_fields(cls)}
    # templating knows keys, not models: a key must be verbatim in every model or in none
    mixed = sorted(
        f"{cls.__name__}.{name}" for cls in classes for name in set(cls.model_fields) & marked if name not in verbatim_fields(cls)
    )
    if mixed:
        raise RuntimeError(f"fields named like verbatim fields elsewhere but not marked VERBATIM: {', '.join(mixed)}")
    return frozenset(marked)
