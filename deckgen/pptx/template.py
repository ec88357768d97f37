"""Reading a speaker's template: its slide size, masters, layouts, placeholders, colours, fonts.

The slide size, the placeholders' boxes, the backgrounds (and the shapes a master or layout
paints its look with) and the theme's colours and fonts are read from the package's XML into
`template.TemplateInfo`, plain data the layout policy works on. This module reads python-pptx's
`Presentation`, its parts (`part_related_by`, `related_part`, `blob`) and the lxml elements
behind slide layouts and masters.
"""

from __future__ import annotations

import colorsys
import functools
import math
import io
from dataclasses import replace
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..errors import OutlineError, Problem
from ..readers.picture import MAX_IMAGE_PIXELS
from ..template import TITLE_TYPES, LayoutInfo, PlaceholderInfo, TemplateInfo
from ..theme import RGB, contrast_ratio

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_A = "{%s}" % NS["a"]

# --- reading -------------------------------------------------------------------------------------




def open_presentation(path: Path, dropped: list[str] | None = None):
    """Return the Presentation of `path`, a .pptx or a .potx (read as the deck it starts),
    cleaned first (pptx.cleaning: external links, macros, OLE objects, ActiveX, comments,
    custom XML and embedded fonts dropped); what was dropped is added to `dropped`."""
    from pptx import Presentation  # deferred: python-pptx loads only when this runs

    from .cleaning import clean  # deferred: loads with python-pptx, only when a template is opened

    data, removed = clean(Path(path).read_bytes())
    if dropped is not None:
        dropped.extend(removed)
    return Presentation(io.BytesIO(data))


MIN_SIDE = 914400  # one inch, in EMU
MAX_SIDE = 51206400  # 56 inches, PowerPoint's largest slide
MAX_LAYOUTS = 200  # slide masters and layouts of a template, all together
MAX_SHAPES = 1000  # shapes (placeholders among them) of one master or layout, at every depth
_SHAPE_TAGS = tuple(f"{{{'http://schemas.openxmlformats.org/presentationml/2006/main'}}}{tag}" for tag in ("sp", "pic", "grpSp", "graphicFrame", "cxnSp", "contentPart"))


def _check_size(prs, path: Path) -> None:
    """Raise OutlineError for a template with more masters and layouts, or a master or layout
    with more shapes, than any template needs: checked before any of them is read, as every
    slide built on a layout copies its placeholders and every layout's shapes are measured."""
    parts = [(f"slide master {n + 1}", m) for n, m in enumerate(prs.slide_masters)]
    parts += [(f"layout {layout.name!r} of slide master {n + 1}", layout) for n, m in enumerate(prs.slide_masters) for layout in m.slide_layouts]
    if len(parts) > MAX_LAYOUTS:
        raise OutlineError(Problem(f"the template has {len(parts)} slide masters and layouts; a template may have at most {MAX_LAYOUTS}", str(path)))
    for name, part in parts:
        tree = part._element.find("p:cSld/p:spTree", NS)
        if tree is None:
            continue
        count = 0
        for _ in tree.iter(*_SHAPE_TAGS):
            count += 1
            if count > MAX_SHAPES:
                total = sum(1 for _ in tree.iter(*_SHAPE_TAGS))
                placeholders = sum(1 for _ in tree.iter(f"{{{NS['p']}}}ph"))
                raise OutlineError(Problem(f"{name} ({part.part.partname.lstrip('/')}) has {total} shapes ({placeholders} of them placeholders); a master or layout may have at most {MAX_SHAPES}", str(path)))


def analyse(prs, path: Path) -> TemplateInfo:
    """Return what `prs` (a template just opened) holds; raise OutlineError for a slide size
    no deck can have (missing, zero, one EMU, past PowerPoint's 56 inches)."""
    width, height = prs.slide_width, prs.slide_height
    if width is None or height is None:
        raise OutlineError(Problem("the template gives no slide size (p:sldSz in ppt/presentation.xml); save it again from PowerPoint", str(path)))
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise OutlineError(Problem(f"the template's slides are {width / MIN_SIDE:.4g} x {height / MIN_SIDE:.4g} in; a slide's side is 1 to 56 in", str(path)))
    _check_size(prs, path)
    master = prs.slide_masters[0]
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    colours = _scheme(theme)
    theme_fonts = [
        (found.get("typeface") if (found := theme.find(f".//a:fontScheme/a:{which}/a:latin", NS)) is not None else "Calibri")
        for which in ("majorFont", "minorFont")
    ]
    fonts = tuple(_typeface(master._element, style, kind) or theme_font for style, kind, theme_font in zip(("p:titleStyle", "p:bodyStyle"), (("title", "ctrTitle"), ("body", "obj")), theme_fonts))
    found = []  # (master, layout, placeholders, colour mapping, background)
    every_master = [_boxes(m._element) for m in prs.slide_masters]
    for number, m in enumerate(prs.slide_masters):
        master_boxes = every_master[number]
        others = [boxes for k, boxes in enumerate(every_master) if k != number]
        master_map = _colour_map(m._element.find("p:clrMap", NS))
        master_bg = _background(m._element, m.part, colours, master_map)
        for layout in m.slide_layouts:
            mapping = master_map
            override = layout._element.find("p:clrMapOvr/a:overrideClrMapping", NS)
            if override is not None:
                mapping = _colour_map(override)
            background = _background(layout._element, layout.part, colours, mapping) or master_bg or colours.get("lt1", (255, 255, 255))
            found.append((number, m, layout, _placeholders(layout._element, master_boxes, others), mapping, background))
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
                found = _behind_shape(element, part, box, colours, mapping, behind[k])
                if found is None:
                    continue
                behind[k] = found[0]
                band = found[1]
                if band is None:
                    continue
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
        own = {(kind, idx): _xfrm_box(sp) for sp, kind, idx in _ph_elements(layout._element)}
        copied = {ph.role for ph in placeholders if ph.role is not None and own.get((ph.type, ph.idx)) not in (None, ph.box)}
        moved = tuple(sorted(set(moved) | copied | set(_ambiguous(layout._element, m._element))))
        info = LayoutInfo(layout.name, layout._element.get("type", "cust"), placeholders, behind[0], behind[1], layout, number, moved, min(busy, 1.0), mapping,
                          markers=_markers(layout._element, m._element, colours, mapping))
        own_body = info.role_box(1)
        clear = clear_of_bands(info, own_body, colours) if own_body is not None else None
        grounds: dict[str, list] = {"ftr": [], "sldNum": []}
        for ph in placeholders:
            if ph.type in grounds and ph.box:
                left, top, w, h = ph.box
                # where its text stands: a footer's anywhere along it (its text's width is the
                # speaker's); a slide number's, a digit or two, at the end it is aligned to
                align = _alignment(ph.type, [element for element, _ in reversed(layers)]) if ph.type == "sldNum" else None
                if align in ("r", "l"):
                    inset, reach = _NUMBER_INSET, _NUMBER_REACH
                    points = [left + w - inset - reach * k / 4 if align == "r" else left + inset + reach * k / 4 for k in range(5)]
                else:
                    points = [left + share * w for share in (0.05, 0.25, 0.5, 0.75, 0.95)]  # aligned left, centred or right
                for x in points:
                    point = (x, top + h / 2, 0, 0)
                    found_bg = background
                    for element, part in layers:
                        under = _behind_shape(element, part, point, colours, mapping, exact=True)
                        found_bg = under[0] if under is not None else found_bg
                    if found_bg not in grounds[ph.type]:
                        grounds[ph.type].append(found_bg)
        footer_bgs = tuple(dict.fromkeys(grounds["ftr"] + grounds["sldNum"]))
        tints = _tints(layers, [ph.box for ph in placeholders if ph.role in (0, 1) and ph.box], background, colours, mapping)
        # the background picture: the layout's own, else its master's
        painted = next((_picture_decorations(e, p, prs.slide_width, prs.slide_height) for e, p in ((layout._element, layout.part), (m._element, m.part))
                        if e.find("p:cSld/p:bg", NS) is not None), ())
        layouts.append(replace(info, clear=clear, decorations=_decorations(layers, prs.slide_width, prs.slide_height), painted=painted, footer_bgs=footer_bgs,
                               text_bgs=tuple(grounds["ftr"]), number_bgs=tuple(grounds["sldNum"]), tints=tints))
    return TemplateInfo(Path(path), prs.slide_width, prs.slide_height, layouts, colours, fonts, len(prs.slides), masters)  # type: ignore[arg-type]


def _master_order(prs) -> dict[str, list[int]]:
    """Return the masters in the order each use prefers them: "title", the master of the
    template's first slide; "content", the masters of its other slides, most used first. A
    template with several masters shows by its own slides which is for what (LibreOffice's
    Impress templates give their title page a master of its own)."""
    index = {id(m.part): n for n, m in enumerate(prs.slide_masters)}
    used = [index.get(id(slide.slide_layout.slide_master.part)) for slide in prs.slides]
    used = [n for n in used if n is not None]
    # a cover master: one whose every layout opens a talk (PowerPoint's designers add one for
    # the title slide); without slides of its own, a template tells so by its masters alone
    covers = [n for n, m in enumerate(prs.slide_masters) if len(m.slide_layouts) and all(_opens(layout._element) for layout in m.slide_layouts)]
    others = [n for n in range(len(prs.slide_masters)) if n not in covers]
    title = used[:1]
    rest = used[1:]
    content = sorted(set(rest), key=lambda n: (-rest.count(n), rest.index(n)))
    return {
        "title": title + [n for n in covers + others if n not in title],
        "content": content + [n for n in others + covers if n not in content],
    }


def _opens(layout) -> bool:
    """Return whether `layout` is a title slide's: of that type, or holding a centred title."""
    return layout.get("type") == "title" or any(kind == "ctrTitle" for _, kind, _ in _ph_elements(layout))


def _typeface(master, style: str, kinds: tuple[str, ...]) -> str | None:
    """Return the typeface a master gives its titles (or body text) outright, not through the
    theme: in the list style of its placeholder of that kind, else in its text style; None for
    the theme's. The prompt text a master's placeholder holds ("Click to edit...") is no
    style: its runs' typeface reaches no slide (LibreOffice's templates set Times New Roman
    there over a theme in Arial, and every slide is drawn in Arial)."""
    places = [sp.find("p:txBody/a:lstStyle", NS) for sp, kind, _ in _ph_elements(master) if kind in kinds]
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
            blob = part.related_part(rid).blob
        except (KeyError, AttributeError):
            return None
        return _picture_mean(blob)
    return None


@functools.lru_cache(maxsize=32)
def _picture_mean(blob: bytes) -> RGB | None:
    """Return a picture's mean colour, decoded once however many shapes and layouts show it
    (a template's background picture is asked for at every point behind every shape)."""
    try:
        from PIL import Image, ImageStat  # deferred: Pillow loads only when this runs

        with Image.open(io.BytesIO(blob)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None  # a background picture too large to sample: read from its header, never decoded
            image.draft("RGB", (64, 64))
            small = _rgb(image).resize((32, 32))
            return tuple(round(v) for v in ImageStat.Stat(small).mean[:3])  # type: ignore[return-value]
    except Exception:  # a picture Pillow cannot read (EMF, WMF): its colour is unknown
        return None


def _rgb(image):
    """Return `image` in RGB: a palette picture with a transparent colour through RGBA first, as
    Pillow asks (converting it straight to RGB warns on every template that has one)."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    return image.convert("RGB")


def _alpha(element) -> float:
    """Return the opacity (0 to 1) of a DrawingML colour element: its a:alpha, else 1."""
    found = element.find("a:alpha", NS) if element is not None else None
    return int(found.get("val", "100000")) / 100000 if found is not None else 1.0


def _gradient_at(fill, point, colours, mapping) -> tuple[RGB, float] | None:
    """Return the colour and opacity gradient `fill` shows at `point` ((0..1, 0..1) in its
    shape's box): a linear gradient along its angle, a path gradient by the distance from its
    focus (its fillToRect), between the two stops around that position. A mean of the stops
    says nothing of a band that is dark at the top where the title stands."""
    stops = []
    for gs in fill.findall("a:gsLst/a:gs", NS):
        if len(gs) and (rgb := _colour(gs[0], colours, mapping)) is not None:
            stops.append((int(gs.get("pos", "0")) / 100000, rgb, _alpha(gs[0])))
    if not stops:
        return None
    stops.sort(key=lambda s: s[0])
    u, v = point
    lin, path = fill.find("a:lin", NS), fill.find("a:path", NS)
    if path is not None:
        rect = path.find("a:fillToRect", NS)
        edges = [int(rect.get(k, "0")) / 100000 if rect is not None else 0.5 for k in ("l", "t", "r", "b")]
        cx, cy = edges[0], edges[1]  # the focus, where the first stop is
        cx, cy = (cx + 1 - edges[2]) / 2, (cy + 1 - edges[3]) / 2
        reach_x, reach_y = max(cx, 1 - cx) or 1, max(cy, 1 - cy) or 1
        t = min(1.0, max(abs(u - cx) / reach_x, abs(v - cy) / reach_y))
    else:
        angle = math.radians(int(lin.get("ang", "0")) / 60000) if lin is not None else 0.0
        dx, dy = math.cos(angle), math.sin(angle)
        span = abs(dx) + abs(dy)
        t = min(1.0, max(0.0, 0.5 + ((u - 0.5) * dx + (v - 0.5) * dy) / span))
    if t <= stops[0][0]:
        return stops[0][1], stops[0][2]
    for (p0, c0, a0), (p1, c1, a1) in zip(stops, stops[1:]):
        if p0 <= t <= p1:
            k = (t - p0) / (p1 - p0) if p1 > p0 else 0.0
            return tuple(round(a + (b - a) * k) for a, b in zip(c0, c1)), a0 + (a1 - a0) * k  # type: ignore[return-value]
    return stops[-1][1], stops[-1][2]


def _fill_at(fill, part, colours, mapping, point) -> tuple[RGB, float] | None:
    """Return the colour and opacity `fill` shows at `point` of its shape's box."""
    name = etree.QName(fill).localname
    if name == "gradFill":
        return _gradient_at(fill, point, colours, mapping)
    if name == "solidFill" and len(fill):
        colour = _colour(fill[0], colours, mapping)
        return (colour, _alpha(fill[0])) if colour is not None else None
    colour = _fill_colour(fill, part, colours, mapping)
    return (colour, 1.0) if colour is not None else None


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


def _behind_shape(element, part, box, colours, mapping, under: RGB | None = None, exact: bool = False) -> tuple[RGB, tuple] | None:
    """Return (colour, box) of what the filled shapes of `element` show under the middle of
    `box`, over `under` (what lies below them, when known): each shape's fill where that
    point is (a gradient's colour there), translucent fills laid over what is below them;
    the box is that of the topmost opaque shape there. `exact` holds a freeform of straight
    lines to its outline, not its box (a shard's box covers much that the shard does not)."""
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    found = None
    current, band = under, None
    for shape in element.iterfind("p:cSld/p:spTree/*", NS):
        if shape.find(".//p:nvPr/p:ph", NS) is not None:
            continue
        shape_box = _xfrm_box(shape)
        if shape_box is None or not (shape_box[0] <= x <= shape_box[0] + shape_box[2] and shape_box[1] <= y <= shape_box[1] + shape_box[3]):
            continue
        if exact:
            outline = _path_outline(shape.find("p:spPr/a:custGeom", NS), shape_box)
            geometry = shape.find("p:spPr/a:prstGeom", NS)
            if outline is None and not (etree.QName(shape).localname == "pic" or (geometry is not None and geometry.get("prst") in _BOXY)):
                left, top, w, h = shape_box  # as _decorations: surely only the middle half of its box
                outline = ((left + w / 4, top + h / 4), (left + 3 * w / 4, top + h / 4), (left + 3 * w / 4, top + 3 * h / 4), (left + w / 4, top + 3 * h / 4))
            if outline is not None and not _within(x, y, outline):
                continue
        fill = shape.find("p:spPr", NS)
        if etree.QName(shape).localname == "pic":
            fill = shape
        for child in fill if fill is not None else ():
            name = etree.QName(child).localname
            colour = None
            alpha = 1.0
            if name == "pattFill":
                parts = [_colour(c[0], colours, mapping) for c in child if len(c)]
                parts = [c for c in parts if c]
                colour = tuple(round(sum(c[i] for c in parts) / len(parts)) for i in range(3)) if parts else None
            elif name in ("solidFill", "gradFill", "blipFill"):
                point = ((x - shape_box[0]) / shape_box[2] if shape_box[2] else 0.5, (y - shape_box[1]) / shape_box[3] if shape_box[3] else 0.5)
                got = _fill_at(child, part, colours, mapping, point)
                colour, alpha = got if got is not None else (None, 1.0)
            if colour is None:
                continue
            if alpha >= 0.5 or current is None:
                band = shape_box
            current = colour if current is None or alpha >= 0.99 else tuple(round(c * alpha + b * (1 - alpha)) for c, b in zip(colour, current))
            found = (current, band)
    return found


def _within(x: float, y: float, outline) -> bool:
    """Return whether the point (x, y) lies inside the polygon `outline` (even-odd rule)."""
    inside = False
    for k, (x1, y1) in enumerate(outline):
        x0, y0 = outline[k - 1]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _decorations(layers, width: int, height: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Return the outlines (polygons, EMU) of the shapes (not placeholders) that `layers`
    (master, layout) draw, but for those under the whole slide (its background): content must
    keep off them. A picture or a rectangle is its box; a freeform of straight lines is its
    path (LibreOffice's templates draw their shards so); another shape is known surely to cover
    only the middle of its box, so its outline is the middle half."""
    out = []
    for element, _ in layers:
        for shape in element.iterfind("p:cSld/p:spTree/*", NS):
            if shape.find(".//p:nvPr/p:ph", NS) is not None:
                continue
            box = _xfrm_box(shape)
            if box is None or box[2] <= 0 or box[3] <= 0 or (box[2] * box[3] >= 0.9 * width * height) or _draws_nothing(shape):
                continue
            left, top, w, h = box
            geometry = shape.find("p:spPr/a:prstGeom", NS)
            outline = _path_outline(shape.find("p:spPr/a:custGeom", NS), box)
            if outline is None and not (etree.QName(shape).localname == "pic" or (geometry is not None and geometry.get("prst") in _BOXY)):
                left, top, w, h = left + w // 4, top + h // 4, w // 2, h // 2
            out.append(outline or ((left, top), (left + w, top), (left + w, top + h), (left, top + h)))
    return tuple(out)


def _tints(layers, boxes, background, colours, mapping) -> tuple[RGB, ...]:
    """Return the grounds that faint tints (_draws_nothing: translucent bubbles, veils) make
    where they cross the text boxes `boxes` (EMU): what shows at the middle of each crossing,
    every layer's fills laid over the background. Text reads through such a tint, but only in
    a colour chosen for the lighter (or darker) ground it makes: Lights' bubbles lift its dark
    cover under the speaker's line."""
    found: list[RGB] = []
    for element, _ in layers:
        for shape in element.iterfind("p:cSld/p:spTree/*", NS):
            if shape.find(".//p:nvPr/p:ph", NS) is not None or not _draws_nothing(shape) or shape.find("p:spPr/a:solidFill", NS) is None:
                continue
            box = _xfrm_box(shape)
            if box is None:
                continue
            for text in boxes:
                left, top = max(box[0], text[0]), max(box[1], text[1])
                right, bottom = min(box[0] + box[2], text[0] + text[2]), min(box[1] + box[3], text[1] + text[3])
                if right <= left or bottom <= top:
                    continue
                point = ((left + right) // 2, (top + bottom) // 2, 0, 0)
                ground = background
                for layer, part in layers:
                    under = _behind_shape(layer, part, point, colours, mapping, ground)
                    ground = under[0] if under is not None else ground
                if ground not in found and ground != background:
                    found.append(ground)
    return tuple(found)


BUSY_CELLS = 4  # cells per inch a background picture is read in for the parts text must keep off
BUSY_CONTRAST = 1.8  # a pixel this far (a contrast ratio) from the picture's overall colour is drawing, not ground
BUSY_SHARE = 0.2  # the share of a cell's pixels that makes it drawing
BUSY_MOST = 0.4  # past this share of the slide, the picture is a photograph: all of it is ground


@functools.lru_cache(maxsize=8)
def _picture_cells(blob: bytes, width: int, height: int) -> bytes | None:
    """Return a picture's RGB pixels at `width` x `height`, decoded once for every layout it stands behind."""
    try:
        from PIL import Image  # deferred: Pillow loads only when this runs

        with Image.open(io.BytesIO(blob)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.draft("RGB", (width, height))
            return _rgb(image).resize((width, height), Image.BILINEAR).tobytes()
    except Exception:  # a picture Pillow cannot read
        return None


def _picture_decorations(element, part, width: int, height: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Return the outlines (EMU) of what a stretched background picture of `element` draws
    over its own ground: the trees and the sun painted into a sky, an ink blot on paper. Text
    colours are chosen against the picture's overall colour (_fill_colour), which reads there;
    where the picture draws something far from it, text reads on neither, so content keeps off
    it as off a shape. Each outline is a run of cells along a row; a picture that draws over
    most of the slide (a photograph) has none: its text stands on a scrim or its mean."""
    fill = element.find("p:cSld/p:bg/p:bgPr/a:blipFill", NS)
    blip = fill.find("a:blip", NS) if fill is not None else None
    rid = blip.get("{%s}embed" % NS["r"]) if blip is not None else None
    if not rid or fill.find("a:stretch", NS) is None:
        return ()
    cols, rows = max(1, round(width / 914400 * BUSY_CELLS)), max(1, round(height / 914400 * BUSY_CELLS))
    try:
        data = _picture_cells(part.related_part(rid).blob, cols * 4, rows * 4)
    except (KeyError, AttributeError):
        return ()
    if data is None:  # a picture Pillow cannot read: nothing known of what it draws
        return ()
    pixels = [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]
    ground = tuple(sum(c[i] for c in pixels) / len(pixels) for i in range(3))
    far = [contrast_ratio(c, ground) >= BUSY_CONTRAST for c in pixels]
    busy = [[sum(far[(r * 4 + y) * cols * 4 + c * 4 + x] for y in range(4) for x in range(4)) >= BUSY_SHARE * 16 for c in range(cols)] for r in range(rows)]
    if sum(map(sum, busy)) > BUSY_MOST * cols * rows:
        return ()
    out = []
    cell_w, cell_h = width / cols, height / rows
    for r, row in enumerate(busy):
        c = 0
        while c < cols:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < cols and row[c]:
                c += 1
            x0, x1, y0, y1 = round(start * cell_w), round(c * cell_w), round(r * cell_h), round((r + 1) * cell_h)
            out.append(((x0, y0), (x1, y0), (x1, y1), (x0, y1)))
    return tuple(out)


def _draws_nothing(shape) -> bool:
    """Return whether `shape` shows nothing text could be lost on: no fill, no line and no
    text (LibreOffice leaves empty frames on its masters), or only a faint tint (a fill at a
    third of opacity or less, which text reads through)."""
    if etree.QName(shape).localname != "sp":
        return False
    pr = shape.find("p:spPr", NS)
    if pr is None:
        return False
    if "".join(t.text or "" for t in shape.iterfind(".//a:t", NS)).strip():
        return False
    line = pr.find("a:ln", NS)
    lined = line is not None and line.find("a:noFill", NS) is None and line.get("w", "1") != "0"
    if pr.find("a:noFill", NS) is not None:
        return not lined
    solid = pr.find("a:solidFill", NS)
    if solid is not None and len(solid) and _alpha(solid[0]) <= 0.35:
        return not lined
    return False


def _path_outline(geometry, box) -> tuple[tuple[int, int], ...] | None:
    """Return the polygon of a custom geometry of one path of straight lines, in EMU; None for
    anything else (curves, several paths)."""
    if geometry is None:
        return None
    paths = geometry.findall("a:pathLst/a:path", NS)
    if len(paths) != 1:
        return None
    path = paths[0]
    steps = [etree.QName(step).localname for step in path]
    if not set(steps) <= {"moveTo", "lnTo", "close"} or steps.count("moveTo") != 1:
        return None
    left, top, w, h = box
    pw, ph = int(path.get("w", w) or w) or w, int(path.get("h", h) or h) or h
    points = []
    for step in path:
        pt = step.find("a:pt", NS)
        if pt is not None:
            points.append((left + int(pt.get("x", 0)) * w // pw, top + int(pt.get("y", 0)) * h // ph))
    return tuple(points) if len(points) >= 3 else None


_BOXY = {"rect", "roundRect", "snip1Rect", "snip2SameRect", "round1Rect", "round2SameRect", "flowChartProcess", "flowChartAlternateProcess"}


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


_NUMBER_INSET = 91440  # EMU: a text box's own inset, where a number aligned to its end stops
_NUMBER_REACH = 320040  # EMU: how far from there a slide number's digits reach (three at 14 pt)


def _alignment(kind: str, layers) -> str | None:
    """Return how the text of the placeholder of type `kind` is aligned ("l", "ctr", "r"), as
    the first of `layers` (layout, then master) that has one says; None: not said."""
    for element in layers:
        for sp, found, _ in _ph_elements(element):
            if found != kind:
                continue
            for path in ("p:txBody/a:p/a:pPr", "p:txBody/a:lstStyle/a:lvl1pPr"):
                got = sp.find(path, NS)
                if got is not None and got.get("algn"):
                    return got.get("algn")
    return None


def _ph_elements(element):
    for sp in element.iterfind("p:cSld/p:spTree/*", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            ph = sp.find("p:nvPicPr/p:nvPr/p:ph", NS)
        if ph is not None:
            yield sp, ph.get("type", "obj"), int(ph.get("idx", "0"))


def _ambiguous(layout, master) -> tuple[int, ...]:
    """Return the roles (0 title, 1 body) whose place a slide cannot safely leave to
    inheritance: a placeholder that shares its index with another of the layout, a body at
    the title's index 0 (or a title at another), or one with no box of its own whose master
    has no placeholder of its type to inherit one from. Their slide placeholders are placed."""
    found = list(_ph_elements(layout))
    counts: dict[int, int] = {}
    for _, _, idx in found:
        counts[idx] = counts.get(idx, 0) + 1
    master_kinds = {_inherited(kind) for _, kind, _ in _ph_elements(master)}
    out = set()
    for sp, kind, idx in found:
        role = 0 if kind in TITLE_TYPES else 1 if kind in ("obj", "subTitle", "body") else None
        if role is None:
            continue
        mismatch = (idx == 0) != (role == 0)
        orphan = _xfrm_box(sp) is None and _inherited(kind) not in master_kinds
        if counts[idx] > 1 or mismatch or orphan:
            out.add(role)
    return tuple(sorted(out))


def _markers(layout, master, colours, mapping) -> tuple[tuple, ...]:
    """Return the bullets the body text of `layout` has at levels 1 and 2, as (character or
    None for none, font, size in percent, colour, margin, indent in EMU); () where neither
    level says. They are looked for as PowerPoint inherits them: the layout's body
    placeholder's list style, the master's body placeholder's, the master's body style; and
    then in the master's body placeholder's own sample paragraphs, where LibreOffice's
    templates keep them."""
    def body(element):
        return next((sp for sp, kind, _ in _ph_elements(element) if kind in ("obj", "body")), None)

    ours, theirs = body(layout), body(master)
    out = []
    for level in (1, 2):
        tag = f"a:lvl{level}pPr"
        places = []
        for sp in (ours, theirs):
            if sp is not None:
                places.append(sp.find(f"p:txBody/a:lstStyle/{tag}", NS))
        places.append(master.find(f"p:txStyles/p:bodyStyle/{tag}", NS))
        if theirs is not None:
            samples = [p.find("a:pPr", NS) for p in theirs.iterfind("p:txBody/a:p", NS)]
            places += [ppr for ppr in samples if ppr is not None and int(ppr.get("lvl", "0")) == level - 1][:1]
        found: dict[str, object] = {}
        for ppr in places:
            if ppr is None:
                continue
            for name in ("marL", "indent"):
                if name not in found and ppr.get(name) is not None:
                    found[name] = int(ppr.get(name))
            if "char" not in found:
                if ppr.find("a:buNone", NS) is not None:
                    found["char"] = None
                elif (char := ppr.find("a:buChar", NS)) is not None and char.get("char"):
                    found["char"] = char.get("char")
                    font = ppr.find("a:buFont", NS)
                    found["font"] = font.get("typeface") if font is not None and not font.get("typeface", "").startswith("+") else None
                    size = ppr.find("a:buSzPct", NS)
                    found["size"] = int(size.get("val")) / 1000 if size is not None else None
                    colour = ppr.find("a:buClr", NS)
                    found["colour"] = _colour(colour[0], colours, mapping) if colour is not None and len(colour) else None
        if "char" not in found or "marL" not in found:
            return ()
        out.append((found["char"], found.get("font"), found.get("size"), found.get("colour"), found["marL"], found.get("indent", 0)))
    return tuple(out)


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


def _placeholders(layout, master_boxes, other_masters=()) -> tuple[PlaceholderInfo, ...]:
    """Return the placeholders of `layout`, each with its box: its own, else its master's.

    A box that is another master's placeholder's, not its own master's, is a copy (LibreOffice
    writes the boxes of one master into the layouts of all, and draws each slide at its own
    master's): the master's box is taken. The slides then place such placeholders."""
    out = []
    for sp, kind, idx in _ph_elements(layout):
        inherited = master_boxes.get(_inherited(kind)) or master_boxes.get(kind)
        box = _xfrm_box(sp)
        if box is not None and inherited is not None and box != inherited and any(box in (other.get(_inherited(kind)), other.get(kind)) for other in other_masters):
            box = inherited
        out.append(PlaceholderInfo(kind, idx, box or inherited))
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


def read(path: Path) -> TemplateInfo:
    """Return what the template at `path` holds, analysed once per process and file version
    (`watch` and `--audience all` build on it again and again)."""
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int, size: int) -> TemplateInfo:
    """Return the analysis of the template at `path` in the version of that time and size: a
    pure function of the file, so keeping its answers is no state two decks could share."""
    try:
        dropped: list[str] = []
        return replace(analyse(open_presentation(Path(path), dropped), Path(path)), dropped=tuple(dropped))
    except OutlineError:
        raise
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a pptx
        raise OutlineError(Problem(f"the template is not a usable .pptx or .potx ({type(exc).__name__}: {exc})", path)) from None


def layouts_of(prs) -> dict[tuple[int, str], object]:
    """Return the layouts of `prs` by (master number, name), as `analyse` numbers them."""
    out: dict[tuple[int, str], object] = {}
    for number, m in enumerate(prs.slide_masters):
        for layout in m.slide_layouts:
            out.setdefault((number, layout.name), layout)
    return out
