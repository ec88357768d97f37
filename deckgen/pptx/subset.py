"""A built deck seen slide by slide: a digest of what each slide draws, and a deck of only some slides.

`deckgen serve` draws again only the slides whose digest changed, from a deck that holds just
them. This reads the package with zipfile and lxml, not python-pptx: a deck is hashed on every
save, and parsing it whole would cost more than the drawing it saves.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import zipfile

from lxml import etree

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
NOT_DRAWN = ("/notesSlide", "/slide", "/notesMaster", "/handoutMaster")  # relations that do not change a slide's picture
SLIDE_FIELD = re.compile(rb'type="slidenum"')


def _rels(z: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    """Return (type, target part) of each internal relationship of `part` in the package."""
    folder, name = part.rsplit("/", 1) if "/" in part else ("", part)
    rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    try:
        root = etree.fromstring(z.read(rels_name))
    except KeyError:
        return []
    out = []
    for rel in root.iterfind(f"{{{RELS_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else _join(folder, target)
        out.append((rel.get("Type", ""), path, rel.get("Id", "")))
    return out


def _join(folder: str, target: str) -> str:
    parts = folder.split("/") if folder else []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def slide_hashes(data: bytes) -> list[str]:
    """Return a digest of what each slide of the .pptx `data` looks like, in slide order.

    A slide's digest covers its own XML and every part it draws from (layout, master, theme,
    pictures, charts), not its notes: a slide whose digest is unchanged looks the same and need
    not be drawn again. A slide with a slide-number field also depends on its position.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        digests: dict[str, bytes] = {}

        def digest(part: str) -> bytes:
            if part not in digests:
                try:
                    digests[part] = hashlib.sha256(z.read(part)).digest()
                except KeyError:
                    digests[part] = b"missing"
            return digests[part]

        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        by_id = {rid: target for _, target, rid in _rels(z, "ppt/presentation.xml")}
        slides = [by_id.get(s.get(R_ID), "") for s in pres.iterfind(f"{{{P_NS}}}sldIdLst/{{{P_NS}}}sldId")]
        size = etree.tostring(pres.find(f"{{{P_NS}}}sldSz")) if pres.find(f"{{{P_NS}}}sldSz") is not None else b""
        out = []
        for position, slide in enumerate(slides, start=1):
            reached, todo = {slide}, [slide]
            while todo:
                part = todo.pop()
                for rel_type, target, _ in _rels(z, part):
                    if target not in reached and not rel_type.endswith(NOT_DRAWN):
                        reached.add(target)
                        todo.append(target)
            h = hashlib.sha256(digest(slide) + size)
            for d in sorted(digest(p) for p in reached - {slide}):
                h.update(d)
            try:
                if SLIDE_FIELD.search(z.read(slide)):
                    h.update(f"at {position}".encode())
            except KeyError:
                pass
            out.append(h.hexdigest()[:20])
        return out


def only_slides(data: bytes, positions: list[int]) -> bytes:
    """Return the .pptx `data` showing only the slides at `positions` (1-based), each looking as
    it does in the whole deck: LibreOffice opens a deck of a few slides faster than all of them.

    Only the slide list changes; every part stays in the package, so links between slides still
    resolve. A slide-number field would count within the smaller deck, so on the slides kept it
    becomes a run with the slide's number in the whole deck, in the field's own run properties.
    """
    keep = set(positions)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        by_id = {rid: target for _, target, rid in _rels(z, "ppt/presentation.xml")}
        listed = pres.find(f"{{{P_NS}}}sldIdLst")
        numbered: dict[str, int] = {}
        for position, entry in enumerate(list(listed), start=1):
            if position in keep:
                numbered[by_id.get(entry.get(R_ID), "")] = position
            else:
                listed.remove(entry)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as smaller:  # read once, at once: speed over size
            for info in z.infolist():
                body = z.read(info.filename)
                if info.filename == "ppt/presentation.xml":
                    body = etree.tostring(pres, xml_declaration=True, encoding="UTF-8", standalone=True)
                elif info.filename in numbered and SLIDE_FIELD.search(body):
                    body = _numbered(body, numbered[info.filename])
                smaller.writestr(info.filename, body)
        return out.getvalue()


def _numbered(slide_xml: bytes, number: int) -> bytes:
    """Return a slide's XML with each slide-number field replaced by a run of `number`."""
    root = etree.fromstring(slide_xml)
    for fld in list(root.iter(f"{{{A_NS}}}fld")):
        if fld.get("type") != "slidenum":
            continue
        run = etree.Element(f"{{{A_NS}}}r")
        props = fld.find(f"{{{A_NS}}}rPr")
        if props is not None:
            run.append(copy.deepcopy(props))
        etree.SubElement(run, f"{{{A_NS}}}t").text = str(number)
        fld.getparent().replace(fld, run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
