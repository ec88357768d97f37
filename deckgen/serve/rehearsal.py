"""A rehearsal's times per slide, written as YAML a speaker can copy into the outline's `minutes:`."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from ..files import write_output
from ..timing import clock

MAX_SLIDES = 2000
MAX_SECONDS = 24 * 3600.0


def parse_times(data: object) -> list[dict]:
    """Return the slides' times the rehearsal page sent; raise ValueError for anything else."""
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list) or len(data["slides"]) > MAX_SLIDES:
        raise ValueError("expected {slides: [{number, id, title, planned, seconds}, ...]}")
    out = []
    for entry in data["slides"]:
        if not isinstance(entry, dict):
            raise ValueError("each slide's time is an object")
        seconds = entry.get("seconds")
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 <= seconds <= MAX_SECONDS:
            raise ValueError("each slide's seconds is a number from 0 to 86400")
        planned = entry.get("planned")
        out.append({
            "slide": int(entry["number"]) if isinstance(entry.get("number"), int) else len(out) + 1,
            "id": str(entry.get("id") or "")[:200],
            "title": str(entry.get("title") or "")[:500],
            "planned": round(float(planned), 2) if isinstance(planned, (int, float)) and not isinstance(planned, bool) else None,
            "minutes": round(seconds / 60, 2),
        })
    return out


def times_yaml(outline: Path, audience: str | None, slides: list[dict]) -> str:
    """Return the rehearsal file's text: one entry per slide with the minutes it took."""
    total = sum(s["minutes"] for s in slides)
    body = {
        "outline": outline.name,
        "audience": audience,
        "rehearsed": time.strftime("%Y-%m-%d %H:%M"),
        "total": clock(total),
        "slides": [{k: v for k, v in s.items() if v not in ("", None)} for s in slides],
    }
    head = (
        f"# A rehearsal of {outline.name}, timed by `deckgen serve`.\n"
        "# Each slide's `minutes` is how long it took: `deckgen build --rehearsal` times the slides\n"
        "# without `minutes:` by it (or copy a time into the outline's `minutes:`).\n"
    )
    return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def writer(path: Path, outline: Path, audience: str | None, inputs, force: bool):
    """Return the function the server calls with each rehearsal's times: it writes `path` (only a
    file deckgen made, or a new one, unless `force`) and returns where."""

    def write(data: object) -> str:
        text = times_yaml(outline, audience, parse_times(data))
        write_output(path, lambda stream: stream.write(text.encode("utf-8")), inputs=inputs(), force=force)
        return str(path)

    return write
