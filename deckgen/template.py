"""A speaker's template as policy: which layout each kind fills, and the look it gives.

deckgen takes any .pptx or .potx a speaker is handed: PowerPoint's in any language, Google
Slides' exports, LibreOffice's. A layout is found for each kind by its English name first, then
by the names other applications give it, then by its type, then by the placeholders it holds;
`deck.layouts` overrides any of them. The theme (the content box, the colours text reads in,
the fonts it is measured with) is worked out from what `deckgen.pptx.template` read of the
template (`TemplateInfo`): plain data, so all of this is tested without opening a package.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import OutlineError, Problem, did_you_mean
from .fonts import find, measuring_faces
from .kinds import KINDS
from .theme import EMU_PER_INCH, RGB, Marker, Palette, Theme, blend, builtin_theme, contrast_ratio, ensure, ensure_background, is_dark, recoloured, rgb_to_hex, speaker_colours

# The four layouts deckgen's kinds fill, by PowerPoint's English name, and what other
# applications call them: PowerPoint in German, French, Spanish, Portuguese and Japanese,
# Google Slides' exports, and LibreOffice Impress.
SLOT_NAMES = {
    "Title Slide": ("Title Slide", "Titelfolie", "TITLE", "Diapositive de titre", "Diapositiva de título",
                    "Slide de Título", "タイトル スライド"),
    "Title and Content": ("Title and Content", "Titel und Inhalt", "TITLE_AND_BODY", "Title, Content",
                          "Titre et contenu", "Título y objetos", "Título e Conteúdo", "タイトルとコンテンツ"),
    "Section Header": ("Section Header", "Abschnittsüberschrift", "SECTION_HEADER", "En-tête de section",
                       "Encabezado de sección", "Cabeçalho da Seção", "セクション見出し"),
    "Title Only": ("Title Only", "Nur Titel", "TITLE_ONLY", "Titre seul", "Solo el título", "Somente Título",
                   "タイトルのみ"),
}
SLOT_TYPES = {
    "Title Slide": ("title",),
    "Title and Content": ("obj", "tx"),
    "Section Header": ("secHead",),
    "Title Only": ("titleOnly",),
}
# where a template lacks a layout of a slot's kind, the next best: a title with the least else
SLOT_FALLBACK = {"Section Header": "Title Only", "Title Only": "Title and Content"}

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj", "subTitle")
FOOTER_TYPES = ("dt", "ftr", "sldNum", "hdr")
ROLE_NAMES = {0: "title", 1: "body or subtitle"}


@dataclass(frozen=True)
class PlaceholderInfo:
    """One placeholder of a layout: its type, index and box (EMU; inherited from the master)."""

    type: str
    idx: int
    box: tuple[int, int, int, int] | None

    @property
    def role(self) -> int | None:
        """Return 0 for a title, 1 for a body or subtitle, None for anything else."""
        if self.type in TITLE_TYPES:
            return 0
        if self.type in BODY_TYPES:
            return 1
        return None


@dataclass(frozen=True)
class LayoutInfo:
    """A layout of the template: its name, type, placeholders and background colour."""

    name: str
    type: str
    placeholders: tuple[PlaceholderInfo, ...]
    title_bg: RGB  # the colour behind its title
    body_bg: RGB  # the colour behind its body (or where content goes)
    element: object = field(compare=False, repr=False, default=None)  # the python-pptx SlideLayout
    master: int = 0  # which slide master it belongs to, in the package's order
    moved: tuple[int, ...] = ()  # roles whose box deckgen narrowed: their slide placeholders are placed
    busy: float = 0.0  # how much of its body box the template's own shapes cover (0 to 1)
    colour_map: dict = field(default_factory=dict, compare=False)  # its master's bg1/tx1/... to lt1/dk1/...
    clear: tuple[int, int, int, int] | None = None  # its body box, shortened clear of bands painted across it
    decorations: tuple[tuple[tuple[int, int], ...], ...] = ()  # outlines (EMU polygons) of the shapes its master and it draw
    footer_bgs: tuple[RGB, ...] = ()  # the colours behind its footer and slide-number placeholders
    text_bgs: tuple[RGB, ...] = ()  # the colours behind its footer placeholder
    number_bgs: tuple[RGB, ...] = ()  # the colours behind where its slide-number placeholder sets the number
    markers: tuple[tuple, ...] = ()  # its body's bullets at levels 1, 2: (char or None, font, size %, colour, marL, indent EMU)
    painted: tuple[tuple[tuple[int, int], ...], ...] = ()  # outlines (EMU) of what its background picture draws over its ground (trees, a sun)
    tints: tuple[RGB, ...] = ()  # the grounds its faint tints (translucent bubbles) make where its title and body stand

    def boxes(self) -> dict[int, tuple[int, int, int, int]]:
        """Return the title (0) and body (1) boxes in EMU, for the canvas."""
        return {role: box for role in (0, 1) if (box := self.role_box(role)) is not None}

    def role_box(self, role: int) -> tuple[int, int, int, int] | None:
        """Return the box of the first placeholder of `role` (0 title, 1 body), or None."""
        for ph in self.placeholders:
            if ph.role == role:
                return ph.box
        return None

    def has(self, role: int) -> bool:
        return any(ph.role == role for ph in self.placeholders)

    def of_type(self, *types: str) -> PlaceholderInfo | None:
        return next((ph for ph in self.placeholders if ph.type in types), None)

    def describe(self) -> str:
        """Return the placeholders as a speaker reads them: "title, body, slide number"."""
        names = {"ctrTitle": "centred title", "subTitle": "subtitle", "obj": "content", "dt": "date",
                 "ftr": "footer", "sldNum": "slide number", "pic": "picture", "hdr": "header"}
        return ", ".join(names.get(ph.type, ph.type) for ph in self.placeholders) or "no placeholders"


@dataclass
class TemplateInfo:
    """What deckgen reads from a template, before any slide is written."""

    path: Path
    width_emu: int
    height_emu: int
    layouts: list[LayoutInfo]
    colours: dict[str, RGB]  # the theme's colour scheme: dk1, lt1, dk2, lt2, accent1-6, hlink
    fonts: tuple[str, str]  # the theme's (major, minor) latin typefaces
    slides: int  # the template's own slides (dropped)
    masters: dict[str, list[int]] = field(default_factory=dict)  # master preference: "title", "content"
    dropped: tuple[str, ...] = ()  # what was dropped from the package before building on it (pptx.cleaning)

    @property
    def size_in(self) -> tuple[float, float]:
        return self.width_emu / EMU_PER_INCH, self.height_emu / EMU_PER_INCH

    def layout(self, name: str, slot: str = "Title and Content") -> LayoutInfo | None:
        """Return the layout called `name` (exactly, else ignoring case), from the master `slot` prefers."""
        for same in (lambda x: x.name == name, lambda x: x.name.casefold() == name.casefold()):
            found = self.ordered([x for x in self.layouts if same(x)], slot)
            if found:
                return found[0]
        return None

    def ordered(self, layouts: list[LayoutInfo], slot: str) -> list[LayoutInfo]:
        """Return `layouts` with those of the masters `slot` prefers first (a stable sort): the
        title's master for the title slide; for content, the master whose own shapes cover
        the least of the body (text is read there), then the masters of the template's slides."""
        order = self.masters.get("title" if slot == "Title Slide" else "content") or []
        rank = {n: k for k, n in enumerate(order)}
        if slot == "Title Slide":  # the cover's master, unless its shapes cover most of the text's room
            return sorted(layouts, key=lambda x: (x.busy > 0.6, rank.get(x.master, len(rank))))
        return sorted(layouts, key=lambda x: (round(x.busy, 1), rank.get(x.master, len(rank))))

    def choose(self, kinds: dict, overrides: dict[str, str] | None = None, where=None, override_where=None) -> dict[str, LayoutInfo]:
        """Return the layout each kind of `kinds` (name -> Kind) fills; raise OutlineError naming
        every kind the template cannot serve, what is missing and the candidates."""
        overrides = overrides or {}
        where = where or Problem("", str(self.path))
        chosen: dict[str, LayoutInfo] = {}
        problems: list[Problem] = []
        names = list(dict.fromkeys(layout.name for layout in self.layouts))
        for kind_name, kind in kinds.items():
            needs = tuple(r for r in (0, 1) if r in kind.placeholders) or (0,)
            wanted = overrides.get(kind_name)
            if wanted is not None:
                layout = self.layout(wanted, kind.layout)
                if layout is None:
                    problems.append(_problem(override_where(kind_name) if override_where else where, kind_name, f"the template has no layout named {wanted!r}{did_you_mean(wanted, names)}; it has {_listing(names)}"))
                    continue
            else:
                layout = self.find(kind.layout, needs)
            lacking = [ROLE_NAMES[r] for r in needs if not layout or not layout.has(r)]
            if layout is None or lacking:
                wanted_roles = " and a ".join(ROLE_NAMES[r] for r in needs)
                candidates = list(dict.fromkeys(x.name for x in self.layouts if all(x.has(r) for r in needs)))
                if layout is None:
                    held = "; ".join(f"{x.name!r} ({x.describe()})" for x in self.layouts[:12])
                    message = f"no layout of the template has a {wanted_roles} placeholder, which {kind_name} slides fill; its layouts: {held}"
                else:
                    hint = f"layouts that would do: {_listing(candidates)} (set deck.layouts.{kind_name})" if candidates else f"no layout of the template has a {wanted_roles} placeholder"
                    message = f"layout {layout.name!r} has no {' or '.join(lacking)} placeholder, which {kind_name} slides fill; {hint}"
                located = override_where(kind_name) if override_where and wanted is not None else where
                problems.append(_problem(located, kind_name, message))
                continue
            chosen[kind_name] = layout
        if problems:
            raise OutlineError(problems)
        return chosen

    def find(self, slot: str, needs: tuple[int, ...]) -> LayoutInfo | None:
        """Return the layout for `slot` (PowerPoint's English name): by name, by type, then by
        the placeholders it holds (the fewest besides those needed), then the slot's fallback."""
        usable = self.ordered([x for x in self.layouts if all(x.has(r) for r in needs)], slot)
        for name in SLOT_NAMES.get(slot, (slot,)):
            for layout in usable:
                if layout.name.casefold() == name.casefold():
                    return layout
        for layout in usable:
            if layout.type in SLOT_TYPES.get(slot, ()):
                return layout
        if slot == "Title Slide":
            centred = [x for x in usable if x.of_type("ctrTitle") or (x.of_type("subTitle") and x.has(0))]
            if centred:
                return centred[0]
        if slot in SLOT_FALLBACK:
            found = self.find(SLOT_FALLBACK[slot], needs)
            if found is not None:
                return found
        if usable:
            return min(usable, key=lambda x: sum(1 for ph in x.placeholders if ph.type not in FOOTER_TYPES))
        return None


def _listing(names: list[str]) -> str:
    return ", ".join(map(repr, names)) if names else "none"


def _problem(where, kind_name: str, message: str) -> Problem:
    if where is None:
        return Problem(message, "")
    return Problem(message, where.file, where.line, where.column, where.field)


# --- the look a template gives ---------------------------------------------------------------------

WIDE = 12192000 / EMU_PER_INCH  # PowerPoint's widescreen width, the slide kinds are laid out for


def layout_scale(width_in: float, height_in: float) -> float:
    """Return real inches per layout inch for a slide `width_in` x `height_in`: on a 16:9
    screen, text of a given size then looks as large as on deckgen's own 13.333 x 7.5 in slide."""
    return max(width_in / WIDE, height_in / 7.5)


def template_theme(info: TemplateInfo, chosen: dict[str, LayoutInfo], primary: RGB | None = None, accent: RGB | None = None):
    """Return the Theme of a speaker's template: its size, its content box, its colours (every
    text colour at 4.5:1 or more on what it stands on) and its fonts."""
    width, height = info.size_in
    scale = layout_scale(width, height)
    w, h = width / scale, height / scale

    def layout_inches(box) -> tuple[float, float, float, float]:
        return tuple(v / EMU_PER_INCH / scale for v in box)  # type: ignore[return-value]

    main = chosen.get("bullets") or info.find("Title and Content", (0, 1))
    bare = chosen.get("table") or info.find("Title Only", (0,)) or main
    body = main.role_box(1) if main is not None else None
    if body is not None and main.clear is not None:
        body = main.clear
    left, top, box_w, box_h = layout_inches(body) if body else (0.6, 1.65, w - 1.2, h - 2.4)
    title = bare.role_box(0) if bare is not None else None
    if title is not None:
        t_left, t_top, t_w, t_h = layout_inches(title)
        if t_top < top:  # content starts below the title of layouts that hold nothing else
            top = max(top, min(t_top + t_h + 0.1, h / 3))
    bottom = min(top + box_h, h - 0.3)
    if main is not None:
        feet = [ph.box for ph in main.placeholders if ph.type in ("ftr", "sldNum", "dt") and ph.box]
        tops = [layout_inches(b)[1] for b in feet if layout_inches(b)[1] > top + (bottom - top) / 2]
        bottom = min([bottom] + [t - 0.05 for t in tops])
        if not any(ph.type == "sldNum" for ph in main.placeholders):
            bottom = min(bottom, h - 0.75)  # room for the footer deckgen draws
    left = max(left, 0.3)
    box_w = min(box_w, w - 0.3 - left)

    c = info.colours
    white, black = (255, 255, 255), (0, 0, 0)
    paper = main.body_bg if main is not None else c.get("lt1", white)
    opener = chosen.get("title") or info.find("Title Slide", (0,))
    if opener is not None and is_dark(opener.title_bg):
        night = opener.title_bg
    elif is_dark(c.get("dk2", white)):
        night = c["dk2"]
    else:
        night = ensure_background(c.get("accent1", (0x1F, 0x49, 0x7D)), white, 4.5)
    ink = ensure(c.get("lt1", white) if is_dark(paper) else c.get("dk1", black), paper, 4.5)
    on_night = ensure(white if is_dark(night) else black, night, 4.5)
    accents = [c[k] for k in ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6") if k in c] or [(0x1D, 0x4E, 0x89)]
    highlight = accents[1] if len(accents) > 1 else accents[0]
    link = ensure(c.get("hlink", (0x1A, 0x5F, 0xB4)), paper, 4.5)
    band = blend(paper, ink, 0.06)
    palette = Palette(
        ink=ink,
        muted=ensure(blend(ink, paper, 0.25), paper, 4.5),
        paper=paper,
        night=night,
        on_night=on_night,
        on_night_muted=ensure(blend(on_night, night, 0.2), night, 4.5),
        accent=ensure(highlight, night, 4.5),
        accent_ink=ensure(highlight, paper, 4.5),
        rule=blend(ink, paper, 0.8),
        band=band,
        link=ensure(link, band, 4.5),
        link_on_night=ensure(c.get("hlink", (0x9C, 0xC9, 0xFF)), night, 4.5),
        pyramid_stops=tuple(accents[:4]),
    )
    if primary is not None or accent is not None:
        palette = recoloured(palette, primary, accent, 4.5)
    minor = info.fonts[1]
    markers = tuple(
        # a bullet's own colour is kept where it shows on the paper; else it takes the text's
        Marker(char, font, size, colour if colour is not None and contrast_ratio(colour, paper) >= 3.0 else None,
               margin / EMU_PER_INCH / scale, indent / EMU_PER_INCH / scale)
        for char, font, size, colour, margin, indent in (main.markers if main is not None else ())
    )
    return Theme(
        palette=palette, font_name=minor, slide_width=w, slide_height=h,
        margin=min(left, 0.6), content_top=top, content_bottom=bottom, content_left=left, content_width=box_w,
        scale=scale, name="template", ramp=False, markers=markers,
    )


@dataclass
class Prepared:
    """A template ready to write a deck on: where it is, what it holds, the layout of each kind
    and the theme it gives."""

    path: Path
    info: TemplateInfo
    chosen: dict[str, LayoutInfo]
    theme: object  # theme.Theme
    builtin: bool
    families: tuple = ()  # text.Families: the fonts text is measured with (() for the shipped ones)
    warnings: list[str] = field(default_factory=list)


def prepare(deck, info: TemplateInfo, builtin: bool, where=None, layouts_where=None) -> Prepared:
    """Return the template `info` (as `deckgen.pptx.template.read` gives it) prepared for
    `deck`: each of its kinds matched to a layout (deck.layouts first), the theme worked out;
    raise OutlineError naming what cannot be served."""
    used = {s.kind: KINDS[s.kind] for s in deck.slides}
    overrides = dict(deck.deck.layouts or {})
    unknown = [k for k in overrides if k not in KINDS]
    if unknown:
        raise OutlineError([
            _problem(layouts_where(k) if layouts_where else where, k, f"deck.layouts names {k!r}, which is not a slide kind{did_you_mean(k, list(KINDS))}")
            for k in unknown
        ])
    chosen = info.choose(used, overrides, where, layouts_where)
    primary, accent = speaker_colours(deck.deck)
    if builtin:
        theme = builtin_theme(deck.deck.theme, primary, accent)
    else:
        theme = template_theme(info, chosen, primary, accent)
    families, warnings = measuring_families(info.fonts) if not builtin else ((), [])
    return Prepared(info.path, info, chosen, theme, builtin, families, warnings)


def measuring_families(fonts: tuple[str, str]) -> tuple[tuple, list[str]]:
    """Return the text.Families to measure a template's (heading, body) fonts with, and one
    warning per font deckgen measures with a stand-in."""
    families, warnings = [], []
    for family in dict.fromkeys(fonts):
        faces, warning = measuring_faces(family)
        families.append(tuple(sorted((key, str(path)) for key, path in faces.items())))
        if warning:
            warnings.append(warning)
    return tuple(dict.fromkeys(families)), warnings


def report(info: TemplateInfo) -> str:
    """Return what `deckgen template` prints: the template's size, its layouts and their
    placeholders, the layout each kind fills, the theme's colours with their contrast, the
    colours deckgen writes with, and its fonts and how deckgen measures them."""
    hexed, ratio = rgb_to_hex, contrast_ratio

    path = info.path
    chosen = info.choose(KINDS)
    theme = template_theme(info, chosen)
    width, height = info.size_in
    masters = len({x.master for x in info.layouts})
    lines = [
        f"{path.name}: {width:.2f} x {height:.2f} in ({_ratio(width, height)}), {masters} master{'s' * (masters != 1)}, "
        f"{len(info.layouts)} layouts, {info.slides} slide{'s' * (info.slides != 1)} of its own (left out of decks)",
        f"text is scaled by {theme.scale:.3f} from deckgen's 13.333 x 7.5 in layout: it looks as large on a 16:9 screen",
        "",
        "layouts (master: name: placeholders; what the title and the body stand on):",
    ]
    for x in info.layouts:
        lines.append(f"  {x.master + 1}: {x.name}: {x.describe()}; title on {hexed(x.title_bg)}, body on {hexed(x.body_bg)}")
    lines += ["", "what each kind fills:"]
    for name, layout in chosen.items():
        lines.append(f"  {name:<8} -> {layout.name} (master {layout.master + 1})")
    paper = info.colours.get("lt1", (255, 255, 255))
    lines += ["", "theme colours (contrast on lt1):"]
    for slot, rgb in info.colours.items():
        lines.append(f"  {slot:<8} {hexed(rgb)}  {ratio(rgb, paper):4.1f}:1")
    pal = theme.palette
    lines += ["", "colours deckgen writes with (each text colour at 4.5:1 or more on its background):"]
    for text, ground in (("ink", "paper"), ("muted", "paper"), ("link", "paper"), ("accent_ink", "paper"), ("on_night", "night"), ("on_night_muted", "night"), ("accent", "night")):
        fg, bg = getattr(pal, text), getattr(pal, ground)
        lines.append(f"  {text:<14} {hexed(fg)} on {ground:<5} {hexed(bg)}  {ratio(fg, bg):4.1f}:1")
    lines += ["", "fonts:"]
    for role, family in zip(("headings", "body"), info.fonts):
        faces, name = find(family)
        if faces is None:
            lines.append(f"  {role}: {family}: {measuring_faces(family)[1]}")
        else:
            lines.append(f"  {role}: {family}: measured with {name}" + (" (its metric twin)" if name.casefold() != family.casefold() else ""))
    lines += ["", "dropped before building on it (never copied into a deck):"]
    lines += [f"  {what}" for what in info.dropped] or ["  nothing"]
    return "\n".join(lines)


def _ratio(width: float, height: float) -> str:
    known = {16 / 9: "16:9", 16 / 10: "16:10", 4 / 3: "4:3", 2 ** 0.5: "A4", 3 / 2: "3:2"}
    for value, name in known.items():
        if abs(width / height - value) < 0.02:
            return name
    return f"{width / height:.2f}:1"


@dataclass(frozen=True)
class SlideLook:
    """How slides on one layout are written: the theme their text reads in, the background
    they get of their own (None: the layout's), the hyperlink mapping they need (None: none)."""

    theme: Theme
    background: tuple | None
    links: tuple | None  # (the master's colour mapping, the theme slot links take)
    grounds: tuple = ()  # (what its title stands on, what the rest of its text stands on)


def slide_look(template: Prepared, theme: Theme, layout: LayoutInfo, dark: bool) -> SlideLook:
    """Return the look of a slide of a `dark` kind (or not) on `layout`.

    A dark slide of the built-in template whose deck.palette gives another primary colour than
    the layout's is painted that colour. Text colours are then made to read on what they stand
    on. On a speaker's template, where the theme's hyperlink colour does not read on the text's
    background, links take the theme colour that reads best (PowerPoint and LibreOffice draw
    links in it, whatever the run asks for).
    """
    painted = template.builtin and dark and layout.title_bg != theme.palette.night
    title_bg, body_bg = (theme.palette.night,) * 2 if painted else (layout.title_bg, layout.body_bg)
    palette = theme.palette.on(title_bg, body_bg, dark, theme.min_contrast, () if painted else layout.tints)
    links = None
    colours = template.info.colours
    hlink = colours.get("hlink")
    ground = title_bg if dark else body_bg
    if not template.builtin and hlink is not None and contrast_ratio(hlink, ground) < 4.5:
        best = max(("lt1", "dk1", "lt2", "dk2"), key=lambda k: contrast_ratio(colours.get(k, hlink), ground))
        if contrast_ratio(colours.get(best, hlink), ground) >= 4.5:
            links = (layout.colour_map, best)
    return SlideLook(theme if palette is theme.palette else replace(theme, palette=palette), theme.palette.night if painted else None, links, (title_bg, body_bg))
