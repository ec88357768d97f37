"""The deck's look: palette, fonts, sizes, slide geometry and the template layout for each kind."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import resources

RGB = tuple[int, int, int]
EMU_PER_INCH = 914400


def hex_to_rgb(value: str) -> RGB:
    """Return the (r, g, b) of '#RRGGBB'."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: RGB) -> str:
    """Return '#RRGGBB' for (r, g, b)."""
    return "#%02X%02X%02X" % rgb


def relative_luminance(rgb: RGB) -> float:
    """Return the WCAG 2 relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """Return the WCAG 2 contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(colour: RGB, toward: RGB, amount: float) -> RGB:
    """Return `colour` moved `amount` (0..1) of the way to `toward`."""
    return tuple(round(c + (t - c) * amount) for c, t in zip(colour, toward))  # type: ignore[return-value]


def ramp(stops: list[RGB], n: int) -> list[RGB]:
    """Return `n` colours evenly spaced along the piecewise-linear ramp through `stops`."""
    if n == 1:
        return [stops[0]]
    out = []
    for i in range(n):
        t = i / (n - 1) * (len(stops) - 1)
        k = min(int(t), len(stops) - 2)
        out.append(blend(stops[k], stops[k + 1], t - k))
    return out


def is_dark(colour: RGB) -> bool:
    """Return whether light text reads better than dark text on `colour`."""
    return contrast_ratio((255, 255, 255), colour) >= contrast_ratio((0, 0, 0), colour)


def ensure(colour: RGB, background: RGB, minimum: float) -> RGB:
    """Return `colour`, moved toward black or white (whichever is farther from `background`)
    just far enough to reach `minimum` contrast on `background`."""
    if contrast_ratio(colour, background) >= minimum:
        return colour
    toward = (255, 255, 255) if is_dark(background) else (0, 0, 0)
    return _move(colour, toward, lambda moved: contrast_ratio(moved, background) >= minimum)


def _move(colour: RGB, toward: RGB, enough: Callable[[RGB], bool]) -> RGB:
    """Return `colour` moved toward `toward` in steps of 2 %, at the first step that is `enough`."""
    for step in range(1, 51):
        moved = blend(colour, toward, step / 50)
        if enough(moved):
            return moved
    return toward


@dataclass(frozen=True)
class Marker:
    """A template's own bullet at one level, as its layout or master sets it: the character
    (None: the level has no bullet), its font, its size (percent of the text's), its colour
    (None: the text's), and the text's margin and first-line indent in layout inches."""

    char: str | None
    font: str | None
    size_pct: float | None
    colour: tuple[int, int, int] | None
    margin: float
    indent: float


@dataclass(frozen=True)
class Palette:
    """The deck's colours."""

    ink: RGB = (0x1B, 0x24, 0x33)  # body text on light backgrounds
    muted: RGB = (0x4A, 0x55, 0x68)  # secondary text on light backgrounds
    paper: RGB = (0xFF, 0xFF, 0xFF)  # content slide background
    night: RGB = (0x14, 0x21, 0x3D)  # title, section and closing backgrounds
    on_night: RGB = (0xFF, 0xFF, 0xFF)
    on_night_muted: RGB = (0xC9, 0xD3, 0xE3)
    accent: RGB = (0xF2, 0x9E, 0x1F)  # one warm accent: rules, arrow, highlights
    accent_ink: RGB = (0xB4, 0x5F, 0x06)  # the accent, dark enough for text on white
    rule: RGB = (0xD5, 0xDB, 0xE5)  # thin lines, table borders
    band: RGB = (0xF3, 0xF5, 0xF9)  # table zebra rows
    link: RGB = (0x1A, 0x5F, 0xB4)  # links on light backgrounds
    link_on_night: RGB = (0x9C, 0xC9, 0xFF)  # links on dark backgrounds
    pyramid_stops: tuple[RGB, ...] = (
        (0x14, 0x21, 0x3D),
        (0x1D, 0x4E, 0x89),
        (0x1E, 0x7F, 0x9E),
        (0x3F, 0xA7, 0x96),
    )
    title_ink: RGB | None = None  # titles on content slides, when they stand on another colour than the body

    @property
    def heading(self) -> RGB:
        """Return the colour of titles on content slides."""
        return self.title_ink or self.ink

    def on(self, title_bg: RGB, body_bg: RGB, dark_kind: bool, minimum: float = 4.5, tints: tuple[RGB, ...] = ()) -> Palette:
        """Return this palette for a slide whose title stands on `title_bg` and body on `body_bg`
        (and, where a faint tint crosses them, on `tints` too): text colours flipped where the
        template puts dark text roles on a dark background (or light ones on light) and moved
        just far enough to reach `minimum` contrast on every ground."""
        flip_title = is_dark(title_bg) != dark_kind
        flip_body = is_dark(body_bg) != dark_kind
        if not (flip_title or flip_body) and self._reads(title_bg, body_bg, dark_kind, minimum, tints):
            return self
        light = {"ink": self.on_night, "muted": self.on_night_muted, "link": self.link_on_night, "accent_ink": self.accent}
        dark = {"on_night": self.ink, "on_night_muted": self.muted, "link_on_night": self.link, "accent": self.accent_ink}
        changes: dict = {}
        if dark_kind:
            if flip_title or flip_body:
                changes.update(dark)
            for role in ("on_night", "on_night_muted", "link_on_night", "accent"):
                changes[role] = ensure_on(changes.get(role, getattr(self, role)), _dark_grounds(title_bg, body_bg) + tints, minimum)
        else:
            if flip_body:
                changes.update(light)
            for role in ("ink", "muted", "link", "accent_ink"):
                changes[role] = ensure_on(changes.get(role, getattr(self, role)), (body_bg, *tints), minimum)
            heading = self.on_night if is_dark(title_bg) else self.ink
            changes["title_ink"] = ensure(heading, title_bg, minimum)
            if changes["title_ink"] == changes["ink"]:
                changes["title_ink"] = None
        return replace(self, **changes)

    def text_on(self, ground: RGB, minimum: float = 4.5) -> tuple[RGB, RGB, RGB]:
        """Return the (text, secondary text, link) colours that read on `ground`: the ones for
        dark backgrounds on a dark one, else those for light ones, each moved just far enough
        to reach `minimum` contrast there. A dark slide's title may stand on a band while the
        rest of its text stands on the template's paper: that text takes these."""
        roles = (self.on_night, self.on_night_muted, self.link_on_night) if is_dark(ground) else (self.ink, self.muted, self.link)
        return tuple(ensure(colour, ground, minimum) for colour in roles)  # type: ignore[return-value]

    def _reads(self, title_bg: RGB, body_bg: RGB, dark_kind: bool, minimum: float, tints: tuple[RGB, ...] = ()) -> bool:
        if dark_kind:
            return all(contrast_ratio(getattr(self, r), g) >= minimum for r in ("on_night", "on_night_muted", "link_on_night", "accent") for g in _dark_grounds(title_bg, body_bg) + tints)
        return (all(contrast_ratio(getattr(self, r), g) >= minimum for r in ("ink", "muted", "link", "accent_ink") for g in (body_bg, *tints))
                and contrast_ratio(self.heading, title_bg) >= minimum)


def _dark_grounds(title_bg: RGB, body_bg: RGB) -> tuple[RGB, ...]:
    """Return what a dark slide's text stands on: its title's ground and, where the rest of the
    slide is as dark (a cover's gradient, lighter where the speaker's line stands), its body's
    too; a body on the paper under a dark band takes the paper's colours instead (text_on)."""
    return (title_bg, body_bg) if body_bg != title_bg and is_dark(body_bg) == is_dark(title_bg) else (title_bg,)


def ensure_on(colour: RGB, grounds: tuple[RGB, ...], minimum: float) -> RGB:
    """Return `colour`, moved just far enough to reach `minimum` contrast on every one of
    `grounds`; where no move of it reads on all of them, white or black, whichever reads best
    on the worst of them."""
    moved = colour
    for _ in range(3):
        for ground in grounds:
            moved = ensure(moved, ground, minimum)
        if all(contrast_ratio(moved, g) >= minimum for g in grounds):
            return moved
    return max(((255, 255, 255), (0, 0, 0)), key=lambda c: min(contrast_ratio(c, g) for g in grounds))


@dataclass(frozen=True)
class Theme:
    """Palette, fonts and sizes the writer and the diagrams share."""

    palette: Palette = field(default_factory=Palette)
    font_name: str = "Calibri"  # what the deck asks for; Carlito is its metric-compatible twin
    mono_font: str = "Courier New"  # code; Liberation Mono is its metric-compatible twin
    title_size: int = 36
    body_max: int = 26
    body_min: int = 14
    dim_amount: float = 0.72  # how far dimmed bands move toward the paper colour
    # slide geometry, in layout inches: kinds lay out on a slide whose height is 7.5 (or whose
    # width is 13.333 for slides wider than 16:9), which the canvas scales by `scale` to the
    # template's real size; so text keeps the size it appears at on a 16:9 screen
    slide_width: float = 12192000 / EMU_PER_INCH  # PowerPoint's widescreen, 13.333... in
    slide_height: float = 7.5
    margin: float = 0.6
    content_top: float = 1.65
    content_bottom: float = 6.75
    content_left: float = 0.6  # the content box's left edge and width (the template's body box)
    content_width: float = 12192000 / EMU_PER_INCH - 1.2
    scale: float = 1.0  # real inches per layout inch
    name: str = "light"  # the built-in theme, or "template" for a speaker's own
    min_contrast: float = 4.5  # every text colour on its background: WCAG AA, or 7 (AAA) for contrast
    ramp: bool = True  # pyramid bands: a ramp through the stops, or the stops in turn (a template's accents)
    markers: tuple[Marker, ...] = ()  # a template's own bullets by level (): the placeholder's, inherited

    @property
    def footer_top(self) -> float:
        """Return the top of the drawn footer line, in layout inches."""
        return self.slide_height - 0.55

    def band_colours(self, n: int, palette: list[str] | None = None) -> list[RGB]:
        """Return one colour per pyramid band, bottom to top, each legible under a label.

        Mid-tones of a ramp (or a speaker's palette) can miss 4.5:1 against both white and
        ink; such a colour is darkened just enough for white labels to pass WCAG AA.
        """
        if palette:
            colours = [hex_to_rgb(c) for c in palette]
            chosen = [colours[i % len(colours)] for i in range(n)]
        elif self.ramp:
            chosen = ramp(list(self.palette.pyramid_stops), n)
        else:
            stops = self.palette.pyramid_stops
            chosen = [stops[i % len(stops)] for i in range(n)]
        return [self.legible(c) for c in chosen]

    def legible(self, colour: RGB, minimum: float | None = None) -> RGB:
        """Return `colour`, darkened if needed so that its label colour reaches `minimum` contrast
        (the theme's own minimum by default)."""
        minimum = self.min_contrast if minimum is None else minimum
        white = self.palette.on_night
        while contrast_ratio(self.label_colour(colour), colour) < minimum:
            colour = blend(colour, (0, 0, 0), 0.04)
            if contrast_ratio(white, colour) >= minimum:
                break
        return colour

    def label_colour(self, background: RGB) -> RGB:
        """Return the text colour (ink or white) with the better contrast on `background`."""
        light, dark = self.palette.on_night, self.palette.ink
        return light if contrast_ratio(light, background) >= contrast_ratio(dark, background) else dark


DEFAULT_THEME = Theme()

# The built-in themes (`deck.theme`). Dark: every slide on a dark background, for dim rooms.
# Contrast: black on white and white on black, every text at 7:1 or more (WCAG AAA), for bright
# rooms and weak projectors.
PALETTES = {
    "light": Palette(),
    "dark": Palette(
        ink=(0xEE, 0xF2, 0xF8), muted=(0xB8, 0xC4, 0xD6), paper=(0x12, 0x1B, 0x2E), night=(0x0A, 0x10, 0x1F),
        on_night=(0xFF, 0xFF, 0xFF), on_night_muted=(0xC9, 0xD3, 0xE3), accent=(0xF2, 0x9E, 0x1F),
        accent_ink=(0xF5, 0xB0, 0x4A), rule=(0x3A, 0x4A, 0x66), band=(0x1B, 0x27, 0x40),
        link=(0x9C, 0xC9, 0xFF), link_on_night=(0x9C, 0xC9, 0xFF),
        pyramid_stops=((0x1D, 0x4E, 0x89), (0x1E, 0x6F, 0x9E), (0x2A, 0x8C, 0x8A), (0x3F, 0xA7, 0x96)),
    ),
    "contrast": Palette(
        ink=(0x00, 0x00, 0x00), muted=(0x2B, 0x2B, 0x2B), paper=(0xFF, 0xFF, 0xFF), night=(0x00, 0x00, 0x00),
        on_night=(0xFF, 0xFF, 0xFF), on_night_muted=(0xE8, 0xE8, 0xE8), accent=(0xFF, 0xB0, 0x20),
        accent_ink=(0x7A, 0x3E, 0x00), rule=(0x6B, 0x6B, 0x6B), band=(0xF0, 0xF0, 0xF0),
        link=(0x00, 0x3C, 0x8F), link_on_night=(0xB8, 0xDC, 0xFF),
        pyramid_stops=((0x00, 0x00, 0x00), (0x0B, 0x2E, 0x5E), (0x0D, 0x45, 0x5A), (0x14, 0x50, 0x3F)),
    ),
}


def builtin_theme(name: str = "light", primary: RGB | None = None, accent: RGB | None = None) -> Theme:
    """Return built-in theme `name`, its primary (dark slides, table headers, the pyramid's
    base) and accent (rules, arrows, highlights) replaced when given, every text colour kept
    at the theme's contrast."""
    minimum = 7.0 if name == "contrast" else 4.5
    palette = PALETTES[name]
    if primary is not None or accent is not None:
        palette = recoloured(palette, primary, accent, minimum)
    return Theme(palette=palette, name=name, min_contrast=minimum)


def speaker_colours(info) -> tuple[RGB | None, RGB | None]:
    """Return the (primary, accent) colours of a deck's `deck.palette` (DeckInfo), None where unset."""
    palette = info.palette
    primary = hex_to_rgb(palette.primary) if palette and palette.primary else None
    accent = hex_to_rgb(palette.accent) if palette and palette.accent else None
    return primary, accent


def recoloured(palette: Palette, primary: RGB | None, accent: RGB | None, minimum: float) -> Palette:
    """Return `palette` with the speaker's primary and accent colours, adjusted where text
    would fall below `minimum` contrast on them or on the slide."""
    changes: dict = {}
    if primary is not None:
        night = primary if contrast_ratio(palette.on_night, primary) >= minimum else ensure_background(primary, palette.on_night, minimum)
        changes["night"] = night
        white = (255, 255, 255)
        changes["pyramid_stops"] = (night, blend(primary, white, 0.15), blend(primary, white, 0.3), blend(primary, white, 0.45))
        changes["on_night_muted"] = ensure(palette.on_night_muted, night, minimum)
        changes["link_on_night"] = ensure(palette.link_on_night, night, minimum)
    if accent is not None:
        night = changes.get("night", palette.night)
        changes["accent"] = ensure(accent, night, minimum)  # also the speaker's name on the title slide
        changes["accent_ink"] = ensure(accent, palette.paper, minimum)
    return replace(palette, **changes)


def ensure_background(background: RGB, text: RGB, minimum: float) -> RGB:
    """Return `background`, moved away from `text` just far enough for `text` to reach `minimum` on it."""
    toward = (0, 0, 0) if is_dark(background) or relative_luminance(text) > 0.5 else (255, 255, 255)
    return _move(background, toward, lambda moved: contrast_ratio(text, moved) >= minimum)


Face = tuple[bool, bool, bool]  # (bold, italic, monospace)

# Carlito is Calibri's metric twin; Liberation Mono is Courier New's. Monospace glyphs share
# one advance in every style, so the upright faces measure italic code as well.
_FONT_FILES = {
    (False, False, False): "Carlito-Regular.ttf",
    (True, False, False): "Carlito-Bold.ttf",
    (False, True, False): "Carlito-Italic.ttf",
    (True, True, False): "Carlito-BoldItalic.ttf",
    (False, False, True): "LiberationMono-Regular.ttf",
    (True, False, True): "LiberationMono-Bold.ttf",
}


def face_of(bold: bool | Face) -> Face:
    """Return the face key for `bold` (True: bold, False: regular) or a face key as it is."""
    return (bold, False, False) if isinstance(bold, bool) else bold


def font_path(bold: bool | Face = False) -> Path:
    """Return the shipped font file used to draw and measure text of face `bold`."""
    bold_, italic, mono = face_of(bold)
    return resources.asset("fonts", _FONT_FILES[(bold_, italic and not mono, mono)])


@lru_cache(maxsize=None)
def font_bytes(bold: bool | Face = False) -> bytes:
    """Return the bytes of the shipped font of face `bold` (read once per process)."""
    return font_path(bold).read_bytes()


def template_path(theme: str = "light") -> Path:
    """Return the built-in template deck of built-in theme `theme`."""
    return resources.asset("templates", "deckgen.pptx" if theme == "light" else f"deckgen-{theme}.pptx")
