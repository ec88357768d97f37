"""Build one deck per audience, in parallel processes when there is more than one core."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from . import pipeline as b
from .budget import die_with_parent
from .diagrams.cache import DiagramCache, usable_cores
from .cachedir import default_cache_dir
from .errors import OutlineError, Problem
from .source import read_outline
from .templating import Variables, audience_names

_shared_cache: DiagramCache | None = None
_loaded: dict[str, b.Loaded] = {}  # filled before the workers fork, so they need not load again


def _init_worker(memory: dict[str, bytes]) -> None:
    global _shared_cache
    die_with_parent()  # a worker killed with its parent, not left under init holding its pipes
    _shared_cache = DiagramCache(None)
    _shared_cache.memory.update(memory)


def _render_one(outline: Path, audience: str, variables: Variables) -> tuple[bytes, list]:
    """Return the bytes of one audience's deck, rendered but not written, and its small-text warnings."""
    loaded = _loaded.get(audience)  # forked: the parent's validated outline is already here
    if loaded is None:
        loaded = b.load(outline, audience, variables)
    return b.deck_bytes(b.render_deck(loaded, _shared_cache), loaded), loaded.planned_warnings


def build_all(outline: Path, variables: Variables | None = None, workers: int | None = None, force: bool = False, strict: bool = False, pictures: str = "shown") -> list[b.BuildResult]:
    """Build every audience's deck of `outline`; return the results in the outline's order.

    Nothing is written until every deck is whole: each audience is loaded and validated, its
    output checked, every deck rendered (pictures, template and text that cannot fit
    included), and only then are the decks written. A mistake in one audience names it and
    leaves every deck as it was. The diagrams of all decks are rendered once, here, and handed
    to the workers, so decks that share a pyramid do not draw it again.
    """
    names = audience_names(read_outline(outline))
    if not names:
        raise OutlineError(Problem("`--audience all` needs an `audiences:` section in the outline", str(outline)))
    loaded = {name: b.load(outline, name, variables) for name in names}
    for deck in loaded.values():
        deck.pictures = pictures
    paths = {name: b.output_path(outline, name, None) for name in names}
    for name in names:
        b.check_output(loaded[name], paths[name], force)
    cache = DiagramCache(default_cache_dir())
    specs = [spec for deck in loaded.values() for spec in deck.pictured().values()]
    cache.prefetch(specs)
    for spec in specs:
        cache.png(spec)
    workers = workers or min(len(names), usable_cores())
    decks: dict[str, bytes] = {}
    if workers <= 1:
        for name in names:
            decks[name] = _rendered(name, lambda: b.deck_bytes(b.render_deck(loaded[name], cache), loaded[name]))
            if strict:
                loaded[name].strict()
    else:
        _loaded.clear()
        _loaded.update(loaded)
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(cache.memory,)) as pool:
            futures = {name: pool.submit(_render_one, outline, name, variables or Variables()) for name in names}
            for name in names:
                decks[name], loaded[name].planned_warnings = _rendered(name, futures[name].result)
                if strict:
                    loaded[name].strict()
    results = []
    for name in names:
        b.save(decks[name], loaded[name], paths[name], force)
        results.append(b.BuildResult(paths[name], len(loaded[name].deck.slides), name, loaded[name].warnings, len(decks[name]), b.media_size(decks[name]), loaded[name].inputs()))
    return results


def _rendered(audience: str, render):
    """Return `render()` (a deck's bytes, with its warnings from a worker); an outline mistake
    found while rendering names the audience."""
    try:
        return render()
    except OutlineError as exc:
        raise OutlineError([replace(p, message=f"(audience {audience!r}) {p.message}") for p in exc.problems]) from None
