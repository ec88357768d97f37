"""Data files: a chart's numbers as CSV (a header row of series names, a row per category)."""

from __future__ import annotations

import csv
import io
import math
import re

from ..source import bad_text
from . import FileReader, LineError

MAX_POINTS = 200  # categories a chart shows
MAX_SERIES = 12  # series a chart shows, as inline
MAX_CSV_BYTES = 1024 * 1024
MAX_CELL = 200  # characters of a category or a series' name
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")  # 1,234 or 12,345.6: commas group thousands
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")  # 1,5 or ,5: a decimal comma


def parse_table(data: bytes, name: str = "") -> tuple[list[str], list[tuple[str, list[float]]]]:
    """Return (categories, [(series name, values)]) of CSV bytes `data`; raise ValueError or LineError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text") from None
    return read_csv(text, name)


def read_csv(text: str, name: str = "") -> tuple[list[str], list[tuple[str, list[float]]]]:
    """Return (categories, [(series name, values)]) of CSV `text`; raise LineError at its line.

    Read as CSV: a quoted cell may hold a line break (refused, with the line it starts on, as
    slide text may not break there), and only \\n, \\r\\n and \\r end a row. The header's width
    and the number of rows are checked as rows come, before any value is used."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    series: list[tuple[str, list[float]]] = []
    categories: list[str] = []
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            for cell in row:
                problem = _bad_cell(cell)
                if problem:
                    raise LineError(start, f"{cell.strip()[:40]!r}: {problem}")
            if header is None:
                header = [cell.strip() for cell in row]
                if len(header) < 2:
                    break
                if len(header) - 1 > MAX_SERIES:
                    raise LineError(start, f"{len(header) - 1} series; a chart shows at most {MAX_SERIES}")
                series = [(cell, []) for cell in header[1:]]
                continue
            if len(row) != len(header):
                raise LineError(start, f"{len(row)} cells where the header has {len(header)}")
            if len(categories) >= MAX_POINTS:
                raise LineError(start, f"a chart shows at most {MAX_POINTS} categories")
            categories.append(row[0].strip())
            for (series_name, values), cell in zip(series, row[1:]):
                values.append(_number(cell, series_name, start))
    except csv.Error as exc:
        raise LineError(line, f"not CSV: {exc}") from None
    if header is None or len(header) < 2 or not categories:
        raise LineError(1, "a chart's CSV needs a header row (categories' label, then series' names) and a row per category")
    return categories, series


def _bad_cell(cell: str) -> str | None:
    if "\n" in cell or "\r" in cell:
        return "a cell holds a line break; a chart's labels are one line"
    if len(cell) > MAX_CELL:
        return f"a cell of {len(cell)} characters; {MAX_CELL} at most"
    return bad_text(cell.replace("\t", " "))


def _number(cell: str, series_name: str, line: int) -> float:
    written = cell.strip()
    if not written:
        return 0.0
    if "," in written and not _GROUPED.match(written):
        # read the same whatever the talk's language: a CSV shared by talks in two languages
        # means the same numbers in both, and 1,5 must never become 15
        if _DECIMAL_COMMA.match(written):
            raise LineError(line, f"{written[:40]!r} in column {series_name!r} has a decimal comma; write {written.replace(',', '.')} (a CSV's numbers take a decimal point, whatever the talk's language)")
        raise LineError(line, f"{written[:40]!r} in column {series_name!r} is not a number (commas may only group thousands, as in 12,345.6)")
    try:
        value = float(written.replace(",", ""))
    except ValueError:
        raise LineError(line, f"{written[:40]!r} in column {series_name!r} is not a number") from None
    if not math.isfinite(value) or written.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        raise LineError(line, f"{written[:40]!r} in column {series_name!r} is not a finite number")
    return value


TABLE = FileReader("table", "data file", "data files", MAX_CSV_BYTES, parse_table)
