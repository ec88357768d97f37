"""Build one deck per audience, in parallel processes when there is more than one core."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import build as b
from .diagrams.cache import DiagramCache, default_cache_dir, usable_cores
from .errors import OutlineError, Problem
from .source import read_outline
from .templating import Variables, audience_names

_shared_cache: DiagramCache | None = None
_loaded: dict[str, b.Loaded] = {}  # filled before the workers fork, so they need not load again


def _init_worker(memory: dict[str, bytes]) -> None:
    global _shared_cache
    _shared_cache = DiagramCache(None)
    _shared_cache.memory.update(memory)


def _build_one(outline: Path, audience: str, variables: Variables) -> b.BuildResult:
    path = b.output_path(outline, audience, None)
    if audience in _loaded:  # forked: the parent's validated outline is already here
        return b.write(_loaded[audience], path, _shared_cache)
    return b.build(outline, audience=audience, variables=variables, cache=_shared_cache)


def build_all(outline: Path, variables: Variables | None = None, workers: int | None = None) -> list[b.BuildResult]:
    """Build every audience's deck of `outline`; return the results in the outline's order.

    Every audience is loaded and validated first, so a mistake anywhere is reported before
    anything is written. The diagrams of all decks are rendered once, here, and handed to the
    workers, so decks that share a pyramid do not draw it again.
    """
    names = audience_names(read_outline(outline).data)
    if not names:
        raise OutlineError(Problem("`--audience all` needs an `audiences:` section in the outline", str(outline)))
    loaded = {name: b.load(outline, name, variables) for name in names}
    cache = DiagramCache(default_cache_dir())
    specs = [spec for deck in loaded.values() for spec in deck.pictured().values()]
    cache.prefetch(specs)
    for spec in specs:
        cache.png(spec)
    workers = workers or min(len(names), usable_cores())
    if workers <= 1:
        return [b.write(loaded[name], b.output_path(outline, name, None), cache) for name in names]
    _loaded.clear()
    _loaded.update(loaded)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(cache.memory,)) as pool:
        futures = [pool.submit(_build_one, outline, name, variables or Variables()) for name in names]
        return [f.result() for f in futures]
