"""A table with a header row; rows can be shown only to some audiences."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import Field, field_validator

from ..fields import VERBATIM, Condition, Inline, ShortInline, SlideBase, Strict
from ..markup import plain
from ..text import INSET_X, INSET_Y, block_height, column_widths, rich, text_width
from .base import Context, Kind, Overflow, title

CELL_PAD_X, CELL_PAD_Y = 0.1, 0.06


class Row(Strict):
    """A table row that can be shown only to some audiences."""

    cells: Annotated[list[Inline], Field(min_length=1, max_length=8)]
    """The row's cells, in column order."""
    when: Condition | None = None
    """A Jinja expression; the row is dropped when it is false."""


class TableSlide(SlideBase):
    """A table with a header row."""

    kind: Annotated[Literal["table"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    columns: Annotated[list[ShortInline], Field(min_length=1, max_length=8)]
    """The header cells."""
    rows: Annotated[list[Union[Annotated[list[Inline], Field(min_length=1, max_length=8)], Row]], Field(min_length=1, max_length=40)]
    """The rows: lists of cells, or {cells, when}."""

    @field_validator("rows", mode="after")
    @classmethod
    def _as_rows(cls, rows: list[Any]) -> list[Row]:
        return [Row(cells=r) if isinstance(r, list) else r for r in rows]


def write(ctx: Context, out, s: TableSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    pal = ctx.theme.palette
    ncols = len(s.columns)
    grid = [list(s.columns)] + [list(r.cells) for r in s.rows]

    def bold(i: int, j: int) -> bool:
        return i == 0 or j == 0

    numeric = [j > 0 and all(_is_number(row[j]) for row in grid[1:]) for j in range(ncols)]

    def cell(i: int, j: int):
        colour = pal.on_night if i == 0 else (pal.ink if j == 0 else pal.muted)
        align = "r" if numeric[j] else None  # numbers line up on their last digit
        return rich(grid[i][j], colour, link=pal.link_on_night if i == 0 else pal.link, bold=bold(i, j), align=align)

    # a right-to-left talk's table reads from the right: its first column stands at the right.
    # Drawn so, not left to DrawingML's a:tblPr rtl, which LibreOffice and Google Slides ignore
    order = range(ncols - 1, -1, -1) if ctx.words.rtl else range(ncols)
    cells = [[cell(i, j) for j in order] for i in range(len(grid))]
    natural = [max(sum(text_width(run.text, 18, run.face, ctx.families) for run in cells[i][j].runs) for i in range(len(grid))) + 2 * CELL_PAD_X for j in range(ncols)]
    col_ws = column_widths(natural, width)

    def heights(size: float) -> list[float]:
        # block_height counts a text box's own insets; a cell has its padding instead
        return [max(block_height([paragraph], size, col_ws[j] - 2 * CELL_PAD_X + 2 * INSET_X, ctx.families) - 2 * INSET_Y + 2 * CELL_PAD_Y
                    for j, paragraph in enumerate(row)) for row in cells]

    def table_height(size: float) -> float:
        return sum(heights(size))

    size = ctx.theme.body_max - 4
    smallest = ctx.theme.body_min - 2
    while size >= smallest and table_height(size) > height:
        size -= 0.5
    if size < smallest:
        ctx.found.append(Overflow(ctx.index, "rows", f"the table does not fit on the slide even at {smallest} pt; shorten cells or split the table"))
        size = smallest
    ctx.floor(size, "secondary", "rows")

    def fill(i: int):
        if i == 0:
            return pal.night
        return pal.band if i % 2 == 0 else pal.paper

    rows = [[(paragraph, fill(i)) for paragraph in row] for i, row in enumerate(cells)]
    table_h = min(height, table_height(size))
    # a short table stands in the middle of the content area, not pressed under the title
    top += (height - table_h) / 2
    # each row as high as its text needs: rows of one height each, a row of two lines grows in
    # the client past the table's box (over the footer) while the others keep room they do not use
    needed = heights(size)
    spare = table_h / sum(needed) if sum(needed) else 1.0
    out.table((left, top, width, table_h), col_ws, rows, size, (CELL_PAD_X, CELL_PAD_Y), [h * spare for h in needed])


_NUMBER = re.compile(r"^[-+−]?[$€£¥]?\s?\d[\d,. ]*(%|[a-zA-Zµ]{1,3})?$")


def _is_number(text: str) -> bool:
    """Return whether a cell reads as a number (1,200 · 3.5 ms · $40 · 12%), markup aside."""

    return bool(_NUMBER.match(plain(text).strip()))


def check(deck, s: TableSlide, path, source) -> list:
    """Return problems: rows whose cell count differs from the header's."""
    return [
        source.problem(path + ("rows", j), f"this row has {len(row.cells)} cells but the table has {len(s.columns)} columns")
        for j, row in enumerate(s.rows)
        if len(row.cells) != len(s.columns)
    ]


KIND = Kind("table", TableSlide, "Title Only", write, check=check)
