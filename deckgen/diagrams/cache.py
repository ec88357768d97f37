"""Rendered diagrams, cached by content: in memory for a process, on disk across processes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pyramid import PyramidSpec


def default_cache_dir() -> Path | None:
    """Return the on-disk cache folder ($DECKGEN_CACHE_DIR, else the user cache), or None if off."""
    configured = os.environ.get("DECKGEN_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckgen" / "diagrams"


MAX_ENTRIES = 400  # about 60 MB of pictures; the oldest go first


class DiagramCache:
    """Return PNG bytes for a spec, rendering each distinct spec once.

    Keys are digests of the spec and the renderer's version, so a changed diagram or a new
    renderer never reads a stale picture. Disk entries are written atomically; a missing or
    unreadable entry is simply rendered again.
    """

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.memory: dict[str, bytes] = {}
        self.rendered = 0  # how many pictures this cache actually drew

    def png(self, spec: PyramidSpec) -> bytes:
        """Return the PNG of `spec`, from memory, disk or a fresh render."""
        key = spec.key()
        if key in self.memory:
            return self.memory[key]
        data = self._read(key)
        if data is None:
            from .pyramid import render_png  # Pillow's drawing code, only when there is drawing to do

            data = render_png(spec)
            self.rendered += 1
            self._write(key, data)
        self.memory[key] = data
        return data

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.png" if self.folder else None

    def _read(self, key: str) -> bytes | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82") else None

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
            self._prune(path.parent)
        except OSError:
            pass  # a cache that cannot be written only costs time

    @staticmethod
    def _prune(folder: Path) -> None:
        """Keep the folder under MAX_ENTRIES pictures, removing the least recently written."""
        entries = list(folder.glob("*.png"))
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda p: p.stat().st_mtime)
        for old in entries[: len(entries) - MAX_ENTRIES * 3 // 4]:
            try:
                old.unlink()
            except OSError:
                pass
