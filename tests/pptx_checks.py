"""Package checks for every deck the suite builds: ECMA-376 schemas plus what schemas cannot see."""

from __future__ import annotations

import posixpath
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "xsd"
PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
# parts whose root elements the PresentationML schema set (with DrawingML) defines
SCHEMA_CHECKED_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml",
    "application/vnd.openxmlformats-officedocument.theme+xml",
}


class _Erratum(etree.Resolver):
    """Serve dml-main.xsd with a:buSzPct/@val typed as the schema's own union (see xsd/README.md)."""

    def resolve(self, url, pubid, context):
        if url.endswith("dml-main.xsd"):
            text = (XSD / "transitional" / "dml-main.xsd").read_text(encoding="utf-8")
            text = text.replace(
                '<xsd:complexType name="CT_TextBulletSizePercent">\n    <xsd:attribute name="val" type="ST_TextBulletSizePercent" use="required"/>',
                '<xsd:complexType name="CT_TextBulletSizePercent">\n    <xsd:attribute name="val" type="ST_TextBulletSize" use="required"/>',
            )
            return self.resolve_string(text, context, base_url=str(XSD / "transitional" / "dml-main.xsd"))
        return None


@lru_cache(maxsize=None)
def _schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Erratum())
    return etree.XMLSchema(etree.parse(str(XSD / name), parser))


def _abs_target(source_part: str, target: str) -> str:
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join("/" + base.lstrip("/"), target)).lstrip("/")


def check_package(path: str | Path) -> list[str]:
    """Return every problem found in the .pptx at `path` (empty when it is sound)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if len(names) != len(set(names)):
            problems.append("duplicate zip entries")
        if names[0] != "[Content_Types].xml":
            problems.append("[Content_Types].xml is not the first entry")
        parts = {n: archive.read(n) for n in names}
    ct_root = etree.fromstring(parts["[Content_Types].xml"])
    if not _schema("opc/opc-contentTypes.xsd").validate(ct_root):
        problems.append(f"[Content_Types].xml: {_schema('opc/opc-contentTypes.xsd').error_log.last_error}")
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in ct_root.findall(f"{{{CT_NS}}}Default")}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in ct_root.findall(f"{{{CT_NS}}}Override")}

    def content_type(name: str) -> str | None:
        return overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower())

    rels_schema = _schema("opc/opc-relationships.xsd")
    pml = _schema("transitional/pml.xsd")
    rels_of: dict[str, dict[str, tuple[str, str]]] = {}
    for name, blob in parts.items():
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        if content_type(name) is None:
            problems.append(f"{name}: no content type")
        if name.endswith(".rels"):
            root = etree.fromstring(blob)
            if not rels_schema.validate(root):
                problems.append(f"{name}: {rels_schema.error_log.last_error}")
            owner = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[: -len(".rels")])
            table = {}
            for rel in root:
                if rel.get("TargetMode") == "External":
                    continue
                target = _abs_target(owner, rel.get("Target"))
                table[rel.get("Id")] = (rel.get("Type"), target)
                if target not in parts:
                    problems.append(f"{name}: relationship {rel.get('Id')} targets missing part {target}")
            rels_of[owner] = table
    for name, blob in parts.items():
        ctype = content_type(name) or ""
        if ctype in SCHEMA_CHECKED_TYPES:
            root = etree.fromstring(blob)
            if not pml.validate(_as_strict_reader_sees(root)):
                for error in list(pml.error_log)[:3]:
                    problems.append(f"{name}:{error.line}: {error.message}")
            # every r:id / r:embed / r:link used in the part resolves to a relationship of that part
            known = rels_of.get(name, {})
            for element in root.iter():
                for attr, value in element.attrib.items():
                    if attr.startswith(f"{{{R_NS}}}") and value and value not in known:
                        # external hyperlinks are in the .rels too, with TargetMode=External
                        if not _external(parts, name, value):
                            problems.append(f"{name}: {attr.split('}')[1]}={value} has no relationship")
            if ctype.endswith("slide+xml"):
                ids = [int(e.get("id")) for e in root.iter(f"{{{PML}}}cNvPr")]
                if len(ids) != len(set(ids)):
                    problems.append(f"{name}: duplicate shape ids {sorted(i for i in ids if ids.count(i) > 1)}")
            if ctype.endswith("presentation.main+xml"):
                for sld in root.iter(f"{{{PML}}}sldId"):
                    if not 256 <= int(sld.get("id")) < 2147483648:
                        problems.append(f"{name}: slide id {sld.get('id')} out of range")
    chart_schema = None
    for name, blob in parts.items():
        if (content_type(name) or "").endswith("drawingml.chart+xml"):
            chart_schema = chart_schema or _schema("transitional/dml-chart.xsd")
            if not chart_schema.validate(etree.fromstring(blob)):
                for error in list(chart_schema.error_log)[:3]:
                    problems.append(f"{name}:{error.line}: {error.message}")
    core = parts.get("docProps/core.xml")
    if core is not None:
        etree.fromstring(core)  # well-formed at least; its schema needs Dublin Core over the network
    return problems


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _as_strict_reader_sees(root):
    """Return a copy of `root` with each mc:AlternateContent replaced by its mc:Fallback, as a
    reader that knows only ECMA-376 processes it (Part 3, markup compatibility) before the
    schemas apply; the choices, in Office's own namespaces, are openxml-audit's to check."""
    if root.find(f".//{{{MC_NS}}}AlternateContent") is None:
        return root
    root = etree.fromstring(etree.tostring(root))
    for alternate in list(root.iter(f"{{{MC_NS}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC_NS}}}Fallback")
        for child in list(fallback) if fallback is not None else []:
            alternate.addprevious(child)
        alternate.getparent().remove(alternate)
    return root


def _external(parts: dict[str, bytes], owner: str, rid: str) -> bool:
    rels_name = posixpath.join(posixpath.dirname(owner), "_rels", posixpath.basename(owner) + ".rels")
    blob = parts.get(rels_name)
    if blob is None:
        return False
    return any(rel.get("Id") == rid and rel.get("TargetMode") == "External" for rel in etree.fromstring(blob))
