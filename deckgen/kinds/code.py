"""A code slide: a title, a highlighted code block as native coloured runs, an optional caption.

Code is set in Courier New, which PowerPoint, Keynote and Google Slides have and LibreOffice
replaces with Liberation Mono at the same advance (every glyph 0.6 em), so a line measured
here is the width it is drawn everywhere. Code is never wrapped and never below 14 pt: a block
that cannot fit is an error naming the line. Tokens come from Pygments; their colours (GitHub's
light and dark palettes) all reach 4.5:1 on the panel, which tests check from the written XML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from ..errors import did_you_mean
from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Strict
from ..readers import Input
from ..readers.code import CODE
from ..text import INSET_X, INSET_Y, Paragraph, Run, text_width
from ..theme import RGB, blend, contrast_ratio, ensure, hex_to_rgb
from ..readers.picture import PICTURE
from .base import Context, Kind, Overflow, caption, title
from .pictures import BesideFields, beside_shares, picture_name, place, split

MIN_PT = 14  # the floor: code smaller than this cannot be read from the back row
MAX_PT = 24
LINE_HEIGHT = 1.2  # ems; Courier New's own is 1.13, Liberation Mono's 1.15: room to spare
MONO = (False, False, True)
MAX_CODE = 20_000
LINES = r"^\s*\d+\s*(-\s*\d+\s*)?(,\s*\d+\s*(-\s*\d+\s*)?)*$"

Ranges = Annotated[str, StringConstraints(pattern=LINES, max_length=200)]
Step = Annotated[str, StringConstraints(pattern=LINES + r"|^\s*all\s*$", max_length=200)]


@dataclass(frozen=True)
class CodeStyle:
    """The panel and token colours of one code style."""

    panel: RGB
    text: RGB
    numbers: RGB
    tokens: dict  # Pygments token type name -> colour


STYLES = {
    "light": CodeStyle(
        panel=hex_to_rgb("#F6F8FA"),
        text=hex_to_rgb("#1F2328"),
        numbers=hex_to_rgb("#57606A"),
        tokens={
            "Keyword": hex_to_rgb("#CF222E"),
            "Operator.Word": hex_to_rgb("#CF222E"),
            "Name.Builtin": hex_to_rgb("#0550AE"),
            "Name.Function": hex_to_rgb("#8250DF"),
            "Name.Class": hex_to_rgb("#953800"),
            "Name.Decorator": hex_to_rgb("#8250DF"),
            "Name.Tag": hex_to_rgb("#116329"),
            "Name.Attribute": hex_to_rgb("#0550AE"),
            "Literal.String": hex_to_rgb("#0A3069"),
            "Literal.Number": hex_to_rgb("#0550AE"),
            "Comment": hex_to_rgb("#57606A"),
            "Generic.Deleted": hex_to_rgb("#82071E"),
            "Generic.Inserted": hex_to_rgb("#116329"),
        },
    ),
    "dark": CodeStyle(
        panel=hex_to_rgb("#0D1117"),
        text=hex_to_rgb("#E6EDF3"),
        numbers=hex_to_rgb("#8B949E"),
        tokens={
            "Keyword": hex_to_rgb("#FF7B72"),
            "Operator.Word": hex_to_rgb("#FF7B72"),
            "Name.Builtin": hex_to_rgb("#79C0FF"),
            "Name.Function": hex_to_rgb("#D2A8FF"),
            "Name.Class": hex_to_rgb("#FFA657"),
            "Name.Decorator": hex_to_rgb("#D2A8FF"),
            "Name.Tag": hex_to_rgb("#7EE787"),
            "Name.Attribute": hex_to_rgb("#79C0FF"),
            "Literal.String": hex_to_rgb("#A5D6FF"),
            "Literal.Number": hex_to_rgb("#79C0FF"),
            "Comment": hex_to_rgb("#8B949E"),
            "Generic.Deleted": hex_to_rgb("#FFA198"),
            "Generic.Inserted": hex_to_rgb("#7EE787"),
        },
    ),
}
DIM = 0.6  # how far lines out of `highlight` move toward the panel colour, at most (see `dimmed`)


@lru_cache(maxsize=1)
def lexer_names() -> tuple[str, ...]:
    """Return every language name Pygments knows."""
    from pygments.lexers import get_all_lexers  # deferred: Pygments loads only when this runs

    return tuple(sorted({alias for _, aliases, _, _ in get_all_lexers() for alias in aliases}))


def check_language(name: str) -> str:
    """Return `name` if Pygments has a lexer by that name; raise ValueError with a suggestion."""
    if name in lexer_names():
        return name
    if name.lower() in lexer_names():  # Pygments' names are its aliases, lower case: "Python" is python
        return name.lower()
    raise ValueError(f"no language {name!r}{did_you_mean(name, lexer_names())}; use a Pygments name such as python, bash, yaml, json, or text for none")


def spans(ranges: str | None) -> list[tuple[int, int]]:
    """Return the (first, last) line of each part of "3-5,9", in order, ends put in order:
    as many pairs as the text has parts, whatever lines they span."""
    out: list[tuple[int, int]] = []
    for part in (ranges or "").split(","):
        if not part.strip():
            continue
        first, _, last = part.partition("-")
        start, end = int(first), int(last or first)
        out.append((min(start, end), max(start, end)))
    return out


def line_set(ranges: str | None) -> list[int]:
    """Return the line numbers of "3-5,9" in order, each once (linear in the lines named: call
    it only for ranges checked against a file's length, `spans` knows their ends)."""
    seen: set[int] = set()
    out: list[int] = []
    for start, end in spans(ranges):
        for n in range(start, end + 1):
            if n not in seen:
                seen.add(n)
                out.append(n)
    return out


def _in(number: int, parts: list[tuple[int, int]]) -> bool:
    return any(start <= number <= end for start, end in parts)


MAX_LEXED = 20_000  # characters Pygments lexes for one block; more is shown plain


@dataclass(frozen=True)
class _Inline:
    """Inline code as code_lines reads it, before its block is made."""

    code: str
    tab_size: int = 4
    highlight: str | None = None
    source: None = None


class CodeFields(Strict):
    """The fields of a code block, on a code slide or in a column."""

    code: Annotated[str, StringConstraints(max_length=MAX_CODE), VERBATIM] | None = None
    """The code, as typed (a YAML block scalar `|` keeps it exact); never templated."""
    source: ShortText | None = None
    """Instead of `code`: a file in the outline's folder to read the code from."""
    lines: Ranges | None = None
    """With `source`: the lines to show, e.g. "10-25"; they keep their numbers."""
    language: str = "text"
    """The language, for highlighting: a Pygments name (python, bash, yaml, json, …; text for none)."""
    line_numbers: bool = False
    """Show line numbers."""
    highlight: Ranges | None = None
    """Lines to show at full strength, e.g. "3-5,9"; the others are dimmed."""
    style: Annotated[Literal["light", "dark"], VERBATIM] = "light"
    """The code panel: dark text on light, or light text on dark."""
    tab_size: Annotated[int, Field(ge=1, le=8)] = 4
    """Columns a tab stands for."""

    _language = field_validator("language")(classmethod(lambda cls, v: check_language(v)))

    @model_validator(mode="after")
    def _one_source(self):
        if self.code is not None and self.source is not None:
            raise ValueError("give the code either inline as `code:` or from a file as `source:`, not both")
        if self.lines and self.source is None:
            raise ValueError("`lines:` picks lines of a `source:` file; inline code shows all of its lines")
        return self

    @field_validator("highlight")
    @classmethod
    def _highlight_in_code(cls, value: str | None, info: ValidationInfo) -> str | None:
        code = info.data.get("code")
        if value and code is not None:
            count = len(code_lines(_Inline(code), {})[0])  # tabs do not change the count
            for _, message in _highlight_shown(_Inline(code, highlight=value), list(range(1, count + 1))):
                raise ValueError(message)
        return value

    @property
    def has_code(self) -> bool:
        """Return whether the block holds code (inline or from a file)."""
        return self.code is not None or self.source is not None


class CodeSlide(SlideBase, CodeFields, BesideFields):
    """A title and a block of highlighted code, with an optional caption and a picture beside it."""

    kind: Annotated[Literal["code"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    caption: Inline | None = None
    """A line under the code."""
    steps: Annotated[list[Step], Field(max_length=50), VERBATIM] = []
    """A walkthrough: on each click the lines of the next step ("1-4", "6,9", or "all") are
    shown at full strength and the others dimmed, in the one slide; before the first click,
    the lines of `highlight` (else all)."""

    @model_validator(mode="after")
    def _has_code(self):
        if not self.has_code:
            raise ValueError("a code slide needs its code: inline as `code:` (a `|` block keeps it exact) or from a file as `source:`")
        return self


def code_lines(block, sources: dict[str, str]) -> tuple[list[str], int]:
    """Return the lines the block shows (tabs expanded, trailing newline dropped) and the first one's number."""
    text = block.code if block.code is not None else sources[block.source]
    lines = text.expandtabs(block.tab_size).split("\n")
    first = 1
    if block.source is not None and block.lines:
        parts = spans(block.lines)
        first = min(start for start, _ in parts)
        # the lines asked for, blank ones too, a gap left out; never more than the file has
        wanted = sorted({n for start, end in parts for n in range(start, min(end, len(lines)) + 1)})
        lines = [lines[n - 1] for n in wanted]
    else:
        while lines and not lines[-1].strip():
            lines.pop()  # a block scalar's (or a file's) final newline is not a blank line to show
    return [line.rstrip() for line in lines] or [""], first


def numbers(block, first: int, count: int) -> list[int]:
    """Return the numbers of the `count` lines a block shows from line `first`: those `lines:`
    asks for (a gap in "6-8,12-13" stays out), else one run."""
    if block.source is not None and block.lines:
        return sorted(line_set(block.lines))[:count]
    return list(range(first, first + count))


def _token_colour(style: CodeStyle, token) -> RGB:
    while token is not None:
        name = ".".join(token)
        if name in style.tokens:
            return style.tokens[name]
        token = token.parent
    return style.text


def highlighted(lines: list[str], language: str) -> list[list[tuple[object, str]]]:
    """Return each line as (token type, text) pairs, lexed by Pygments."""
    from pygments.lexers import get_lexer_by_name  # deferred: Pygments loads only when this runs

    text = "\n".join(lines)
    if language == "text" or len(text) > MAX_LEXED:
        from pygments.token import Text  # deferred: as above

        return [[(Text, line)] if line else [] for line in lines]
    lexer = get_lexer_by_name(language, stripnl=False, stripall=False, ensurenl=False)
    out: list[list[tuple[object, str]]] = [[]]
    for token, value in lexer.get_tokens(text):
        for k, piece in enumerate(value.split("\n")):
            if k:
                out.append([])
            if piece:
                out[-1].append((token, piece))
    return (out + [[] for _ in lines])[: len(lines)]


def code_height(count: int, size: float) -> float:
    """Return the height in inches of a text box holding `count` lines of code at `size`."""
    return count * size * LINE_HEIGHT / 72 + 2 * INSET_Y


def fit_code(lines: list[str], width: float, height: float, max_pt: float = MAX_PT) -> tuple[float | None, str | None]:
    """Return the largest size (0.5 pt steps, MIN_PT..max_pt) at which `lines` fit, or None and why not."""
    inner_w, inner_h = width - 2 * INSET_X, height - 2 * INSET_Y
    widest = max(range(len(lines)), key=lambda i: text_width(lines[i], MAX_PT, MONO))
    by_width = inner_w / max(text_width(lines[widest], 1, MONO), 1e-9)
    by_height = inner_h * 72 / (len(lines) * LINE_HEIGHT)
    size = min(max(max_pt, MIN_PT), by_width, by_height)
    size = int(size * 2) / 2
    if size >= MIN_PT:
        return size, None
    if by_width < MIN_PT:
        room = int(inner_w / text_width("x", MIN_PT, MONO))
        return None, (
            f"line {widest + 1} of the code is {len(lines[widest])} characters wide; at {MIN_PT} pt the box holds {room}: "
            "shorten it, or split the code over two slides (code is never wrapped)"
        )
    room = int(inner_h * 72 / (MIN_PT * LINE_HEIGHT))
    return None, f"the code has {len(lines)} lines; at {MIN_PT} pt the box holds {room}: show fewer with `lines:`, or split it over two slides"


def code_paragraphs(lines: list[str], block, first: int, size: float, minimum: float = 4.5, focus: set[int] | None = None, only: bool = False, language: str | None = None) -> list[Paragraph]:
    """Return one paragraph per line: its number (if shown) and its coloured tokens, each at
    `minimum` contrast on the panel (the contrast theme asks 7:1 of GitHub's colours).

    The lines of `focus` (default: `highlight:`) are at full strength, the others dimmed; with
    `only`, the others are left empty, each keeping its line's height."""
    style = STYLES[block.style]
    focus = spans(block.highlight) if focus is None else focus  # ranges, never expanded; a walkthrough's state is a set
    shown = numbers(block, first, len(lines))
    width = len(str(shown[-1]))
    out = []
    for k, tokens in enumerate(highlighted(lines, language or block.language)):
        number = shown[k]
        dim = bool(focus) and not (number in focus if isinstance(focus, set) else _in(number, focus))
        if only and dim:
            out.append(Paragraph((), sized_end=True))
            continue

        def colour(rgb: RGB) -> RGB:
            return dimmed(rgb, style.panel, minimum) if dim else ensure(rgb, style.panel, minimum)

        bold = bool(focus) and not dim  # the highlighted lines stand out by weight as well as by colour
        runs = []
        if block.line_numbers:
            runs.append(Run(f"{number:>{width}}  ", colour(style.numbers), code=True))
        runs.extend(Run(text, colour(_token_colour(style, token)), code=True, bold=bold) for token, text in tokens)
        out.append(Paragraph(tuple(runs), sized_end=True))
    return out


def dimmed(colour: RGB, panel: RGB, minimum: float) -> RGB:
    """Return a token's colour on a line out of `highlight`: moved toward the panel by DIM, but
    never below `minimum` contrast on it (dimmed code is still read: 1.8:1 was not)."""
    full = ensure(colour, panel, minimum)
    for step in range(round(DIM * 50), 0, -1):
        moved = blend(full, panel, step / 50)
        if contrast_ratio(moved, panel) >= minimum:
            return moved
    return full


PAD = 0.15  # the panel's margin around the code, inches


def code_block(ctx: Context, out, block, box: tuple[float, float, float, float], what: str | tuple, max_pt: float = MAX_PT) -> tuple[float, list[int]]:
    """Draw `block` at the top of `box` on a panel as tall as the code, at the largest size that
    fits (at most `max_pt`); record why if none does. Return the panel's bottom and the ids of
    the panel and the code."""
    lines, first = code_lines(block, ctx.files.get("code", {}))
    last = numbers(block, first, len(lines))[-1]
    shown = [f"{last:>{len(str(last))}}  " + line if block.line_numbers else line for line in lines]
    left, top, width, height = box
    size, why = fit_code(shown, width - 2 * PAD, height - 2 * PAD, max_pt)
    refused = size is None
    if refused:
        ctx.found.append(Overflow(ctx.index, what, why))
        size = MIN_PT
    style = STYLES[block.style]
    inner_h = min(code_height(len(lines), size), height - 2 * PAD)
    panel = out.rule((left, top, width, inner_h + 2 * PAD), style.panel, name="Code panel", decorative=True)
    text_box = (left + PAD, top + PAD, width - 2 * PAD, inner_h)
    code = out.text_box(text_box, code_paragraphs(lines, block, first, size, ctx.theme.min_contrast, language="text" if refused else None), size, "top", name="Code", wrap=False)
    return top + inner_h + 2 * PAD, [panel, code]


def code_fits(ctx: Context, block, width: float, height: float) -> bool:
    """Return whether `block` fits `width` x `height` (its panel included) at MIN_PT or more."""
    return code_size(ctx, block, width, height) is not None


def code_size(ctx: Context, block, width: float, height: float, max_pt: float = MAX_PT) -> float | None:
    """Return the largest size (MIN_PT..`max_pt`) at which `block` fits `width` x `height`,
    its panel included, or None when none does."""
    lines, first = code_lines(block, ctx.files.get("code", {}))
    last = first + len(lines) - 1
    shown = [f"{last:>{len(str(last))}}  " + line if block.line_numbers else line for line in lines]
    return fit_code(shown, width - 2 * PAD, height - 2 * PAD, max_pt)[0]


def write(ctx: Context, out, s: CodeSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    if s.image is not None:
        data = ctx.files["picture"][s.image]
        for share in beside_shares(data, (left, top, width, height), s.share):
            text_box, picture_box = split((left, top, width, height), share, s.side)
            if code_fits(ctx, s, text_box[2], text_box[3] - (0.7 if s.caption else 0.0)):
                break  # the picture gives up width, down to its own floor, until the code fits
        place(ctx, out, data, picture_box, picture_name(s.image), s.alt, s.fit, s.focus)
        left, top, width, height = text_box
    cap_h = 0.6 if s.caption else 0.0
    bottom, (_, code) = code_block(ctx, out, s, (left, top, width, height - cap_h - (0.1 if s.caption else 0)), "code" if s.code is not None else "source")
    if s.steps:
        walkthrough(ctx, out, s, code)
    if s.caption:
        caption(ctx, out, s.caption, (left, bottom + 0.1, width, cap_h))


def step_lines(step: str, numbers: list[int]) -> list[int]:
    """Return the lines a walkthrough step shows at full strength: "all", or its ranges."""
    return list(numbers) if step.strip() == "all" else line_set(step)


def walkthrough(ctx: Context, out, s: CodeSlide, code: int) -> None:
    """Make the code block `code` a walkthrough in one slide: the block itself dimmed, and over
    it one layer per state holding only that state's lines at full strength (the others
    empty, so the dimmed lines show through). Each click shows the next layer and hides the
    one before: native entrance and exit effects."""
    lines, first = code_lines(s, ctx.files.get("code", {}))
    numbers = list(range(first, first + len(lines)))
    for k, step in enumerate(s.steps):
        outside = [n for n in step_lines(step, numbers) if n not in numbers]
        if outside:
            ctx.found.append(Overflow(ctx.index, ("steps", k), f"step {step!r}: the code shows lines {first}-{numbers[-1]}, not {outside[0]}"))
            return
    base = out.element(code)
    minimum = ctx.theme.min_contrast
    base.paragraphs = tuple(code_paragraphs(lines, s, first, base.size, minimum, focus={0}))  # no line is line 0: all dimmed
    states = [set(line_set(s.highlight)) or set(numbers)] + [set(step_lines(step, numbers)) for step in s.steps]
    layers = [
        out.text_box(base.box, code_paragraphs(lines, s, first, base.size, minimum, focus=state, only=True), base.size, "top", name=f"Code step {k}", wrap=False, over=code)
        for k, state in enumerate(states)
    ]
    out.reveal([[out.show(layers[k]), out.show(layers[k - 1], leave=True)] for k in range(1, len(layers))])


def lines_there(block, text: str) -> list[tuple[str, str]]:
    """Return the problem of a block whose `lines:` name lines its code file does not have,
    or whose `highlight` names lines the block does not show."""
    count = text.rstrip("\n").count("\n") + 1
    parts = spans(block.lines)
    if parts and (min(start for start, _ in parts) < 1 or max(end for _, end in parts) > count):
        return [("lines", f"lines {block.lines!r}: {block.source!r} has {count} lines")]
    lines, first = code_lines(block, {block.source: text})
    return _highlight_shown(block, numbers(block, first, len(lines)))


def _highlight_shown(block, shown_lines: list[int]) -> list[tuple[str, str]]:
    shown_set = set(shown_lines)
    outside = []
    for start, end in spans(block.highlight):  # at most one step past the lines shown, per range
        n = start
        while n <= end and n in shown_set:
            n += 1
        if n <= end:
            outside.append(n)
            break
    if not outside:
        return []
    first, last = shown_lines[0], shown_lines[-1]
    shown = f"lines {block.lines}" if block.source is not None and block.lines else f"lines {first}-{last}" if last > first else f"line {first}"
    return [("highlight", f"highlight {block.highlight!r} names line {outside[0]}, which the block does not show (it shows {shown}); highlight counts lines as they are numbered")]


CODE_FILE = Input(CODE, "source", check=lines_there)
def step_clicks(deck, slide, files: dict | None = None) -> int:
    """Return the clicks of a code walkthrough: one per step."""
    return len(slide.steps)


KIND = Kind("code", CodeSlide, "Title Only", write, inputs=(CODE_FILE, Input(PICTURE, "image")), clicks=step_clicks)
