"""Rendered diagrams, cached by content: in memory for a process, on disk across processes."""

from __future__ import annotations

import os
import re
import sys
import stat
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from .pyramid import PyramidSpec


def usable_cores() -> int:
    """Return how many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _single_threaded() -> bool:
    """Return whether this process runs one thread only (counting threads Python did not start)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _executor(workers: int) -> Executor:
    """Return a pool of `workers` forked processes if forking is safe here, else of threads."""
    if sys.platform.startswith("linux") and _single_threaded():
        import multiprocessing  # deferred: multiprocessing loads only when this runs
        from concurrent.futures import ProcessPoolExecutor  # deferred: concurrent loads only when this runs

        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    from concurrent.futures import ThreadPoolExecutor  # deferred: concurrent loads only when this runs

    return ThreadPoolExecutor(workers, thread_name_prefix="deckgen-diagram")


MAX_ENTRIES = 400  # about 60 MB of pictures; the oldest go first
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_ENTRY = re.compile(r"^([0-9a-f]{64})-([0-9a-f]{32})\.png$")  # spec key, then the entry's MAC
_TEMP_PREFIX = ".deckgen-diagram-"


class DiagramCache:
    """Return PNG bytes for a spec, rendering each distinct spec once.

    Keys are digests of the spec and the renderer's version, so a changed diagram or a new
    renderer never reads a stale picture. Disk entries are written atomically and named by
    their key and a MAC, under this user's key (deckgen.localkey), over the key and the
    picture's bytes: a picture someone else put in the folder under the right name does not
    verify and is drawn again, never embedded. A missing or unreadable entry is simply
    rendered again.
    """

    def __init__(self, folder: Path | None = None, read_only: bool = False):
        self.folder = folder
        self.read_only = read_only  # read pictures from the folder, never write there (`check`)
        self.memory: dict[str, bytes] = {}
        self.rendered = 0  # how many pictures this cache actually drew
        self._drawing: dict[str, Future[bytes]] = {}
        self._pool: Executor | None = None

    def prefetch(self, specs: Iterable[PyramidSpec]) -> None:
        """Start drawing, in the background, every spec found neither in memory nor on disk.

        On more than one core the pictures are drawn while the caller goes on laying out
        slides, and `png` waits for a picture still being drawn. The workers are forked
        processes where fork is safe (Linux, a process with a single thread: they start in
        milliseconds with everything imported); elsewhere threads, which gain less because
        only Pillow's and zlib's C code runs outside the interpreter lock. On one core nothing
        is started and `png` draws each picture when it is asked for.
        """
        cores = usable_cores()
        if cores < 2:
            return
        missing: dict[str, PyramidSpec] = {}
        for spec in specs:
            key = spec.key()
            if key in self.memory or key in self._drawing or key in missing:
                continue
            data = self._read(key)
            if data is not None:
                self.memory[key] = data
            else:
                missing[key] = spec
        if not missing:
            return
        from .pyramid import render_png  # deferred: deckgen.diagrams.pyramid loads only when this runs

        try:
            if self._pool is None:
                self._pool = _executor(min(len(missing), cores))
            for key, spec in missing.items():
                self._drawing[key] = self._pool.submit(render_png, spec)
        except (OSError, RuntimeError):  # no process or thread could be started: draw on demand
            self._drawing.clear()
            self._finish()

    def cancel(self) -> None:
        """Drop the pictures still being drawn: the build they were for failed."""
        self._drawing.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _finish(self) -> None:
        """Stop the workers once nothing is being drawn, so no thread outlives the pictures."""
        if self._pool is not None and not self._drawing:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def png(self, spec: PyramidSpec) -> bytes:
        """Return the PNG of `spec`, from memory, a picture being drawn, disk or a fresh render."""
        key = spec.key()
        if key in self.memory:
            return self.memory[key]
        drawing = self._drawing.pop(key, None)
        if drawing is not None:
            try:
                data = drawing.result()
            except Exception:  # the worker died or failed: draw here, where a real error surfaces
                from .pyramid import render_png  # deferred: deckgen.diagrams.pyramid loads only when this runs

                data = render_png(spec)
            self._finish()
            self.rendered += 1
            self._write(key, data)
            self.memory[key] = data
            return data
        data = self._read(key)
        if data is None:
            from .pyramid import render_png  # Pillow's drawing code, only when there is drawing to do

            data = render_png(spec)
            self.rendered += 1
            self._write(key, data)
        self.memory[key] = data
        return data

    def _path(self, key: str, data: bytes) -> Path | None:
        return self.folder / f"{key}-{_mac(key, data)}.png" if self.folder else None

    def _read(self, key: str) -> bytes | None:
        """Return the picture of `key` from the folder, only from an entry that is a regular
        file (no link, FIFO or device), of this user, whose name carries the MAC of its key and
        bytes under this user's key, and that is a whole PNG; None otherwise (it is drawn again)."""
        if self.folder is None:
            return None
        from ..files import read_regular  # deferred: only a cache with a folder reads files

        try:
            names = [entry.name for entry in os.scandir(self.folder) if entry.name.startswith(key)]
        except OSError:
            return None
        for name in names:
            found = _ENTRY.match(name)
            if found is None or found.group(1) != key:
                continue
            path = self.folder / name
            try:
                if os.lstat(path).st_uid != os.geteuid():
                    continue
            except (OSError, AttributeError):
                continue
            data = read_regular(path, MAX_ENTRY_BYTES)
            if data is None or not _verified(key, data, found.group(2)):
                continue
            if data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"):
                return data
        return None

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key, data)
        if path is None or self.read_only:
            return
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
            tmp = None
            self._prune(path.parent)
        except OSError:
            pass  # a cache that cannot be written (a full disk) only costs time
        finally:
            if tmp is not None:  # never leave a partial picture behind
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    @staticmethod
    def _prune(folder: Path) -> None:
        """Keep the folder under MAX_ENTRIES pictures, removing the least recently written;
        temporary files older than a minute (a run killed while writing) go first."""
        now = time.time()
        # only deckgen's own names: a cache folder pointed at a folder of the user's own
        # pictures removes none of them
        for stale in folder.glob(_TEMP_PREFIX + "*.tmp"):
            try:
                if now - stale.lstat().st_mtime > 60:
                    stale.unlink()
            except OSError:
                pass
        entries = []
        for path in folder.glob("*.png"):
            try:
                status = path.lstat()
            except OSError:
                continue
            if _ENTRY.match(path.name) and stat.S_ISREG(status.st_mode):
                entries.append((status.st_mtime, path))
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort()
        entries = [path for _, path in entries]
        for old in entries[: len(entries) - MAX_ENTRIES * 3 // 4]:
            try:
                old.unlink()
            except OSError:
                pass


def _mac(key: str, data: bytes, secret: bytes | None = None) -> str:
    from ..localkey import mac  # deferred: only a cache with a folder needs the key

    return mac("diagram-cache/1", key, data, secret=secret)[:32]


def _verified(key: str, data: bytes, tag: str) -> bool:
    from ..localkey import same  # deferred: as in _mac

    return same(_mac(key, data), tag)
