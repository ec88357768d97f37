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


def rebuild(outline: Path, audience: str | None, output: Path | None, cache: DiagramCache, echo: Callable[[str], None], variables: Variables | None = None, force: bool = False) -> bool:
    """Build once and report it; return True when the deck was written."""
    started = time.perf_counter()
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
    """Build `outline`, then rebuild it whenever it or a file beside it changes, until `stop` is set."""
    from watchfiles import watch  # deferred: watchfiles loads only when this runs

    outline = Path(outline)
    cache = DiagramCache(default_cache_dir())
    rebuild(outline, audience, output, cache, echo, variables, force)
    echo(f"watching {outline.parent.resolve()} (Ctrl-C to stop)")

    written = output_path(outline, audience, output).resolve()
    output_dir = written.parent if written.parent != outline.parent.resolve() else None

    def relevant(_change, path: str) -> bool:
        p = Path(path).resolve()
        if p == written or p.name.startswith(".") or (output_dir is not None and output_dir in p.parents):
            return False
        return p.suffix.lower() in WATCHED_SUFFIXES

    for _changes in watch(outline.parent, watch_filter=relevant, stop_event=stop, debounce=40, step=20, rust_timeout=500, yield_on_timeout=False):
        rebuild(outline, audience, output, cache, echo, variables, force)
