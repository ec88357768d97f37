"""The kinds of file an outline's slides read: each a `FileReader`, each in a module of its own.

A kind declares the files it reads as `Input`s (the field naming the file, the reader, what to
check of what the file holds against the slide); `assets.load_inputs` reads every one of them
once, confined to the outline's folder and within its reader's size limit, and reports every
problem of every file in one run. A new kind of file is one module here and an `Input` on the
kinds that read it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, NamedTuple

from ..files import confine, read_limited, similar_file


class LineError(ValueError):
    """A problem at a line of the file being read (a CSV row, say): located there, not at the outline."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


class FileReader(NamedTuple):  # a named tuple, not a dataclass: every kind declares them when deckgen starts
    """One kind of file: its name in the files map, what a speaker calls it ("picture", "code
    file"), how large it may be, and how its bytes become what the kinds use (`parse` raises
    ValueError saying what is wrong, or LineError at a line of the file)."""

    name: str
    what: str
    plural: str
    limit: int
    parse: Callable[[bytes, str], Any]
    called: str = ""  # what problems call one ("picture 'x.png' ..."), if not `what`

    def read(self, name: str, base: Path) -> Any:
        """Return file `name` of the outline's folder `base`, read and parsed; raise ValueError."""
        return self.parse(read_in_folder(name, base, self.limit, self.what, self.plural), name)


def read_in_folder(name: str, base: Path, limit: int, what: str, plural: str) -> bytes:
    """Return the bytes of file `name` of the outline's folder `base`: confined to it, a regular
    file, read no further than `limit`; raise ValueError saying what is wrong (with a suggestion
    for a name that is not there)."""
    path = confine(name, base)
    if not os.path.lexists(path):
        raise ValueError(f"does not exist in the outline's folder{similar_file(path)}")
    return read_limited(path, limit, what, plural)


class Input(NamedTuple):
    """Files a kind reads: named by `field` of the slide, or of each part `parts` gives (path
    below the slide, part); `check` returns (field of the part, problem) of what a file holds
    for the part that names it (code lines that are not there, say)."""

    reader: FileReader
    field: str
    parts: Callable[[Any], list[tuple[tuple, Any]]] | None = None
    check: Callable[[Any, Any], list[tuple[str, str]]] | None = None

    def named(self, slide: Any) -> list[tuple[tuple, Any, str]]:
        """Return (path below the slide, part, file name) of every file `slide` names; a raw
        mapping (an outline that did not validate) is read for fields of the slide itself."""
        if isinstance(slide, dict):
            name = slide.get(self.field) if self.parts is None else None
            return [((), slide, name)] if isinstance(name, str) and name else []
        found = [((), slide)] if self.parts is None else self.parts(slide)
        return [(path, part, name) for path, part in found if isinstance(name := getattr(part, self.field, None), str) and name]
