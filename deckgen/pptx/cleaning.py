"""A template's package made safe to build on: what would travel into every deck is dropped.

A template mailed around may carry relationships to outside the file (a picture linked from a
web server or a UNC share: the deck fetches it when opened, a beacon; links to `javascript:`
or `file:` addresses), a macro project, OLE objects and ActiveX controls, comments, custom XML
and embedded fonts. None of them is needed for a layout's look, and all of them would be copied
into every deck built on the template. `clean` drops them before python-pptx sees the package,
with what refers to them (a link element, a picture's `r:link`, the shape holding an object),
and says what it dropped.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MACRO_MAINS = (
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
)
# relationship types (their last path segment) that never reach a deck, and what to call them
DROPPED_TYPES = {
    "vbaProject": "a macro project (VBA)",
    "oleObject": "an OLE object",
    "package": "an embedded document",
    "control": "an ActiveX control",
    "activeXControlBinary": "an ActiveX control",
    "comments": "comments",
    "commentAuthors": "comment authors",
    "authors": "comment authors",
    "customXml": "custom XML",
    "customXmlProps": "custom XML",
    "customData": "custom data",
    "font": "an embedded font",
    "attachedTemplate": "an attached template",
}
_SHAPES = {"sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart", "AlternateContent"}
_LINKS = {"hlinkClick", "hlinkHover", "hlinkMouseOver", "snd", "wavAudioFile", "audioFile", "videoFile", "quickTimeFile"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=False)


def clean(data: bytes) -> tuple[bytes, list[str]]:
    """Return the package `data` with external relationships, macros, OLE objects, ActiveX,
    comments, custom XML and embedded fonts dropped, and one line per kind of thing dropped."""
    dropped: dict[str, int] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        parts = {e.filename: archive.read(e) for e in entries}
    removed_parts: set[str] = set()
    kept_targets: set[str] = set()
    changed: dict[str, bytes] = {}
    for name, blob in parts.items():
        if not name.endswith(".rels"):
            continue
        source = _source_of(name)
        try:
            rels = etree.fromstring(blob, _PARSER)
        except etree.XMLSyntaxError:
            continue
        gone: set[str] = set()
        for rel in list(rels):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if external or kind in DROPPED_TYPES:
                what = f"an external link ({_scheme(target)})" if external else DROPPED_TYPES[kind]
                dropped[what] = dropped.get(what, 0) + 1
                gone.add(rel.get("Id", ""))
                rels.remove(rel)
                if not external:
                    removed_parts.add(_resolve(source, target))
            elif not external:
                kept_targets.add(_resolve(source, target))
        if gone:
            changed[name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
            if source in parts and source.endswith(".xml"):
                cleaned = _drop_references(parts[source], gone)
                if cleaned is not None:
                    changed[source] = cleaned
    removed_parts -= kept_targets
    types = parts.get("[Content_Types].xml")
    if types is not None:
        cleaned_types = _clean_types(types, removed_parts)
        if cleaned_types != types:
            changed["[Content_Types].xml"] = cleaned_types
            if b"macroEnabled" in types:
                dropped.setdefault("a macro project (VBA)", 0)
    if not changed and not removed_parts:
        return data, []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in entries:
            if entry.filename in removed_parts or _rels_of_removed(entry.filename, removed_parts):
                continue
            copy.writestr(entry, changed.get(entry.filename, parts[entry.filename]))
    return out.getvalue(), [f"{what}{f' (×{count})' if count > 1 else ''}" for what, count in sorted(dropped.items())]


def _source_of(rels_name: str) -> str:
    """Return the part a .rels part belongs to: ppt/slides/_rels/slide1.xml.rels -> ppt/slides/slide1.xml."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _rels_of_removed(name: str, removed: set[str]) -> bool:
    return name.endswith(".rels") and _source_of(name) in removed


def _scheme(target: str) -> str:
    text = target.strip()
    if text.startswith(("\\\\", "//")):
        return "a network share"
    head = text.split(":", 1)[0].lower() if ":" in text.split("/", 1)[0] else ""
    return f"{head}:" if head else "a file outside the template"


def _drop_references(blob: bytes, gone: set[str]) -> bytes | None:
    """Return the XML part `blob` without what refers to relationships `gone`, or None if
    nothing did: a link element goes, a picture's `r:link` goes, an object's shape goes."""
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError:
        return None
    touched = False
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for attribute, value in list(element.attrib.items()):
            if not attribute.startswith("{%s}" % R_NS) or value not in gone:
                continue
            touched = True
            local = etree.QName(element).localname
            if local == "blip" and attribute.endswith("}link"):
                del element.attrib[attribute]
            elif local in _LINKS or local == "embeddedFont" or element.getparent() is None:
                _remove(element if local != "regular" else element.getparent())
            elif local in ("regular", "bold", "italic", "boldItalic"):
                _remove(element.getparent())  # the embedded font's whole entry
            else:
                _remove(_shape_of(element))
            break
    for fonts in root.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}embeddedFontLst"):
        if not len(fonts):
            _remove(fonts)
            touched = True
    if not touched:
        return None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _shape_of(element):
    node = element
    while node is not None:
        if etree.QName(node).localname in _SHAPES and node.getparent() is not None:
            # an object inside mc:AlternateContent goes with its fallback
            parent = node.getparent()
            if etree.QName(parent).localname in ("Choice", "Fallback"):
                node = parent.getparent()
                continue
            return node
        node = node.getparent()
    return element


def _remove(element) -> None:
    parent = element.getparent() if element is not None else None
    if parent is not None:
        parent.remove(element)


def _clean_types(blob: bytes, removed: set[str]) -> bytes:
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError:
        return blob
    for entry in list(root):
        part = entry.get("PartName", "").lstrip("/")
        if part and part in removed:
            root.remove(entry)
        elif entry.get("ContentType") in MACRO_MAINS:
            entry.set("ContentType", PPTX_MAIN)
        elif "macroEnabled" in entry.get("ContentType", "") or entry.get("ContentType") == "application/vnd.ms-office.vbaProject":
            root.remove(entry)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
