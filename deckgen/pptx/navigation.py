"""Finding one's way through a deck: hidden slides, links between slides, PowerPoint's
sections, and the transitions slides come on screen with.

What it uses below python-pptx's public API, all of python-pptx 1.0: `Slide._element`,
`Presentation.part._element` (presentation.xml), `Part.relate_to`, `Slide.part`.
"""

from __future__ import annotations

import uuid

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from .canvas import SLIDE_JUMP

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
P159 = "http://schemas.microsoft.com/office/powerpoint/2015/09/main"
SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension PowerPoint keeps its sections in
_R_ID = qn("r:id")


def hide(slide) -> None:
    """Make `slide` a hidden slide: kept in the deck, skipped in the slide show."""
    slide._element.set("show", "0")


def link_slides(slides: list, anchors: dict[str, int]) -> None:
    """Point every slide-jump link written as "#name" at its slide: `anchors` maps a name to
    the index in `slides` of the slide it names (an id, or a place "#3" the agenda uses)."""
    for slide in slides:
        for link in slide._element.iter(qn("a:hlinkClick")):
            target = link.get(_R_ID, "")
            if link.get("action") != SLIDE_JUMP or not target.startswith("#"):
                continue
            to = slides[anchors[target[1:]]]
            link.set(_R_ID, slide.part.relate_to(to.part, RT.SLIDE))


def write_sections(prs, slides: list, starts: list[tuple[int, str]], first_name: str) -> None:
    """Write PowerPoint's sections (the Sections pane): one from each (slide index, title) of
    `starts`, the slides before the first in a section named `first_name`; none when
    `starts` is empty. Section ids are derived from the names, so a rebuild writes the same."""
    if not starts:
        return
    bounds = ([(0, first_name)] if starts[0][0] > 0 else []) + list(starts)
    presentation = prs.part._element
    ext_lst = presentation.find(qn("p:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(presentation, qn("p:extLst"))
    for old in ext_lst.findall(qn("p:ext")):
        if old.get("uri") == SECTIONS_EXT:
            ext_lst.remove(old)
    ext = etree.Element(qn("p:ext"), uri=SECTIONS_EXT)
    ext_lst.insert(0, ext)
    listed = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for k, (start, name) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(slides)
        guid = uuid.uuid5(uuid.NAMESPACE_URL, f"deckgen-section:{k}:{name}")
        section = etree.SubElement(listed, f"{{{P14}}}section", name=name, id="{" + str(guid).upper() + "}")
        ids = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide in slides[start:end]:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide.slide_id))


def write_transition(slide, effect: str, seconds: float) -> None:
    """Give `slide` PowerPoint's transition `effect` taking `seconds`: its p:transition in an
    mc:AlternateContent, PowerPoint 2010's duration in the choice, and in the fallback what
    older clients play (morph falls back to a fade)."""
    sld = slide._element
    speed = "fast" if seconds < 0.6 else "med" if seconds < 0.9 else "slow"
    # p:transition comes after the colour mapping and before the timing
    anchor = sld.find(qn("p:clrMapOvr"))
    anchor = anchor if anchor is not None else sld.find(qn("p:cSld"))
    if effect == "none":  # a cut, over the deck's transition: every client knows it
        anchor.addnext(etree.Element(qn("p:transition"), spd=speed))
        return
    choice_ns = "p159" if effect == "morph" else "p14"
    alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    choice = etree.SubElement(alternate, f"{{{MC}}}Choice", Requires=choice_ns, nsmap={"p14": P14} | ({"p159": P159} if effect == "morph" else {}))
    chosen = etree.SubElement(choice, qn("p:transition"), spd=speed)
    chosen.set(f"{{{P14}}}dur", str(round(seconds * 1000)))
    _effect(chosen, effect)
    fallback = etree.SubElement(etree.SubElement(alternate, f"{{{MC}}}Fallback"), qn("p:transition"), spd=speed)
    _effect(fallback, "fade" if effect == "morph" else effect)
    anchor.addnext(alternate)


def _effect(transition, effect: str) -> None:
    """Add the element of `effect` under p:transition."""
    if effect == "fade":
        etree.SubElement(transition, qn("p:fade"))
    elif effect == "push":
        etree.SubElement(transition, qn("p:push"), dir="l")
    elif effect == "wipe":
        etree.SubElement(transition, qn("p:wipe"), dir="l")
    elif effect == "cover":
        etree.SubElement(transition, qn("p:cover"), dir="l")
    elif effect == "morph":
        etree.SubElement(transition, f"{{{P159}}}morph", option="byObject")
