"""The seam over python-pptx's package: linear part naming, deterministic zip, atomic write.

python-pptx names each new part by walking every part of the package, finds each new
relationship's twin by scanning all relationships, and each new slide id by scanning all slide
ids; each is linear, so a deck costs quadratic time in its slides. deckgen adds parts only
through `add_slide` below and the package it opens, so it can count instead. Everything here
touches python-pptx internals (underscored names); it is the only module that does.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.text.text import TextFrame

from ..errors import OutputError, Problem



def speed_up(prs) -> None:
    """Give `prs`'s package counters for part names, relationship lookups and images.

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

    images: dict[str, ImagePart] = {}
    for part in package.iter_parts():
        if isinstance(part, ImagePart) and hasattr(part, "sha1"):
            images.setdefault(part.sha1, part)

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


class SlideFactory:
    """Add slides and notes slides in constant time per slide.

    python-pptx clones a layout's placeholders into every new slide, and a notes master's
    placeholders into every new notes slide, through many compiled XPath queries. The first
    slide of each layout (and the first notes slide) is made the python-pptx way; later ones
    copy that result's shape tree, which is the same XML python-pptx would have produced.
    """

    def __init__(self, prs):
        self.prs = prs
        self.package = prs.part.package
        self._slide_trees: dict[str, object] = {}  # layout part name -> pristine spTree
        self._notes_tree = None
        self._next_id = max([256] + [int(s.id) + 1 for s in prs.slides._sldIdLst.sldId_lst])

    def add_slide(self, layout):
        """Return a new slide on `layout`, appended to the deck."""
        prs = self.prs
        key = str(layout.part.partname)
        tree = self._slide_trees.get(key)
        if tree is None:
            rId, slide = prs.part.add_slide(layout)
            slide.shapes.clone_layout_placeholders(layout)
            self._slide_trees[key] = copy.deepcopy(slide._element.cSld.spTree)
        else:
            slide_part = SlidePart.new(prs.part._next_slide_partname, self.package, layout.part)
            old = slide_part._element.cSld.spTree
            old.getparent().replace(old, copy.deepcopy(tree))
            rId = prs.part.relate_to(slide_part, RT.SLIDE)
            slide = slide_part.slide
        prs.slides._sldIdLst._add_sldId(id=self._next_id, rId=rId)
        self._next_id += 1
        return slide

    def set_notes(self, slide, text: str) -> None:
        """Give `slide` a notes slide holding `text`."""
        if self._notes_tree is None:
            notes = slide.notes_slide
            self._notes_body = list(notes._element.cSld.spTree).index(notes.notes_placeholder._element)
            self._notes_tree = copy.deepcopy(notes._element)
            notes.notes_text_frame.text = text
            return
        element = copy.deepcopy(self._notes_tree)
        part = NotesSlidePart(self.package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE, self.package, element)
        part.relate_to(self.package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        TextFrame(element.cSld.spTree[self._notes_body].txBody, None).text = text


def build_time() -> dt.datetime:
    """Return the timestamp recorded in the deck: $SOURCE_DATE_EPOCH, else a fixed date.

    Never the clock: two builds of the same outline give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
        return max(stamp, dt.datetime(1980, 1, 1))
    return dt.datetime(2000, 1, 1)


def deck_time(date: str | None) -> dt.datetime:
    """Return the deck's date as a datetime when it is ISO (YYYY-MM-DD), else build_time()."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return build_time()
    if date:
        try:
            return max(dt.datetime.fromisoformat(date.strip()[:10]), dt.datetime(1980, 1, 1))
        except ValueError:
            pass
    return build_time()


def set_properties(prs, title: str, author: str | None, subject: str | None, when: dt.datetime) -> None:
    """Set the core properties from the deck's metadata, replacing the template's."""
    props = prs.core_properties
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
    """Write `prs` as a .pptx to `stream`: python-pptx's part order, fixed entry times."""
    package = prs.part.package
    parts = list(package.iter_parts())
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, blob: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, blob, compresslevel=1)  # fast; level 6 saves only ~4%

        write("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write("_rels/.rels", rels_xml(package._rels))
        for part in parts:
            write(part.partname.membername, part.blob)
            if part._rels:
                write(part.partname.rels_uri.membername, rels_xml(part.rels))


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels_xml(rels) -> bytes:
    """Return a .rels part: what python-pptx writes, in the same numerical rId order.

    python-pptx parses a small XML string for every relationship it serializes; a deck of
    thousands of slides has thousands of them, so they are built as plain elements here.
    """
    root = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})

    def order(rId: str) -> tuple[int, str]:
        return (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)

    for rId in sorted(rels.keys(), key=order):
        rel = rels[rId]
        element = etree.SubElement(root, f"{{{_RELS_NS}}}Relationship", Id=rId, Type=rel.reltype, Target=rel.target_ref)
        if rel.is_external:
            element.set("TargetMode", "External")
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def write_atomic(path: Path, write) -> None:
    """Call `write(stream)` into a temporary file beside `path`, then rename it into place.

    A failure (or a kill) midway leaves whatever was at `path` untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(Problem(f"cannot write here: {exc.strerror}", str(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(Problem(f"cannot write here: {exc.strerror}", str(path))) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
