"""The footer: the template's own footer and slide-number placeholders, or one drawn.

What it uses below python-pptx's public API, all of python-pptx 1.0: `SlideShapes._spTree`
and `SlideLayout._element`, whose footer placeholders are copied onto the slide.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun

from ..text import INSET_X, Paragraph, Run, text_width
from ..theme import RGB
from .canvas import max_shape_id
from .package import clone

_A_P = qn("a:p")
_TX_BODY = qn("p:txBody")
_CNVPR_PATH = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_FIELD_TEXT_PATH = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:fld')}/{qn('a:t')}"
_escape_ctrl_chars = CT_RegularTextRun._escape_ctrl_chars


def template_footer(canvas, layout, left_text: str, number: int, footer_width: float | None = None, colour: RGB | None = None,
                    number_colour: RGB | None = None) -> bool:
    """Fill the layout's own footer and slide-number placeholders, in the template's style,
    place and alignment (the footer at 12 pt, down to 10 pt where its text would wrap in
    `footer_width` inches), in `colour` (the deck's muted text, legible on the slide: a
    template's footer grey is often faint, Office's own at 3.5:1), the number in
    `number_colour` where given; return False when the layout has no slide-number placeholder."""
    found = {}
    for sp in layout._element.iterfind(f"{qn('p:cSld')}/{qn('p:spTree')}/{qn('p:sp')}"):
        ph = sp.find(_PH_PATH)
        if ph is not None and ph.get("type") in ("sldNum", "ftr"):
            found.setdefault(ph.get("type"), sp)
    if "sldNum" not in found:
        return False
    tree = canvas.slide.shapes._spTree
    for kind, text in (("ftr", left_text), ("sldNum", str(number))):
        if kind not in found or not text:
            continue
        ink = number_colour if kind == "sldNum" and number_colour is not None else colour
        sp = clone(found[kind])
        sp.find(_CNVPR_PATH).set("id", str(max_shape_id(tree) + 1))
        for xfrm in sp.iterfind(f"{qn('p:spPr')}/{qn('a:xfrm')}"):
            xfrm.getparent().remove(xfrm)  # the slide's placeholder takes the layout's place
        body = sp.find(_TX_BODY)
        align = next((ppr.get("algn") for ppr in body.iterfind(f"{qn('a:p')}/{qn('a:pPr')}") if ppr.get("algn")), None)
        for p in body.findall(_A_P):
            body.remove(p)
        if ink is not None:  # LibreOffice draws a slide-number field in its list style's colour, not its run's
            styles = body.find(qn("a:lstStyle"))
            if styles is None:
                styles = etree.Element(qn("a:lstStyle"))
                body.find(qn("a:bodyPr")).addnext(styles)
            level = styles.find(qn("a:lvl1pPr"))
            align = align or (level.get("algn") if level is not None else None)
            for old in list(styles):
                styles.remove(old)
            level = etree.SubElement(styles, qn("a:lvl1pPr"))
            fill = etree.SubElement(etree.SubElement(level, qn("a:defRPr")), qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val="%02X%02X%02X" % tuple(ink))
        p = etree.SubElement(body, _A_P)
        if align:  # the layout's paragraph said where its text stands: so does the slide's
            etree.SubElement(p, qn("a:pPr"), algn=align)
        if kind == "sldNum":  # a field: the number stays right when slides are reordered
            run = etree.SubElement(p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
        else:
            run = etree.SubElement(p, qn("a:r"))
        rpr = etree.SubElement(run, qn("a:rPr"), lang="en-US")
        if kind == "ftr" and footer_width:
            room = footer_width - 2 * INSET_X
            size = 12.0
            while size > 10 and text_width(text, size, families=canvas.style.families) > room:
                size -= 0.5
            rpr.set("sz", str(round(size * canvas.style.scale * 100)))
        if ink is not None:
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val="%02X%02X%02X" % tuple(ink))
        etree.SubElement(run, qn("a:t")).text = _escape_ctrl_chars(text)
        tree.append(sp)
    return True


def drawn_footer(canvas, key: tuple, left_text: str, colour: RGB, number: int, left: float, right: float, top: float, mirrored: bool = False) -> None:
    """Add the footer between `left` and `right`: `left_text` on the left, a slide-number
    field on the right.

    The footer is the same on every slide but for its number: it is drawn once through
    python-pptx, then copied (with fresh shape ids) onto later slides.
    """
    key = (*key, left, right, top, mirrored)
    prototypes = canvas.style.footers.get(key)
    tree = canvas.slide.shapes._spTree
    if prototypes is not None:
        next_id = max_shape_id(tree) + 1
        for k, prototype in enumerate(prototypes):
            shape = clone(prototype)
            shape.find(_CNVPR_PATH).set("id", str(next_id + k))
            tree.append(shape)
        tree[-1].find(_FIELD_TEXT_PATH).text = str(number)
        return
    before = len(tree)
    text_w = min(8.0, right - left - 1.6)
    if left_text:  # mirrored (a right-to-left talk): the text at the right, the number at the left
        canvas.text_box((right - text_w if mirrored else left, top, text_w, 0.35), [Paragraph((Run(left_text, colour),))], 12, "middle", name="Footer")
    canvas.text_box((left if mirrored else right - 1.5, top, 1.5, 0.35), [Paragraph((), align="r")], 12, "middle", name="Slide number")
    p = tree[-1].find(f"{_TX_BODY}/{_A_P}")
    # a slide-number field stays right when the speaker reorders slides
    fld = etree.SubElement(p, qn("a:fld"))
    fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), sz=str(round(1200 * canvas.style.scale)))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val="%02X%02X%02X" % colour)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    canvas.style.footers[key] = [clone(shape) for shape in tree[before:]]
