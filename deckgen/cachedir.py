"""Where deckgen keeps what it can make again: its cache folder, for pictures and font maps."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path | None:
    """Return the on-disk cache folder ($DECKGEN_CACHE_DIR, else the user cache), or None if off."""
    configured = os.environ.get("DECKGEN_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckgen" / "diagrams"
