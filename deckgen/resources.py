"""Locate the files deckgen ships (default outlines, fonts, template), installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries outlines/ and assets/ inside the package (see pyproject.toml); a checkout
# or an editable install keeps them beside the package.
_ROOT = _PACKAGE / "_data" if (_PACKAGE / "_data").is_dir() else _PACKAGE.parent


def asset(*parts: str) -> Path:
    """Return the path of a shipped asset, e.g. asset('fonts', 'Carlito-Regular.ttf')."""
    return _ROOT.joinpath("assets", *parts)


def outline(name: str = "four-layers.yaml") -> Path:
    """Return the path of a shipped outline."""
    return _ROOT.joinpath("outlines", name)


DEFAULT_OUTLINE = "four-layers.yaml"
