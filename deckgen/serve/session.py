"""The live deck of `deckgen serve`: rebuilt on each save, only changed slides drawn again."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..cachedir import default_cache_dir
from ..diagrams.cache import DiagramCache
from ..errors import DeckgenError, Problem
from ..pipeline import load, write
from ..pptx.subset import only_slides, slide_hashes  # noqa: F401 (the session's view of a built deck)
from ..templating import Variables, read_vars_file
from ..timing import clock, slot_set, total_minutes
from ..watch import WATCHED_SUFFIXES
from .office import Office, OfficeStopped

SLIDE_OF_FIELD = re.compile(r"^slides\[(\d+)\]")
SLIDE_IN_TEXT = re.compile(r": slides\[(\d+)\]|\(slide (\d+)\)")
BATCH = 16  # slides drawn per request to LibreOffice
MAX_DRAWN_KEPT = 400  # pictures kept for slides no longer shown (undo brings them back at no cost)


def _problem_json(problem: Problem) -> dict:
    where = f"{problem.file}:{problem.line}:{problem.column}" if problem.file and problem.line else problem.file
    return {"text": str(problem), "where": where, "field": problem.field, "message": problem.message}


@dataclass
class State:
    """What the page shows: a snapshot, replaced whole on each change."""

    version: int = 0
    title: str = ""
    outline: str = ""
    duration: float = 0
    planned: str = "00:00"
    slides: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # the last save's: shown over the last good slides
    warnings: list[str] = field(default_factory=list)  # the deck's, not one slide's
    notice: str = ""  # e.g. LibreOffice was restarted
    busy: str = ""  # what is being done now
    built: float = 0.0

    def as_json(self) -> dict:
        return dict(self.__dict__)


class Session:
    """An outline watched and rebuilt; its slides drawn by one Office; the State published."""

    def __init__(self, outline: Path, office: Office, audience: str | None = None, variables: Variables | None = None,
                 ignore: tuple[Path, ...] = (), on_change: Callable[[], None] = lambda: None):
        self.outline = Path(outline).resolve()
        self.office = office
        self.audience = audience
        self.variables = variables
        self.ignore = {p.resolve() for p in ignore}
        self.on_change = on_change
        self.work = Path(tempfile.mkdtemp(prefix=f"deckgen-serve-{os.getpid()}-"))
        self.pictures = self.work / "pictures"
        self.pictures.mkdir()
        self.cache = DiagramCache(default_cache_dir())
        self.state = State(outline=self.outline.name)
        self.inputs: set[Path] = {self.outline}
        self.last_ok = False
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._starts_seen = 0  # LibreOffice's starts already told of
        self._kept: dict[str, float] = {}  # picture digest -> when last shown
        self.threads: list[threading.Thread] = []

    # --- the loop -----------------------------------------------------------------------

    def start(self) -> None:
        """Build once, then rebuild on each save, in two threads of their own."""
        self._dirty.set()
        for target, name in ((self._work_loop, "deckgen-serve-build"), (self._watch_loop, "deckgen-serve-watch")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self._dirty.set()
        for thread in self.threads:
            thread.join(2)
        if any(t.is_alive() for t in self.threads):
            self.office.stop()  # a drawing under way is not waited for: its answer is not wanted
            for thread in self.threads:
                thread.join(10)
        shutil.rmtree(self.work, ignore_errors=True)

    def changed(self) -> None:
        """Ask for a rebuild; saves that come while one runs make one more, not one each."""
        self._dirty.set()

    def _work_loop(self) -> None:
        # the Office is started and used from this thread only: its bridge lives as long as it does
        try:
            while not self._stop.is_set():
                self._dirty.wait()
                if self._stop.is_set():
                    break
                self._dirty.clear()
                self.rebuild()
        finally:
            self.office.close()

    def _watch_loop(self) -> None:
        from watchfiles import watch  # deferred: watchfiles loads only when this runs

        folders = {self.outline.parent}
        if self.variables is not None and self.variables.file_path is not None:
            folders.add(Path(self.variables.file_path).resolve().parent)

        def relevant(_change, path: str) -> bool:
            p = Path(path)
            if p.name.startswith((".", "~")) or p.name.endswith(("~", ".swp", ".tmp")) or p.resolve() in self.ignore:
                return False
            if p.resolve() in self.inputs or p.suffix.lower() in WATCHED_SUFFIXES:
                return True
            return not self.last_ok  # a missing file the broken outline names may be any file

        while not self._stop.is_set():
            try:
                for _ in watch(*folders, watch_filter=relevant, stop_event=self._stop, debounce=30, step=10, rust_timeout=500, yield_on_timeout=False):
                    self.changed()
            except Exception as exc:  # e.g. the folder was removed: said on the page, tried again
                self._publish(notice=f"cannot watch {self.outline.parent}: {exc}; trying again")
                self._stop.wait(1.0)

    # --- one rebuild -----------------------------------------------------------------------

    def rebuild(self) -> None:
        """Load, build and draw the outline once; publish the result or its problems."""
        started = time.perf_counter()
        self._publish(busy="building")
        deck_file = self.work / "deck.pptx"
        try:
            loaded = load(self.outline, self.audience, self._variables())
            self.inputs = {p.resolve() for p in loaded.inputs()} | {self.outline}
            write(loaded, deck_file, self.cache, force=True)
            data = deck_file.read_bytes()
            hashes = slide_hashes(data)
        except DeckgenError as exc:
            self.last_ok = False
            self._publish(problems=[_problem_json(p) for p in exc.problems], busy="")
            return
        except Exception as exc:  # deckgen's own fault: said on the page, and serving goes on
            self.last_ok = False
            self._publish(problems=[{"text": f"internal error: {type(exc).__name__}: {exc}", "where": "", "field": "", "message": str(exc)}], busy="")
            return
        self.last_ok = True
        first: dict[str, int] = {}  # each picture not drawn yet, at the first slide that shows it
        for i, h in enumerate(hashes):
            if not (self.pictures / f"{h}.png").is_file():
                first.setdefault(h, i)
        todo = sorted(first.values())
        problems: list[dict] = []
        # in batches: the first slides show while the rest are drawn, a newer save need not wait
        # for a whole deck, and each request to LibreOffice stays within its time limit
        for at in range(0, len(todo), BATCH):
            left = len(todo) - at
            busy = f"drawing {left} slide{'s' if left != 1 else ''}"
            if at:
                self._publish_deck(loaded, hashes, [], time.perf_counter() - started, busy)
                if self._dirty.is_set():
                    return  # the newer save is drawn instead; what is drawn is kept
            else:
                self._publish(busy=busy)
            chunk = todo[at : at + BATCH]
            try:
                self._draw(data, chunk, [self.pictures / f"{hashes[i]}.png" for i in chunk])
            except OfficeStopped as exc:
                problems.append({"text": f"{exc}; it is started again on the next save", "where": "", "field": "", "message": str(exc)})
                break
            except Exception as exc:  # a deck LibreOffice cannot draw, pdftoppm failing: the page says so, serving goes on
                problems.append({"text": f"could not draw the slides: {exc}", "where": "", "field": "", "message": str(exc)})
                break
        self._publish_deck(loaded, hashes, problems, time.perf_counter() - started)

    def _draw(self, data: bytes, slides: list[int], out: list[Path]) -> None:
        """Draw the slides at `slides` (0-based) of deck `data` into `out`: from a deck of only
        those slides, or, should LibreOffice not draw that one, those pages of the whole deck."""
        smaller = self.work / "some-slides.pptx"
        smaller.write_bytes(only_slides(data, [i + 1 for i in slides]))
        try:
            self.office.draw(smaller, list(range(1, len(slides) + 1)), out)
        except OfficeStopped:
            raise
        except DeckgenError:
            self.office.draw(self.work / "deck.pptx", [i + 1 for i in slides], out)

    def _variables(self) -> Variables | None:
        """Return the variables with the --vars file read again: it is an input like the outline."""
        if self.variables is None or self.variables.file_path is None:
            return self.variables
        return dataclasses.replace(self.variables, file=read_vars_file(self.variables.file_path))

    def _publish_deck(self, loaded, hashes: list[str], problems: list[dict], seconds: float, busy: str = "") -> None:
        deck = loaded.deck
        per_slide: dict[int, list[str]] = {}
        general: list[str] = []
        located = {str(p): p for p in loaded.planned_warnings}
        for warning in loaded.warnings:
            index = None
            if warning in located:
                m = SLIDE_OF_FIELD.match(located[warning].field or "")
                index = int(m.group(1)) if m else None
            if index is None:
                m = SLIDE_IN_TEXT.search(warning)
                if m:
                    index = int(m.group(1)) if m.group(1) else int(m.group(2)) - 1
            if index is not None and 0 <= index < len(deck.slides):
                per_slide.setdefault(index, []).append(warning)
            else:
                general.append(warning)
        slides = []
        for i, (slide, entry, h) in enumerate(zip(deck.slides, loaded.plan, hashes)):
            drawn = (self.pictures / f"{h}.png").is_file()
            slides.append({
                "number": entry.number, "id": slide.id or "", "kind": slide.kind, "title": entry.title,
                "picture": f"slide/{h}.png" if drawn else "", "hash": h,
                "notes": slide.notes.strip(), "window": entry.window, "start": entry.start, "minutes": entry.minutes,
                "estimated": entry.estimated, "warnings": per_slide.get(i, []),
            })
        now = time.time()
        for h in hashes:
            self._kept[h] = now
        self._forget_old()
        notice = ""
        if self.office.starts > max(self._starts_seen, 1):  # the first start is no news
            notice = f"LibreOffice stopped and was started again ({time.strftime('%H:%M:%S')})"
        self._starts_seen = self.office.starts
        self._publish(
            title=loaded.deck.deck.title, duration=deck.deck.duration if slot_set(deck) else 0, planned=clock(total_minutes(loaded.plan)), slides=slides,
            problems=problems, warnings=general, busy=busy, built=round(seconds, 3), **({"notice": notice} if notice else {}),
        )

    def _forget_old(self) -> None:
        """Remove the pictures of slides not shown for longest, beyond MAX_DRAWN_KEPT (disk bounded)."""
        if len(self._kept) <= MAX_DRAWN_KEPT:
            return
        for h, _ in sorted(self._kept.items(), key=lambda kv: kv[1])[: len(self._kept) - MAX_DRAWN_KEPT]:
            self._kept.pop(h)
            (self.pictures / f"{h}.png").unlink(missing_ok=True)

    def _publish(self, **changes) -> None:
        with self._lock:
            values = self.state.as_json() | changes
            values["version"] = self.state.version + 1
            self.state = State(**values)
        self.on_change()

    def picture(self, digest: str) -> Path | None:
        """Return the drawn picture of a slide digest, or None: nothing else is ever served."""
        if not re.fullmatch(r"[0-9a-f]{20}", digest):
            return None
        path = self.pictures / f"{digest}.png"
        return path if path.is_file() else None
