"""A speaker's template: what it holds, which layout each kind fills, and the look it gives.

deckgen takes any .pptx or .potx a speaker is handed: PowerPoint's in any language, Google
Slides' exports, LibreOffice's. A layout is found for each kind by its English name first, then
by the names other applications give it, then by its type, then by the placeholders it holds;
`deck.layouts` overrides any of them. The slide size, the placeholders' boxes, the backgrounds
and the theme's colours and fonts are read from the package's XML, and the template's own
slides are dropped: only its masters, layouts and theme reach the deck.

This module reads python-pptx's `Presentation`, its parts (`part_related_by`, `blob`) and the
lxml elements behind slide layouts and masters.
"""

from __future__ import annotations

import colorsys
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..assets import MAX_IMAGE_PIXELS
from ..errors import OutlineError, Problem, did_you_mean
from ..theme import EMU_PER_INCH, RGB, contrast_ratio, is_dark, rgb_to_hex

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_A = "{%s}" % NS["a"]

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


# --- reading -------------------------------------------------------------------------------------


POTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_presentation(path: Path):
    """Return the Presentation of `path`, a .pptx or a .potx (read as the deck it starts)."""
    from pptx import Presentation

    data = Path(path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
        if POTX_MAIN in types:  # a template's main part: the same XML under another content type
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for entry in archive.infolist():
                    blob = archive.read(entry)
                    copy.writestr(entry, types.replace(POTX_MAIN, PPTX_MAIN) if entry.filename == "[Content_Types].xml" else blob)
            data = out.getvalue()
    return Presentation(io.BytesIO(data))


def analyse(prs, path: Path) -> TemplateInfo:
    """Return what `prs` (a template just opened) holds."""
    master = prs.slide_masters[0]
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    colours = _scheme(theme)
    theme_fonts = [
        (found.get("typeface") if (found := theme.find(f".//a:fontScheme/a:{which}/a:latin", NS)) is not None else "Calibri")
        for which in ("majorFont", "minorFont")
    ]
    fonts = tuple(_typeface(master._element, style, kind) or theme_font for style, kind, theme_font in zip(("p:titleStyle", "p:bodyStyle"), (("title", "ctrTitle"), ("body", "obj")), theme_fonts))
    found = []  # (master, layout, placeholders, colour mapping, background)
    for number, m in enumerate(prs.slide_masters):
        master_boxes = _boxes(m._element)
        master_map = _colour_map(m._element.find("p:clrMap", NS))
        master_bg = _background(m._element, m.part, colours, master_map)
        for layout in m.slide_layouts:
            mapping = master_map
            override = layout._element.find("p:clrMapOvr/a:overrideClrMapping", NS)
            if override is not None:
                mapping = _colour_map(override)
            background = _background(layout._element, layout.part, colours, mapping) or master_bg or colours.get("lt1", (255, 255, 255))
            found.append((number, m, layout, _placeholders(layout._element, master_boxes), mapping, background))
    # the box content goes in on layouts without a body: the main content layout's body
    masters = _master_order(prs)
    draft = TemplateInfo(Path(path), prs.slide_width, prs.slide_height, [LayoutInfo(lay.name, lay._element.get("type", "cust"), phs, bg, bg, lay, n) for n, _, lay, phs, _, bg in found], colours, fonts, 0, masters)  # type: ignore[arg-type]
    main = draft.find("Title and Content", (0, 1))
    content_box = main.role_box(1) if main is not None else None
    layouts: list[LayoutInfo] = []
    for number, m, layout, placeholders, mapping, background in found:
        title_box = next((ph.box for ph in placeholders if ph.role == 0 and ph.box), None)
        body_box = next((ph.box for ph in placeholders if ph.role == 1 and ph.box), None) or content_box or title_box
        # the colour text stands on: the background, or a shape the template draws under the
        # box (many templates paint their look with shapes on the master or the layout)
        layers = [(m._element, m.part)] if layout._element.get("showMasterSp") != "0" else []
        layers.append((layout._element, layout.part))
        behind = [background, background]
        moved: tuple[int, ...] = ()
        for k, box in enumerate((title_box or body_box, body_box)):
            if box is None:
                continue
            for element, part in layers:
                found = _behind_shape(element, part, box, colours, mapping)
                if found is None:
                    continue
                behind[k] = found[0]
                band = found[1]
                if k == 0 and title_box is not None and (band[1] > title_box[1] or band[1] + band[3] < title_box[1] + title_box[3]):
                    # a title on a band of its own: its text stays on the band, not across its edge
                    top = max(title_box[1], band[1])
                    bottom = min(title_box[1] + title_box[3], band[1] + band[3])
                    title_box = (title_box[0], top, title_box[2], bottom - top)
                    moved = (0,)
                    placeholders = tuple(
                        PlaceholderInfo(ph.type, ph.idx, title_box) if ph.role == 0 else ph for ph in placeholders
                    )
        busy = sum(_covered(element, body_box) for element, _ in layers) if body_box else 0.0
        layouts.append(LayoutInfo(layout.name, layout._element.get("type", "cust"), placeholders, behind[0], behind[1], layout, number, moved, min(busy, 1.0), mapping))
    return TemplateInfo(Path(path), prs.slide_width, prs.slide_height, layouts, colours, fonts, len(prs.slides), masters)  # type: ignore[arg-type]


def _master_order(prs) -> dict[str, list[int]]:
    """Return the masters in the order each use prefers them: "title", the master of the
    template's first slide; "content", the masters of its other slides, most used first. A
    template with several masters shows by its own slides which is for what (LibreOffice's
    Impress templates give their title page a master of its own)."""
    index = {id(m.part): n for n, m in enumerate(prs.slide_masters)}
    used = [index.get(id(slide.slide_layout.slide_master.part)) for slide in prs.slides]
    used = [n for n in used if n is not None]
    everyone = list(range(len(prs.slide_masters)))
    title = used[:1]
    rest = used[1:]
    content = sorted(set(rest), key=lambda n: (-rest.count(n), rest.index(n)))
    return {
        "title": title + [n for n in everyone if n not in title],
        "content": content + [n for n in everyone if n not in content],
    }


def _typeface(master, style: str, kinds: tuple[str, ...]) -> str | None:
    """Return the typeface a master gives its titles (or body text) outright, not through the
    theme: on its placeholder of that kind, else in its text style; None for the theme's."""
    places = [sp for sp, kind, _ in _ph_elements(master) if kind in kinds]
    places += [master.find(f"p:txStyles/{style}", NS)]
    for place in places:
        if place is None:
            continue
        for latin in place.iterfind(".//a:latin", NS):
            face = latin.get("typeface", "")
            if face and not face.startswith("+"):
                return face
    return None


def _scheme(theme) -> dict[str, RGB]:
    out: dict[str, RGB] = {}
    scheme = theme.find(".//a:clrScheme", NS)
    if scheme is None:
        return out
    for slot in scheme:
        name = etree.QName(slot).localname
        for child in slot:
            value = child.get("val") if etree.QName(child).localname == "srgbClr" else child.get("lastClr")
            if value and len(value) == 6:
                out[name] = _hex(value)
    return out


def _hex(value: str) -> RGB:
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _colour_map(element) -> dict[str, str]:
    if element is None:
        return {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    return dict(element.attrib)


def _colour(element, colours: dict[str, RGB], mapping: dict[str, str]) -> RGB | None:
    """Return the colour of a DrawingML colour element (srgbClr, sysClr, schemeClr) with its
    luminance, shade and tint modifiers applied; None for what cannot be resolved."""
    if element is None:
        return None
    name = etree.QName(element).localname
    if name == "srgbClr":
        rgb = _hex(element.get("val", "FFFFFF"))
    elif name == "sysClr":
        rgb = _hex(element.get("lastClr", "FFFFFF"))
    elif name == "schemeClr":
        slot = element.get("val", "bg1")
        rgb = colours.get(mapping.get(slot, slot)) or colours.get(slot)
        if rgb is None:
            return None
    elif name == "prstClr":
        rgb = {"black": (0, 0, 0), "white": (255, 255, 255)}.get(element.get("val", ""), None)
        if rgb is None:
            return None
    else:
        return None
    for mod in element:
        kind, value = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100000
        if kind in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
            lum = lum * value if kind == "lumMod" else lum + value
            rgb = tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, min(max(lum, 0), 1), s))  # type: ignore[assignment]
        elif kind == "shade":
            rgb = tuple(round(c * value) for c in rgb)  # type: ignore[assignment]
        elif kind == "tint":
            rgb = tuple(round(c + (255 - c) * (1 - value)) for c in rgb)  # type: ignore[assignment]
    return rgb


def _fill_colour(fill, part, colours, mapping) -> RGB | None:
    """Return the colour a fill shows overall: a solid colour, a gradient's mean, a picture's mean."""
    name = etree.QName(fill).localname
    if name == "solidFill":
        return _colour(fill[0] if len(fill) else None, colours, mapping)
    if name == "gradFill":
        stops = [_colour(gs[0], colours, mapping) for gs in fill.findall("a:gsLst/a:gs", NS) if len(gs)]
        stops = [s for s in stops if s]
        return tuple(round(sum(c[i] for c in stops) / len(stops)) for i in range(3)) if stops else None  # type: ignore[return-value]
    if name == "blipFill":
        blip = fill.find("a:blip", NS)
        rid = blip.get("{%s}embed" % NS["r"]) if blip is not None else None
        if not rid:
            return None
        try:
            from PIL import Image, ImageStat

            with Image.open(io.BytesIO(part.related_part(rid).blob)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return None  # a background picture too large to sample: read from its header, never decoded
                image.draft("RGB", (64, 64))
                small = image.convert("RGB").resize((32, 32))
                return tuple(round(v) for v in ImageStat.Stat(small).mean[:3])  # type: ignore[return-value]
        except Exception:  # a picture Pillow cannot read (EMF, WMF): its colour is unknown
            return None
    return None


def _background(element, part, colours, mapping) -> RGB | None:
    bg = element.find("p:cSld/p:bg", NS)
    if bg is None:
        return None
    pr = bg.find("p:bgPr", NS)
    if pr is not None:
        for fill in pr:
            colour = _fill_colour(fill, part, colours, mapping)
            if colour is not None:
                return colour
        return None
    ref = bg.find("p:bgRef", NS)
    if ref is not None and len(ref):
        return _colour(ref[0], colours, mapping)
    return None


def _behind(element, part, box, colours, mapping) -> RGB | None:
    """Return the fill of the topmost shape (not a placeholder) of `element` that covers the
    middle of `box`, or None when none does."""
    found = _behind_shape(element, part, box, colours, mapping)
    return found[0] if found else None


def _behind_shape(element, part, box, colours, mapping) -> tuple[RGB, tuple] | None:
    """Return (fill, box) of the topmost filled shape of `element` under the middle of `box`."""
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    found = None
    for shape in element.iterfind("p:cSld/p:spTree/*", NS):
        if shape.find(".//p:nvPr/p:ph", NS) is not None:
            continue
        shape_box = _xfrm_box(shape)
        if shape_box is None or not (shape_box[0] <= x <= shape_box[0] + shape_box[2] and shape_box[1] <= y <= shape_box[1] + shape_box[3]):
            continue
        fill = shape.find("p:spPr", NS)
        if etree.QName(shape).localname == "pic":
            fill = shape
        for child in fill if fill is not None else ():
            name = etree.QName(child).localname
            colour = None
            if name == "pattFill":
                parts = [_colour(c[0], colours, mapping) for c in child if len(c)]
                parts = [c for c in parts if c]
                colour = tuple(round(sum(c[i] for c in parts) / len(parts)) for i in range(3)) if parts else None
            elif name in ("solidFill", "gradFill", "blipFill"):
                colour = _fill_colour(child, part, colours, mapping)
            if colour is not None:
                found = (colour, shape_box)
    return found


def _covered(element, box) -> float:
    """Return the share of `box` the filled shapes (not placeholders) of `element` cover, by
    their bounding boxes (overlaps counted twice: an upper bound)."""
    left, top, width, height = box
    if width <= 0 or height <= 0:
        return 0.0
    area = 0.0
    for shape in element.iterfind("p:cSld/p:spTree/*", NS):
        if shape.find(".//p:nvPr/p:ph", NS) is not None:
            continue
        other = _xfrm_box(shape)
        if other is None or shape.find("p:spPr/a:noFill", NS) is not None:
            continue
        w = min(left + width, other[0] + other[2]) - max(left, other[0])
        h = min(top + height, other[1] + other[3]) - max(top, other[1])
        if w > 0 and h > 0 and (w * h) < 0.98 * width * height:  # a shape under the whole box is its background
            area += w * h
    return area / (width * height)


def _xfrm_box(sp) -> tuple[int, int, int, int] | None:
    off = sp.find("p:spPr/a:xfrm/a:off", NS)
    ext = sp.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None:  # a group's own transform
        off, ext = sp.find("p:grpSpPr/a:xfrm/a:off", NS), sp.find("p:grpSpPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    return int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))


def _ph_elements(element):
    for sp in element.iterfind("p:cSld/p:spTree/*", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            ph = sp.find("p:nvPicPr/p:nvPr/p:ph", NS)
        if ph is not None:
            yield sp, ph.get("type", "obj"), int(ph.get("idx", "0"))


def _boxes(master) -> dict[str, tuple[int, int, int, int]]:
    """Return the master's placeholder boxes by the type a layout's placeholder inherits from."""
    out = {}
    for sp, kind, _ in _ph_elements(master):
        box = _xfrm_box(sp)
        if box is not None:
            out.setdefault(kind, box)
    return out


def _inherited(kind: str) -> str:
    return "title" if kind in TITLE_TYPES else "body" if kind in ("obj", "subTitle", "body") else kind


def _placeholders(layout, master_boxes) -> tuple[PlaceholderInfo, ...]:
    out = []
    for sp, kind, idx in _ph_elements(layout):
        box = _xfrm_box(sp) or master_boxes.get(_inherited(kind)) or master_boxes.get(kind)
        out.append(PlaceholderInfo(kind, idx, box))
    return tuple(out)


def clear_of_bands(layout: LayoutInfo, box: tuple[int, int, int, int], colours: dict[str, RGB]) -> tuple[int, int, int, int]:
    """Return `box` shortened so that no band the template paints across it (a filled shape of
    the master or the layout, half the box wide or more, in another colour than what the box
    stands on) lies under its text: text on it would be dark on a dark band, or the reverse."""
    element = layout.element
    if element is None:
        return box
    left, top, width, height = box
    bottom = top + height
    master = element.slide_master
    layers = [(master._element, master.part)] if element._element.get("showMasterSp") != "0" else []
    layers.append((element._element, element.part))
    mapping = _colour_map(master._element.find("p:clrMap", NS))
    for root, part in layers:
        for shape in root.iterfind("p:cSld/p:spTree/*", NS):
            if shape.find(".//p:nvPr/p:ph", NS) is not None:
                continue
            band = _xfrm_box(shape)
            if band is None or band[2] < width / 2:
                continue
            b_top, b_bottom = band[1], band[1] + band[3]
            if b_bottom <= top or b_top >= bottom or band[0] >= left + width or band[0] + band[2] <= left:
                continue
            if b_top <= top and b_bottom >= bottom:
                continue  # under the whole box: what the text stands on, not a band across it
            colour = _behind(root, part, (band[0], band[1], band[2], band[3]), colours, mapping)
            if colour is None or contrast_ratio(colour, layout.body_bg) < 1.5:
                continue
            if (b_top + b_bottom) / 2 > (top + bottom) / 2:
                if b_top - top >= height / 2:
                    bottom = min(bottom, b_top)
            elif bottom - b_bottom >= height / 2:
                top = max(top, b_bottom)
    return left, top, width, bottom - top


# --- the look a template gives ---------------------------------------------------------------------

WIDE = 12192000 / EMU_PER_INCH  # PowerPoint's widescreen width, the slide kinds are laid out for


def layout_scale(width_in: float, height_in: float) -> float:
    """Return real inches per layout inch for a slide `width_in` x `height_in`: on a 16:9
    screen, text of a given size then looks as large as on deckgen's own 13.333 x 7.5 in slide."""
    return max(width_in / WIDE, height_in / 7.5)


def template_theme(info: TemplateInfo, chosen: dict[str, LayoutInfo], primary: RGB | None = None, accent: RGB | None = None):
    """Return the Theme of a speaker's template: its size, its content box, its colours (every
    text colour at 4.5:1 or more on what it stands on) and its fonts."""
    from ..theme import Palette, Theme, blend, ensure, ensure_background, recoloured

    width, height = info.size_in
    scale = layout_scale(width, height)
    w, h = width / scale, height / scale

    def layout_inches(box) -> tuple[float, float, float, float]:
        return tuple(v / EMU_PER_INCH / scale for v in box)  # type: ignore[return-value]

    main = chosen.get("bullets") or info.find("Title and Content", (0, 1))
    bare = chosen.get("table") or info.find("Title Only", (0,)) or main
    body = main.role_box(1) if main is not None else None
    if body is not None:
        body = clear_of_bands(main, body, info.colours)
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
    return Theme(
        palette=palette, font_name=minor, slide_width=w, slide_height=h,
        margin=min(left, 0.6), content_top=top, content_bottom=bottom, content_left=left, content_width=box_w,
        scale=scale, name="template", ramp=False,
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


_ANALYSED: dict[tuple, TemplateInfo] = {}


def read(path: Path) -> TemplateInfo:
    """Return what the template at `path` holds, analysed once per process and file version
    (`watch` and `--audience all` build on it again and again)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    info = _ANALYSED.get(key)
    if info is None:
        try:
            info = analyse(open_presentation(path), path)
        except OutlineError:
            raise
        except Exception as exc:  # python-pptx raises many kinds for a file that is not a pptx
            raise OutlineError(Problem(f"the template is not a usable .pptx or .potx ({type(exc).__name__}: {exc})", str(path))) from None
        _ANALYSED.clear()
        _ANALYSED[key] = info
    return info


def prepare(deck, path: Path, builtin: bool, where=None, layouts_where=None) -> Prepared:
    """Return the template at `path` prepared for `deck`: each of its kinds matched to a layout
    (deck.layouts first), the theme worked out; raise OutlineError naming what cannot be served."""
    from ..kinds import KINDS
    from ..theme import builtin_theme, speaker_colours

    info = read(path)
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
    return Prepared(path, info, chosen, theme, builtin, families, warnings)


def measuring_families(fonts: tuple[str, str]) -> tuple[tuple, list[str]]:
    """Return the text.Families to measure a template's (heading, body) fonts with, and one
    warning per font deckgen measures with a stand-in."""
    from ..fonts import measuring_faces

    families, warnings = [], []
    for family in dict.fromkeys(fonts):
        faces, warning = measuring_faces(family)
        families.append(tuple(sorted((key, str(path)) for key, path in faces.items())))
        if warning:
            warnings.append(warning)
    return tuple(dict.fromkeys(families)), warnings


def layouts_of(prs) -> dict[tuple[int, str], object]:
    """Return the layouts of `prs` by (master number, name), as `analyse` numbers them."""
    out: dict[tuple[int, str], object] = {}
    for number, m in enumerate(prs.slide_masters):
        for layout in m.slide_layouts:
            out.setdefault((number, layout.name), layout)
    return out


def report(path: Path) -> str:
    """Return what `deckgen template` prints: the template's size, its layouts and their
    placeholders, the layout each kind fills, the theme's colours with their contrast, the
    colours deckgen writes with, and its fonts and how deckgen measures them."""
    from ..kinds import KINDS
    hexed, ratio = rgb_to_hex, contrast_ratio

    info = read(path)
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
    from ..fonts import find, measuring_faces

    for role, family in zip(("headings", "body"), info.fonts):
        faces, name = find(family)
        if faces is None:
            lines.append(f"  {role}: {family}: {measuring_faces(family)[1]}")
        else:
            lines.append(f"  {role}: {family}: measured with {name}" + (" (its metric twin)" if name.casefold() != family.casefold() else ""))
    return "\n".join(lines)


def _ratio(width: float, height: float) -> str:
    known = {16 / 9: "16:9", 16 / 10: "16:10", 4 / 3: "4:3", 2 ** 0.5: "A4", 3 / 2: "3:2"}
    for value, name in known.items():
        if abs(width / height - value) < 0.02:
            return name
    return f"{width / height:.2f}:1"
