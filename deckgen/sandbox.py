"""The Jinja2 sandbox outlines render in, with a budget that bounds work, not only output.

Jinja2's immutable sandbox keeps templates away from Python's internals, but not from doing
unbounded work: `'a' * 10**9` or `'x'|center(10**9)` allocate gigabytes (and Jinja2 folds
constant expressions while compiling, before any output limit applies), nested loops that
print nothing run for ever, a recursive macro doubles a string forty times. Here every
amplifier is checked before it runs:

- `*`, `**`, `+` and `%` are intercepted (which also stops Jinja2 from folding them at compile
  time) and refused when their result would pass MAX_VALUE items or digits;
- string methods and filters that widen text (center, ljust, rjust, zfill, expandtabs,
  replace, format, indent) check their arguments first; any call's result is checked after;
- `~` concatenation and every `for` loop go through the budget (the template's tree is
  rewritten before it is compiled): MAX_ITERATIONS loop steps in all, and a deadline.

The budget is for one outline (`start`), shared by its fields and `when:` expressions.
"""

from __future__ import annotations

import math
import re
import time
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

MAX_VALUE = 100_000  # characters of a string, items of a list, digits of a number
MAX_ITERATIONS = 200_000  # loop steps, all fields of one outline together
MAX_SECONDS = 5.0  # of CPU time, rendering one outline (time spent waiting for a core is not counted)
MAX_RANGE = 1_000
EXPRESSIONS_KEPT = 4_000
_WIDTHS = re.compile(r"%[-+ #0]*(\d+)|%[-+ #0]*\d*\.(\d+)|\{[^{}]*?(\d{4,})[^{}]*\}")


class Budget:
    """The work one outline's templates may still do."""

    def __init__(self) -> None:
        self.iterations = 0
        self.deadline = time.thread_time() + MAX_SECONDS

    def step(self, count: int = 1) -> None:
        self.iterations += count
        if self.iterations > MAX_ITERATIONS:
            raise SecurityError(f"templates may run at most {MAX_ITERATIONS} loop steps in one outline")
        if self.iterations % 1024 == 0 and time.thread_time() > self.deadline:
            raise SecurityError(f"templates used more than {MAX_SECONDS:g} s of CPU time for this outline")


def _size(value: Any) -> int:
    if isinstance(value, (str, list, tuple, dict, set, frozenset, bytes)):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return math.ceil(value.bit_length() * 0.302)  # decimal digits
    return 0


def _deep_size(value: Any, limit: int = MAX_VALUE) -> int:
    """Return the size of `value` counted all the way down (characters of its strings, items of
    its containers at every depth, a container met twice counted twice, as `tojson` or
    `string` would write it), stopping as soon as it passes `limit`: at most `limit` steps."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, dict):
            total += len(item)
            if total <= limit:
                stack.extend(item.keys())
                stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item)
            if total <= limit:
                stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += math.ceil(item.bit_length() * 0.302)
        if total > limit:
            return total
    return total


def _check(value: Any) -> Any:
    if _size(value) > MAX_VALUE or (isinstance(value, (list, tuple, dict, set, frozenset)) and _deep_size(value) > MAX_VALUE):
        raise SecurityError(f"a value in a template may hold at most {MAX_VALUE} characters or items, counted all the way down")
    return value


def _check_all(values: Any) -> None:
    for value in values:
        _check(value)


def _check_widths(fmt: str) -> None:
    for match in _WIDTHS.finditer(fmt):
        width = max(int(g) for g in match.groups() if g)
        if width > MAX_VALUE:
            raise SecurityError(f"a format width of {width} is more than {MAX_VALUE}")


class _Bounded(NodeTransformer):
    """Send every loop and every `~` through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.Name("__deckgen_loop__", "load"), [node.iter], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.Name("__deckgen_concat__", "load"), [nodes.List(node.nodes)], [], None, None, lineno=node.lineno)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose templates' work is bounded by a Budget."""

    intercepted_binops = frozenset(["*", "**", "+", "%", "//"])

    def __init__(self, **options: Any) -> None:
        # a template is named by its own text: Jinja2's loader cache (and its bytecode cache,
        # when given one) then compiles each distinct text once per process, across rebuilds
        options.setdefault("loader", jinja2.FunctionLoader(lambda text: (text, None, lambda: True)))
        super().__init__(**options)
        self.budget = Budget()
        self._expressions: dict[str, Any] = {}
        self.globals = {
            "range": self._range,
            "dict": dict,
            "__deckgen_loop__": self._loop,
            "__deckgen_concat__": self._concat,
        }
        self.concat = self._bounded_join  # block buffers ({% set %}…{% endset %}, {% filter %}, macros) are joined here
        for name in list(self.filters):
            self.filters[name] = self._bounded_filter(self.filters[name], name)

    def start(self) -> None:
        """Begin a new outline's budget."""
        self.budget = Budget()

    def get_template(self, name, parent=None, globals=None):  # type: ignore[override]
        """Return the compiled template whose text is `name`; templates themselves may not load
        others ({% include %}, {% import %} and {% extends %} name a `parent`)."""
        if parent is not None:
            raise SecurityError("{% include %}, {% import %} and {% extends %} are not available in outlines")
        return super().get_template(name, globals=globals)

    def select_template(self, names, parent=None, globals=None):  # type: ignore[override]
        raise SecurityError("{% include %}, {% import %} and {% extends %} are not available in outlines")

    get_or_select_template = select_template

    def expression(self, source: str):
        """Return the compiled expression `source` (undefined names raise), compiled once.

        Jinja2 keeps no cache of expressions (compile_expression builds a template each call),
        so they are kept here, as many as the template cache holds.
        """
        compiled = self._expressions.get(source)
        if compiled is None:
            compiled = self.compile_expression(source, undefined_to_none=False)
            if len(self._expressions) >= EXPRESSIONS_KEPT:
                self._expressions.clear()
            self._expressions[source] = compiled
        return compiled

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[override]
        if isinstance(source, str):
            source = self._parse(source, name, filename)
        source = _Bounded().visit(source)
        return super().compile(source, name, filename, raw, defer_init)

    # --- what templates call ---------------------------------------------------------------

    def _range(self, *args: int) -> range:
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise SecurityError(f"range() is limited to {MAX_RANGE} items in outlines")
        return rng

    def _loop(self, iterable: Any):
        budget = self.budget
        if isinstance(iterable, jinja2.Undefined):
            yield from iterable  # raises StrictUndefined's own, readable error
            return
        for item in iterable:
            budget.step()
            yield item

    def _bounded_join(self, parts) -> str:
        total = 0
        out = []
        for part in parts:
            total += len(part)
            if total > MAX_VALUE:
                raise SecurityError(f"a block of a template may render at most {MAX_VALUE} characters")
            out.append(part)
        self.budget.step()
        return "".join(out)

    def _concat(self, parts: list) -> str:
        total = 0
        out = []
        for part in parts:
            text = jinja2.runtime.str_join((part,))
            total += len(text)
            if total > MAX_VALUE:
                raise SecurityError(f"a value in a template may hold at most {MAX_VALUE} characters or items")
            out.append(text)
        self.budget.step()
        return "".join(out)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        self.budget.step()
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(count, int) and _size(seq) * max(count, 0) > MAX_VALUE:
                    raise SecurityError(f"a value in a template may hold at most {MAX_VALUE} characters or items")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
                if right * math.log10(abs(left)) > MAX_VALUE:
                    raise SecurityError(f"a number in a template may have at most {MAX_VALUE} digits")
        elif operator == "+":
            if _size(left) + _size(right) > MAX_VALUE and not isinstance(left, int):
                raise SecurityError(f"a value in a template may hold at most {MAX_VALUE} characters or items")
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
            if "*" in left:  # widths taken from the arguments: '%*d' % (width, n)
                _check_numbers(right if isinstance(right, (tuple, list)) else [right])
        return _check(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any):
        """Return Jinja2's sandboxed str.format, checking widths first: the literal ones in the
        format string, and the arguments when the string takes its widths from them ({:{}})."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__
        _check_widths(fmt)
        nested = re.search(r"\{[^{}]*\{", fmt) is not None

        def checked(*args: Any, **kwargs: Any) -> str:
            if nested:
                _check_numbers([*args, *kwargs.values()])
            return _check(wrapped(*args, **kwargs))

        return checked

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja2's signature)
        __self.budget.step()
        _check_all(args)
        _check_all(kwargs.values())
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _check_str_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return _check(super().call(__context, __obj, *args, **kwargs))

    def _bounded_filter(self, func, name: str):
        env = self

        def bounded(*args: Any, **kwargs: Any) -> Any:
            values = [a for a in args if not isinstance(a, (jinja2.runtime.Context, jinja2.nodes.EvalContext, jinja2.Environment))]
            value = values[0] if values else None
            rest = values[1:]
            if name == "center" and rest and isinstance(rest[0], int) and rest[0] > MAX_VALUE:
                raise SecurityError(f"center() is limited to a width of {MAX_VALUE}")
            if name == "indent":
                width = rest[0] if rest else kwargs.get("width", 4)
                width = len(width) if isinstance(width, str) else int(width)
                if width * (str(value).count("\n") + 1) > MAX_VALUE:
                    raise SecurityError(f"a value in a template may hold at most {MAX_VALUE} characters or items")
            if name == "format" and isinstance(value, str):
                _check_widths(value)
            if name == "replace" and len(rest) >= 2:
                _check_replace(str(value), str(rest[0]), str(rest[1]))
            env.budget.step()
            _check_all(values)  # a doubling structure is refused before `tojson` or `pprint` writes it out
            _check_all(kwargs.values())
            return _check(func(*args, **kwargs))

        bounded.__dict__.update(getattr(func, "__dict__", {}))  # keep Jinja2's pass_eval_context / pass_environment marks
        return bounded


def _check_numbers(values: list) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise SecurityError(f"a format width of {value} is more than {MAX_VALUE}")


def _check_replace(text: str, old: str, new: str) -> None:
    count = text.count(old) if old else len(text) + 1
    if len(text) + count * max(len(new) - len(old), 0) > MAX_VALUE:
        raise SecurityError(f"replace() would make more than {MAX_VALUE} characters")


def _check_str_method(text: str, name: str, args: tuple, kwargs: dict) -> None:
    if name in ("center", "ljust", "rjust", "zfill"):
        width = args[0] if args else kwargs.get("width", 0)
        if isinstance(width, int) and width > MAX_VALUE:
            raise SecurityError(f"{name}() is limited to a width of {MAX_VALUE}")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int) and size * (text.count("\t") + 1) > MAX_VALUE:
            raise SecurityError(f"expandtabs() would make more than {MAX_VALUE} characters")
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, str(args[0]), str(args[1]))
    elif name in ("format", "format_map"):
        _check_widths(text)
    elif name == "join" and args:
        items = args[0]
        if _size(items) and len(text) * _size(items) > MAX_VALUE:
            raise SecurityError(f"join() would make more than {MAX_VALUE} characters")


def make_environment() -> BoundedSandbox:
    """Return a bounded sandbox for outlines: undefined names are errors, None renders as nothing."""
    return BoundedSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        auto_reload=False,
        cache_size=4000,
        finalize=lambda value: "" if value is None else value,
    )
