"""Where on a layout text may go: the parts of the slide clear of the shapes the template draws.

A template's cover may draw shards, bands and logos where its own placeholders stand, and its
placeholders may be smaller than the text a speaker gives them. The kinds ask here for the
room a text may take: the largest rectangle clear of every decoration (pure geometry, in
layout inches), found on a grid the outlines are drawn onto.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

Box = tuple[float, float, float, float]
CELLS = 20  # grid cells per inch: text boxes are placed to a twentieth of an inch


@lru_cache(maxsize=64)
def _grid(decorations: tuple, width: float, height: float) -> tuple[tuple[bool, ...], ...]:
    """Return, per row of cells, whether each cell is touched by a decoration (True: taken)."""
    cols, rows = round(width * CELLS), round(height * CELLS)
    image = Image.new("1", (cols, rows), 0)
    draw = ImageDraw.Draw(image)
    for outline in decorations:
        if len(outline) >= 3:
            draw.polygon([(x * CELLS, y * CELLS) for x, y in outline], fill=1, outline=1)
    pixels = image.load()
    return tuple(tuple(bool(pixels[c, r]) for c in range(cols)) for r in range(rows))


def clear_rectangles(decorations: tuple, slide: tuple[float, float], within: Box) -> list[Box]:
    """Return the maximal rectangles of `within` that no decoration touches (layout inches)."""
    grid = _grid(tuple(tuple(map(tuple, o)) for o in decorations), *slide)
    rows, cols = len(grid), len(grid[0]) if grid else 0
    left, top, w, h = within
    c0, r0 = max(0, int(left * CELLS + 0.999)), max(0, int(top * CELLS + 0.999))
    c1, r1 = min(cols, int((left + w) * CELLS)), min(rows, int((top + h) * CELLS))
    heights = [0] * max(0, c1 - c0)
    found: set[tuple[int, int, int, int]] = set()
    for r in range(r0, r1):
        row = grid[r]
        for k in range(len(heights)):
            heights[k] = 0 if row[c0 + k] else heights[k] + 1
        stack: list[tuple[int, int]] = []  # (start column, height)
        for k, bar in enumerate([*heights, 0]):
            start = k
            while stack and stack[-1][1] >= bar:
                start, tall = stack.pop()
                if tall:
                    found.add((start, r + 1 - tall, k - start, tall))
            if not stack or stack[-1][1] < bar:
                stack.append((start, bar))
    return [((c0 + c) / CELLS, r / CELLS, n / CELLS, t / CELLS) for c, r, n, t in found]


def clear(box: Box, decorations: tuple, slide: tuple[float, float]) -> bool:
    """Return whether no decoration touches `box`."""
    return any(_inside(box, r) for r in clear_rectangles(decorations, slide, _grown(box, 0.1)))


def _grown(box: Box, by: float) -> Box:
    return box[0] - by, box[1] - by, box[2] + 2 * by, box[3] + 2 * by


def _inside(inner: Box, outer: Box, slack: float = 0.1) -> bool:
    return (outer[0] <= inner[0] + slack and outer[1] <= inner[1] + slack
            and outer[0] + outer[2] >= inner[0] + inner[2] - slack and outer[1] + outer[3] >= inner[1] + inner[3] - slack)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def rooms(near: Box, decorations: tuple, slide: tuple[float, float], within: Box, min_width: float = 0.0) -> list[Box]:
    """Return the clear rectangles of `within` that a text meant for `near` may take instead,
    best first: those sharing the most of `near`, then the largest; none narrower than `min_width`."""
    candidates = [r for r in clear_rectangles(decorations, slide, within) if r[2] >= min_width - 1e-6]
    return sorted(candidates, key=lambda r: (round(_overlap(r, near), 1), r[2] * r[3]), reverse=True)


def grown(box: Box, decorations: tuple, slide: tuple[float, float], limits: Box) -> Box:
    """Return `box` grown as far as it stays clear of every decoration and inside `limits`:
    the largest clear rectangle of `limits` that holds `box` (itself when none does)."""
    holding = [r for r in clear_rectangles(decorations, slide, limits) if _inside(box, r)]
    return max(holding, key=lambda r: r[2] * r[3]) if holding else box
