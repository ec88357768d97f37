"""The `deckgen import` command's two ways: an outline from a deck or Markdown, and edits back."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import OutlineError, OutputError, Problem
from ..export import require_soffice
from ..files import write_atomic
from . import read_source
from .changes import changes
from .outline import InternalImportError, copy_template, write_imported
from .snapshots import add_snapshots


def run_import(source: Path, output: Path | None, keep_template: bool, snapshots: bool, force: bool, echo) -> None:
    """Import `source` into the outline `output`; print what was written and what was not mapped."""
    source = Path(source)
    output = Path(output) if output is not None else source.with_suffix(".yaml")
    stem = re.sub(r"[^\w-]+", "-", output.stem).strip("-") or "talk"
    if snapshots:
        require_soffice()
    imported = read_source(source, stem)
    if keep_template:
        if source.suffix.lower() not in (".pptx", ".potx"):
            raise OutlineError(Problem("--keep-template keeps a PowerPoint deck's look; this is not a deck", str(source)))
        copy_template(imported, source, stem)
    if snapshots and imported.snapshots and source.suffix.lower() == ".pptx":
        add_snapshots(imported, source, stem)
    try:
        written, warnings = write_imported(imported, output, source, force)
    except InternalImportError as exc:
        raise RuntimeError(str(exc)) from None
    slides = len(imported.data["slides"])
    echo(f"wrote {written[0]} ({slides} slide{'' if slides == 1 else 's'})" + (f" and {len(written) - 1} files beside it" if len(written) > 1 else ""))
    for line in imported.warnings:
        echo(f"warning: {line}", err=True)
    for line in imported.report:
        echo(f"not mapped: {line}", err=True)
    for line in warnings:
        echo(f"warning (building it): {line}", err=True)


def run_changes(outline: Path, edited: Path, output: Path | None, apply: bool, audience: str | None, force: bool, echo) -> None:
    """Print (and with `apply` write) the outline changes the edited deck makes."""
    result = changes(Path(outline), Path(edited), audience)
    for line in result.located:
        echo(line)
    if result.diff:
        echo(result.diff, nl=False)
    elif not result.located:
        echo("no changes to carry into the outline")
    for line in result.unplaced:
        echo(f"not placed: {line}", err=True)
    if apply and result.diff:
        target = Path(output) if output is not None else None
        if target is None:
            if not force:
                raise OutputError(Problem("--apply writes a new outline given with --output, or with --force the outline itself", str(outline)))
            target = Path(outline)
        elif target.exists() and not force:
            raise OutputError(Problem("already exists; pass --force to replace it, or choose another output", str(target)))
        write_atomic(target, lambda stream: stream.write(result.text.encode("utf-8")))
        echo(f"wrote {target}")
