"""The seam over python-pptx's package: linear part naming, deterministic zip, atomic write.

python-pptx names each new part by walking every part of the package, finds each new
relationship's twin by scanning all relationships, and each new slide id by scanning all slide
ids; each is linear, so a deck costs quadratic time in its slides. deckgen adds parts only
through `add_slide` below and the package it opens, so it can count instead. Everything here
touches python-pptx internals (underscored names); it is the only module that does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart

from ..errors import OutputError, Problem

_NUMBERED = re.compile(r"^(.*?)(\d+)(\.[A-Za-z0-9]+)$")


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
    sld_ids = prs.slides._sldIdLst
    prs._deckgen_next_slide_id = max([256] + [int(s.id) + 1 for s in sld_ids.sldId_lst])


def add_slide(prs, layout):
    """Return a new slide on `layout`, appended in constant time (see `speed_up`)."""
    rId, slide = prs.part.add_slide(layout)
    slide.shapes.clone_layout_placeholders(layout)
    slide_id = prs._deckgen_next_slide_id
    prs._deckgen_next_slide_id = slide_id + 1
    prs.slides._sldIdLst._add_sldId(id=slide_id, rId=rId)
    return slide


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
            archive.writestr(info, blob, compresslevel=6)

        write("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write("_rels/.rels", package._rels.xml)
        for part in parts:
            write(part.partname.membername, part.blob)
            if part._rels:
                write(part.partname.rels_uri.membername, part.rels.xml)


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


def digest(path: Path) -> str:
    """Return the SHA-256 of a file, for reproducibility checks."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
