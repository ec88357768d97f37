"""The talk's timing plan: minutes per slide (declared or estimated from notes) and start times."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import plain
from .model import Deck
from .words import ENGLISH

WORDS_PER_MINUTE = 130
PAUSE_MINUTES = 0.25  # per slide: the click, a breath, the room looking at the new slide
FLOOR_MINUTES = 0.5  # no slide is on screen for less
SHORT_RATIO = 0.7  # a talk planned under 70% of its slot "runs very short"


@dataclass(frozen=True)
class SlidePlan:
    """One slide's place in the talk's timeline."""

    number: int
    title: str
    minutes: float
    start: float  # minutes from the start of the talk
    estimated: bool  # True when the minutes come from the notes, not the outline

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


def plan(deck: Deck) -> list[SlidePlan]:
    """Return the timing plan of `deck`, one entry per slide."""
    out = []
    start = 0.0
    for number, slide in enumerate(deck.slides, start=1):
        estimated = slide.minutes is None
        minutes = estimate_minutes(slide.notes) if estimated else float(slide.minutes)
        out.append(SlidePlan(number, plain(deck.slide_title(slide)), round(minutes, 2), round(start, 2), estimated))
        start += minutes
    return out


def total_minutes(entries: list[SlidePlan]) -> float:
    """Return the talk's planned length."""
    return entries[-1].end if entries else 0.0


def warnings(deck: Deck, entries: list[SlidePlan]) -> list[tuple[tuple, str]]:
    """Return (field path, warning) about the plan against the slot: overrun, or very short."""
    total = total_minutes(entries)
    slot = deck.deck.duration
    if total > slot:
        return [(("deck", "duration"), f"the talk runs {clock(total)} for a {slot}-minute slot: {clock(total - slot)} over; trim notes or slides")]
    if total < slot * SHORT_RATIO:
        return [(("deck", "duration"), f"the talk runs {clock(total)} for a {slot}-minute slot: very short; add notes or slides")]
    return []


def format_plan(deck: Deck, entries: list[SlidePlan]) -> str:
    """Return the plan as a table a speaker can read in a terminal."""
    width = max((len(e.title) for e in entries), default=5)
    width = min(max(width, 5), 48)
    lines = [f"{'#':>3}  {'start':>5}  {'min':>5}  {'title':<{width}}"]
    for e in entries:
        title = e.title if len(e.title) <= width else e.title[: width - 1] + "…"
        mark = "~" if e.estimated else " "
        lines.append(f"{e.number:>3}  {clock(e.start):>5}  {e.minutes:>4.1f}{mark}  {title:<{width}}")
    lines.append(f"total {clock(total_minutes(entries))} of a {deck.deck.duration}-minute slot (~ estimated from notes)")
    return "\n".join(lines)
