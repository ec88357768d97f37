"""Write an imported outline as commented YAML, with its pictures beside it, never over a file."""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..pipeline import load, render_deck
from ..cachedir import default_cache_dir
from ..diagrams.cache import DiagramCache
from ..errors import OutlineError, OutputError, Problem
from ..files import write_output
from ..schema import json_schema
from ..pptx.reading import Imported

HEADER = """\
# yaml-language-server: $schema=outline.schema.json
# Imported from {source} by `deckgen import`.
# Build it with: deckgen build {outline}
"""


def yaml_text(imported: Imported, source_name: str, outline_name: str) -> str:
    """Return the outline as YAML: comments say what each slide could not take over."""
    def convert(value, key=None):
        if isinstance(value, dict):
            out = CommentedMap()
            for k, v in value.items():
                out[k] = convert(v, k)
            return out
        if isinstance(value, list):
            seq = CommentedSeq(convert(v) for v in value)
            if key in ("columns", "highlight", "categories", "values", "row") and all(not isinstance(v, (dict, list)) for v in value):
                seq.fa.set_flow_style()
            if key == "rows" or (key == "values" and value and isinstance(value[0], list)):
                for item in seq:
                    if isinstance(item, CommentedSeq):
                        item.fa.set_flow_style()
            return seq
        if isinstance(value, str) and ("\n" in value or key == "code"):
            return LiteralScalarString(value)
        return value

    data = convert(imported.data)
    slides = data["slides"]
    for index, lines in sorted(imported.comments.items()):
        if 0 <= index < len(slides):
            text = "\n".join(lines)
            slides.yaml_set_comment_before_after_key(index, before=text, indent=2)
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    header = HEADER.format(source=_comment(source_name), outline=_comment(outline_name))
    if imported.report:
        header += "# Not mapped (also listed above their slides):\n" + "".join(f"#   {_comment(line)}\n" for line in imported.report)
    return header + "\n" + buffer.getvalue()


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def place_files(imported: Imported, folder: Path) -> None:
    """Rename the files to write beside the outline where a different file already has the
    name: an existing file is never replaced (the same bytes are simply used)."""
    renames = {}
    for name, data in list(imported.files.items()):
        target = folder / name
        if not os.path.lexists(target) or _same_bytes(target, data):
            continue
        stem, dot, suffix = name.rpartition(".")
        k = 2
        while True:
            candidate = f"{stem}-{k}.{suffix}"
            if candidate not in imported.files and (not os.path.lexists(folder / candidate) or _same_bytes(folder / candidate, data)):
                break
            k += 1
        renames[name] = candidate
    if not renames:
        return
    imported.files = {renames.get(n, n): d for n, d in imported.files.items()}
    for slide in imported.data["slides"]:
        for holder in (slide, *slide.get("columns", ()), *slide.get("pictures", ())):
            for key in ("image", "video", "audio", "poster"):
                if isinstance(holder, dict) and holder.get(key) in renames:
                    holder[key] = renames[holder[key]]
    template = imported.data["deck"].get("template")
    if template in renames:
        imported.data["deck"]["template"] = renames[template]


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def check_builds(text: str, imported: Imported) -> list[str]:
    """Return the warnings of the outline `text` with its files, loaded and rendered in a
    scratch folder; raise OutlineError if it does not build (a fault of the import)."""
    with tempfile.TemporaryDirectory(prefix="deckgen-import-") as scratch:
        folder = Path(scratch)
        for name, data in imported.files.items():
            (folder / name).write_bytes(data)
        outline = folder / "imported.yaml"
        outline.write_text(text, encoding="utf-8")
        loaded = load(outline)
        render_deck(loaded, DiagramCache(default_cache_dir(), read_only=True))
        return [w.replace(str(outline), "the outline") for w in loaded.warnings]


def write_imported(imported: Imported, output: Path, source: Path, force: bool = False) -> tuple[list[Path], list[str]]:
    """Write the outline at `output` and its files beside it; return what was written and the
    warnings of building it. `output` must not exist unless `force`; no file beside it is replaced."""
    output = Path(output)
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise OutputError(Problem("the outline must end in .yaml or .yml", str(output)))
    if os.path.lexists(output) and not force:
        raise OutputError(Problem("already exists; pass --force to replace it, or choose another output", str(output)))
    if _same(output, source):
        raise OutputError(Problem("is the file being imported; choose another output", str(output)))
    folder = output.parent
    place_files(imported, folder)
    text, warnings = _fitted(imported, source.name, output.name)
    written = []
    for name, data in imported.files.items():
        target = folder / name
        if os.path.lexists(target):
            continue  # the same bytes are there already (place_files made sure)
        write_output(target, lambda stream, data=data: stream.write(data))
        written.append(target)
    write_output(output, lambda stream: stream.write(text.encode("utf-8")), inputs=[source], force=True)
    schema = folder / "outline.schema.json"
    if not os.path.lexists(schema):
        write_output(schema, lambda stream: stream.write((json.dumps(json_schema(), indent=2) + "\n").encode("utf-8")))
    return [output, *written], warnings


def _fitted(imported: Imported, source_name: str, outline_name: str) -> tuple[str, list[str]]:
    """Return the outline's text and its build warnings, after splitting the slides whose text
    does not fit (deckgen sets text no smaller than the back row can read; a deck made by
    hand may hold more than that): a slide becomes two, then four, and so on."""
    for _ in range(8):
        text = yaml_text(imported, source_name, outline_name)
        try:
            return text, check_builds(text, imported)
        except OutlineError as exc:
            crowded = sorted({int(m.group(1)) for p in exc.problems if (m := re.match(r"slides\[(\d+)\]", p.field)) and "does not fit" in p.message}, reverse=True)
            if not crowded or len(crowded) < len(exc.problems) and not all("does not fit" in p.message for p in exc.problems if p.field.startswith("slides[")):
                raise InternalImportError(exc) from None
            for index in crowded:
                if not _split(imported, index):
                    raise InternalImportError(exc) from None
    raise InternalImportError(OutlineError(Problem("slides still too full after splitting them", outline_name)))


def _split(imported: Imported, index: int) -> bool:
    """Split slide `index` in two (its bullets, rows or columns' bullets halved); return whether it could be."""
    slides = imported.data["slides"]
    slide = slides[index]
    first, second = dict(slide), dict(slide)
    if slide["kind"] == "columns":
        bullets = []
        for column in slide["columns"]:
            bullets.append({"text": column["heading"], "bullets": [b if isinstance(b, str) else b["text"] for b in column.get("bullets", [])]})
        first = {k: v for k, v in slide.items() if k != "columns"} | {"kind": "bullets", "bullets": bullets}
        slides[index] = first
        _note(imported, index, "its columns did not fit side by side: imported as bullets, a heading each")
        return True
    key = "rows" if slide["kind"] == "table" else "bullets" if slide.get("bullets") else None
    items = slide.get(key) if key else None
    if not items or (len(items) < 2 and not (isinstance(items[0], dict) and len(items[0].get("bullets", [])) > 1)):
        if key == "bullets" and items and isinstance(items[0], dict):
            subs = items[0]["bullets"]
            first[key] = [{**items[0], "bullets": subs[: len(subs) // 2]}]
            second[key] = [{**items[0], "bullets": subs[len(subs) // 2:]}]
        else:
            return False
    else:
        half = (len(items) + 1) // 2
        first[key], second[key] = items[:half], items[half:]
    second.pop("notes", None)
    if "title" in second:
        second["title"] = second["title"][:290] + " (cont.)" if not second["title"].endswith("(cont.)") else second["title"]
    slides[index:index + 1] = [first, second]
    imported.comments = {(k + 1 if k > index else k): v for k, v in imported.comments.items()}
    _note(imported, index, "its text did not fit on one slide at a size the back row can read: split in two")
    _note(imported, index + 1, "the rest of the slide before")
    return True


def _note(imported: Imported, index: int, message: str) -> None:
    imported.comments.setdefault(index, []).append(message)
    imported.warnings.append(f"outline slide {index + 1}: {message}")


class InternalImportError(Exception):
    """The import made an outline that does not build: a fault of deckgen, not of the input."""

    def __init__(self, error: OutlineError):
        super().__init__("the imported outline does not build: " + "; ".join(str(p) for p in error.problems[:5]))


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def copy_template(imported: Imported, source: Path, stem: str) -> None:
    """Keep the imported deck as the outline's template (`deck.template`)."""
    data = source.read_bytes()
    name = f"{stem}-template.pptx"
    imported.files[name] = data
    imported.data["deck"]["template"] = name


