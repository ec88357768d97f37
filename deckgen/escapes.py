"""Imported text reaches the outline as meant: runs as CommonMark inline markup, escaped.

Escaped twice: for deckgen's inline markup, and for Jinja2, since every outline string is a template.
"""

from __future__ import annotations

import re

from . import markup
from .markup import Span

# characters CommonMark may read as markup; a backslash before any ASCII punctuation is literal
_SPECIAL = re.compile(r"([\\`*_\[\]<>~&!|#])")
_JINJA = re.compile(r"\{(?=[{%#])")
MONO_FONTS = ("courier", "consolas", "menlo", "monaco", "mono", "source code", "fira code", "inconsolata", "lucida console", "andale")


def jinja_safe(text: str) -> str:
    """Return `text` so that Jinja2 renders it back as it is: each `{` that would open a
    delimiter (`{{`, `{%`, `{#`) is written as an expression giving that brace."""
    return _JINJA.sub("{{ '{' }}", text)


def escaped(text: str) -> str:
    """Return plain `text` as markup that shows it as typed."""
    if _reads_as(text, [Span(text)]):
        return text
    return _SPECIAL.sub(r"\\\1", text)


def _reads_as(source: str, pieces: list[Span]) -> bool:
    try:
        spans = markup.parse(source)
    except markup.MarkupError:
        return False
    return _merged(list(spans)) == _merged(pieces)


def _merged(pieces: list[Span]) -> list[Span]:
    out: list[Span] = []
    for p in pieces:
        if not p.text:
            continue
        if out and _style(out[-1]) == _style(p):
            out[-1] = Span(out[-1].text + p.text, *_style(p))
        else:
            out.append(p)
    return out


def _style(p: Span) -> tuple:
    return (p.bold, p.italic, p.code, p.strike, p.link)


def to_markup(pieces: list[Span]) -> tuple[str, bool]:
    """Return the inline markup showing `pieces`, and whether it shows them exactly (else the
    text is kept with less of its formatting, and the caller reports it)."""
    pieces = _merged(pieces)
    joined = "".join(p.text for p in pieces)
    pieces, at = list(pieces), 0
    for k, p in enumerate(pieces):
        if "\x0b" in p.text or "\n" in p.text:
            chars = []
            for j, c in enumerate(p.text):
                if c in "\x0b\n":
                    before, after = joined[at + j - 1: at + j], joined[at + j + 1: at + j + 2]
                    # a line break between CJK characters stands for no space at all
                    chars.append("" if _cjk(before) or _cjk(after) else " ")
                else:
                    chars.append(c)
            pieces[k] = Span("".join(chars), p.bold, p.italic, p.code, p.strike, p.link)
        at += len(p.text)
    pieces = _merged(pieces)
    if not pieces:
        return "", True
    # a style every piece has is the box's own look (titles are bold, captions italic): not markup
    for name in ("bold", "italic"):
        if all(getattr(p, name) for p in pieces if p.text.strip()):
            pieces = [Span(**{**_fields(p), name: False}) for p in pieces]
    pieces = _merged(pieces)
    text = "".join(_piece(p) for p in pieces)
    if _reads_as(text, pieces):
        return text, True
    plain = "".join(p.text for p in pieces)
    return escaped(plain), _reads_as(escaped(plain), pieces)


def _cjk(char: str) -> bool:
    return bool(char) and ("\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef" or "\u3000" <= char <= "\u303f")


def _fields(p: Span) -> dict:
    return {"text": p.text, "bold": p.bold, "italic": p.italic, "code": p.code, "strike": p.strike, "link": p.link}


def _piece(p: Span) -> str:
    if p.code and "`" not in p.text and p.text.strip():
        body = f"`{p.text}`" if not (p.text.startswith(" ") and p.text.endswith(" ")) else f"`` {p.text} ``"
    else:
        body = escaped(p.text)
    # emphasis may not open or close on blank space: keep outer spaces outside the markers
    lead = body[: len(body) - len(body.lstrip(" "))]
    trail = body[len(body.rstrip(" ")):]
    core = body.strip(" ")
    if not core:
        return body
    if p.strike:
        core = f"~~{core}~~"
    if p.italic:
        core = f"*{core}*"
    if p.bold:
        core = f"**{core}**"
    if p.link and p.link.startswith(markup.LINK_SCHEMES):
        core = f"<{p.link}>" if p.link == p.text and not (p.bold or p.italic or p.code) and " " not in p.link else f"[{core}]({_address(p.link)})"
    return lead + core + trail


def _address(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def spoken_safe(text: str) -> str:
    """Return notes `text` so that deckgen writes it back as it is: notes lose their markup on
    the way to the deck, so text that would read as markup is escaped."""
    if markup.spoken(text) == text:
        return text
    out = "\n".join(line if markup.spoken(line) == line else _SPECIAL.sub(r"\\\1", line) for line in text.split("\n"))
    return out
