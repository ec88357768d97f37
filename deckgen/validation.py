"""Validate an outline into a Deck; every pydantic error becomes a located, speaker-readable problem."""

from __future__ import annotations

from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import OutlineError, Problem, did_you_mean
from .kinds import KINDS, SLIDE_KINDS
from .markup import slide_links
from .model import Deck, SlideBase
from .source import FieldPath, Source

# --- turning pydantic's errors into located problems -------------------------------------------

def _model_for(path: tuple[Any, ...], data: Any) -> type[BaseModel] | None:
    """Return the model class that validates the mapping at `path` in raw `data`."""
    def unwrap(tp: Any, value: Any) -> Any:
        while True:
            origin = get_origin(tp)
            if origin is Annotated:
                tp = get_args(tp)[0]
            elif origin is Union:
                args = [a for a in get_args(tp) if a is not type(None)]
                models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
                if isinstance(value, dict) and "kind" in value and any(issubclass(m, SlideBase) for m in models):
                    return SLIDE_KINDS.get(value.get("kind"))
                lists = [a for a in args if get_origin(a) in (list, Annotated)]
                if isinstance(value, list) and lists:
                    tp = lists[0]
                elif isinstance(value, dict) and models:
                    return models[0]
                else:
                    return args[0] if args else None
            else:
                return tp

    cls: Any = Deck
    node = data
    for part in path:
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            fld = cls.model_fields.get(part) if isinstance(part, str) else None
            if fld is None:
                return None
            node = node.get(part) if isinstance(node, dict) else None
            cls = unwrap(fld.annotation, node)
        elif get_origin(cls) is list and isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            cls = unwrap(get_args(cls)[0], node)
        elif get_origin(cls) is dict and isinstance(part, str):
            node = node.get(part) if isinstance(node, dict) else None
            cls = unwrap(get_args(cls)[1], node)
        else:
            return None
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _message(err: dict[str, Any], path: tuple[Any, ...], data: Any) -> tuple[str, bool]:
    """Return (message, is_about_a_key) for one pydantic error."""
    etype = err["type"]
    if etype == "extra_forbidden":
        model = _model_for(path[:-1], data)
        known = list(model.model_fields) if model else []
        return f"unknown key {path[-1]!r}{did_you_mean(path[-1], known)}", True
    if etype in ("union_tag_invalid", "union_tag_not_found"):
        kind = err.get("input", {}).get("kind") if isinstance(err.get("input"), dict) else None
        kinds = ", ".join(SLIDE_KINDS)
        if kind is None:
            return f"a slide needs a `kind`: one of {kinds}", False
        return f"unknown slide kind {kind!r}{did_you_mean(kind, list(SLIDE_KINDS))}; kinds are {kinds}", False
    if etype == "missing":
        return f"required field {path[-1]!r} is missing", False
    if etype == "string_type" and isinstance(err.get("input"), bool):
        word = "yes/no/on/off/true/false"
        return f"this is text, but YAML reads an unquoted {word} as {str(err['input']).lower()}: quote it, e.g. \"yes\"", False
    if etype == "string_too_long" and isinstance(err.get("input"), str):
        limit = (err.get("ctx") or {}).get("max_length")
        field = path[-1] if path and isinstance(path[-1], str) else "text"
        if field == "notes":
            room = ""
        elif field in ("title", "subtitle", "heading", "label", "caption", "alt", "name"):
            room = "; shorten it (the notes can say the rest)"
        else:
            room = "; say the rest aloud (`notes:` holds it), or split it over two slides"
        return f"this {field} is {len(err['input'])} characters long, and a {field} holds at most {limit}{room}", False
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg[0].lower() + msg[1:], False


_MODEL_NAMES = {"Bullet", "SubBullet", "Row"}


def _branch_kind(part: Any) -> str | None:
    """Return what a union-branch marker in a pydantic loc accepts, or None if not a marker."""
    if not isinstance(part, str):
        return None
    if part in _MODEL_NAMES:
        return "mapping"
    if part.startswith("list["):
        return "list"
    if part in ("str", "constrained-str") or (part.startswith("function-after[") and part.rstrip("]").endswith("str")):
        return "scalar"  # text, with or without a validator of its own (inline markup)
    return None


_BRANCH_HINTS = {
    "Bullet": "should be text, or a mapping with `text:` (and optional `bullets:`, `when:`)",
    "SubBullet": "should be text, or a mapping with `text:` (and optional `when:`)",
    "Row": "should be a list of cells, or a mapping with `cells:` (and optional `when:`)",
}


class _Hinted(tuple):
    """A path whose value matched no branch of a union, with a hint of what was expected."""

    hint: str = ""
    weak: bool = False  # said only when no other problem is reported at or below this path


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...] | None:
    """Return `loc` as a path into the outline, or None when it blames a union branch not written.

    When what was written matches no branch at all (a list where text or a mapping is
    expected), return a _Hinted path so the problem is still reported, once, with a hint.

    pydantic inserts a slide's kind after its index, and names the branch of str-or-mapping
    unions (a bullet is a string or a mapping); keep the branch matching what the speaker wrote.
    """
    out: list[Any] = []
    node = data
    just_entered = False
    for part in loc:
        if just_entered and isinstance(node, dict) and node.get("kind") == part:
            just_entered = False
            continue
        branch = _branch_kind(part)
        if branch is not None:
            wrote = "mapping" if isinstance(node, dict) else "list" if isinstance(node, list) else "scalar"
            if wrote != branch:
                if part in _BRANCH_HINTS:
                    hinted = _Hinted(out)
                    hinted.hint = _BRANCH_HINTS[part]
                    # a scalar or mapping where the union takes one too: the other branch reports it
                    hinted.weak = wrote in ("mapping", "scalar")
                    return hinted
                return None
            continue
        out.append(part)
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
        just_entered = isinstance(node, dict) and "kind" in node
    return tuple(out)


def validate(data: dict[str, Any], source: Source) -> Deck:
    """Return the Deck for resolved outline `data`, or raise OutlineError listing every problem."""
    try:
        deck = Deck.model_validate(data)
    except ValidationError as exc:
        raw = exc.errors(include_url=False)
        problems = []
        paths: list[tuple[Any, ...]] = []
        weak: dict[tuple[Any, ...], str] = {}
        for err in raw:
            path = _clean_loc(tuple(err["loc"]), data)
            if path is None:
                continue
            if isinstance(path, _Hinted):
                if path.weak:
                    weak.setdefault(tuple(path), path.hint)
                    continue
                problems.append(source.problem(tuple(path), path.hint))
                paths.append(tuple(path))
                continue
            message, about_key = _message(err, path, data)
            problems.append(source.problem(path, message, key=about_key))
            paths.append(path)
        # a value that matches no branch of its union (a row written as one string) is
        # reported once, with what the union takes, unless a branch already said what is wrong
        for path, hint in weak.items():
            if not any(p[: len(path)] == path for p in paths):
                problems.append(source.problem(path, hint))
        raise OutlineError(_unique(problems)) from None
    problems = _cross_checks(deck, source)
    if problems:
        raise OutlineError(problems)
    return deck


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return list(seen.values())


def _cross_checks(deck: Deck, source: Source) -> list[Problem]:
    """Return problems that span fields: each kind's own checks, a pyramid where one is needed."""
    problems: list[Problem] = []
    for i, slide in enumerate(deck.slides):
        path: FieldPath = ("slides", i)
        kind = KINDS[slide.kind]
        if kind.needs_pyramid and deck.pyramid is None:
            problems.append(source.problem(path + ("kind",), f"a {slide.kind} slide needs a `pyramid:` at the top of the outline"))
            continue
        if kind.check is not None:
            problems.extend(kind.check(deck, slide, path, source))
    return problems + _link_checks(deck, source)


def _link_checks(deck: Deck, source: Source) -> list[Problem]:
    """Return a problem for each [link](#id) in any slide's text that names no slide of the deck."""
    ids = {s.id for s in deck.slides if s.id}
    problems: list[Problem] = []

    def walk(value: Any, path: FieldPath) -> None:
        if isinstance(value, str):
            for name in slide_links(value):
                if name not in ids:
                    hint = did_you_mean(name, ids) or (": give the slide you mean `id: " + name + "`" if ids else ": no slide of this outline has an `id:`")
                    problems.append(source.problem(path, f"link #{name}: no slide has the id {name!r}{hint}"))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for k, item in enumerate(value):
                walk(item, path + (k,))

    for i, slide in enumerate(deck.slides):
        walk(slide.model_dump(exclude={"notes"}), ("slides", i))
    return problems
