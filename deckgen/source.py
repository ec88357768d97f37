"""Read an outline file into plain values, remembering the line:column of every node."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import OutlineError, Problem
from .files import confine, read_limited, similar_file

MAX_OUTLINE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

FieldPath = tuple[str | int, ...]


Position = tuple  # (line, column), or (line, column, file) for a node read from an included file


@dataclass
class Source:
    """An outline as parsed: plain data plus where each value and key stands in the file.

    Slides pulled in with `include:` keep their own file in their positions, so a problem in
    one is reported at that file's line and column.
    """

    path: Path
    data: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    included: list[Path] = field(default_factory=list)  # files pulled in with `include:`

    @property
    def name(self) -> str:
        return str(self.path)

    def locate(self, path: FieldPath, key: bool = False) -> Position:
        """Return the position of `path`, or of its nearest located ancestor."""
        table = self.key_positions if key else self.positions
        if key and path in table:
            return table[path]
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: FieldPath, message: str, key: bool = False) -> Problem:
        """Return a Problem for `path`, located in the file it was read from."""
        line, col, *file = self.locate(path, key=key)
        return Problem(message, file[0] if file else self.name, line, col, format_path(path))

    def warning(self, path: FieldPath, message: str) -> Problem:
        """Return a warning for `path`, located in the file it was read from."""
        return self.problem(path, message).as_warning()


def format_path(path: FieldPath) -> str:
    """Return `path` the way a speaker reads it: slides[3].bullets[0].text."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Located(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# libyaml when PyYAML was built with it (the wheels are): 10-50x faster on big outlines
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.SafeLoader("")  # a constructor for int/float/bool scalars, never fed a document

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]")


def bad_text(value: str) -> str | None:
    """Return what is wrong with `value` as slide text (a control character, a lone surrogate,
    a noncharacter, a Unicode line separator), or None."""
    found = _BAD_CHAR.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"text holds a lone surrogate (U+{code:04X})"
    if code in (0x2028, 0x2029):
        return f"text holds a Unicode line separator (U+{code:04X}); use a newline"
    if code in (0xFFFE, 0xFFFF):
        return f"text holds a noncharacter (U+{code:04X})"
    return f"text holds a control character (U+{code:04X})"


class _Builder:
    def __init__(self) -> None:
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}

    def build(self, node: Node, path: FieldPath, depth: int = 0) -> Any:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            raise _Located(mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels")
        if node.tag not in _STANDARD_TAGS:
            raise _Located(mark.line + 1, mark.column + 1, f"YAML tag {node.tag!r} is not allowed in outlines")
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Located(kmark.line + 1, kmark.column + 1, "keys must be plain names")
            key = key_node.value
            if key in result:
                line, col = self.key_positions[path + (key,)]
                raise _Located(kmark.line + 1, kmark.column + 1, f"duplicate key {key!r} (first set at line {line})")
            self.key_positions[path + (key,)] = (kmark.line + 1, kmark.column + 1)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    @staticmethod
    def _scalar(node: ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            problem = bad_text(node.value)
            if problem:
                raise _Located(node.start_mark.line + 1, node.start_mark.column + 1, problem)
            return node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return _SCALARS.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:int":
            digits = sum(ch.isdigit() for ch in node.value)
            if digits > 100:
                raise _Located(node.start_mark.line + 1, node.start_mark.column + 1, f"a number of {digits} digits; quote it if it is text")
            return _SCALARS.construct_yaml_int(node)
        return _SCALARS.construct_yaml_float(node)


# YAML's printable set, less what an outline has no use for: a control character is a mistake
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _check_events(text: str) -> None:
    """Refuse anchors, aliases and deep nesting from the event stream, before any node is built.

    This pass is iterative, so neither a "billion laughs" nor a million nested brackets can
    expand or recurse.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if type(event) is ScalarEvent:  # most events, and all they can hold is an anchor
            if event.anchor:
                _refuse_anchor(event)
            continue
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            _refuse_anchor(event)
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _Located(mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _refuse_anchor(event) -> None:
    mark = event.start_mark
    raise _Located(mark.line + 1, mark.column + 1, "anchors and aliases (& and *) are not allowed in outlines; write the value out")


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def parse_text(raw: bytes, path: Path, what: str = "outline") -> Source:
    """Return the Source for outline bytes `raw` read from `path` (`what`: outline or variables file)."""
    name = str(path)
    if len(raw) > MAX_OUTLINE_BYTES:
        raise OutlineError(Problem(f"file is {len(raw)} bytes; outlines are limited to {MAX_OUTLINE_BYTES}", name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position_of_byte(raw, exc.start)
        raise OutlineError(Problem("file is not UTF-8 text (byte 0x%02x)" % raw[exc.start], name, line, col)) from None
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, col = _position_of_char(text, bad.start())
        raise OutlineError(Problem(f"file holds a control character (U+{ord(bad.group()):04X})", name, line, col))
    builder = _Builder()
    try:
        _check_events(text)
        node = yaml.compose(text, Loader=_LOADER)
        if node is None:
            needs = "at least `deck:` and `slides:`" if what == "outline" else "a mapping of names to values"
            raise OutlineError(Problem(f"{what} is empty: it needs {needs}", name, 1, 1))
        data = builder.build(node, ())
    except _Located as exc:
        raise OutlineError(Problem(exc.message, name, exc.line, exc.column)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "YAML syntax error"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            message += " (indent with spaces, not tabs)"
        elif "mapping values are not allowed" in message:
            message += ' (text holding ": " must be quoted, e.g. title: "Why: the short answer")'
        elif "could not find expected ':'" in message or "found unexpected end of stream" in message:
            message += " (a quote left open? close it on the same line)"
        raise OutlineError(Problem(f"YAML syntax error: {message}", name, line, col)) from None
    except yaml.YAMLError as exc:
        raise OutlineError(Problem(f"YAML error: {exc}", name, 1, 1)) from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        needs = "a mapping with `deck:` and `slides:`" if what == "outline" else "a mapping of names to values"
        raise OutlineError(Problem(f"{what} must be {needs}, not {kind}", name, 1, 1))
    return Source(path, data, builder.positions, builder.key_positions)


def _position_of_char(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def read_outline(path: str | Path, what: str = "outline") -> Source:
    """Return the Source of the outline (or variables) file at `path`, includes expanded.

    Only a regular file is opened (a FIFO would block, /dev/zero never ends), and its size is
    checked while it is read, not after.
    """
    source = _read(Path(path), what)
    if what == "outline":
        fold_appendix(source)
        expand_includes(source)
    return source


def fold_appendix(source: Source) -> None:
    """Move the slides of `appendix:` to the end of `slides:`, each hidden unless it says
    otherwise (an include there: each slide it brings), in place: everything after reads one
    list, and each keeps its own position."""
    data = source.data
    if not isinstance(data, dict) or not isinstance(data.get("appendix"), list) or not isinstance(data.get("slides"), list):
        return  # nothing to fold, or a shape the model reports
    slides, appendix = data["slides"], data.pop("appendix")
    first = len(slides)
    for item in appendix:
        slides.append({**item, "hidden": True} if isinstance(item, dict) and "hidden" not in item else item)
    for table in (source.positions, source.key_positions):
        for key in [k for k in table if k[:1] == ("appendix",) and len(k) > 1 and isinstance(k[1], int)]:
            table[("slides", first + key[1]) + key[2:]] = table.pop(key)


def _read(path: Path, what: str) -> Source:
    try:
        raw = read_limited(path, MAX_OUTLINE_BYTES, f"{what} file", f"{what}s")
    except ValueError as exc:
        raise OutlineError(Problem(str(exc), str(path))) from None
    return parse_text(raw, path, what)


# --- include: slides of other outline files -------------------------------------------------------

MAX_INCLUDE_DEPTH = 10
MAX_INCLUDED_BYTES = 8 * 1024 * 1024  # of all the files an outline includes, counted as they are read
MAX_INCLUDES = 400  # files read for includes, a file included twice counted twice
MAX_SLIDES = 2_000  # slides of an outline, includes expanded


class _Tally:
    """What an outline's includes have read so far: bytes, files and slides, all files together."""

    def __init__(self) -> None:
        self.bytes = 0
        self.files = 0
        self.slides = 0
        self.stopped = False  # a limit was passed: nothing more is read or reported
        self.parsed: dict[tuple, Source] = {}  # a file included again is parsed once
        self.failed: set[Path] = set()  # files whose problem is reported already


def expand_includes(source: Source) -> None:
    """Replace every `- include: file.yaml` entry of `slides:` by that file's slides, in place.

    A file is named relative to the file that includes it, confined to the outline's folder,
    read within its own size limit, and may include
    others in turn (a cycle is an error naming the chain). An include's `when:` is added to the
    `when:` of each slide it brings. Positions of the slides brought in name their own file.
    """
    slides = source.data.get("slides")
    if not isinstance(slides, list) or not any(_is_include(item) for item in slides):
        return
    base = source.path.resolve().parent
    problems: list[Problem] = []
    entries = _expand(source, ("slides",), base, [source.path.resolve()], problems, _Tally())
    if problems:
        raise OutlineError(problems)
    positions = {k: v for k, v in source.positions.items() if k[:1] != ("slides",) or len(k) == 1}
    key_positions = {k: v for k, v in source.key_positions.items() if k[:1] != ("slides",) or len(k) == 1}
    new_slides = []
    by_slide: dict[int, tuple[dict, dict]] = {}  # id(origin) -> its positions grouped by slide
    for index, (item, origin, old) in enumerate(entries):
        new_slides.append(item)
        grouped = by_slide.get(id(origin))
        if grouped is None:
            grouped = by_slide[id(origin)] = (_by_slide(origin.positions, origin), _by_slide(origin.key_positions, origin))
        for table, into in zip(grouped, (positions, key_positions)):
            for rest, value in table.get(old[1], ()):
                into[("slides", index) + rest] = value
    source.data["slides"] = new_slides
    source.positions, source.key_positions = positions, key_positions


def _is_include(item: Any) -> bool:
    return isinstance(item, dict) and "include" in item


def _by_slide(table: dict, origin: Source) -> dict[int, list]:
    """Return the positions of `table` below slides[i], by i: (path below the slide, position
    naming `origin`'s file). One pass, so splicing stays linear in the deck's size."""
    out: dict[int, list] = {}
    for key, value in table.items():
        if len(key) >= 2 and key[0] == "slides" and isinstance(key[1], int):
            out.setdefault(key[1], []).append((key[2:], value if len(value) == 3 else (*value, origin.name)))
    return out


def _expand(source: Source, where: FieldPath, base: Path, chain: list[Path], problems: list[Problem], tally: _Tally) -> list[tuple[Any, Source, FieldPath]]:
    """Return (slide, the Source it stands in, its path there) for the slides list at `where`.

    The files read, their bytes and the slides they bring are counted for all files together
    (`tally`), before each file is parsed: a fan-out of files that each include many others
    stops at the first include past a limit, with its place."""
    out: list[tuple[Any, Source, FieldPath]] = []
    for i, item in enumerate(source.data.get("slides") if where == ("slides",) else []):
        if tally.stopped:
            return out
        path = where + (i,)
        if not _is_include(item):
            tally.slides += 1
            if tally.slides > MAX_SLIDES:
                problems.append(source.problem(path, f"the outline passes {MAX_SLIDES} slides here (includes counted); split the talk"))
                tally.stopped = True
                return out
            out.append((item, source, path))
            continue
        if tally.files >= MAX_INCLUDES:
            problems.append(source.problem(path + ("include",), f"an outline may read at most {MAX_INCLUDES} included files, all includes together"))
            tally.stopped = True
            return out
        extra = sorted(set(item) - {"include", "when", "hidden"})
        name = item.get("include")
        if extra or not isinstance(name, str) or not name.strip():
            problems.append(source.problem(path, "an include is `include: file.yaml`, with an optional `when:` and `hidden:`" + (f"; not {', '.join(map(repr, extra))}" if extra else "")))
            continue
        try:
            target = confine(name, source.path.resolve().parent, within=base)
        except ValueError as exc:
            problems.append(source.problem(path + ("include",), f"include {name!r} {exc}"))
            continue
        if target in chain:
            names = " -> ".join(p.name for p in [*chain, target])
            problems.append(source.problem(path + ("include",), f"include cycle: {names}"))
            continue
        if len(chain) > MAX_INCLUDE_DEPTH:
            problems.append(source.problem(path + ("include",), f"includes nest deeper than {MAX_INCLUDE_DEPTH} files"))
            continue
        if target in tally.failed:
            continue
        tally.files += 1
        try:
            left = MAX_INCLUDED_BYTES - tally.bytes
            try:
                status = target.stat()
            except OSError:
                status = None
            if status is not None and target.is_file() and status.st_size > left:
                problems.append(source.problem(path + ("include",), f"include {name!r}: the included files pass {MAX_INCLUDED_BYTES // (1024 * 1024)} MiB here, all includes together"))
                tally.stopped = True
                return out
            identity = (target, status.st_ino, status.st_mtime_ns, status.st_size) if status is not None else None
            child = tally.parsed.get(identity) if identity is not None else None
            if child is None:
                child = _read(target, "outline")
                if identity is not None:
                    tally.parsed[identity] = child
            tally.bytes += status.st_size if status is not None else 0
        except OutlineError as exc:
            tally.failed.add(target)
            if not target.exists():
                problems.append(source.problem(path + ("include",), f"include {name!r} does not exist in the outline's folder{similar_file(target)}"))
            else:
                problems.extend(exc.problems)
            continue
        source.included.append(target)
        if isinstance(child.data, dict) and isinstance(child.data.get("slides"), list):
            pass
        else:
            problems.append(child.problem((), "an included file needs a `slides:` list"))
            continue
        brought = _expand(child, ("slides",), base, [*chain, target], problems, tally)
        source.included.extend(p for p in child.included if p not in source.included)
        when = item.get("when")
        hidden = item.get("hidden") is True  # an include in the appendix: every slide it brings is a backup
        for slide, origin, old in brought:
            slide = {**slide, "hidden": True} if hidden and isinstance(slide, dict) and "hidden" not in slide else slide
            out.append((_with_when(slide, when), origin, old))
    return out


def _with_when(slide: Any, when: Any) -> Any:
    """Return `slide` shown only when the include's `when` also holds."""
    if when is None or when is True or not isinstance(slide, dict):
        return slide
    own = slide.get("when")
    if when is False or own is False:
        combined: Any = False
    elif own is None or own is True:
        combined = when
    else:
        combined = f"({when}) and ({own})"
    return {**slide, "when": combined}
