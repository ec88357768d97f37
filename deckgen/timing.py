"""The talk's timing plan: minutes per slide (declared or estimated from notes) and start times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import OutlineError, Problem
from .files import read_limited
from .markup import plain
from .model import Deck
from .words import ENGLISH

WORDS_PER_MINUTE = 130
PAUSE_MINUTES = 0.25  # per slide: the click, a breath, the room looking at the new slide
FLOOR_MINUTES = 0.5  # no slide is on screen for less
SHORT_RATIO = 0.7  # a talk planned under 70% of its slot "runs very short"
MAX_REHEARSAL_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SlidePlan:
    """One slide's place in the talk's timeline."""

    number: int
    title: str
    minutes: float
    start: float  # minutes from the start of the talk
    estimated: bool  # True when the minutes come from the notes, not the outline
    rehearsed: bool = False  # True when they come from a rehearsal (`--rehearsal`)
    hidden: bool = False  # a backup slide: shown only when asked for, so it takes none of the talk's time

    @property
    def end(self) -> float:
        return self.start + self.minutes

    @property
    def window(self) -> str:
        """Return the slide's time window, e.g. '04:30-06:00'."""
        return f"{clock(self.start)}-{clock(self.end)}"


def clock(minutes: float) -> str:
    """Return `minutes` as mm:ss."""
    seconds = round(minutes * 60)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def duration(minutes: float) -> str:
    """Return `minutes` the way a speaker says it, in English: '45 s', '1 min', '2 min 15 s'."""

    return ENGLISH.duration(minutes)


def spoken_words(notes: str) -> int:
    """Return the number of words a speaker would say reading `notes`."""
    return len(re.findall(r"[\w'’-]+", notes))


def estimate_minutes(notes: str) -> float:
    """Return the minutes a slide takes, estimated from its notes."""
    return max(FLOOR_MINUTES, spoken_words(notes) / WORDS_PER_MINUTE + PAUSE_MINUTES)


def plan(deck: Deck, rehearsed: dict[int, float] | None = None) -> list[SlidePlan]:
    """Return the timing plan of `deck`, one entry per slide: a slide's `minutes:`, else the
    minutes a rehearsal timed it at (`rehearsed`, by slide index), else an estimate from its notes."""
    rehearsed = rehearsed or {}
    out = []
    start = 0.0
    for index, slide in enumerate(deck.slides):
        timed = slide.minutes is None and index in rehearsed
        estimated = slide.minutes is None and not timed
        minutes = float(slide.minutes) if slide.minutes is not None else rehearsed[index] if timed else estimate_minutes(slide.notes)
        hidden = getattr(slide, "hidden", False)
        out.append(SlidePlan(index + 1, plain(deck.slide_title(slide)), round(minutes, 2), round(start, 2), estimated, timed, hidden))
        if not hidden:
            start += minutes
    return out


def read_rehearsal(path: Path, deck: Deck) -> tuple[dict[int, float], list[Problem]]:
    """Return the minutes a rehearsal file (as `deckgen serve --rehearsal` writes it) gives each
    slide of `deck`, by slide index, and a located warning for each entry that matches no slide;
    raise OutlineError (exit 2) for a file that is not such a record.

    An entry matches the slide with its `id`; without one, the slide at its number with its
    title, else the one slide with that title (slides may have moved since the rehearsal).
    """
    name = str(path)
    try:
        text = read_limited(Path(path), MAX_REHEARSAL_BYTES, "rehearsal file", "rehearsal files").decode("utf-8")
        data = yaml.safe_load(text)
    except ValueError as exc:  # read_limited's reasons, and text that is not UTF-8
        raise OutlineError(Problem(f"the rehearsal file {exc}", name)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise OutlineError(Problem(f"the rehearsal file is not YAML: {getattr(exc, 'problem', exc)}", name, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)) from None
    entries = data.get("slides") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise OutlineError(Problem("the rehearsal file has no `slides:` list (write one with `deckgen serve --rehearsal FILE`)", name))
    titles = [plain(deck.slide_title(s)) for s in deck.slides]
    ids = {s.id: i for i, s in enumerate(deck.slides) if getattr(s, "id", None)}
    found: dict[int, float] = {}
    warnings = []
    for k, entry in enumerate(entries):
        minutes = entry.get("minutes") if isinstance(entry, dict) else None
        if not isinstance(minutes, (int, float)) or isinstance(minutes, bool) or not 0 < minutes <= 24 * 60:
            raise OutlineError(Problem(f"slides[{k}] of the rehearsal file needs `minutes:`, a number of minutes above 0", name))
        index = ids.get(entry.get("id"))
        number, title = entry.get("slide"), entry.get("title")
        if index is None and isinstance(number, int) and 0 < number <= len(titles) and titles[number - 1] == title:
            index = number - 1
        if index is None and titles.count(title) == 1:
            index = titles.index(title)
        if index is None:
            warnings.append(Problem(f"slides[{k}] of the rehearsal ({title!r}) matches no slide of the deck; its time is not used", name, severity="warning"))
            continue
        found[index] = float(minutes)
    return found, warnings


def total_minutes(entries: list[SlidePlan]) -> float:
    """Return the talk's planned length (backup slides take none of it)."""
    return max((e.end for e in entries if not e.hidden), default=0.0)


def warnings(deck: Deck, entries: list[SlidePlan]) -> list[tuple[tuple, str]]:
    """Return (field path, warning) about the plan against the slot: overrun, or very short.
    None when the outline sets no `duration:`: a slot nobody gave is not one to run short of."""
    if not slot_set(deck):
        return []
    total = total_minutes(entries)
    slot = deck.deck.duration
    if total > slot:
        return [(("deck", "duration"), f"the talk runs {clock(total)} for a {slot}-minute slot: {clock(total - slot)} over; trim notes or slides")]
    if total < slot * SHORT_RATIO:
        return [(("deck", "duration"), f"the talk runs {clock(total)} for a {slot}-minute slot: very short; add notes or slides")]
    return []


def slot_set(deck: Deck) -> bool:
    """Return whether the outline gives the talk's slot (`deck.duration`)."""
    return "duration" in deck.deck.model_fields_set


def minutes_text(minutes: float) -> str:
    """Return planned minutes as the plan holds them (to the hundredth): "1.0", "0.75", "2.5"."""
    return f"{minutes:.1f}" if round(minutes, 1) == round(minutes, 2) else f"{minutes:.2f}"


def format_plan(deck: Deck, entries: list[SlidePlan]) -> str:
    """Return the plan as a table a speaker can read in a terminal."""
    width = max((len(e.title) for e in entries), default=5)
    width = min(max(width, 5), 48)
    at = 6 if any(e.hidden for e in entries) else 5  # "backup" is one wider than mm:ss
    lines = [f"{'#':>3}  {'start':>{at}}  {'min':>5}  {'title':<{width}}"]
    for e in entries:
        title = e.title if len(e.title) <= width else e.title[: width - 1] + "…"
        mark = "~" if e.estimated else "r" if e.rehearsed else " "
        start = "backup" if e.hidden else clock(e.start)
        lines.append(f"{e.number:>3}  {start:>{at}}  {minutes_text(e.minutes):>5}{mark}  {title:<{width}}")
    marks = ["~ estimated from notes"] * any(e.estimated for e in entries) + ["r as rehearsed"] * any(e.rehearsed for e in entries)
    marks += ["backup slides not counted"] * any(e.hidden for e in entries)
    slot = f" of a {deck.deck.duration}-minute slot" if slot_set(deck) else ""
    legend = f" ({', '.join(marks)})" if marks else ""
    lines.append(f"total {clock(total_minutes(entries))}{slot}{legend}")
    return "\n".join(lines)
