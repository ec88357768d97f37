"""Tailor an outline to an audience: variables, Jinja2 in text fields (sandboxed), `when:` filters."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import budget
from .errors import OutlineError, Problem, did_you_mean
from .model import verbatim_keys
from .source import FieldPath, Source, bad_text, read_outline

if TYPE_CHECKING:
    from .sandbox import BoundedSandbox

MAX_RENDERED = 20_000  # characters one field may render to
MAX_TOTAL_TEXT = 4_000_000  # characters of text in one tailored outline, all fields together

# Top-level sections that are inputs of templating, not rendered themselves.
_INPUTS = {"variables", "audiences"}


@functools.lru_cache(maxsize=1)
def environment() -> BoundedSandbox:
    """Return the one environment, made on first use: an outline without a template never
    imports Jinja2 at all."""
    from .sandbox import make_environment  # deferred: it loads Jinja2, which outlines without templates never need

    return make_environment()


_SINGLE_EXPRESSION = re.compile(r"^\s*\{\{(?!.*\{\{)(.+?)\}\}\s*$", re.S)


@dataclass
class Variables:
    """The four sources of template variables, lowest precedence first."""

    outline: dict[str, Any] = field(default_factory=dict)
    audience: dict[str, Any] = field(default_factory=dict)
    file: dict[str, Any] = field(default_factory=dict)
    command_line: dict[str, Any] = field(default_factory=dict)
    file_path: Path | None = None  # where `file` was read from: an input no output may replace

    def merged(self) -> dict[str, Any]:
        """Return all variables, later sources overriding earlier ones (nested mappings merge)."""
        out: dict[str, Any] = {}
        for layer in (self.outline, self.audience, self.file, self.command_line):
            deep_merge(out, layer)
        return out


def deep_merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    """Merge `other` into `into`: nested mappings merge, anything else replaces."""
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key] = dict(into[key])
            deep_merge(into[key], value)
        else:
            into[key] = value


def parse_var(assignment: str) -> dict[str, Any]:
    """Return the nested mapping for a `--var KEY=VALUE` (dotted KEY nests, VALUE is a YAML scalar)."""
    key, sep, raw = assignment.partition("=")
    key = key.strip()
    if not sep or not key or not all(part.strip() for part in key.split(".")):
        raise OutlineError(Problem(f"--var {assignment!r}: expected KEY=VALUE (e.g. focus=models or event.name=Meetup)"))
    bad = bad_text(assignment)
    if bad:
        raise OutlineError(Problem(f"--var {key[:60]!r}: {bad}"))
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except (yaml.YAMLError, ValueError):  # a tag, a syntax error, a 5000-digit number: text as typed
        value = raw
    if not isinstance(value, (str, int, float, bool)) or (value is None and raw.strip() not in ("null", "~")):
        value = None if raw.strip() in ("null", "~") else raw  # dates and collections stay text
    out: dict[str, Any] = {}
    node = out
    parts = key.split(".")
    if len(parts) > 10:
        raise OutlineError(Problem(f"--var {assignment[:60]!r}…: a key nests {len(parts)} levels deep; 10 at most"))
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return out


def read_vars_file(path: str | Path) -> dict[str, Any]:
    """Return the variables of a `--vars FILE.yaml` (a mapping), parsed as safely as outlines."""
    return read_outline(path, "variables file").data


class AudienceInfo(dict):
    """The `audience` object templates see: name (None for the general talk) and label."""


MAX_AUDIENCES = 50  # each is a deck of its own: `--audience all` builds every one


def audience_names(source: Source) -> list[str]:
    """Return the audience names outline `source` defines; raise OutlineError past MAX_AUDIENCES."""
    audiences = source.data.get("audiences") if isinstance(source.data, dict) else None
    if not isinstance(audiences, dict):
        return []
    _check_audience_count(source, audiences)
    return list(audiences)


def _check_audience_count(source: Source, audiences: dict) -> None:
    """Raise OutlineError, at `audiences:`, for more audiences than an outline may define:
    checked before any audience is worked on."""
    if len(audiences) > MAX_AUDIENCES:
        raise OutlineError(source.problem(("audiences",), f"{len(audiences)} audiences; an outline defines at most {MAX_AUDIENCES} (each is a deck of its own)", key=True))


@dataclass
class Resolved:
    """An outline tailored to one audience: plain data, positions still pointing into the file."""

    data: dict[str, Any]
    source: Source
    audience: str | None
    context: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)  # each located, a warning
    emptied_sections: list[int] = field(default_factory=list)  # section slides whose slides were all dropped
    variables_file: Path | None = None  # the --vars file, an input


def resolve(source: Source, audience: str | None = None, variables: Variables | None = None) -> Resolved:
    """Return the outline of `source` tailored to `audience`: templates rendered, `when:` applied."""
    data = source.data
    variables = variables or Variables()
    problems: list[Problem] = []
    outline_vars = data.get("variables", {})
    if not isinstance(outline_vars, dict):
        problems.append(source.problem(("variables",), "`variables` must be a mapping of names to values"))
        outline_vars = {}
    audiences = data.get("audiences", {})
    if not isinstance(audiences, dict):
        problems.append(source.problem(("audiences",), "`audiences` must be a mapping of names to profiles"))
        audiences = {}
    _check_audience_count(source, audiences)
    profile: dict[str, Any] = {}
    if audience is not None:
        if audience not in audiences:
            known = ", ".join(audiences) or "none (add an `audiences:` section)"
            hint = did_you_mean(audience, list(audiences))
            problems.append(source.problem(("audiences",), f"unknown audience {audience!r}{hint}; known audiences: {known}"))
            raise OutlineError(problems)
        profile = audiences[audience] if isinstance(audiences[audience], dict) else {}
    aud_vars = profile.get("variables", {})
    variables = Variables(outline_vars, aud_vars if isinstance(aud_vars, dict) else {}, variables.file, variables.command_line, variables.file_path)
    deck_meta = data.get("deck") if isinstance(data.get("deck"), dict) else {}
    context = variables.merged()
    context.update(
        audience=AudienceInfo(name=audience, label=profile.get("label", "") if audience else ""),
        deck=deck_meta,
        event=deck_meta.get("event") or {},
    )
    raw_skip = profile.get("skip", [])
    # anything but ids (a nested list, a number) is left for validation to report in place
    skip = {s for s in raw_skip if isinstance(s, str)} if isinstance(raw_skip, list) else set()

    walker = _Walker(source, context, skip, problems)
    out = walker.walk_root(data)
    if problems:
        raise OutlineError(problems)
    resolved_source = Source(source.path, out, walker.positions, walker.key_positions, source.included)
    warnings = _unknown_skips(source, data, audience, skip)
    emptied = _emptied_sections(data.get("slides"), walker.kept_slides)
    return Resolved(out, resolved_source, audience, context, warnings, emptied, variables.file_path)


def _emptied_sections(raw: Any, kept: list[int]) -> list[int]:
    """Return the positions, among the kept slides, of sections that had slides in the outline
    but keep none after `when:` and `skip`. A section written with nothing after it (a closing
    "Questions" divider) is the speaker's choice and is not listed."""
    if not isinstance(raw, list):
        return []

    def is_section(item: Any) -> bool:
        return isinstance(item, dict) and item.get("kind") == "section"

    kept_set = set(kept)
    out = []
    for position, index in enumerate(kept):
        if not is_section(raw[index]):
            continue
        following = []
        for later in range(index + 1, len(raw)):
            if is_section(raw[later]):
                break
            following.append(later)
        if following and not kept_set.intersection(following):
            out.append(position)
    return out


def _unknown_skips(source: Source, data: dict[str, Any], audience: str | None, skip: set[str]) -> list[Problem]:
    """Return a warning for each id an audience skips that no slide of the outline has, at the id."""
    slides = data.get("slides")
    ids = [s["id"] for s in slides if isinstance(s, dict) and isinstance(s.get("id"), str)] if isinstance(slides, list) else []
    listed = data["audiences"][audience].get("skip", []) if audience else []
    first: dict[str, int] = {}
    for k, name in enumerate(listed):
        if isinstance(name, str):
            first.setdefault(name, k)
    return [
        source.warning(("audiences", audience, "skip", first[name]), f"audience {audience!r} skips {name!r}, but no slide has that id{did_you_mean(name, ids)}")
        for name in sorted(skip - set(ids))
    ]


class _Walker:
    """Walks the raw tree once, rendering strings and dropping what `when:` excludes."""

    def __init__(self, source: Source, context: dict[str, Any], skip: set[str], problems: list[Problem]):
        self.source = source
        self.context = context
        self.skip = skip
        self.problems = problems
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}
        self.verbatim = verbatim_keys()
        self.kept_slides: list[int] = []  # indexes in the outline of the slides kept
        self.total_text = 0  # characters of text so far, checked as they come
        self._env: BoundedSandbox | None = None

    @property
    def env(self) -> BoundedSandbox:
        """Return the sandbox, its work budget started for this outline on first use."""
        if self._env is None:
            self._env = environment()
            self._env.start()
        return self._env

    def _place(self, old: FieldPath, new: FieldPath) -> None:
        if old in self.source.positions:
            self.positions[new] = self.source.positions[old]
        if old in self.source.key_positions:
            self.key_positions[new] = self.source.key_positions[old]

    def walk_root(self, data: dict[str, Any]) -> dict[str, Any]:
        """Return the rendered outline. The `deck:` section is rendered first, and templates
        elsewhere see it rendered: `{{ deck.speaker }}` is the speaker's name, not its template."""
        self._place((), ())
        rendered: dict[str, Any] = {}
        order = sorted(data, key=lambda key: key != "deck")
        for key in order:
            value = data[key]
            self._place((key,), (key,))
            if key in _INPUTS:
                self._copy(value, (key,), (key,))
                rendered[key] = value
            else:
                rendered[key] = self.walk(value, (key,), (key,))
            if key == "deck" and isinstance(rendered[key], dict):
                self.context["deck"] = rendered[key]
                self.context["event"] = rendered[key].get("event") or {}
        return {key: rendered[key] for key in data}

    def _copy(self, value: Any, old: FieldPath, new: FieldPath) -> None:
        self._place(old, new)
        if isinstance(value, dict):
            for k, v in value.items():
                self._copy(v, old + (k,), new + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                self._copy(v, old + (i,), new + (i,))

    def walk(self, value: Any, old: FieldPath, new: FieldPath) -> Any:
        self._place(old, new)
        if isinstance(value, str):
            rendered = self.render(value, old)
            if isinstance(rendered, str):
                self._count(rendered, old)
                if rendered is not value:
                    bad = bad_text(rendered)
                    if bad:
                        self.problems.append(self.source.problem(old, f"the template's result: {bad}"))
            return rendered
        if isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                if not self.keep(item, old + (i,)):
                    continue
                if old == ("slides",):
                    self.kept_slides.append(i)
                items.append(self.walk(item, old + (i,), new + (len(items),)))
            return items
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key == "when":
                    continue
                if key in self.verbatim:
                    self._copy(item, old + (key,), new + (key,))
                    out[key] = item
                else:
                    out[key] = self.walk(item, old + (key,), new + (key,))
            return out
        return value

    def _count(self, text: str, path: FieldPath) -> None:
        """Add `text` to the outline's total, and stop at once when it passes the limit."""
        self.total_text += len(text)
        if self.total_text > MAX_TOTAL_TEXT:
            problem = self.source.problem(path, f"the outline's text passes {MAX_TOTAL_TEXT:,} characters here (templates and loops included); split the talk")
            raise OutlineError(self.problems + [problem])

    def keep(self, item: Any, path: FieldPath) -> bool:
        """Return False when list item `item` is excluded by its `when:` or by the audience's skip."""
        if not isinstance(item, dict):
            return True
        if path[:1] == ("slides",) and len(path) == 2 and isinstance(item.get("id"), str) and item["id"] in self.skip:
            return False
        if "when" not in item:
            return True
        condition = item["when"]
        if isinstance(condition, bool) or condition is None:
            return condition is not False
        if not isinstance(condition, str):
            self.problems.append(self.source.problem(path + ("when",), "`when` must be a Jinja expression or true/false"))
            return True
        try:
            budget.at(self.source.problem(path + ("when",), "").place())
            expr = self.env.expression(condition)
            return bool(expr(**self.context))
        except Exception as exc:  # every template failure becomes a located problem
            self.problems.append(self.source.problem(path + ("when",), _describe(exc, self.context, "`when` expression")))
            return True

    def render(self, text: str, path: FieldPath) -> Any:
        """Return `text` rendered with the context; record a located problem on failure.

        A field that is one `{{ expression }}` whose value is a list keeps that list, so `highlight: "{{ focus }}"` can take a list of layer ids from a variable.
        """
        if "{" not in text:
            return text
        budget.at(self.source.problem(path, "").place())
        whole = _SINGLE_EXPRESSION.match(text)
        if whole:
            try:
                value = self.env.expression(whole.group(1))(**self.context)
                if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
                    return list(value)
            except Exception:  # fall through: rendering reports the problem with its message
                pass
        try:
            template = self.env.get_template(text)
            size = 0
            chunks = []
            for chunk in template.generate(**self.context):
                size += len(chunk)
                if size > MAX_RENDERED:
                    from jinja2.sandbox import SecurityError  # deferred: Jinja2 is loaded here already, by the template rendering

                    raise SecurityError(f"the field renders to more than {MAX_RENDERED} characters")
                chunks.append(chunk)
            return "".join(chunks)
        except Exception as exc:  # every template failure becomes a located problem
            self.problems.append(self.source.problem(path, _describe(exc, self.context, "template")))
            return text


def _describe(exc: Exception, context: dict[str, Any], what: str) -> str:
    """Return a speaker-readable message for a template failure."""
    import jinja2  # deferred: only outlines with templates get here
    from jinja2.sandbox import SecurityError  # deferred: as above

    if isinstance(exc, SecurityError):
        return f"not allowed in outlines: {exc}"
    if isinstance(exc, jinja2.UndefinedError):
        message = str(exc)
        name = message.split("'")[1] if message.count("'") >= 2 else ""
        hint = did_you_mean(name, list(context)) if name else ""
        if " has no attribute " in message:
            return f"{what}: {message}"
        return f"{what}: undefined variable {name!r}{hint}; defined: {', '.join(sorted(context))}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{what} syntax error: {exc.message}"
    if isinstance(exc, RecursionError):
        return f"{what} is nested too deeply"
    if isinstance(exc, MemoryError):
        return f"{what} needs more memory than the work budget allows"
    return f"{what} error: {type(exc).__name__}: {exc}"
