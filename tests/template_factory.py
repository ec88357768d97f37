"""Templates as a company's designer hands them over, made with python-pptx for the tests.

`branded` makes a template of two masters from the built-in one:

- a content master with a logo band across the top of every slide (a dark band and a logo
  shape at its right), its title placeholder just below the band, bottom-anchored and set to
  grow with its text (`spAutoFit`, as many corporate templates are), and bullets of its own
  (a square, then a dash, at indents that are not python-pptx's);
- a cover master (second in the package, as designers add it) with a dark background, a
  large triangle along its left edge and one layout, "Cover", whose title and subtitle
  stand to the right of the triangle;
- layouts under names no application gives them (their types kept, as PowerPoint keeps
  them when a layout is renamed): the content master holds a title-slide layout too, so
  only the masters tell which one opens the talk.

It is plain python-pptx and lxml, no deckgen: any test (a corpus of talks, a check of the
layout) can build on it. `COVER_DECORATION` and `LOGO_BAND` say where the shapes are (EMU).
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from deckgen.theme import template_path

EMU = 914400
WIDTH, HEIGHT = 12192000, 6858000
LOGO_BAND = (0, 0, WIDTH, int(0.85 * EMU))  # the band across the top of every content slide
LOGO = (WIDTH - int(2.2 * EMU), int(0.15 * EMU), int(1.8 * EMU), int(0.55 * EMU))  # the logo on it
COVER_DECORATION = ((0, 0), (int(4.2 * EMU), 0), (int(1.4 * EMU), HEIGHT), (0, HEIGHT))  # the cover's triangle-ish shard
COVER_TITLE = (int(4.4 * EMU), int(2.0 * EMU), int(8.3 * EMU), int(1.6 * EMU))
COVER_SUBTITLE = (int(4.4 * EMU), int(3.8 * EMU), int(8.3 * EMU), int(1.2 * EMU))
CONTENT_TITLE = (int(0.6 * EMU), int(1.0 * EMU), int(12.1 * EMU), int(0.9 * EMU))
CONTENT_BODY = (int(0.6 * EMU), int(2.05 * EMU), int(12.1 * EMU), int(4.4 * EMU))
MARKERS = (("▪", "Arial", 457200, -320040), ("–", "Arial", 960120, -274320))  # (char, font, marL, indent) per level
NAMES = {"Title Slide": "Opening", "Title and Content": "Headline and Text", "Section Header": "Chapter", "Title Only": "Headline", "Two Content": "Side by Side", "Blank": "Empty"}
DARK, ACCENT, LOGO_COLOUR = "14213D", "F29E1F", "FFFFFF"


def _xfrm(sp, box) -> None:
    """Give shape element `sp` the box (left, top, width, height) in EMU."""
    spPr = sp.find(qn("p:spPr"))
    for old in spPr.findall(qn("a:xfrm")):
        spPr.remove(old)
    xfrm = etree.Element(qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=str(box[0]), y=str(box[1]))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(box[2]), cy=str(box[3]))
    spPr.insert(0, xfrm)


def _shape(tree, shape_id: int, name: str, box, colour: str, points=None):
    """Append a filled shape (a rectangle, or the polygon `points`, EMU) to spTree `tree`."""
    sp = etree.SubElement(tree, qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), id=str(shape_id), name=name)
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))
    spPr = etree.SubElement(sp, qn("p:spPr"))
    _xfrm(sp, box)
    if points is None:
        etree.SubElement(etree.SubElement(spPr, qn("a:prstGeom"), prst="rect"), qn("a:avLst"))
    else:
        geom = etree.SubElement(spPr, qn("a:custGeom"))
        for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
            etree.SubElement(geom, qn(tag))
        etree.SubElement(geom, qn("a:rect"), l="0", t="0", r="r", b="b")
        path = etree.SubElement(etree.SubElement(geom, qn("a:pathLst")), qn("a:path"), w=str(box[2]), h=str(box[3]))
        for k, (x, y) in enumerate(points):
            step = etree.SubElement(path, qn("a:moveTo" if k == 0 else "a:lnTo"))
            etree.SubElement(step, qn("a:pt"), x=str(x - box[0]), y=str(y - box[1]))
        etree.SubElement(path, qn("a:close"))
    etree.SubElement(etree.SubElement(spPr, qn("a:solidFill")), qn("a:srgbClr"), val=colour)
    etree.SubElement(etree.SubElement(spPr, qn("a:ln")), qn("a:noFill"))
    return sp


def _placeholders(tree):
    return [sp for sp in tree if sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is not None]


def _ph(sp):
    return sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")


def _set_markers(style) -> None:
    """Give text style `style` (p:bodyStyle or a:lstStyle) the template's own bullets."""
    for level, (char, font, margin, indent) in enumerate(MARKERS, start=1):
        ppr = style.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            ppr = etree.SubElement(style, qn(f"a:lvl{level}pPr"))
        ppr.set("marL", str(margin))
        ppr.set("indent", str(indent))
        for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buNone", "a:buAutoNum", "a:buSzPct"):
            for old in ppr.findall(qn(tag)):
                ppr.remove(old)
        at = 0
        for k, child in enumerate(ppr):
            if etree.QName(child).localname in ("lnSpc", "spcBef", "spcAft"):
                at = k + 1
        clr = etree.Element(qn("a:buClr"))
        etree.SubElement(clr, qn("a:srgbClr"), val=ACCENT if level == 1 else "5A6475")
        font_el = etree.Element(qn("a:buFont"), typeface=font)
        char_el = etree.Element(qn("a:buChar"), char=char)
        for k, el in enumerate((clr, font_el, char_el)):
            ppr.insert(at + k, el)


def branded(folder: Path, name: str = "branded.pptx") -> Path:
    """Write the two-master template described above into `folder`; return its path."""
    prs = Presentation(str(template_path()))
    package = prs.part.package
    content = prs.slide_masters[0]
    root = content._element
    tree = root.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    # the content master: its logo band, its logo, its title below them, growing with its text
    for sp in _placeholders(tree):
        kind = _ph(sp).get("type", "obj")
        if kind == "title":
            _xfrm(sp, CONTENT_TITLE)
            body = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            body.set("anchor", "b")
            for child in list(body):
                body.remove(child)
            etree.SubElement(body, qn("a:spAutoFit"))
        elif kind == "body":
            _xfrm(sp, CONTENT_BODY)
    first = len(tree) - len(_placeholders(tree))
    band = _shape(tree, 90, "Logo band", LOGO_BAND, DARK)
    logo = _shape(tree, 91, "Logo", LOGO, LOGO_COLOUR)
    tree.remove(band), tree.remove(logo)
    tree.insert(first, logo), tree.insert(first, band)  # drawn under the placeholders
    _set_markers(root.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}"))
    for layout in content.slide_layouts:
        for sp in _placeholders(layout._element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")):
            kind = _ph(sp).get("type", "obj")
            if kind == "title" and sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") is not None:
                _xfrm(sp, CONTENT_TITLE)
            elif kind in ("body", "obj") and sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") is not None and layout.name in ("Title and Content",):
                _xfrm(sp, CONTENT_BODY)
        if layout.name in NAMES:
            layout.name = NAMES[layout.name]  # renamed as a designer does: the type stays

    # the cover master: a copy of the content master's look without its band, a dark ground
    # and a shard along the left edge; one layout, the cover
    cover_el = copy.deepcopy(root)
    cover_tree = cover_el.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    for sp in list(cover_tree):
        if sp.tag == qn("p:sp") and _ph(sp) is None:
            cover_tree.remove(sp)
    first = [k for k, sp in enumerate(cover_tree) if sp.tag == qn("p:sp")][0]
    shard_box = (0, 0, int(4.2 * EMU), HEIGHT)
    shard = _shape(cover_tree, 92, "Cover shard", shard_box, ACCENT, COVER_DECORATION)
    cover_tree.remove(shard)
    cover_tree.insert(first, shard)
    csld = cover_el.find(qn("p:cSld"))
    for old in csld.findall(qn("p:bg")):
        csld.remove(old)
    bg = etree.Element(qn("p:bg"))
    bgpr = etree.SubElement(bg, qn("p:bgPr"))
    etree.SubElement(etree.SubElement(bgpr, qn("a:solidFill")), qn("a:srgbClr"), val=DARK)
    etree.SubElement(bgpr, qn("a:effectLst"))
    csld.insert(0, bg)
    for sp in _placeholders(cover_tree):
        if _ph(sp).get("type") == "title":
            _xfrm(sp, COVER_TITLE)
    layout_list = cover_el.find(qn("p:sldLayoutIdLst"))
    for old in list(layout_list):
        layout_list.remove(old)
    cover_part = SlideMasterPart(PackURI("/ppt/slideMasters/slideMaster2.xml"), CT.PML_SLIDE_MASTER, package, cover_el)
    cover_part.relate_to(content.part.part_related_by(RT.THEME), RT.THEME)
    opening = next(layout for layout in content.slide_layouts if layout.name == NAMES["Title Slide"])
    cover_layout = copy.deepcopy(opening._element)
    cover_layout.find(qn("p:cSld")).set("name", "Cover")
    cover_layout.set("type", "title")
    for sp in _placeholders(cover_layout.find(f"{qn('p:cSld')}/{qn('p:spTree')}")):
        kind = _ph(sp).get("type")
        if kind == "ctrTitle":
            _xfrm(sp, COVER_TITLE)
        elif kind == "subTitle":
            _xfrm(sp, COVER_SUBTITLE)
    count = len(list(package.iter_parts()))
    layout_part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{count + 1}.xml"), CT.PML_SLIDE_LAYOUT, package, cover_layout)
    layout_part.relate_to(cover_part, RT.SLIDE_MASTER)
    rid = cover_part.relate_to(layout_part, RT.SLIDE_LAYOUT)
    ids = [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"), qn("p:sldLayoutId"))]
    ids += [int(e.get("id")) for m in prs.slide_masters for e in m._element.iter(qn("p:sldLayoutId"))]
    etree.SubElement(layout_list, qn("p:sldLayoutId"), {"id": str(max(ids) + 2), qn("r:id"): rid})
    master_list = prs.part._element.find(qn("p:sldMasterIdLst"))
    master_rid = prs.part.relate_to(cover_part, RT.SLIDE_MASTER)
    etree.SubElement(master_list, qn("p:sldMasterId"), {"id": str(max(ids) + 1), qn("r:id"): master_rid})
    path = Path(folder) / name
    prs.save(str(path))
    return path
