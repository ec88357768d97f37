"""Data files: a chart's numbers as CSV (a header row of series names, a row per category)."""

from __future__ import annotations

import csv
import math

from . import FileReader, LineError

MAX_POINTS = 200  # categories a chart shows
MAX_CSV_BYTES = 1024 * 1024


def parse_table(data: bytes, name: str = "") -> tuple[list[str], list[tuple[str, list[float]]]]:
    """Return (categories, [(series name, values)]) of CSV bytes `data`; raise ValueError or LineError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text") from None
    return read_csv(text, name)


def read_csv(text: str, name: str = "") -> tuple[list[str], list[tuple[str, list[float]]]]:
    """Return (categories, [(series name, values)]) of CSV `text`; raise LineError at its line."""
    rows = list(csv.reader(text.splitlines()))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise LineError(1, "a chart's CSV needs a header row (categories' label, then series' names) and a row per category")
    header = [cell.strip() for cell in rows[0]]
    series = [(name, []) for name in header[1:]]
    categories = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise LineError(line, f"{len(row)} cells where the header has {len(header)}")
        categories.append(row[0].strip())
        for (series_name, values), cell in zip(series, row[1:]):
            try:
                value = float(cell.strip().replace(",", "")) if cell.strip() else 0.0
            except ValueError:
                raise LineError(line, f"{cell.strip()!r} in column {series_name!r} is not a number") from None
            if not math.isfinite(value):  # "inf" and "nan" parse, but no chart draws them
                raise LineError(line, f"{cell.strip()!r} in column {series_name!r} is not a finite number")
            values.append(value)
    if len(categories) > MAX_POINTS:
        raise LineError(MAX_POINTS + 2, f"a chart shows at most {MAX_POINTS} categories")
    return categories, series


TABLE = FileReader("table", "data file", "data files", MAX_CSV_BYTES, parse_table)
