"""SVG pictures, untrusted: parsed without DTDs or entities, refused when they reach outside
themselves (links, scripts, fonts, embedded files) or past size and element limits.

A checked SVG is stored in the deck as itself (PowerPoint 2016 and later draw it as vectors)
beside a PNG fallback drawn by resvg (`fallback_png`) for older clients. resvg, not CairoSVG:
it is one wheel with no system library, has no network code at all, and passes more of the
SVG test suite; CairoSVG needs libcairo from the system and fetches `href`s unless told not to.
"""

from __future__ import annotations

import io
import re

MAX_SVG_BYTES = 5 * 1024 * 1024
MAX_ELEMENTS = 20_000
MAX_SIDE = 10_000  # user units: an SVG's width, height or viewBox side
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
REFUSED = {"script": "a script", "foreignObject": "foreign (HTML) content", "image": "an embedded or linked picture",
           "font-face-uri": "a font to fetch", "font-face-src": "a font to fetch", "iframe": "a frame", "feImage": "a linked picture"}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
_IMPORT = re.compile(r"@import|@font-face", re.I)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|mm|cm|in|)\s*$", re.I)
_UNIT = {"": 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def is_svg(data: bytes) -> bool:
    """Return whether `data` looks like an SVG document (XML whose first element is svg)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parsed(data: bytes):
    """Return the root of SVG `data`, parsed with no DTD, entity or external reference and no
    more than MAX_ELEMENTS elements; raise ValueError."""
    from xml.etree.ElementTree import ParseError  # deferred: as defusedxml below

    import defusedxml.ElementTree as safe  # deferred: only outlines with SVG pictures parse XML here
    from defusedxml import DefusedXmlException  # deferred: as above

    count, root = 0, None
    try:
        for event, element in safe.iterparse(io.BytesIO(data), events=("start",), forbid_dtd=True, forbid_entities=True, forbid_external=True):
            count += 1
            if root is None:
                root = element
            if count > MAX_ELEMENTS:
                raise ValueError(f"has more than {MAX_ELEMENTS} elements; SVG pictures are limited to {MAX_ELEMENTS}")
    except DefusedXmlException as exc:
        raise ValueError(f"declares a DTD or entities ({type(exc).__name__}); deckgen reads SVG without them: remove the <!DOCTYPE>") from None
    except ParseError as exc:
        raise ValueError(f"is not well-formed SVG ({exc})") from None
    if root is None or root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("is not an SVG document (its first element is not <svg> in the SVG namespace)")
    return root


def checked_svg(data: bytes) -> bytes:
    """Return SVG bytes `data`, checked: well-formed, no DTD or entity, nothing it would fetch
    or run, within MAX_ELEMENTS and MAX_SIDE; raise ValueError saying what is wrong."""
    root = _parsed(data)
    for element in root.iter():
        name = _local(element.tag)
        if name in REFUSED:
            raise ValueError(f"holds {REFUSED[name]} (<{name}>); deckgen shows only self-contained SVG: remove it")
        for key, value in element.attrib.items():
            attr = _local(key)
            if attr.lower().startswith("on"):
                raise ValueError(f"holds a script (the {attr} attribute of <{name}>): remove it")
            if attr == "href" and not value.strip().startswith("#"):
                raise ValueError(f"links to {value[:60]!r} (href of <{name}>); deckgen shows only self-contained SVG: embed it, or refer within the file (#id)")
            if _EXTERNAL_URL.search(value):
                raise ValueError(f"refers to a file or address (url(...) in {attr} of <{name}>): refer within the file (url(#id))")
        if name == "style" and element.text and (_IMPORT.search(element.text) or _EXTERNAL_URL.search(element.text)):
            raise ValueError("has a style sheet that imports or fetches (@import, @font-face, url(...)): remove it")
    svg_size(data, root)
    return data


def svg_size(data: bytes, root=None) -> tuple[int, int]:
    """Return an SVG's size in pixels (96 per inch): its width and height, else its viewBox's;
    raise ValueError past MAX_SIDE."""
    root = _parsed(data) if root is None else root
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v] if root.get("viewBox") else []
    if box and (len(box) != 4 or box[2] <= 0 or box[3] <= 0):
        raise ValueError(f"has a viewBox {root.get('viewBox')!r} that is not four numbers with a positive width and height")
    sides = []
    for k, attr in enumerate(("width", "height")):
        found = _LENGTH.match(root.get(attr, "") or "")
        sides.append(float(found.group(1)) * _UNIT[found.group(2).lower()] if found else (box[2 + k] if box else None))
    if sides[0] is None or sides[1] is None:
        raise ValueError("has no size: give the <svg> a viewBox (or width and height)")
    for value in sides + box[2:]:
        if value > MAX_SIDE or value <= 0:
            raise ValueError(f"is {sides[0]:g}x{sides[1]:g} (viewBox {root.get('viewBox')!r}); SVG pictures are limited to {MAX_SIDE} units a side")
    return max(1, round(sides[0])), max(1, round(sides[1]))


def fallback_png(data: bytes, width_px: int, height_px: int) -> bytes:
    """Return checked SVG `data` drawn as a PNG of `width_px` x `height_px` by resvg."""
    import resvg_py  # deferred: resvg loads only for decks with SVG pictures

    return bytes(resvg_py.svg_to_bytes(svg_string=data.decode("utf-8"), width=max(1, int(width_px)), height=max(1, int(height_px))))
