"""`deckgen import`: an outline from a PowerPoint deck or slide Markdown, and PowerPoint edits back.

`pptx.py` reads any deck (and recognises deckgen's own), `markdown.py` reads Marp, Slidev and
Pandoc slide Markdown, `changes.py` carries a speaker's edits to a built deck back into the
outline. Every importer returns an `Imported`: the outline's data, the pictures to write beside
it and a report of what it could not map, so nothing is dropped silently.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OutlineError, Problem
from .markdown import read_markdown
from ..pptx.reading import Reader


def read_source(path: Path, stem: str):
    """Return the Imported outline of a .pptx deck or a slide Markdown file at `path`."""
    suffix = Path(path).suffix.lower()
    if suffix in (".pptx", ".potx", ".pptm"):
        return Reader(Path(path), stem).read()
    if suffix in (".md", ".markdown"):
        return read_markdown(Path(path), stem)
    raise OutlineError(Problem("deckgen imports a PowerPoint deck (.pptx) or slide Markdown (.md)", str(path)))
