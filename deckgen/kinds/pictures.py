"""Pictures as slides show them: fitted whole (`contain`) or filling their box, cut around a
focal point (`cover`); beside text; several in a grid; to the slide's edges with a line on a
scrim. The warnings a picture earns (too few pixels for the size it is shown at) are here too."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ..fields import VERBATIM, ShortText, Strict, Text
from ..plan_check import text_extent
from ..readers.picture import SHOWN_WIDTH_PX, pixel_size, region_colours
from ..theme import RGB, contrast_ratio
from .base import Context, Overflow

if TYPE_CHECKING:  # the plan is the kinds' output: they only name its types
    from ..plan import Box, SlidePlan

BLURRY = 1.25  # a picture shown this much larger than its pixels looks soft on a 1920 px screen
FOCI = {
    "center": (0.5, 0.5), "top": (0.5, 0.0), "bottom": (0.5, 1.0), "left": (0.0, 0.5), "right": (1.0, 0.5),
    "top left": (0.0, 0.0), "top right": (1.0, 0.0), "bottom left": (0.0, 1.0), "bottom right": (1.0, 1.0),
}
_POINT = re.compile(r"^\s*(0(?:\.\d+)?|1(?:\.0+)?)\s*,\s*(0(?:\.\d+)?|1(?:\.0+)?)\s*$")


def focus_point(text: str) -> tuple[float, float]:
    """Return the focal point of `focus` ("top", "bottom left", "0.3,0.6") as fractions of the
    picture's width and height; raise ValueError."""
    key = " ".join(str(text).lower().split())
    if key in FOCI:
        return FOCI[key]
    found = _POINT.match(key)
    if found:
        return float(found.group(1)), float(found.group(2))
    raise ValueError(f"focus {text!r}: use center, top, bottom, left, right, a corner (top left, ...) or x,y fractions such as 0.3,0.6")


def _share(value):
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(value.strip()[:-1]) / 100
        except ValueError:
            return value
    return value


Fit = Annotated[Literal["contain", "cover"], VERBATIM]
Focus = Annotated[str, VERBATIM, AfterValidator(lambda v: (focus_point(v), v)[1])]
Share = Annotated[float, BeforeValidator(_share), Field(ge=0.2, le=0.7)]


class PictureFields(Strict):
    """One picture: its file, alt text, and how it fills its box."""

    image: ShortText
    """Path of a PNG, JPEG, GIF, HEIC or SVG file, relative to the outline's folder."""
    alt: Text
    """Alt text: what the picture shows, for people who cannot see it."""
    fit: Fit = "contain"
    """contain: the whole picture, fitted; cover: the picture fills its box, cut around `focus`."""
    focus: Focus = "center"
    """With cover: the point kept in view: center, top, bottom, left, right, a corner, or x,y (0..1)."""


class BesideFields(Strict):
    """A picture beside a slide's text (bullets, code): `image:` with `alt:`, on `side:`."""

    image: ShortText | None = None
    """A picture beside the text: a PNG, JPEG, GIF, HEIC or SVG file in the outline's folder."""
    alt: Text | None = None
    """The picture's alt text: what it shows, for people who cannot see it (required with `image`)."""
    side: Annotated[Literal["left", "right"], VERBATIM] = "right"
    """Which side of the text the picture stands on."""
    share: Share | None = None
    """The share of the width the picture takes, 0.2 to 0.7 (or "40%"); default: from its shape."""
    fit: Fit = "contain"
    """contain: the whole picture, fitted; cover: the picture fills its column, cut around `focus`."""
    focus: Focus = "center"
    """With cover: the point kept in view: center, top, bottom, left, right, a corner, or x,y (0..1)."""

    @model_validator(mode="after")
    def _alt_with_image(self):
        if self.image is not None and self.alt is None:
            raise ValueError("a picture needs `alt:` text saying what it shows, for people who cannot see it")
        if self.image is None and "alt" in self.model_fields_set:
            raise ValueError("`alt:` describes the picture of `image:`, which is missing")
        return self


def place(ctx: Context, out: SlidePlan, data: bytes, box: Box, name: str, alt: str, fit: str = "contain", focus: str = "center", what: str | tuple = "image", backdrop: bool = False) -> tuple[int, Box]:
    """Add picture `data` in `box`: whole and centred (contain), or filling it, cut around
    `focus` (cover); warn, at field `what`, when it is shown larger than its pixels allow on a
    screen SHOWN_WIDTH_PX wide. Return its id and the box it takes."""
    px_w, px_h = pixel_size(data)
    left, top, width, height = box
    crop = None
    visible_w = px_w
    if fit == "cover":
        fx, fy = focus_point(focus)
        picture, room = px_w / px_h, width / height
        if picture > room:  # wider than the box: cut its sides
            kept = room / picture
            x0 = min(max(fx - kept / 2, 0.0), 1.0 - kept)
            crop = (x0, 0.0, 1.0 - kept - x0, 0.0)
            visible_w = px_w * kept
        else:  # taller: cut its top and bottom
            kept = picture / room
            y0 = min(max(fy - kept / 2, 0.0), 1.0 - kept)
            crop = (0.0, y0, 0.0, 1.0 - kept - y0)
        shown = (left, top, width, height)
    else:
        scale = min(width / px_w, height / px_h)
        w, h = px_w * scale, px_h * scale
        shown = (left + (width - w) / 2, top + (height - h) / 2, w, h)
    sharpness(ctx, data, name, shown[2], visible_w, what)
    return out.picture(data, shown, name, alt, crop=crop, backdrop=backdrop), shown


def sharpness(ctx: Context, data: bytes, name: str, shown_width: float, visible_px: float, what: str | tuple) -> None:
    """Warn when a picture `shown_width` inches wide shows only `visible_px` of its pixels
    across, well under what a screen SHOWN_WIDTH_PX wide draws there (an SVG is never blurry)."""
    if data[:1] == b"<":
        return
    needed = round(shown_width / ctx.theme.slide_width * SHOWN_WIDTH_PX)
    if needed > visible_px * BLURRY:
        ctx.found.append(Overflow(ctx.index, what, (
            f"picture {name!r} shows {round(visible_px)} pixels across where a {SHOWN_WIDTH_PX} px screen draws {needed}: "
            f"it will look blurry on the projector; use one at least {needed} px wide, or show it smaller"
        ), severity="warning"))


def picture_name(path: str) -> str:
    """Return the name a picture shape takes: its file's name."""
    return Path(path).name


# --- a picture beside text -------------------------------------------------------------------------

GAP = 0.35  # inches between a picture and the text beside it
MIN_SHARE = 0.25  # the smallest share of the width a picture is given, to make room for text


def beside_shares(data: bytes, box: Box, wanted: float | None) -> list[float]:
    """Return the shares of `box`'s width to try for the picture, best first: the speaker's, or
    the picture's own shape at full height (between 30 and 50%), then smaller down to MIN_SHARE."""
    if wanted is not None:
        return [wanted]
    px_w, px_h = pixel_size(data)
    natural = box[3] * px_w / px_h / box[2]
    first = min(max(natural, 0.3), 0.5)
    shares = [first]
    while shares[-1] - 0.05 >= MIN_SHARE - 1e-9:
        shares.append(round(shares[-1] - 0.05, 4))
    return shares


def split(box: Box, share: float, side: str) -> tuple[Box, Box]:
    """Return (text box, picture box) of `box` split with the picture taking `share` of it on `side`."""
    left, top, width, height = box
    pic_w = width * share
    text_w = width - pic_w - GAP
    if side == "left":
        return (left + pic_w + GAP, top, text_w, height), (left, top, pic_w, height)
    return (left, top, text_w, height), (left + text_w + GAP, top, pic_w, height)


# --- several pictures ------------------------------------------------------------------------------

CAPTION_H = 0.45
GRID_GAP = 0.25


def _rows_of(n: int) -> list[tuple[int, ...]]:
    """Return every way to put `n` pictures in order into rows (counts per row), at most 3 rows."""
    out = []
    for cuts in range(0, min(n, 3)):
        for where in combinations(range(1, n), cuts):
            edges = (0, *where, n)
            out.append(tuple(b - a for a, b in zip(edges, edges[1:])))
    return out


def grid(aspects: list[float], box: Box, captions: list[bool], rows: tuple[int, ...] | None = None, uniform: bool = False) -> list[tuple[Box, Box | None]]:
    """Return, per picture, its box and its caption's box (None without a caption): the
    pictures in order, in `rows` (counts per row) or in the rows that show them largest. A
    row of pictures shares one height and fills the width; `uniform`: every cell one size, of
    the pictures' middle shape, each picture then covering its cell. Rows that would not fit
    the height are scaled down together."""
    left, top, width, height = box
    middle = min(max(sorted(aspects)[len(aspects) // 2], 0.75), 1.8)
    best, best_area = None, -1.0
    for counts in ([rows] if rows else _rows_of(len(aspects))):
        rows_of, k = [], 0
        widest = max(counts)
        for count in counts:
            shapes = [middle] * count if uniform else aspects[k : k + count]
            across = widest if uniform else count  # equal cells: as wide as in the fullest row
            row_h = (width - GRID_GAP * (across - 1)) / (middle * across if uniform else sum(shapes))
            rows_of.append((row_h, any(captions[k : k + count]), shapes))
            k += count
        text_h = sum(CAPTION_H for _, cap, _ in rows_of if cap) + GRID_GAP * (len(counts) - 1)
        if uniform:
            common = min(h for h, _, _ in rows_of)
            rows_of = [(common, cap, shapes) for _, cap, shapes in rows_of]
        scale = min(1.0, (height - text_h) / max(1e-9, sum(h for h, _, _ in rows_of)))
        if scale <= 0:
            continue
        total = sum(h * scale for h, _, _ in rows_of) + text_h
        y, k, placed, area = top + (height - total) / 2, 0, [], 0.0
        for row_h, cap, shapes in rows_of:
            h = row_h * scale
            cells = [a * h for a in shapes]
            x = left + (width - sum(cells) - GRID_GAP * (len(cells) - 1)) / 2
            for cell_w in cells:
                placed.append(((x, y, cell_w, h), (x, y + h + 0.05, cell_w, CAPTION_H - 0.05) if captions[k] else None))
                area += cell_w * h
                x += cell_w + GRID_GAP
                k += 1
            y += h + (CAPTION_H if cap else 0.0) + GRID_GAP
        if area > best_area + 1e-9:
            best, best_area = placed, area
    return best or []


# --- text on a picture -----------------------------------------------------------------------------

WHITE, INK = (255, 255, 255), (17, 17, 17)


def scrim_for(colours: list[RGB], minimum: float = 4.5) -> tuple[RGB, RGB, float]:
    """Return (text colour, scrim colour, scrim opacity) for text over pixels `colours`: the
    pairing, white on black or ink on white, needing the lighter scrim for every pixel under
    the text to reach `minimum` contrast once the scrim is laid over it (with a tenth to spare:
    the pixels are sampled, and clients blend a little differently)."""
    minimum *= 1.1
    best = None
    for text, scrim in ((WHITE, (0, 0, 0)), (INK, (255, 255, 255))):
        for step in range(0, 21):
            opacity = step / 20
            if all(contrast_ratio(text, tuple(round(opacity * s + (1 - opacity) * c) for s, c in zip(scrim, pixel))) >= minimum for pixel in colours):
                break
        if best is None or opacity < best[2]:
            best = (text, scrim, opacity)
    return best


# --- a picture behind a whole slide ----------------------------------------------------------------

SCRIM_PAD = 0.1  # inches a text's scrim reaches past its box


def background(ctx: Context, out: SlidePlan, data: bytes, name: str) -> None:
    """Lay picture `data` behind the whole planned slide (cut to it around its centre), and make
    each text on it readable from the picture's own pixels under that text: its colour, white
    or ink, and a scrim behind it, as light as keeps every pixel there at the theme's contrast.
    Text on a panel of its own (code) keeps its colours; a table or a chart stands on its own fill."""
    from dataclasses import replace  # deferred: only slides with a background picture recolour text

    from ..plan import Fill, Footer, TextBox  # deferred: the kinds name the plan's types only here

    width, height = out.slide_size
    picture_id, _ = place(ctx, out, data, (0.0, 0.0, width, height), name, "", "cover", "center", what="background", backdrop=True)
    crop = out.element(picture_id).crop or (0.0, 0.0, 0.0, 0.0)
    kept_w, kept_h = 1 - crop[0] - crop[2], 1 - crop[1] - crop[3]
    minimum = max(4.5, ctx.theme.min_contrast)

    for element in list(out.elements):
        texts = isinstance(element, (TextBox, Fill)) and getattr(element, "name", None) != "Code" and (not isinstance(element, Fill) or element.written)
        if not (texts or isinstance(element, Footer)):
            continue
        left, top, w, h = text_extent(element, ctx.families) or element.box
        box = (max(0.0, left - SCRIM_PAD), max(0.0, top - SCRIM_PAD), min(width, left + w + SCRIM_PAD), min(height, top + h + SCRIM_PAD))
        under = (crop[0] + kept_w * box[0] / width, crop[1] + kept_h * box[1] / height, crop[0] + kept_w * box[2] / width, crop[1] + kept_h * box[3] / height)
        ink, scrim, opacity = scrim_for(region_colours(data, under), minimum)
        if opacity > 0:
            out.rule((box[0], box[1], box[2] - box[0], box[3] - box[1]), scrim, name="Scrim", opacity=min(opacity, 0.99))
        if isinstance(element, Footer):
            element.colour = ink
        else:
            element.paragraphs = tuple(replace(p, runs=tuple(replace(r, colour=ink) for r in p.runs)) for p in element.paragraphs)
