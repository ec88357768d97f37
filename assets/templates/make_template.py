"""Build assets/templates/deckgen.pptx, the template deck whose layouts deckgen fills.

Run from the repository root:  python assets/templates/make_template.py
It starts from python-pptx's own default template and makes it 16:9, applies deckgen's
palette and fonts, places the placeholders with generous margins, gives the title and
section layouts a dark background, and keeps only the layouts deckgen uses. The output is
deterministic, so rebuilding it shows no diff unless this script or the theme changed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deckgen.kinds import KINDS  # noqa: E402
from deckgen.theme import DEFAULT_THEME, EMU_PER_INCH, PALETTES, rgb_to_hex  # noqa: E402
from deckgen.pptx.package import serialize  # noqa: E402

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}

T = DEFAULT_THEME
PAL = T.palette
W, H = T.slide_width, T.slide_height
M = T.margin

# placeholder geometry per layout, in inches: type -> (left, top, width, height)
# bottom-anchored, tall enough for two lines at 32 pt: a long title wraps before it shrinks
TITLE = (M, 0.25, W - 2 * M, 1.2)
BODY = (M, T.content_top, W - 2 * M, T.content_bottom - T.content_top)
GEOMETRY = {
    "master": {"title": TITLE, "body": BODY},
    "Title and Content": {"title": TITLE, "obj": BODY},
    "Title Only": {"title": TITLE},
    "Two Content": {"title": TITLE},
    "Title Slide": {"ctrTitle": (0.9, 2.0, W - 1.8, 1.9), "subTitle": (0.9, 4.05, W - 1.8, 1.9)},
    "Section Header": {"title": (0.9, 2.55, W - 1.8, 1.5), "body": (0.9, 4.15, W - 1.8, 1.0)},
    "Blank": {},
}
DARK_LAYOUTS = {"Title Slide", "Section Header"}


def hexval(rgb) -> str:
    return rgb_to_hex(rgb).lstrip("#")


def set_geometry(shape, box) -> None:
    left, top, width, height = box
    shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)


def ph_type(shape) -> str:
    ph = shape._element.find(".//p:nvPr/p:ph", NS)
    return ph.get("type", "obj") if ph is not None else ""


def place(container, name: str) -> None:
    boxes = GEOMETRY[name]
    for shape in list(container.placeholders):
        kind = ph_type(shape)
        if kind in boxes:
            set_geometry(shape, boxes[kind])
        elif kind in ("dt", "ftr", "sldNum"):
            # deckgen writes its own footer; keep these for speakers who turn them on
            width = 2.2
            left = {"dt": M, "ftr": (W - 4.5) / 2, "sldNum": W - M - width}[kind]
            if kind == "ftr":
                width = 4.5
            set_geometry(shape, (left, H - 0.55, width, 0.35))
        elif container.__class__.__name__ == "SlideLayout" and name == "Two Content" and kind == "obj":
            idx = shape.placeholder_format.idx
            col = (W - 2 * M - 0.5) / 2
            set_geometry(shape, (M + (0 if idx == 1 else col + 0.5), T.content_top, col, T.content_bottom - T.content_top))
        else:
            shape._element.getparent().remove(shape._element)


def solid(rgb) -> etree._Element:
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=hexval(rgb))
    return fill


def paper_background(layout) -> None:
    """Give a content layout the palette's paper (the dark theme's content slides are dark)."""
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor(*PAL.paper)


def dark_background(layout) -> None:
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor(*PAL.night)
    if not LINKS_LIGHT:  # where the theme's hyperlink colour is light already, nothing to map
        # applications that draw links in the theme's hyperlink colour (LibreOffice) must not
        # draw dark blue on the dark background: here hyperlinks take lt2, a light colour
        mapping = layout._element.find("p:clrMapOvr", NS)
        if mapping is None:
            mapping = etree.SubElement(layout._element, f"{{{P}}}clrMapOvr")
        mapping.clear()
        etree.SubElement(
            mapping,
            f"{{{A}}}overrideClrMapping",
            bg1="lt1", tx1="dk1", bg2="lt2", tx2="dk2", accent1="accent1", accent2="accent2", accent3="accent3",
            accent4="accent4", accent5="accent5", accent6="accent6", hlink="lt2", folHlink="lt2",
        )
    for shape in layout.placeholders:
        kind = ph_type(shape)
        if kind not in ("ctrTitle", "subTitle", "title", "body"):
            continue
        colour = PAL.on_night if kind in ("ctrTitle", "title") else PAL.on_night_muted
        txBody = shape._element.find("p:txBody", NS)
        lst = txBody.find("a:lstStyle", NS)
        lst.clear()
        lvl = etree.SubElement(lst, f"{{{A}}}lvl1pPr", algn="l", marL="0", indent="0")
        etree.SubElement(lvl, f"{{{A}}}buNone")
        rpr = etree.SubElement(lvl, f"{{{A}}}defRPr", sz=str((54 if kind == "ctrTitle" else 44 if kind == "title" else 24) * 100), b="1" if kind in ("ctrTitle", "title") else "0")
        rpr.append(solid(colour))
        body_pr = txBody.find("a:bodyPr", NS)
        body_pr.set("anchor", "b" if kind in ("ctrTitle", "title") else "t")


def style_master(prs) -> None:
    master = prs.slide_master
    styles = master._element.find("p:txStyles", NS)
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    rpr = title.find("a:defRPr", NS)
    rpr.set("sz", str(T.title_size * 100))
    rpr.set("b", "1")
    for child in list(rpr):
        if child.tag.endswith("solidFill"):
            rpr.remove(child)
    rpr.insert(0, solid(PAL.ink))
    body = styles.find("p:bodyStyle", NS)
    for level, size in ((1, 24), (2, 20), (3, 18), (4, 16), (5, 16)):
        ppr = body.find(f"a:lvl{level}pPr", NS)
        rpr = ppr.find("a:defRPr", NS)
        rpr.set("sz", str(size * 100))
        for child in list(rpr):
            if child.tag.endswith("solidFill"):
                rpr.remove(child)
        rpr.insert(0, solid(PAL.ink if level == 1 else PAL.muted))
    # the title placeholder anchors its text to the bottom, next to the content
    for shape in master.placeholders:
        if ph_type(shape) == "title":
            shape._element.find("p:txBody/a:bodyPr", NS).set("anchor", "b")


def style_theme(prs) -> None:
    master_part = prs.slide_master.part
    theme_part = next(rel.target_part for rel in master_part.rels.values() if rel.reltype.endswith("/theme"))
    root = etree.fromstring(theme_part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "deckgen")
    colours = {
        "dk1": PAL.ink, "lt1": PAL.paper, "dk2": PAL.night, "lt2": PAL.band,
        "accent1": PAL.pyramid_stops[1], "accent2": PAL.accent, "accent3": PAL.pyramid_stops[2],
        "accent4": PAL.pyramid_stops[3], "accent5": PAL.muted, "accent6": PAL.accent_ink,
        # links: dark blue on light slides; the dark layouts map hlink to lt2 (see dark_background)
        "hlink": PAL.link, "folHlink": PAL.link,
    }
    for name, rgb in colours.items():
        slot = scheme.find(f"a:{name}", NS)
        slot.clear()
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=hexval(rgb))
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", "deckgen")
    for part in ("majorFont", "minorFont"):
        fonts.find(f"a:{part}/a:latin", NS).set("typeface", T.font_name)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


LINKS_LIGHT = False  # the palette's links are light (dark content slides)


def main(out: Path, name: str = "light") -> None:
    global PAL, LINKS_LIGHT
    PAL = PALETTES[name]
    LINKS_LIGHT = name == "dark"
    prs = Presentation()
    # PowerPoint's widescreen size exactly (13.333 in is 12191695 EMU, a size no application
    # offers), and no `type`: python-pptx's default deck says screen4x3, wrong for 16:9
    prs.slide_width, prs.slide_height = Emu(round(W * EMU_PER_INCH)), Emu(round(H * EMU_PER_INCH))
    prs.part._element.sldSz.attrib.pop("type", None)
    keep = {kind.layout for kind in KINDS.values()} | {"Two Content", "Blank"}
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    place(prs.slide_master, "master")
    for layout in prs.slide_layouts:
        place(layout, layout.name)
        if layout.name in DARK_LAYOUTS:
            dark_background(layout)
        elif name != "light":
            paper_background(layout)
    style_master(prs)
    style_theme(prs)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = f"deckgen template ({name})", "deckgen", "deckgen"
    props.revision = 1
    import datetime as dt

    props.created = props.modified = dt.datetime(2026, 1, 1)
    with open(out, "wb") as stream:
        serialize(prs, stream, dt.datetime(2026, 1, 1))  # fixed zip times: same input, same bytes
    print(f"wrote {out}: {len(prs.slide_layouts)} layouts, {Emu(prs.slide_width).inches:.3f} x {Emu(prs.slide_height).inches:.3f} in")


if __name__ == "__main__":
    here = Path(__file__).parent
    for theme in PALETTES:
        main(here / ("deckgen.pptx" if theme == "light" else f"deckgen-{theme}.pptx"), theme)
