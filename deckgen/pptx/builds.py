"""Builds: a plan's click-by-click steps as PowerPoint's own entrance effects (`p:timing`).

What it uses below python-pptx's public API, all of python-pptx 1.0: `Slide._element`.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

LEAVE = "leave"  # a step's part: the shape disappears on that click (PowerPoint's "Disappear")


def write_builds(slide, steps: list[list[tuple[int, tuple | None]]]) -> None:
    """Make the slide build click by click: each step is the shapes (by id) that appear
    together on one click, whole (None), by paragraph range (first, last), or a part of a
    chart ("chart", series index, category index, build step).

    Written as PowerPoint writes them: "Appear" entrance effects in p:timing, one effect per
    paragraph (the paragraphs after a click's first "with previous"), and a build list naming
    every animated shape: PowerPoint, Keynote and LibreOffice play it, and LibreOffice keeps
    it when it saves the deck again.
    """
    if not steps:
        return
    sld = slide._element
    ids = iter(range(1, 10_000))
    root = etree.Element(qn("p:timing"))
    tn_lst = etree.SubElement(root, qn("p:tnLst"))
    top = _ctn(etree.SubElement(tn_lst, qn("p:par")), next(ids), dur="indefinite", restart="never", nodeType="tmRoot")
    seq = etree.SubElement(etree.SubElement(top, qn("p:childTnLst")), qn("p:seq"), concurrent="1", nextAc="seek")
    media = _media_nodes(sld)
    main = etree.SubElement(_ctn(seq, next(ids), dur="indefinite", nodeType="mainSeq"), qn("p:childTnLst"))
    by_paragraph: list[int] = []
    whole: list[tuple[int, int]] = []  # (shape id, build group): entrance and exit are groups of their own
    by_series: list[int] = []
    groups: dict[tuple[int, bool], int] = {}
    for step in steps:
        click = _ctn(etree.SubElement(main, qn("p:par")), next(ids), fill="hold", delay="indefinite")
        together = _ctn(etree.SubElement(etree.SubElement(click, qn("p:childTnLst")), qn("p:par")), next(ids), fill="hold", delay="0")
        effects = etree.SubElement(together, qn("p:childTnLst"))
        for k, (spid, part) in enumerate(_one_paragraph_each(step)):
            leave = part == LEAVE
            group = groups.setdefault((spid, leave), sum(1 for key in groups if key[0] == spid))
            effect = _ctn(
                etree.SubElement(effects, qn("p:par")), next(ids), presetID="1", presetClass="exit" if leave else "entr", presetSubtype="0",
                fill="hold", grpId=str(group), nodeType="clickEffect" if k == 0 else "withEffect", delay="0",
            )
            _appear(effect, next(ids), spid, None if leave else part, "hidden" if leave else "visible")
            if part is not None and not leave:
                listed = by_series if part[0] == "chart" else by_paragraph
                if spid not in listed:
                    listed.append(spid)
            elif (spid, group) not in whole:
                whole.append((spid, group))
    for which, event in (("p:prevCondLst", "onPrev"), ("p:nextCondLst", "onNext")):
        cond = etree.SubElement(etree.SubElement(seq, qn(which)), qn("p:cond"), evt=event, delay="0")
        etree.SubElement(etree.SubElement(cond, qn("p:tgtEl")), qn("p:sldTgt"))
    top.find(qn("p:childTnLst")).extend(media)  # after the click sequence, as PowerPoint keeps them
    for number, ctn in enumerate(root.iter(qn("p:cTn")), 1):
        ctn.set("id", str(number))
    # the build list names every animated shape as PowerPoint does: text built by paragraph
    # (build="p"), other shapes whole; pictures, groups and tables have no entry there
    shapes = {int(e.get("id")): e.getparent().getparent().tag for e in sld.iter(qn("p:cNvPr"))}
    listed = [(spid, 0, "p") for spid in by_paragraph] + [(spid, group, None) for spid, group in whole if shapes.get(spid) == qn("p:sp") and spid not in by_paragraph]
    if listed or by_series:
        builds = etree.SubElement(root, qn("p:bldLst"))
        for spid, group, how in listed:
            etree.SubElement(builds, qn("p:bldP"), spid=str(spid), grpId=str(group), **({"build": how} if how else {"animBg": "1"}))
        for spid in by_series:
            graphic = etree.SubElement(builds, qn("p:bldGraphic"), spid=str(spid), grpId="0")
            etree.SubElement(etree.SubElement(graphic, qn("p:bldSub")), qn("a:bldChart"), bld="series")
    after = sld.find(qn("p:clrMapOvr"))
    (after if after is not None else sld.find(qn("p:cSld"))).addnext(root)


def _media_nodes(sld) -> list:
    """Return the slide's video and sound timing nodes, taking its timing (which held only
    them) off the slide: the builds' timing holds them from then on."""
    timing = sld.find(qn("p:timing"))
    if timing is None:
        return []
    nodes = timing.xpath("./p:tnLst/p:par/p:cTn/p:childTnLst/*[self::p:video or self::p:audio]")
    sld.remove(timing)
    return nodes


def _one_paragraph_each(step):
    """Return a click's targets with every paragraph range split into one target per paragraph."""
    out = []
    for spid, part in step:
        if part is not None and part != LEAVE and part[0] != "chart":
            out += [(spid, (k, k)) for k in range(part[0], part[1] + 1)]
        else:
            out.append((spid, part))
    return out


def _appear(effect, id_: int, spid: int, part, visibility: str = "visible") -> None:
    """Fill `effect` with the one behaviour of "Appear" (or, made "hidden", "Disappear"):
    shape `spid`, or its paragraph range or chart part `part`, made visible."""
    behaviour = etree.SubElement(etree.SubElement(etree.SubElement(effect, qn("p:childTnLst")), qn("p:set")), qn("p:cBhvr"))
    _ctn(behaviour, id_, dur="1", fill="hold", delay="0")
    target = etree.SubElement(etree.SubElement(behaviour, qn("p:tgtEl")), qn("p:spTgt"), spid=str(spid))
    if part is not None and part[0] == "chart":
        _, series, category, step_name = part
        etree.SubElement(etree.SubElement(target, qn("p:graphicEl")), qn("a:chart"), seriesIdx=str(series), categoryIdx=str(category), bldStep=step_name)
    elif part is not None:
        etree.SubElement(etree.SubElement(target, qn("p:txEl")), qn("p:pRg"), st=str(part[0]), end=str(part[1]))
    etree.SubElement(etree.SubElement(behaviour, qn("p:attrNameLst")), qn("p:attrName")).text = "style.visibility"
    etree.SubElement(etree.SubElement(behaviour.getparent(), qn("p:to")), qn("p:strVal"), val=visibility)


def _ctn(parent, id_: int, delay: str | None = None, **attrs: str):
    """Add a p:cTn with `id_` and `attrs` under `parent`, starting after `delay` when given."""
    ctn = etree.SubElement(parent, qn("p:cTn"), id=str(id_), **attrs)
    if delay is not None:
        etree.SubElement(etree.SubElement(ctn, qn("p:stCondLst")), qn("p:cond"), delay=delay)
    return ctn
