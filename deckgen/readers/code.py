"""Code files: UTF-8 text a code block shows, whole or by `lines:`."""

from __future__ import annotations

from . import FileReader

MAX_SOURCE_BYTES = 256 * 1024


def parse_code(data: bytes, name: str = "") -> str:
    """Return the text of code file bytes `data` (UTF-8, a byte order mark dropped, line ends
    made "\\n"); raise ValueError naming the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return text.replace("\r\n", "\n")


CODE = FileReader("code", "code file", "code files", MAX_SOURCE_BYTES, parse_code)
