"""Inline markup in outline text: CommonMark emphasis, strong, code, links, escapes, ~~strike~~.

Code pasted into text is kept as code: a fenced block (```` ```bash ````, by CommonMark's
rules for fences, its language word dropped), or text of several lines whose later lines are
indented (a YAML `|` block holding code; indentation means nothing in a proportional line).
Its lines become `verbatim` spans: set in monospace with their spaces, never wrapped, no
markup read inside. A text's final line break (a `|` block's) is not a line of its own.

Parsed with markdown-it-py (CommonMark's reference implementation in Python), never with
regular expressions: `2 * 3 * 4` and `snake_case_name` stay as typed, `\\*` is a literal
asterisk. Raw HTML is text. A link may be http, https or mailto; anything else is an error
the outline's validation reports in place. Parsing is cached by text: validation checks a
field, and the writer reads the same parse.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache

LINK_SCHEMES = ("https://", "http://", "mailto:")
BACK_LINK = "#!back"  # deckgen's own "back" link: to the slide last shown (no speaker's id has "!")
_SLIDE_ID = re.compile(r"^#[A-Za-z][A-Za-z0-9_-]{0,63}$")

# a text holding none of these is a single plain span: no parser needed
_TRIGGERS = frozenset("*_`[]<\\~&!:\n")


@dataclass(frozen=True)
class Span:
    """A stretch of text with one inline style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    link: str | None = None
    verbatim: bool = False  # a line of a code block: its spaces kept, never wrapped


class MarkupError(ValueError):
    """Text whose markup cannot reach a slide as written (a link scheme that is not allowed)."""


@lru_cache(maxsize=2)
def _parser(linkify: bool):
    """Return markdown-it set up for outline text; with `linkify`, bare addresses become links."""
    from markdown_it import MarkdownIt  # deferred: outlines whose text holds no markup never load markdown-it

    md = MarkdownIt("commonmark", {"html": False, "linkify": linkify}).enable(["strikethrough"])
    if linkify:
        md.enable("linkify")
        md.linkify.set({"fuzzy_link": False})  # only addresses with a scheme: "next.ai" stays text
    md.validateLink = lambda url: True  # every link is checked here, with a message, not dropped
    # addresses reach the deck as the speaker typed them (percent-encoding is the reader's job)
    md.normalizeLink = md.normalizeLinkText = lambda url: url
    return md


def _tokens(text: str) -> list:
    """Return markdown-it's inline tokens for `text`.

    Text goes through the inline parser alone, which is all it needs and half the work of the
    whole chain; only text with an address outside a [link](…) goes through the whole chain
    again, where linkify (a core rule) makes that address a link.
    """
    md = _parser(False)
    tokens: list = []
    md.inline.parse(text, md, {}, tokens)
    if ("://" in text or "mailto:" in text) and _bare_address(tokens):
        return _parser(True).parseInline(text)[0].children or []
    return tokens


def _bare_address(tokens: list) -> bool:
    """Return whether a text token outside any link holds something linkify could make a link."""
    depth = 0
    for token in tokens:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        elif token.type == "text" and not depth and ("://" in token.content or "mailto:" in token.content):
            return True
    return False


def _plain_only(text: str) -> bool:
    return _TRIGGERS.isdisjoint(text)


# a code fence's opening line, by CommonMark: up to three spaces, three or more backticks (no
# backtick after them) or tildes, then the info string (the language)
_FENCE = re.compile(r"^( {0,3})(`{3,}(?=[^`]*$)|~{3,})(.*)$")


def pieces(text: str) -> list[tuple[str, bool]]:
    """Return `text` as its pieces of prose and of code, in order: (text, is_code).

    Code is a fenced block, or prose of several lines whose later lines are indented.
    Blank lines around a piece, and a text's final line break, are dropped.
    """
    out: list[tuple[str, bool]] = []
    prose: list[str] = []

    def flush() -> None:
        block = "\n".join(prose).strip("\n")
        prose.clear()
        if block.strip():
            lines = block.split("\n")
            indented = len(lines) > 1 and any(line[:1] in (" ", "\t") and line.strip() for line in lines[1:])
            out.append((textwrap.dedent(block), True) if indented else (block, False))

    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            prose.append(lines[i])
            i += 1
            continue
        flush()
        indent, fence = len(opening.group(1)), opening.group(2)
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        code: list[str] = []
        i += 1
        while i < len(lines) and not closing.match(lines[i]):
            line = lines[i]
            code.append(line[min(indent, len(line) - len(line.lstrip(" "))):])  # the fence's own indent is not the code's
            i += 1
        i += 1  # the closing fence (an unclosed fence runs to the end, as in CommonMark)
        while code and not code[-1].strip():
            code.pop()
        if code:
            out.append(("\n".join(code), True))
    flush()
    return out


def _has_code(text: str) -> bool:
    return "\n" in text and ("```" in text or "~~~" in text or "\n " in text or "\n\t" in text)


@lru_cache(maxsize=20000)
def parse(text: str) -> tuple[Span, ...]:
    """Return the spans of `text`; raise MarkupError for a link that may not be written.

    Lines of code (see `pieces`) are verbatim spans; lines are separated by "\n" spans.
    """
    if _plain_only(text):
        return (Span(text),) if text else ()
    if "\n" in text and (_has_code(text) or text.endswith("\n")):
        spans: list[Span] = []
        for k, (piece, code) in enumerate(pieces(text)):
            if k:
                spans.append(Span("\n"))
            if code:
                for j, line in enumerate(piece.split("\n")):
                    spans += [Span("\n")] * (j > 0) + [Span(line.expandtabs(4), code=True, verbatim=True)] * bool(line)
            else:
                spans += _inline(piece)
        return tuple(_merge(spans))
    return tuple(_merge(_inline(text)))


def _inline(text: str) -> list[Span]:
    """Return the spans of one piece of prose, by markdown-it's inline rules."""
    if _plain_only(text):
        return [Span(text)] if text else []
    tokens = _tokens(text)
    spans: list[Span] = []
    bold = italic = strike = 0
    link: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):  # text_special: a backslash escape's character
            spans.append(Span(token.content, bold > 0, italic > 0, False, strike > 0, link))
        elif kind == "code_inline":
            spans.append(Span(token.content, bold > 0, italic > 0, True, strike > 0, link))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span("\n", bold > 0, italic > 0, False, strike > 0, link))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            link = _checked_link(str(token.attrs.get("href", "")))
        elif kind == "link_close":
            link = None
        elif kind == "image":
            raise MarkupError(f"a picture (`![{token.content}](…)`) cannot stand in text; show it on an image slide")
        else:  # an inline kind this version does not know: keep what was typed
            spans.append(Span(token.content or token.markup, bold > 0, italic > 0, False, strike > 0, link))
    return spans


def refused_scheme(address: str) -> str | None:
    """Return why `address` may not become a link or a QR code (a scheme other than http,
    https or mailto: javascript:, file:, data:, a UNC path), or None. An address with no scheme
    ("example.org/slides") is shown as text and is not refused."""
    text = address.strip()
    if text.lower().startswith(LINK_SCHEMES):
        return None
    if text.startswith(("\\\\", "//")):
        return f"address {address!r} names a network share; links are http, https or mailto"
    head = text.split("/", 1)[0]
    if ":" in head:
        return f"address {address!r}: the {head.split(':', 1)[0]}: scheme is not allowed; links are http, https or mailto"
    return None


def _checked_link(address: str) -> str:
    if address.lower().startswith(LINK_SCHEMES):
        return address
    if address.startswith("#"):
        if _SLIDE_ID.match(address):
            return address  # a slide of the deck, by its id: checked against the deck's ids later
        raise MarkupError(f"link {address!r}: a link to a slide is #id, with the `id:` of a slide of the outline")
    scheme = address.split(":", 1)[0] + ":" if ":" in address.split("/", 1)[0] else None
    if scheme:
        raise MarkupError(f"link {address!r}: the {scheme} scheme is not allowed; links are http, https or mailto")
    raise MarkupError(f"link {address!r} needs a full address, e.g. https://example.org/{address.lstrip('/')}")


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of the same style (markdown-it splits text at every escape)."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].strike, out[-1].link, out[-1].verbatim) == (span.bold, span.italic, span.code, span.strike, span.link, span.verbatim):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.code, span.strike, span.link, span.verbatim)
        else:
            out.append(span)
    return out


def check(text: str) -> str:
    """Return `text` unchanged if its markup can be written; raise MarkupError (a ValueError) if not.

    Used as a pydantic validator, so the message lands at the field's file:line:column.
    """
    parse(text)
    return text


def plain(text: str) -> str:
    """Return the text a reader sees, markup dropped: for pictures, alt text, plans, properties."""
    try:
        return "".join(span.text for span in parse(text))
    except MarkupError:
        return text


def slide_links(text: str) -> list[str]:
    """Return the ids of the slides `text` links to ([see](#costs): "costs"), in order."""
    if "(#" not in text:
        return []
    try:
        return [span.link[1:] for span in parse(text) if span.link and span.link.startswith("#")]
    except MarkupError:
        return []


def spoken(text: str) -> str:
    """Return `text` for plain-text speaker notes: markup dropped, a link as "text (address)".

    Line by line, so line breaks, blank lines and indentation stay as typed.
    """
    if "\n" in text:
        return "\n".join(spoken(line) for line in text.split("\n"))
    body = text.lstrip(" ")
    if body != text:
        return text[: len(text) - len(body)] + spoken(body)
    try:
        spans = parse(text)
    except MarkupError:
        return text
    out: list[str] = []
    for i, span in enumerate(spans):
        out.append(span.text)
        ends_link = span.link and (i + 1 == len(spans) or spans[i + 1].link != span.link)
        if ends_link and span.text != span.link and "mailto:" + span.text != span.link:
            out.append(f" ({span.link})")
    return "".join(out)
