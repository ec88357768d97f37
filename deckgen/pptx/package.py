"""The seam over python-pptx's package: linear part naming, deterministic zip.

python-pptx names each new part by walking every part of the package, finds each new
relationship's twin by scanning all relationships, and each new slide id by scanning all slide
ids; each is linear, so a deck costs quadratic time in its slides. deckgen adds parts only
through `add_slide` below and the package it opens, so it can count instead. Everything here
touches python-pptx's package internals (parts, relationships, part names); it is the only
module that does. The slide writers reach below python-pptx's text objects only to their XML
elements (`_p`, `_r`, `_txBody`).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import posixpath
import zipfile
from typing import IO

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from ..errors import OutputError, Problem


def speed_up(prs) -> None:
    """Give `prs`'s package counters for part names and media numbers, and indexes for
    relationship lookups and images.

    The counters are seeded once from what the template already holds, so names stay unique
    and consecutive (slide1, slide2, ...), exactly as python-pptx would have chosen them.
    """
    package = prs.part.package
    next_numbers: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        if tmpl not in next_numbers:
            prefix = tmpl[: (tmpl % 42).find("42")]
            taken = {p.partname for p in package.iter_parts() if p.partname.startswith(prefix)}
            n = 1
            while tmpl % n in taken:
                n += 1
            next_numbers[tmpl] = n
        n = next_numbers[tmpl]
        next_numbers[tmpl] = n + 1
        return PackURI(tmpl % n)

    package.next_partname = next_partname

    # python-pptx numbers a new picture, and looks for its twin, by walking every part
    media_taken: set[int] = set()
    images: dict[str, ImagePart] = {}
    for part in package.iter_parts():
        if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None:
            media_taken.add(part.partname.idx)
        if isinstance(part, ImagePart) and hasattr(part, "sha1"):
            images.setdefault(part.sha1, part)
    lowest_free = 1  # numbers are only ever taken, so the lowest free one only grows

    def next_image_partname(ext: str) -> PackURI:
        nonlocal lowest_free
        n = lowest_free  # the lowest free number, as python-pptx chooses it
        while n in media_taken:
            n += 1
        media_taken.add(n)
        lowest_free = n + 1
        return PackURI(f"/ppt/media/image{n}.{ext}")

    package.next_image_partname = next_image_partname

    def get_or_add_image_part(image_file) -> ImagePart:
        image = PptxImage.from_file(image_file)
        part = images.get(image.sha1)
        if part is None:
            part = images[image.sha1] = ImagePart.new(package, image)
        return part

    package.get_or_add_image_part = get_or_add_image_part

    # the presentation part relates to every slide: index its relationships once
    rels = prs.part._rels
    index = {(rel.reltype, id(rel.target_part)): rId for rId, rel in rels.items() if not rel.is_external}

    def get_or_add(reltype: str, target_part) -> str:
        key = (reltype, id(target_part))
        rId = index.get(key)
        if rId is None:
            rId = index[key] = rels._add_relationship(reltype, target_part)
        return rId

    rels.get_or_add = get_or_add


def drop_slides(prs) -> int:
    """Remove the template's own slides (their parts go with them); return how many there were."""
    id_list = prs.slides._sldIdLst
    ids = list(id_list)
    for sld_id in ids:
        prs.part.drop_rel(sld_id.get("{%s}id" % "http://schemas.openxmlformats.org/officeDocument/2006/relationships"))
        id_list.remove(sld_id)
    return len(ids)


_TITLE_KINDS = ("title", "ctrTitle")


def settle_placeholders(prs) -> int:
    """Give every placeholder of every layout an index of its own, and take the literal text
    out of the masters' and layouts' date placeholders; return how many were changed.

    A slide's placeholder inherits its place and its text style from the layout's placeholder
    of the same index (a title's, by its type). LibreOffice's templates, converted to .pptx,
    leave the subtitle and the content placeholder at index 0, the title's, and give the date
    placeholder index 1: PowerPoint, Aspose and python-pptx then draw the body in the title's
    place, in the title's style. Their date placeholders, and the field frames of their
    masters, hold the words "<date/time>", which every client draws as they are; a master's
    slide-number frame, a text box of its own, would number every slide a second time."""
    changed = 0
    for master in prs.slide_masters:
        for layout in [master, *master.slide_layouts]:
            tree = layout._element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
            phs = [ph for ph in tree.iter(qn("p:ph"))]
            taken = {int(ph.get("idx", "0")) for ph in phs}
            seen: set[int] = set()
            fresh = max(taken | {0}) + 1
            for ph in phs:
                idx = int(ph.get("idx", "0"))
                kind = ph.get("type", "obj")
                if layout is not master and (idx in seen or (idx == 0 and kind not in _TITLE_KINDS)):
                    ph.set("idx", str(fresh))
                    seen.add(fresh)
                    fresh += 1
                    changed += 1
                else:
                    seen.add(idx)
                if kind == "dt":
                    sp = ph.getparent().getparent().getparent()
                    for run in list(sp.iter(qn("a:r"))):
                        if run.getparent().tag == qn("a:p"):
                            run.getparent().remove(run)
                            changed += 1
            # LibreOffice writes its masters' field frames as plain text boxes holding the
            # field's name: drawn on every slide, they would read "<date/time>"
            for run in list(tree.iter(qn("a:r"))):
                text = run.find(qn("a:t"))
                if text is not None and (text.text or "").strip() in _FIELD_NAMES:
                    run.getparent().remove(run)
                    changed += 1
            # and their slide-number frame as a text box holding a slide-number field, beside
            # the slide-number placeholder: every client draws both, two numbers on each slide
            # (the deck's own number stands in the placeholder, in a colour that reads there)
            for field in list(tree.iter(qn("a:fld"))):
                if field.get("type") == "slidenum" and not _in_placeholder(field):
                    field.getparent().remove(field)
                    changed += 1
    return changed


def _in_placeholder(element) -> bool:
    """Return whether `element` (inside a shape's text) belongs to a placeholder."""
    shape = element
    while shape is not None and shape.tag != qn("p:sp"):
        shape = shape.getparent()
    return shape is not None and shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is not None


_FIELD_NAMES = {"<date/time>", "<footer>", "<number>"}


VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
)


def ensure_view_properties(prs) -> None:
    """Give the deck a view-properties part where its template has none (LibreOffice writes
    none): PowerPoint offers to repair a presentation without one."""
    from pptx.opc.package import Part  # deferred: python-pptx loads only when this runs

    part = prs.part
    if any(rel.reltype == RT.VIEW_PROPS for rel in part.rels.values()):
        return
    props = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, part.package, VIEW_PROPS)
    part.relate_to(props, RT.VIEW_PROPS)


class SlideFactory:
    """Add slides and notes slides in constant time per slide.

    python-pptx makes each new slide by parsing an empty slide and cloning its layout's
    placeholders through many compiled XPath queries, and each notes slide likewise from the
    notes master. The first slide of each layout (and the first notes slide) is made the
    python-pptx way; later ones are deep copies of that pristine XML, which is what python-pptx
    would have produced, wired into the package directly.
    """

    def __init__(self, prs):
        self.prs = prs
        self.package = prs.part.package
        self._slides: dict[str, object] = {}  # layout part name -> pristine p:sld
        self._placeholders: dict[str, list[tuple[int, int]]] = {}  # -> (idx, position in spTree)
        self._notes = None  # pristine p:notes, its text body emptied
        self._notes_body_path: list[int] = []
        self._master = None
        self._sld_id_lst = prs.slides._sldIdLst
        self._next_id = max([256] + [int(s.get("id")) + 1 for s in self._sld_id_lst.iterchildren(_SLD_ID)])

    def add_slide(self, layout):
        """Return a new slide on `layout`, appended to the deck, and its placeholders by index."""
        prs, package = self.prs, self.package
        partname = package.next_partname("/ppt/slides/slide%d.xml")
        key = str(layout.part.partname)
        prototype = self._slides.get(key)
        if prototype is None:
            part = SlidePart.new(partname, package, layout.part)
            part.slide.shapes.clone_layout_placeholders(layout)
            tree = part._element.cSld.spTree
            self._placeholders[key] = _roles(tree)
            self._slides[key] = clone(part._element)
        else:
            part = SlidePart(partname, CT.PML_SLIDE, package, clone(prototype))
            part._rels._add_relationship(RT.SLIDE_LAYOUT, layout.part)
            tree = part._element.cSld.spTree
        rId = prs.part.relate_to(part, RT.SLIDE)
        etree.SubElement(self._sld_id_lst, _SLD_ID, {"id": str(self._next_id), _R_ID: rId})
        self._next_id += 1
        # the writers look placeholders up by role; the prototype says where each one is
        return part.slide, {role: tree[i] for role, i in self._placeholders[key]}

    def set_notes(self, slide, text: str, lang: str = "en-US") -> None:
        """Give `slide` a notes slide holding `text`, one paragraph per line, in language `lang`."""
        if self._notes is None:
            notes = slide.notes_slide  # made by python-pptx from the notes master
            body = notes.notes_placeholder._element.txBody
            self._notes_body_path = _path_to(notes._element, body)
            for p in body.findall(_A_P):
                body.remove(p)
            self._notes = clone(notes._element)
            _set_paragraphs(body, text, lang)
            return
        element = clone(self._notes)
        package = self.package
        part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE, package, element)
        part._rels._add_relationship(RT.NOTES_MASTER, self._notes_master_part())
        part._rels._add_relationship(RT.SLIDE, slide.part)
        slide.part._rels._add_relationship(RT.NOTES_SLIDE, part)
        body = element
        for i in self._notes_body_path:
            body = body[i]
        _set_paragraphs(body, text, lang)

    def _notes_master_part(self):
        if self._master is None:
            self._master = self.package.presentation_part.notes_master_part
        return self._master


_SLD_ID = qn("p:sldId")
_R_ID = qn("r:id")
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_A_P, _A_R, _A_T, _A_RPR = qn("a:p"), qn("a:r"), qn("a:t"), qn("a:rPr")
_escape_ctrl_chars = CT_RegularTextRun._escape_ctrl_chars


def _roles(tree) -> list[tuple[int, int]]:
    """Return (role, position in the shape tree) of each placeholder a new slide holds: role 0
    for the title, 1 for the first body, content or subtitle placeholder, 100 and up for others.

    Roles, not indexes: templates number placeholders their own way (LibreOffice leaves every
    index 0), and PowerPoint matches a slide's placeholder to its layout's by type as well."""
    out, taken = [], set()
    for i, sp in enumerate(tree):
        ph = sp.find(_PH_PATH)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        role = 0 if kind in ("title", "ctrTitle") else 1 if kind in ("body", "obj", "subTitle") else None
        if role is None or role in taken:
            role = 100 + i
        taken.add(role)
        out.append((role, i))
    return out


def clone(element):
    """Return a deep copy of lxml `element` (copy.deepcopy's memo bookkeeping is not needed)."""
    return element.__deepcopy__(None)


def _path_to(root, element) -> list[int]:
    """Return the child indexes leading from `root` down to `element`."""
    path = []
    while element is not root:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    return path[::-1]


def _set_paragraphs(body, text: str, lang: str) -> None:
    """Append to text body `body` one paragraph per line of `text`, as python-pptx's
    `TextFrame.text` would (a line holding a vertical tab goes through python-pptx itself),
    each run tagged with language `lang`."""
    for line in text.split("\n"):
        if "\v" in line:
            p = body.add_p()
            p.append_text(line)
            for r in p.iter(_A_R):
                r.insert(0, etree.Element(_A_RPR, lang=lang))
            continue
        p = etree.SubElement(body, _A_P)
        if line:
            r = etree.SubElement(p, _A_R)
            etree.SubElement(r, _A_RPR, lang=lang)
            etree.SubElement(r, _A_T).text = _escape_ctrl_chars(line)


# a zip archive can record times from 1980 to 2107 only
ZIP_FIRST, ZIP_LAST = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)


def _in_zip_range(stamp: dt.datetime) -> dt.datetime:
    return min(max(stamp, ZIP_FIRST), ZIP_LAST)


def build_time() -> dt.datetime:
    """Return the timestamp recorded in the deck: $SOURCE_DATE_EPOCH, else a fixed date.

    Never the clock: two builds of the same outline give the same bytes. A SOURCE_DATE_EPOCH
    that is not a whole number of seconds is an error (OutputError, exit 2), not ignored.
    """

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip():
        return dt.datetime(2000, 1, 1)
    if not epoch.strip().isdigit() or len(epoch.strip()) > 12:
        raise OutputError(Problem(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch[:40]!r}"))
    seconds = min(int(epoch), int((ZIP_LAST - dt.datetime(1970, 1, 1)).total_seconds()))
    stamp = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)
    return _in_zip_range(stamp)


def deck_time(date: str | None) -> dt.datetime:
    """Return the deck's date as a datetime when it is ISO (YYYY-MM-DD), else build_time(),
    within the years a zip archive can record."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return build_time()
    if date:
        try:
            return _in_zip_range(dt.datetime.fromisoformat(date.strip()[:10]))
        except ValueError:
            pass
    return build_time()


def set_properties(prs, title: str, author: str | None, subject: str | None, when: dt.datetime, language: str = "en-US") -> None:
    """Set the core properties from the deck's metadata, replacing the template's."""
    props = prs.core_properties
    props.language = language
    props.title = title
    props.author = author or ""
    props.subject = subject or ""
    props.last_modified_by = author or ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def serialize(prs, stream: IO[bytes], when: dt.datetime) -> None:
    """Write `prs` as a .pptx to `stream`: python-pptx's part order, fixed entry times.

    The archive is assembled in memory and written in one go: zipfile seeks back over every
    entry's header, and on a real file each seek flushes a write to the disk. A deck holding
    more than LARGE_MEDIA of video and sound is written straight to `stream` instead (when it
    can seek): a growing buffer would hold the clips twice, and three times while it grows.
    """
    package = prs.part.package
    parts = list(package.iter_parts())
    stamp = when.timetuple()[:6]
    media = sum(len(part.blob) for part in parts if _is_media(part))
    direct = media > LARGE_MEDIA and stream.seekable()
    buffer = stream if direct else io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def write(name: str, blob: bytes, stored: bool = False) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, blob, compresslevel=1)  # fast; level 6 saves only ~4%

        write("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write("_rels/.rels", rels_xml(package._rels, "/"))
        for part in parts:
            partname = part.partname
            # video and sound are compressed already: deflating a 200 MiB clip again would cost
            # seconds for nothing
            write(partname.membername, part.blob, stored=_is_media(part))
            if part._rels:
                write(partname.rels_uri.membername, rels_xml(part._rels, partname.baseURI))
    if not direct:
        stream.write(buffer.getbuffer())


LARGE_MEDIA = 32 * 1024 * 1024  # bytes of video and sound past which a deck is not assembled in memory


def _is_media(part) -> bool:
    return part.content_type.startswith(("video/", "audio/"))


def rels_xml(rels, base_uri: str) -> bytes:
    """Return the .rels part of relationships `rels` of a part in folder `base_uri`.

    The bytes are what python-pptx writes, relationships in the same numerical rId order.
    python-pptx parses a small XML string for every relationship and finds every target's
    relative path with posixpath.relpath; a deck of thousands of slides has thousands of
    relationships, so the text is put together directly here.
    """

    def order(rId: str) -> tuple[int, str]:
        return (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)

    out = [_RELS_HEAD]
    for rId in sorted(rels.keys(), key=order):
        rel = rels[rId]
        if rel.is_external:
            target, mode = rel.target_ref, ' TargetMode="External"'
        else:
            folder, _, name = rel.target_partname.rpartition("/")
            target, mode = _relative_folder(folder or "/", base_uri) + name, ""
        out.append(f'<Relationship Id="{_attr(rId)}" Type="{_attr(rel.reltype)}" Target="{_attr(target)}"{mode}/>')
    out.append("</Relationships>")
    return "".join(out).encode("utf-8")


_RELS_HEAD = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
)


@functools.lru_cache(maxsize=256)
def _relative_folder(folder: str, base_uri: str) -> str:
    """Return the path from folder `base_uri` to `folder`, ending in "/" unless empty."""
    if base_uri == "/":
        rel = folder[1:]
    else:
        rel = posixpath.relpath(folder, base_uri)
    return "" if rel in ("", ".") else rel + "/"


_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _attr(value: str) -> str:
    """Escape `value` for a double-quoted XML attribute, as lxml does."""
    return value.translate(_ATTR_ESCAPES)
