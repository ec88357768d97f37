"""Rebuild an outline on every save, reporting what was built or what is wrong, and keep going."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from .cachedir import default_cache_dir
from .diagrams.cache import DiagramCache
from .errors import DeckgenError
from .pipeline import build, output_path
from .templating import Variables

WATCHED_SUFFIXES = {".yaml", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".heic", ".heif", ".mp4", ".m4v", ".mov", ".m4a", ".mp3", ".pptx"}


def rebuild(outline: Path, audience: str | None, output: Path | None, cache: DiagramCache, echo: Callable[[str], None], variables: Variables | None = None,
            force: bool = False, read: list[Path] | None = None) -> bool:
    """Build once and report it; return True when the deck was written. `read`, if given, is
    set to the files the outline read (its includes, CSV, code, pictures, template, variables
    file), or emptied when the build failed before they were known."""
    started = time.perf_counter()
    if read is not None:
        read.clear()
    try:
        result = build(outline, audience=audience, variables=variables, output=output, cache=cache, force=force)
    except DeckgenError as exc:
        for problem in exc.problems:
            echo(str(problem))
        echo("not rebuilt: fix the outline and save again")
        return False
    except Exception as exc:  # deckgen's own fault: said in one line, and watching goes on
        echo(f"internal error: {type(exc).__name__}: {exc}")
        echo("not rebuilt: this is a bug in deckgen; watching goes on")
        return False
    if read is not None:
        read.extend(Path(p).resolve() for p in result.inputs)
    echo(f"rebuilt {result.path} ({result.slides} slide{'' if result.slides == 1 else 's'}) in {(time.perf_counter() - started) * 1000:.0f} ms")
    return True


def watch_outline(
    outline: Path,
    *,
    audience: str | None = None,
    output: Path | None = None,
    echo: Callable[[str], None] = print,
    stop: threading.Event | None = None,
    variables: Variables | None = None,
    force: bool = False,
) -> None:
    """Build `outline`, then rebuild it whenever a file it reads changes, until `stop` is set.

    Followed: every file the last build read, whatever its name and wherever it is (a CSV, a
    code file, an include, a template, a variables file), and the outline's folder's outlines
    and pictures (a file the outline is about to name). After a build that failed, what it
    reads is not known: any change in the outline's folder rebuilds. The deck written, the
    output folder and hidden files (deckgen's record) never do.
    """
    from watchfiles import watch  # deferred: watchfiles loads only when this runs

    outline = Path(outline)
    folder = outline.parent.resolve()
    cache = DiagramCache(default_cache_dir())
    read: list[Path] = []
    rebuild(outline, audience, output, cache, echo, variables, force, read)
    echo(f"watching {folder} (Ctrl-C to stop)")

    written = output_path(outline, audience, output).resolve()
    output_dir = written.parent if written.parent != folder else None

    def relevant(_change, path: str) -> bool:
        p = Path(path).resolve()
        if p == written:
            return False
        if p in followed:
            return True
        if folder not in p.parents or p.name.startswith(".") or (output_dir is not None and output_dir in p.parents):
            return False
        return not read or p.suffix.lower() in WATCHED_SUFFIXES

    while stop is None or not stop.is_set():
        followed = set(read)
        places = sorted({folder, *(p.parent for p in followed if p.parent.is_dir())}, key=str)
        # a folder inside another is watched through it
        places = [d for d in places if not any(other in d.parents for other in places)]
        for _changes in watch(*places, watch_filter=relevant, stop_event=stop, debounce=40, step=20, rust_timeout=500, yield_on_timeout=False):
            rebuild(outline, audience, output, cache, echo, variables, force, read)
            if set(read) - followed:
                break  # the outline reads a file not followed yet: watch its folder too
        else:
            return
