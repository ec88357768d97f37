"""Code files: UTF-8 text a code block shows, whole or by `lines:`."""

from __future__ import annotations

import re

from . import FileReader, LineError

MAX_SOURCE_BYTES = 256 * 1024


def parse_code(data: bytes, name: str = "") -> str:
    """Return the text of code file bytes `data` (UTF-8, a byte order mark dropped, line ends
    made "\\n"); raise ValueError naming the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    found = _BAD.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise LineError(line, f"holds {_named(found.group())}; code is shown as text, and this is no text")
    return text


# what a slide cannot show as text: control characters but tab and newline, lone surrogates,
# the noncharacters U+FFFE and U+FFFF
_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _named(char: str) -> str:
    code = ord(char)
    if code == 0:
        return "a NUL byte (U+0000)"
    if code in (0xFFFE, 0xFFFF):
        return f"a noncharacter (U+{code:04X})"
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X})"
    return f"a control character (U+{code:04X})"


CODE = FileReader("code", "code file", "code files", MAX_SOURCE_BYTES, parse_code)
