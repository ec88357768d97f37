"""Files an outline names (what its kinds read, a template): confined to the outline's folder, size-checked."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

from . import budget
from .errors import OutlineError, Problem
from .files import confine, regular_file, similar_file
from .kinds import KINDS
from .readers import Input, LineError
from .readers.picture import PICTURE
from .source import Source

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 300 * 1024 * 1024
MAX_TEMPLATE_ENTRIES = 5000
BACKGROUND = Input(PICTURE, "background")  # every slide may stand on a picture


def inputs_of(kind) -> tuple[Input, ...]:
    """Return the files a slide of `kind` (kinds.Kind) reads: its kind's, and its background picture."""
    return (*kind.inputs, BACKGROUND)


def load_inputs(slides: list, source: Source) -> dict[str, dict[str, Any]]:
    """Return every file the kinds of `slides` declare (`Kind.inputs`), each read once by its
    reader: reader name -> file name -> what it read; raise OutlineError listing every problem,
    each at the field that names the file (or at a line of the file itself).

    `slides` may be raw mappings (an outline that did not validate): their files are read all
    the same, so a missing picture is reported with the outline's other mistakes, in one run.
    """
    base = source.path.parent
    files: dict[str, dict[str, Any]] = {}
    failed: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    for i, slide in enumerate(slides):
        kind_name = slide.get("kind") if isinstance(slide, dict) else getattr(slide, "kind", None)
        kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
        for wanted in inputs_of(kind) if kind else ():
            reader = wanted.reader
            read = files.setdefault(reader.name, {})
            for path, part, name in wanted.named(slide):
                where = ("slides", i, *path)
                if name not in read and (reader.name, name) not in failed:
                    budget.at(source.problem(where + (wanted.field,), "").place())
                    try:
                        read[name] = reader.read(name, base)
                    except LineError as exc:
                        problems.append(Problem(str(exc), str(confine(name, base)), exc.line, 1))
                    except ValueError as exc:
                        problems.append(source.problem(where + (wanted.field,), f"{reader.called or reader.what} {name!r} {exc}"))
                    if name not in read:
                        failed.add((reader.name, name))
                        continue
                if name in read and wanted.check is not None and not isinstance(slide, dict):
                    problems += [source.problem(where + (field,), why) for field, why in wanted.check(part, read[name])]
    if problems:
        raise OutlineError(problems)
    return files


def check_template(path: Path, where: Problem) -> None:
    """Raise OutlineError if `path` is not a reasonable .pptx (missing, huge, a zip bomb)."""
    def fail(message: str) -> None:
        raise OutlineError(Problem(f"template {message}", where.file, where.line, where.column, where.field))

    if not os.path.lexists(path):
        fail(f"{path.name!r} does not exist{similar_file(path)}")
    try:
        status = regular_file(path, "template file")
    except ValueError as exc:
        fail(f"{path.name!r} {exc}")
    if status.st_size > MAX_TEMPLATE_BYTES:
        fail(f"is larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MiB")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_TEMPLATE_ENTRIES:
                fail(f"holds {len(entries)} files; a .pptx template holds far fewer")
            declared = sum(e.file_size for e in entries)
            if declared > MAX_TEMPLATE_UNPACKED:
                fail(f"unpacks to {declared // (1024 * 1024)} MiB: refusing it as a zip bomb")
            if "[Content_Types].xml" not in archive.namelist():
                fail("is a zip file but not a .pptx (no [Content_Types].xml)")
            _inflate_within(archive, entries, fail)
    except zipfile.BadZipFile:
        fail("is not a .pptx file (not a zip archive)")
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        fail(f"is not a readable .pptx ({type(exc).__name__})")


def _inflate_within(archive: zipfile.ZipFile, entries: list, fail) -> None:
    """Inflate every member, counting the bytes it really gives; fail past the limit or on a lie.

    A header may declare 10 bytes for a member that inflates to gigabytes: the declared sizes
    prove nothing, so each member is read in chunks and its CRC checked, within a total budget.
    """
    total = 0
    for entry in entries:
        try:
            with archive.open(entry) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_TEMPLATE_UNPACKED:
                        fail(f"unpacks to more than {MAX_TEMPLATE_UNPACKED // (1024 * 1024)} MiB: refusing it as a zip bomb")
        except zipfile.BadZipFile as exc:
            fail(f"is damaged: {entry.filename} does not inflate to what its header declares ({exc})")
