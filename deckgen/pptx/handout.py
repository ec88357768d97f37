"""The deck a handout is printed from: every build at its last state, backup slides in or out,
the notes without the speaker's timing cue, the notes page's slide picture at the slide's shape.

What it uses below python-pptx's public API, all of python-pptx 1.0: `Slide._element`,
`Presentation.slides._sldIdLst`, `Part.drop_rel`, `Presentation.part._element`.
"""

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from .navigation import SECTIONS_EXT

_EXIT = "exit"


def prepare_handout(prs, hidden: bool, notes_pages: bool) -> int:
    """Make `prs` the deck a handout prints, in place; return how many slides it keeps.

    Backup slides are shown where `hidden`, else removed. Each slide shows its builds' last
    state: what an exit effect hides at the end is removed, and the timing dropped, so what
    appears on a click is simply there. With `notes_pages`, each notes page gets its slide
    picture at the slide's own proportions, the notes below it, and loses the timing cue."""
    id_list = prs.slides._sldIdLst
    for sld_id, slide in list(zip(id_list, prs.slides)):
        if slide._element.get("show") == "0":
            if hidden:
                del slide._element.attrib["show"]
            else:
                prs.part.drop_rel(sld_id.get(qn("r:id")))
                id_list.remove(sld_id)
    ext_lst = prs.part._element.find(qn("p:extLst"))
    for ext in ext_lst.findall(qn("p:ext")) if ext_lst is not None else []:
        if ext.get("uri") == SECTIONS_EXT:  # the sections name slides that may be gone
            ext_lst.remove(ext)
    for slide in prs.slides:
        _last_state(slide)
        if notes_pages and slide.has_notes_slide:
            _notes_page(prs, slide.notes_slide)
    return len(prs.slides)


def _last_state(slide) -> None:
    """Remove the shapes an exit effect leaves hidden after the last click, then the timing."""
    sld = slide._element
    timing = sld.find(qn("p:timing"))
    if timing is None:
        return
    last: dict[str, str] = {}  # shape id -> the class of the last effect on it
    for ctn in timing.iter(qn("p:cTn")):
        kind = ctn.get("presetClass")
        if kind in ("entr", _EXIT):
            target = next(ctn.iter(qn("p:spTgt")), None)
            if target is not None:
                last[target.get("spid")] = kind
    gone = {spid for spid, kind in last.items() if kind == _EXIT}
    for shape in list(slide.shapes):
        if str(shape.shape_id) in gone:
            shape._element.getparent().remove(shape._element)
    sld.remove(timing)


def _notes_page(prs, notes) -> None:
    """Place the notes page's slide picture across the page at the slide's proportions, the
    notes below it, and drop the notes' first paragraph: the speaker's timing cue."""
    size = prs.part._element.find(qn("p:notesSz"))
    page_w, page_h = int(size.get("cx")), int(size.get("cy"))
    margin = Inches(0.6)
    width = page_w - 2 * margin
    height = int(width * prs.slide_height / prs.slide_width)
    picture = body = None
    for shape in notes.shapes:
        kind = shape._element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        kind = kind.get("type") if kind is not None else None
        if kind == "sldImg":
            picture = shape
        elif kind == "body":
            body = shape
    if picture is not None:
        picture.left, picture.top, picture.width, picture.height = Emu(margin), Emu(margin), Emu(width), Emu(height)
    if body is not None:
        top = margin + height + Inches(0.35)
        body.left, body.top, body.width, body.height = Emu(margin), Emu(top), Emu(width), Emu(page_h - top - margin)
        paragraphs = body.text_frame._txBody.findall(qn("a:p"))
        if len(paragraphs) > 1:
            body.text_frame._txBody.remove(paragraphs[0])
        elif paragraphs:
            for run in paragraphs[0].findall(qn("a:r")):
                paragraphs[0].remove(run)
