"""Carry a speaker's edits to a built deck back into its outline, as a diff located by slide and field.

The outline is edited through ruamel.yaml's round trip, which keeps its comments and layout.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..pipeline import deck_bytes, load, output_path, render_deck
from ..cachedir import default_cache_dir
from ..diagrams.cache import DiagramCache
from ..files import MANIFEST, recorded_digest
from ..pptx.opening import open_deck
from ..pptx.reading import Reader

TEXT_FIELDS = ("title", "subtitle", "quote", "attribution", "caption", "message", "notes")
DECK_FIELDS = {"title": ("deck", "title"), "subtitle": ("deck", "subtitle")}


@dataclass
class Changes:
    """The outline changes an edited deck makes."""

    located: list[str] = field(default_factory=list)  # one line per change: slide, field, old -> new
    diff: str = ""  # the unified diff of the outline
    text: str = ""  # the outline with the changes
    unplaced: list[str] = field(default_factory=list)  # edits that have no place in the outline


@dataclass
class Edit:
    path: tuple  # in the resolved outline
    old: str | None
    new: str
    where: str  # "slide 3 (bullets), bullets[1]"


def changes(outline: Path, edited: Path, audience: str | None = None) -> Changes:
    """Return the changes that carry the edits of deck `edited` into `outline`."""
    loaded = load(outline, audience)
    built = deck_bytes(render_deck(loaded, DiagramCache(default_cache_dir(), read_only=True)), loaded)
    result = Changes()
    digest = hashlib.sha256(built).hexdigest()
    recorded = _recorded(outline, Path(edited), loaded, audience)
    if recorded is not None and recorded != digest:
        result.unplaced.append(
            f"{outline}: the outline changed since the deck was last built ({MANIFEST} records another deck): "
            "the edits are compared with the deck the outline builds now"
        )
    with tempfile.TemporaryDirectory(prefix="deckgen-changes-") as work:
        original_path = Path(work) / "built.pptx"
        original_path.write_bytes(built)
        original = Reader(original_path, "built").read()
        now = Reader(Path(edited), "edited").read()
        moved = _moved(open_deck(original_path), open_deck(Path(edited)))
    edits = _edits(original.data, now.data, result, edited)
    known = {line.split(": ", 1)[1] for line in original.report}
    for line in now.report:
        if line.split(": ", 1)[1] not in known:
            result.unplaced.append(line)
    result.unplaced.extend(f"{edited}: {line}" for line in moved)
    _apply(Path(outline), loaded, edits, result)
    return result


def _recorded(outline: Path, edited: Path, loaded, audience) -> str | None:
    """Return the digest `.deckgen-written` records for the deck this outline builds, if any."""
    default = output_path(outline, audience, None)  # build/<outline>.pptx, from where deckgen runs
    for candidate in (default, outline.parent / default, edited):
        entry = recorded_digest(candidate)
        if entry:
            return entry
    return None


def _moved(a, b) -> list[str]:
    """Return the shapes of deck `b` moved or resized against deck `a` (slides in order, shapes
    by name), and the shapes added."""
    out = []
    tolerance = 914400 // 20  # LibreOffice rounds positions to 1/100 mm when it saves again
    for number, (sa, sb) in enumerate(zip(a.slides, b.slides), start=1):
        boxes = {}
        for shape in sa.shapes:
            boxes.setdefault(shape.name, []).append((shape.left, shape.top, shape.width, shape.height))
        for shape in sb.shapes:
            before = boxes.get(shape.name)
            if not before:
                if shape.shape_type is not None and shape.shape_type == 13:  # a picture the speaker added
                    out.append(f"slide {number}: a new picture {shape.name!r}: not placed (add it to the outline as an image slide)")
                elif not shape.is_placeholder:
                    out.append(f"slide {number}: a new shape {shape.name!r}: not placed")
                continue
            box = before.pop(0)
            now = (shape.left, shape.top, shape.width, shape.height)
            # a table's height is its rows', which each application works out again
            compared = 3 if getattr(shape, "has_table", False) and shape.has_table else 4
            if None not in box and None not in now and any(abs(x - y) > tolerance for x, y in list(zip(box, now))[:compared]):
                out.append(f"slide {number}: shape {shape.name!r} moved or resized: not placed (deckgen lays out every slide itself)")
    return out


def _edits(before: dict, after: dict, result: Changes, edited: Path) -> list[Edit]:
    """Return the text edits from imported outline `before` (the deck as built) to `after`."""
    edits: list[Edit] = []
    a, b = before["slides"], after["slides"]
    # slides are paired in order, by kind and title: a slide edited in place pairs with itself,
    # one moved, added or deleted does not (and is listed)
    matcher = difflib.SequenceMatcher(a=[_key(s) for s in a], b=[_key(s) for s in b], autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
            continue
        gone, new = list(range(i1, i2)), list(range(j1, j2))
        for i in gone:
            moved = next((j for j in range(len(b)) if b[j] == a[i] and j not in range(i, i + 1)), None)
            if moved is not None:
                result.unplaced.append(f"{edited}: slide {i + 1} of the built deck ({a[i]['kind']}) moved to {moved + 1}: not placed; move it in the outline")
            else:
                result.unplaced.append(f"{edited}: slide {i + 1} of the built deck ({a[i]['kind']}) was deleted: not placed; remove it from the outline, or give it `when: false`")
        for j in new:
            if not any(b[j] == a[i] for i in range(len(a))):
                result.unplaced.append(f"{edited}: slide {j + 1} ({b[j]['kind']}) is new: not placed; add it to the outline")
    for i, j in pairs:
        sa, sb = a[i], b[j]
        where = f"slide {j + 1} ({sa['kind']})"
        if sa["kind"] != sb["kind"]:
            result.unplaced.append(f"{edited}: {where}: now reads as a {sb['kind']} slide: not placed")
            continue
        if sa["kind"] == "title":
            for key, path in DECK_FIELDS.items():
                if before["deck"].get(key) != after["deck"].get(key) and after["deck"].get(key):
                    edits.append(Edit(path, before["deck"].get(key), after["deck"][key], f"{where}, deck.{key}"))
        for key in TEXT_FIELDS:
            old, new = sa.get(key), sb.get(key)
            if old != new:
                if new is None:
                    result.unplaced.append(f"{edited}: {where}: {key} removed: not placed")
                else:
                    edits.append(Edit(("slides", i, key), old, new, f"{where}, {key}"))
        _list_edits(("slides", i, "bullets"), sa.get("bullets"), sb.get("bullets"), where, edits, result, edited)
        if sa["kind"] == "table":
            for k, (x, y) in enumerate(zip(sa["columns"], sb["columns"])):
                if x != y:
                    edits.append(Edit(("slides", i, "columns", k), x, y, f"{where}, columns[{k}]"))
            if len(sa["rows"]) != len(sb["rows"]) or len(sa["columns"]) != len(sb["columns"]):
                result.unplaced.append(f"{edited}: {where}: rows or columns added or removed: not placed")
            for r, (x, y) in enumerate(zip(sa["rows"], sb["rows"])):
                for c, (p, q) in enumerate(zip(x, y)):
                    if p != q:
                        edits.append(Edit(("slides", i, "rows", r, c), p, q, f"{where}, rows[{r}][{c}]"))
        if sa["kind"] == "columns":
            for k, (x, y) in enumerate(zip(sa["columns"], sb["columns"])):
                if x.get("heading") != y.get("heading"):
                    edits.append(Edit(("slides", i, "columns", k, "heading"), x.get("heading"), y["heading"], f"{where}, columns[{k}].heading"))
                _list_edits(("slides", i, "columns", k, "bullets"), x.get("bullets"), y.get("bullets"), f"{where}, columns[{k}]", edits, result, edited)
        for key in sorted(set(sa) | set(sb)):
            if key not in TEXT_FIELDS and key not in ("kind", "bullets", "columns", "rows", "minutes") and sa.get(key) != sb.get(key):
                result.unplaced.append(f"{edited}: {where}: {key} changed: not placed")
    return edits


def _key(slide: dict) -> tuple:
    return (slide["kind"], slide.get("title"))


def _list_edits(path, old, new, where, edits, result, edited) -> None:
    old, new = old or [], new or []
    if len(old) != len(new):
        result.unplaced.append(f"{edited}: {where}: bullets added or removed ({len(old)} before, {len(new)} now): not placed")
        return
    for k, (x, y) in enumerate(zip(old, new)):
        xt, yt = (x["text"] if isinstance(x, dict) else x), (y["text"] if isinstance(y, dict) else y)
        if xt != yt:
            edits.append(Edit(path + (k,), xt, yt, f"{where}, bullets[{k}]"))
        xs, ys = (x.get("bullets", []) if isinstance(x, dict) else []), (y.get("bullets", []) if isinstance(y, dict) else [])
        if len(xs) != len(ys):
            result.unplaced.append(f"{edited}: {where}: second-level bullets of bullets[{k}] added or removed: not placed")
            continue
        for m, (p, q) in enumerate(zip(xs, ys)):
            if p != q:
                edits.append(Edit(path + (k, "bullets", m), p, q, f"{where}, bullets[{k}].bullets[{m}]"))


# --- the outline ------------------------------------------------------------------------------


def _yaml():
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never refold the speaker's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _index(node, out: dict) -> None:
    """Map the (line, column), 1-based, of every value in the ruamel tree to (container, key)."""
    if isinstance(node, CommentedMap):
        for key in node:
            try:
                line, col = node.lc.value(key)
            except (KeyError, TypeError, AttributeError):
                continue
            out[(line + 1, col + 1)] = (node, key)
            _index(node[key], out)
    elif isinstance(node, CommentedSeq):
        for k, item in enumerate(node):
            try:
                line, col = node.lc.item(k)
            except (KeyError, TypeError, AttributeError, IndexError):
                continue
            out[(line + 1, col + 1)] = (node, k)
            _index(item, out)


def _apply(outline: Path, loaded, edits: list[Edit], result: Changes) -> None:
    raw = outline.read_text(encoding="utf-8")
    yaml = _yaml()
    tree = yaml.load(raw)
    index: dict = {}
    _index(tree, index)
    positions = loaded.source.positions
    resolved = loaded.resolved.data
    for edit in edits:
        path = edit.path
        target = _resolved(resolved, path)
        if isinstance(target, dict) and "text" in target:
            path = path + ("text",)
        position = positions.get(path)
        if edit.path[-1] == "notes" and path not in positions:
            slide_at = positions.get(path[:-1])
            place = index.get(tuple(slide_at[:2])) if slide_at and len(slide_at) == 2 else None
            mapping = place[0][place[1]] if place else None
            if isinstance(mapping, CommentedMap):
                mapping["notes"] = edit.new
                result.located.append(f"{edit.where}: added {_short(edit.new)!r}")
                continue
        if position is None or len(position) > 2:
            why = "it comes from an included file" if position and len(position) > 2 else "the outline has no such field (a default, or written by deckgen)"
            result.unplaced.append(f"{outline}: {edit.where}: {_short(edit.old)!r} -> {_short(edit.new)!r}: not placed: {why}")
            continue
        place = index.get(tuple(position))
        if place is None:
            result.unplaced.append(f"{outline}:{position[0]}:{position[1]}: {edit.where}: not placed: the value could not be found in the file")
            continue
        container, key = place
        current = container[key]
        if not isinstance(current, str):
            result.unplaced.append(f"{outline}:{position[0]}:{position[1]}: {edit.where}: not placed: the outline's value is not text")
            continue
        if "{{" in current or "{%" in current:
            result.unplaced.append(f"{outline}:{position[0]}:{position[1]}: {edit.where}: {_short(edit.old)!r} -> {_short(edit.new)!r}: not placed: the outline writes it with a template ({_short(current)!r})")
            continue
        changed = _patched(current, edit.old or "", edit.new)
        container[key] = _same_style(current, changed)
        result.located.append(f"{outline}:{position[0]}:{position[1]}: {edit.where}: {_short(edit.old)!r} -> {_short(edit.new)!r}")
    out = io.StringIO()
    yaml.dump(tree, out)
    result.text = out.getvalue()
    if result.text != raw:
        result.diff = "".join(difflib.unified_diff(raw.splitlines(True), result.text.splitlines(True), fromfile=str(outline), tofile=f"{outline} (with the deck's edits)"))


def _resolved(data, path):
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _patched(current: str, old: str, new: str) -> str:
    """Return `current` (the outline's text) with the edit that turned `old` (the same text as
    read back from the built deck) into `new`: where the outline writes it differently (markup
    the deck does not show, a folded line), only the edited stretch is replaced."""
    if current == old or not old:
        return new
    flat = " ".join(current.split())
    align = difflib.SequenceMatcher(a=old, b=flat, autojunk=False)
    mapping = {}
    for block in align.get_matching_blocks():
        for k in range(block.size + 1):
            mapping[block.a + k] = block.b + k
    out, last = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 not in mapping or i2 not in mapping:
            return new
        out.append(flat[last: mapping[i1]])
        out.append(new[j1:j2])
        last = mapping[i2]
    out.append(flat[last:])
    return "".join(out)


def _same_style(current, text: str):
    """Return `text` in the scalar style of `current` (a folded or literal block stays one)."""
    if isinstance(current, FoldedScalarString):
        folded = FoldedScalarString(text)
        # fold where the speaker folded: after the same words, where they are still there
        spots = []
        for p in getattr(current, "fold_pos", []):
            context = " ".join(current[max(0, p - 24): p].split())
            at = text.find(context)
            if context and at >= 0 and text[at + len(context): at + len(context) + 1] == " ":
                spots.append(at + len(context))
        folded.fold_pos = sorted(set(spots))
        return folded
    if isinstance(current, LiteralScalarString) or "\n" in text:
        return LiteralScalarString(text)  # lines as the speaker sees them, not "\n" escapes
    return type(current)(text) if type(current) is not str else text


def _short(text: str | None, most: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= most else text[: most - 1] + "…"
