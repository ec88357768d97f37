"""Reading a speaker's template: its slide size, masters, layouts, placeholders, colours, fonts.

The slide size, the placeholders' boxes, the backgrounds (and the shapes a master or layout
paints its look with) and the theme's colours and fonts are read from the package's XML into
`template.TemplateInfo`, plain data the layout policy works on. This module reads python-pptx's
`Presentation`, its parts (`part_related_by`, `related_part`, `blob`) and the lxml elements
behind slide layouts and masters.
"""

from __future__ import annotations

import functools
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


def analyse(prs, path: Path) -> TemplateInfo:
    """Return what `prs` (a template just opened) holds; raise OutlineError for a slide size
    no deck can have (missing, zero, one EMU, past PowerPoint's 56 inches)."""
    width, height = prs.slide_width, prs.slide_height
    if width is None or height is None:
        raise OutlineError(Problem("the template gives no slide size (p:sldSz in ppt/presentation.xml); save it again from PowerPoint", str(path)))
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise OutlineError(Problem(f"the template's slides are {width / MIN_SIDE:.4g} x {height / MIN_SIDE:.4g} in; a slide's side is 1 to 56 in", str(path)))
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
        info = LayoutInfo(layout.name, layout._element.get("type", "cust"), placeholders, behind[0], behind[1], layout, number, moved, min(busy, 1.0), mapping)
        own_body = info.role_box(1)
        clear = clear_of_bands(info, own_body, colours) if own_body is not None else None
        layouts.append(replace(info, clear=clear, decorations=_decorations(layers, prs.slide_width, prs.slide_height)))
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
            from PIL import Image, ImageStat  # deferred: Pillow loads only when this runs

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
            if box is None or box[2] <= 0 or box[3] <= 0 or (box[2] * box[3] >= 0.9 * width * height):
                continue
            left, top, w, h = box
            geometry = shape.find("p:spPr/a:prstGeom", NS)
            outline = _path_outline(shape.find("p:spPr/a:custGeom", NS), box)
            if outline is None and not (etree.QName(shape).localname == "pic" or (geometry is not None and geometry.get("prst") in _BOXY)):
                left, top, w, h = left + w // 4, top + h // 4, w // 2, h // 2
            out.append(outline or ((left, top), (left + w, top), (left + w, top + h), (left, top + h)))
    return tuple(out)


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
