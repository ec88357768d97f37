"""Open a .pptx to read within limits: size, entries, inflated bytes, no DTD in any XML part.

It uses python-pptx's public API only (`Presentation`), once the archive has passed the checks.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation

from ..errors import OutlineError, Problem
from ..files import read_limited

MAX_DECK_BYTES = 100 * 1024 * 1024
MAX_UNPACKED = 300 * 1024 * 1024  # as for templates: python-pptx holds every part in memory
MAX_ENTRIES = 20_000
MAX_XML_PART = 30 * 1024 * 1024  # one slide's XML; lxml's tree takes several times its size
MAX_SLIDES = 2000


def refuse(path: Path, message: str, slide: int | None = None, shape: str | None = None) -> OutlineError:
    """Return the error of one problem in an input deck, located by slide and shape."""
    where = ", ".join(x for x in ((f"slide {slide}" if slide else ""), (f"shape {shape!r}" if shape else "")) if x)
    return OutlineError(Problem(message, str(path), field=where))


def read_deck(path: Path) -> bytes:
    """Return the bytes of the deck at `path`, checked as an archive before python-pptx sees it;
    raise OutlineError (exit 2) naming what is wrong.

    The zip directory's declared sizes are checked first (cheap), then every member is inflated
    in chunks within the same budget, since a header may lie; XML parts are refused if they
    declare a DTD (OOXML has none: a DTD is how entity expansion and external entities get in).
    """
    try:
        data = read_limited(path, MAX_DECK_BYTES, "deck", "decks to import")
    except ValueError as exc:
        raise refuse(path, str(exc)) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise refuse(path, f"holds {len(entries)} files; decks to import are limited to {MAX_ENTRIES}")
            declared = sum(e.file_size for e in entries)
            if declared > MAX_UNPACKED:
                raise refuse(path, f"unpacks to {declared // (1024 * 1024)} MiB: refusing it as a zip bomb (the limit is {MAX_UNPACKED // (1024 * 1024)} MiB)")
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names:
                raise refuse(path, "is a zip file but not a .pptx (no [Content_Types].xml)")
            slides = sum(1 for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml"))
            if slides > MAX_SLIDES:
                raise refuse(path, f"has {slides} slides; decks to import are limited to {MAX_SLIDES}")
            _inflate(path, archive, entries)
    except zipfile.BadZipFile:
        raise refuse(path, "is not a .pptx file (not a zip archive)") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise refuse(path, f"is not a readable .pptx ({type(exc).__name__})") from None
    return data


def _inflate(path: Path, archive: zipfile.ZipFile, entries: list) -> None:
    total = 0
    for entry in entries:
        xml = entry.filename.endswith((".xml", ".rels"))
        head = b""
        size = 0
        try:
            with archive.open(entry) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    size += len(chunk)
                    if total > MAX_UNPACKED:
                        raise refuse(path, f"unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MiB: refusing it as a zip bomb")
                    if xml and size > MAX_XML_PART:
                        raise refuse(path, f"part {entry.filename} holds more than {MAX_XML_PART // (1024 * 1024)} MiB of XML")
                    if xml and len(head) < 4096:
                        head += chunk[:4096]
        except zipfile.BadZipFile as exc:
            raise refuse(path, f"is damaged: {entry.filename} does not inflate to what its header declares ({exc})") from None
        if xml and _declares_dtd(head):
            raise refuse(path, f"part {entry.filename} declares a DTD (<!DOCTYPE or <!ENTITY>): OOXML parts have none; refusing it")


def _declares_dtd(head: bytes) -> bool:
    """Return whether the start of an XML part holds a DTD, in UTF-8 or UTF-16.

    Markup characters in text are escaped (`&lt;!DOCTYPE`), so the bare sequence is markup.
    """
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, errors="ignore").upper()
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return True
    return False


POTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _as_presentation(data: bytes) -> bytes:
    """Return a .potx template's bytes as a .pptx's: the same parts, the main one under the
    content type python-pptx opens."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
        if POTX_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for entry in archive.infolist():
                blob = archive.read(entry)
                copy.writestr(entry, types.replace(POTX_MAIN, PPTX_MAIN) if entry.filename == "[Content_Types].xml" else blob)
    return out.getvalue()


def open_deck(path: Path):
    """Return the python-pptx Presentation of the deck at `path`, read within limits."""
    data = _as_presentation(read_deck(path))
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx and lxml raise many kinds for a broken part
        raise refuse(path, f"is not a readable .pptx ({type(exc).__name__}: {str(exc)[:200]})") from None
