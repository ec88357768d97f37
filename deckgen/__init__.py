"""deckgen: turn a YAML outline of a talk into a native, editable PowerPoint deck."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["BuildResult", "Deck", "DeckgenError", "OutlineError", "Problem", "__version__", "build", "load"]
# (the pipeline's module is `deckgen.pipeline`, not `deckgen.build`: a submodule of that name
# would stand where `deckgen.build`, the function, is looked up once it had been imported)

# Imported on first use, so `deckgen --help` and light commands start fast.
_LAZY = {
    "build": "deckgen.pipeline",
    "load": "deckgen.pipeline",
    "BuildResult": "deckgen.pipeline",
    "Deck": "deckgen.model",
    "DeckgenError": "deckgen.errors",
    "OutlineError": "deckgen.errors",
    "Problem": "deckgen.errors",
}

if TYPE_CHECKING:
    from .errors import DeckgenError, OutlineError, Problem
    from .model import Deck
    from .pipeline import BuildResult, build, load


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'deckgen' has no attribute {name!r}")
