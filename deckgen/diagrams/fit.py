"""Where a pyramid slide's room goes: the pyramid's width and height, its apex and slope, the gaps between its bands, the
details' column, the width left to bullets and the caption's height, chosen together so that
every text is as large as it can be and at least at its floor (pure: no pixels, no slides).

The search tries a few hundred layouts and scores each by its smallest text against that text's
floor, then by the next smallest, and so on; where every text is comfortably large, the
classic shape wins.
Each layout is worked out with the same formulas `labels.label_texts` places the text with, so
the sizes it promises are the sizes drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import geometry
from .labels import DETAIL_GAP, DETAIL_LARGEST, DETAIL_LINES, LABEL_LARGEST, LABEL_LINES, LINE, detail_slots, half_points, splits
from .spec import text_measure

P = geometry.Proportions()
APEXES = (P.top, 0.55, 0.7, 0.85)  # the narrow end, a share of the wide end: up to a stack of near-equal bands
# the details' column, a share of the picture's width: up to most of it, for a pyramid squeezed
# beside bullets on a 4:3 slide, whose bands keep room for their short labels
DETAIL_SHARES = (0.25, 0.3, P.detail, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
BESIDE_SHARES = (0.34, 0.4, 0.46, 0.52, 0.58, 0.64, 0.7, 0.76)  # a pyramid beside bullets: its share of the width
GAPS = (P.gap, P.gap / 2)  # between bands: half as much only where the bands' height is short
NARROWEST_BULLETS = 0.24  # no narrower column of bullets is tried, as a share of the width: a few words a line


@dataclass(frozen=True)
class Texts:
    """What the pyramid shows, as far as its room is concerned."""

    labels: tuple[str, ...]
    details: tuple[str | None, ...]
    arrow: bool = False
    families: tuple = ()


@dataclass(frozen=True)
class Room:
    """What the slide gives the pyramid, in layout inches and points.

    `bullets(width, at_least)` is the size the bullets beside the pyramid fit at in a column
    `width` wide, knowing that `at_least` fits in a narrower one (None: no bullets beside it); `captions(width)` the caption's (size, height) choices under a
    pyramid `width` wide, largest size first (None: no caption). The floors and comfortable
    sizes are by text: "labels", "details", "bullets", "caption".
    """

    width: float
    height: float
    default_width: float
    default_height: float
    floors: tuple[tuple[str, float], ...]
    comfort: tuple[tuple[str, float], ...]
    bullets: Callable[[float, float | None], float] | None = None
    bullet_gap: float = 0.3
    captions: Callable[[float], list[tuple[float, float]]] | None = None
    caption_gap: float = 0.1


@dataclass(frozen=True)
class Choice:
    """One layout of the slide and the sizes its texts get there, in points."""

    width: float
    height: float
    apex: float
    detail_share: float
    sizes: tuple[tuple[str, float], ...]  # text -> size, for the texts the slide has
    caption_height: float = 0.0
    gap: float = P.gap  # between bands, a share of the pyramid's height

    def size(self, text: str) -> float | None:
        """Return the size `text` ("labels", ...) is set at, None when the slide has none."""
        return dict(self.sizes).get(text)

    def short(self, floors: dict[str, float]) -> list[str]:
        """Return the texts set below their floor."""
        return [name for name, size in self.sizes if size < floors[name] - 1e-6]


def _bands(n: int, width: float, height: float, apex: float, share: float, details: bool, arrow: bool, gap_share: float = P.gap):
    """Return each band's (room for a label at its centre, narrowing per unit of height, band
    height) and the details' (line width, pitch), in points: `geometry.pyramid_layout`'s
    formulas, without building the layout."""
    pad = P.pad * width
    detail_w = share * width if details else 0.0
    base = width - 2 * pad - detail_w - (P.arrow * width if arrow else 0.0)
    narrow = base * apex
    tall = height - 2 * pad
    gap = gap_share * tall
    band_h = (tall - gap * (n - 1)) / n
    slope = (base - narrow) / tall
    label_pad = 2 * P.label_pad * base
    rooms = []
    for i in range(n):
        centre = height - pad - i * (band_h + gap) - band_h / 2
        t = (centre - pad) / tall
        rooms.append((narrow + (base - narrow) * t - label_pad, slope, band_h))
    return rooms, (detail_w - width * 0.035, band_h + gap)


class Search:
    """The layouts of one slide's pyramid, scored; `best()` is the one to draw."""

    def __init__(self, texts: Texts, room: Room, inverted: bool = False):
        self.texts = texts
        self.room = room
        self.inverted = inverted
        bold, regular = text_measure(True, texts.families), text_measure(False, texts.families)
        self.labels = [[splits(label, bold, k) for k in range(1, LABEL_LINES + 1)] for label in texts.labels]
        # each label's widest line at size 1, by its line count: (lines, width) where it can break so
        self.label_widths = [[(i + 1, w[0]) for i, w in enumerate(widths) if w is not None] for widths in self.labels]
        self.details = [[splits(d, regular, k) for k in range(1, DETAIL_LINES + 1)] for d in texts.details if d]
        self.slots = [slot for slot, _ in detail_slots([bool(d) for d in texts.details], 1.0)]  # in band pitches
        self.floors = dict(room.floors)
        self.comfort = dict(room.comfort)
        self._bullets: dict[float, float] = {}

    def bullet_sizes(self, columns: list[float]) -> None:
        """Work out the bullets' size in each of `columns` (widths): narrowest first, each at
        least the size of the one before, and none measured once the largest size fits."""
        known = None
        for width in sorted(columns):
            if width in self._bullets:
                known = self._bullets[width]
            elif known is not None and known >= self.comfort["bullets"]:
                self._bullets[width] = known
            else:
                known = self._bullets[width] = self.room.bullets(width, known)

    def label_size(self, width_pt: float, height_pt: float, apex: float, share: float, gap: float = P.gap) -> float:
        """Return the size every label gets: `_bands` and `labels.largest`, inlined, as this runs
        a few hundred times a slide."""
        n = len(self.labels)
        pad = P.pad * width_pt
        base = width_pt - 2 * pad - (share * width_pt if self.details else 0.0) - (P.arrow * width_pt if self.texts.arrow else 0.0)
        narrow = base * apex
        tall = height_pt - 2 * pad
        gap_h = gap * tall
        band_h = (tall - gap_h * (n - 1)) / n
        slope = (base - narrow) / tall
        label_pad = 2 * P.label_pad * base
        half_line = slope * LINE / 2
        smallest = min(LABEL_LARGEST, band_h * 0.5)
        tall_block = band_h * 0.9 / LINE
        for i, widths in enumerate(self.label_widths):
            band = n - 1 - i if self.inverted else i  # the same bands, narrow end at the bottom
            centre = height_pt - pad - band * (band_h + gap_h) - band_h / 2
            free = narrow + (base - narrow) * (centre - pad) / tall - label_pad
            size = 0.0
            for lines, width in widths:
                fitted = free / (width + half_line * lines)
                if fitted * lines > tall_block:
                    fitted = tall_block / lines
                if fitted > size:
                    size = fitted
            if size < smallest:
                smallest = size
        return half_points(max(smallest, 0.0), 1.0)

    def detail_size(self, width_pt: float, height_pt: float, share: float, gap: float = P.gap) -> float:
        """Return the size every detail gets (as `label_size`, inlined)."""
        n = len(self.labels)
        tall = height_pt - 2 * P.pad * width_pt
        pitch = (tall - gap * tall * (n - 1)) / n + gap * tall
        line = share * width_pt - width_pt * 0.035
        smallest = DETAIL_LARGEST
        for widths, slot in zip(self.details, self.slots):
            room = pitch * slot
            size = 0.0
            for lines, shape in enumerate(widths, start=1):
                if shape is None:
                    continue
                fitted = min(line / shape[0], room / (lines * LINE + DETAIL_GAP))
                if fitted > size:
                    size = fitted
            if size < smallest:
                smallest = size
        return half_points(max(smallest, 0.0), 1.0)

    def score(self, sizes: dict[str, float], deviation: float) -> tuple:
        """Return how good a layout is: every text at its floor first; then the smallest text
        against its floor, then the next smallest, and so on (in steps of 2 %), so that no text
        grows at another's cost once that one is the smallest; then the shape nearest the classic."""
        ratios = sorted(round(min(size, self.comfort[name]) / self.floors[name] / 0.02) for name, size in sizes.items())
        feasible = all(size >= self.floors[name] - 1e-6 for name, size in sizes.items())
        return (feasible, tuple(ratios), -deviation)

    def widths(self) -> list[tuple[float, float | None]]:
        """Return the picture widths to try, each with the bullets' width beside it."""
        room = self.room
        if room.bullets is None:
            sizes = sorted({min(room.default_width, room.width), (min(room.default_width, room.width) + room.width) / 2, room.width})
            return [(w, None) for w in sizes]
        out = []
        for w in sorted({room.default_width, *(s * room.width for s in BESIDE_SHARES)}):
            beside = room.width - w - room.bullet_gap
            if beside >= NARROWEST_BULLETS * room.width - 1e-6 and w > 1.0:
                out.append((w, beside))
        return out or [(room.default_width, room.width - room.default_width - room.bullet_gap)]

    def best(self) -> Choice:
        """Return the best layout: every text at its floor or above where any layout has it so."""
        found = self._search(full_height=False)
        if not self.score_of(found)[0]:
            taller = self._search(full_height=True)
            if self.score_of(taller) > self.score_of(found):
                found = taller
        return found

    def score_of(self, choice: Choice) -> tuple:
        return self.score(dict(choice.sizes), 0.0)[:2]

    def _search(self, full_height: bool) -> Choice:
        room = self.room
        best, best_key = None, None
        shares = DETAIL_SHARES if self.details else (P.detail,)
        widths = self.widths()
        if room.bullets is not None:
            self.bullet_sizes([round(beside, 4) for _, beside in widths])
        for w, beside in widths:
            sizes: dict[str, float] = {}
            width_dev = abs(w - room.default_width) / room.default_width
            if beside is not None:
                sizes["bullets"] = self._bullets[round(beside, 4)]
            captions = room.captions(w) if room.captions else [(None, 0.0)]
            for caption_pt, caption_h in captions:
                if caption_pt is not None:
                    sizes["caption"] = caption_pt
                free = room.height - (caption_h + room.caption_gap if caption_pt is not None else 0.0)
                h = max(free if full_height else min(room.default_height, free), 1.0)  # too short a pyramid is refused, naming the caption
                for gap, share in ((gap, share) for gap in (GAPS if full_height else GAPS[:1]) for share in shares):
                    if self.details:
                        sizes["details"] = self.detail_size(w * 72, h * 72, share, gap)
                    before = -1.0
                    for apex in APEXES:
                        sizes["labels"] = self.label_size(w * 72, h * 72, apex, share, gap)
                        if sizes["labels"] <= before:
                            break  # the bands' height holds the labels back, not the top's width
                        before = sizes["labels"]
                        deviation = width_dev + abs(apex - P.top) + abs(share - P.detail) + (0.05 if full_height else 0.0) + (0.1 if gap != P.gap else 0.0)
                        key = self.score(sizes, deviation)
                        if best_key is None or key > best_key:
                            best_key = key
                            best = Choice(w, h, apex, share, tuple(sizes.items()), caption_h if caption_pt is not None else 0.0, gap)
                        if sizes["labels"] >= self.comfort["labels"]:
                            break  # a wider top only changes the shape
        return best
