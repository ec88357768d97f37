"""Read any PowerPoint deck into an outline; a deck deckgen wrote comes back as its outline.

What it uses below python-pptx's public API, all of python-pptx 1.0: the lxml elements behind
its objects (`Shape._element`, `_Paragraph._p`, `Chart._chartSpace`), read, never written.
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from lxml import etree
from PIL import Image
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from ..escapes import MONO_FONTS, Span, escaped, jinja_safe, spoken_safe, to_markup
from ..kinds.chart import ChartSlide, alt_text, colours
from ..kinds.closing import readable_address
from ..kinds.code import STYLES, _token_colour, highlighted
from ..markup import plain
from ..readers.picture import PICTURE
from ..theme import blend, builtin_theme, template_path
from ..timing import estimate_minutes
from ..words import Words
from .opening import open_deck, refuse

# parts python-pptx does not model (a theme, SmartArt's data) are read with entities off, as
# python-pptx reads its own; the archive was already refused if any part declares a DTD
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
EMU_IN = 914400
MAX_TEXT = 1024 * 1024  # characters of text: with its YAML around it, within an outline's 2 MiB
MAX_ITEMS = 200  # bullets a slide holds, as the outline's model allows
CUE = re.compile(r"^\[(\d+):(\d\d)-(\d+):(\d\d)\] [^\n]*(?:\n|$)")
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
FURNITURE = (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.HEADER, PP_PLACEHOLDER.SLIDE_IMAGE)
DECKGEN_SHAPES = {"Accent rule", "Code panel", "Slide number", "QR code"}
PICTURE_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif"}
CHART_TYPES = {
    "COLUMN_CLUSTERED": "column", "THREE_D_COLUMN_CLUSTERED": "column", "THREE_D_COLUMN": "column",
    "BAR_CLUSTERED": "bar", "THREE_D_BAR_CLUSTERED": "bar",
    "COLUMN_STACKED": "stacked_column", "COLUMN_STACKED_100": "stacked_column", "THREE_D_COLUMN_STACKED": "stacked_column",
    "BAR_STACKED": "stacked_bar", "BAR_STACKED_100": "stacked_bar", "THREE_D_BAR_STACKED": "stacked_bar",
    "LINE": "line", "LINE_MARKERS": "line", "LINE_STACKED": "line", "LINE_MARKERS_STACKED": "line", "THREE_D_LINE": "line",
    "PIE": "pie", "PIE_EXPLODED": "pie", "THREE_D_PIE": "pie", "THREE_D_PIE_EXPLODED": "pie",
    "DOUGHNUT": "doughnut", "DOUGHNUT_EXPLODED": "doughnut",
    "XY_SCATTER": "scatter", "XY_SCATTER_LINES": "scatter", "XY_SCATTER_LINES_NO_MARKERS": "scatter",
    "XY_SCATTER_SMOOTH": "scatter", "XY_SCATTER_SMOOTH_NO_MARKERS": "scatter",
}


@dataclass
class Imported:
    """An outline read from elsewhere: its data, the files to write beside it, what was not mapped."""

    data: dict
    files: dict[str, bytes] = field(default_factory=dict)  # name beside the outline -> bytes
    report: list[str] = field(default_factory=list)  # what could not be mapped, located
    warnings: list[str] = field(default_factory=list)  # mapped, but the speaker should look
    comments: dict[int, list[str]] = field(default_factory=dict)  # slide index -> comment lines
    snapshots: list[int] = field(default_factory=list)  # slide numbers to keep as pictures, if asked


@dataclass
class Body:
    """A text frame's paragraphs: (level, pieces) each, and where it stands."""

    shape: object
    paragraphs: list[tuple[int, list[Span]]]

    @property
    def text(self) -> str:
        return "\n".join("".join(p.text for p in pieces) for _, pieces in self.paragraphs)

    @property
    def all_code(self) -> bool:
        pieces = [p for _, ps in self.paragraphs for p in ps if p.text.strip()]
        return bool(pieces) and all(p.code for p in pieces)

    @property
    def all_italic(self) -> bool:
        pieces = [p for _, ps in self.paragraphs for p in ps if p.text.strip()]
        return bool(pieces) and all(p.italic for p in pieces)


class Reader:
    """Reads one deck; `read()` returns the Imported outline."""

    def __init__(self, path: Path, stem: str):
        self.path = Path(path)
        self.stem = stem
        self.prs = open_deck(self.path)
        self.out = Imported({})
        self.names: set[str] = set()
        self.own = self._written_by_deckgen()
        language = (self.prs.core_properties.language or "").strip()
        self.language = language if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language or "") else "en-US"
        self.words = Words(self.language, {})
        self.layers: list[dict] = []  # the pyramid, bottom to top, from the pictures' alt text
        self.arrow: dict | None = None
        self.detail_side: str | None = None  # seen only where a pyramid is drawn as shapes
        self.inverted = False
        self.deck: dict = {}
        self.theme = None  # a deckgen deck's built-in theme, with its palette
        self.seen_title = False
        self.pending: dict[tuple[int, str], list[str]] = {}  # unmapped shapes of the slide being read
        self.lost: list[str] = []  # and the text they hold, kept in the slide's notes
        self.chars = 0  # characters of text written into the outline so far
        self.read_chars = 0  # and read from the deck's text frames
        self.footed = 0  # content slides with deckgen's footer, and without
        self.unfooted = 0

    # --- the deck -------------------------------------------------------------------------------

    def _written_by_deckgen(self) -> bool:
        """Return whether deckgen wrote this deck: its shape names and its notes' cue lines."""
        for slide in list(self.prs.slides)[:50]:
            if any(shape.name in DECKGEN_SHAPES for shape in slide.shapes):
                return True
            if slide.has_notes_slide and CUE.match(slide.notes_slide.notes_text_frame.text if slide.notes_slide.notes_text_frame else ""):
                return True
        return False

    def report(self, number: int, message: str, shape=None) -> None:
        where = f"slide {number}" + (f", shape {shape.name!r}" if shape is not None else "")
        self.out.report.append(f"{self.path}: {where}: {message}")
        self.out.comments.setdefault(number - 1, []).append(f"slide {number}: " + ("" if shape is None or not shape.name else f"{shape.name}: ") + message)

    def warn(self, number: int, message: str, shape=None) -> None:
        where = f"slide {number}" + (f", shape {shape.name!r}" if shape is not None else "")
        self.out.warnings.append(f"{self.path}: {where}: {message}")
        self.out.comments.setdefault(number - 1, []).append(f"slide {number}: " + ("" if shape is None or not shape.name else f"{shape.name}: ") + message)

    def read(self) -> Imported:
        slides = []
        if self.own:
            self._own_look()  # first: the theme's colours tell a chart's highlight
        for number, slide in enumerate(self.prs.slides, start=1):
            try:
                item = self.slide(number, slide)
            except (AttributeError, KeyError, ValueError, TypeError, IndexError) as exc:
                # a part python-pptx reads in a way this reader did not expect: the slide is
                # said to be lost, the rest of the deck still comes over
                self.report(number, f"the slide could not be read ({type(exc).__name__}: {str(exc)[:80]}): not mapped")
                continue
            if item is not None:
                slides.append(item)
        if self.own:
            self._own_deck_info()
        else:
            self._foreign_deck_info(slides)
        self._finish(slides)
        deck = {"title": self.deck.pop("title", None) or jinja_safe(self._core_title())}
        for key in ("subtitle", "speaker", "role", "handle", "event", "date"):
            if key in self.deck:
                deck[key] = self.deck.pop(key)
        deck.update(self.deck)
        if self.language != "en-US":
            deck["language"] = self.language
        data: dict = {"deck": deck}
        if self.layers:
            data["pyramid"] = self._pyramid_ids
        data["slides"] = slides or [{"kind": "section", "title": deck["title"]}]
        if not slides:
            self.out.report.append(f"{self.path}: the deck has no slides; the outline holds one section slide with its title")
        self.out.data = data
        return self.out

    def _finish(self, slides: list[dict]) -> None:
        """Settle what needs the whole deck: layer ids, default section subtitles, minutes."""
        ids = {layer["label"]: layer.get("id") for layer in self.layers}
        if self.layers:
            self._pyramid_ids = self._pyramid()
            ids = {layer["label"]: layer["id"] for layer in self._pyramid_ids["layers"]}
        sections = [s for s in slides if s["kind"] == "section"]
        for item in slides:
            if "_subtitle" in item:
                subtitle = item.pop("_subtitle")
                n = sections.index(item) + 1
                if subtitle and subtitle != self.words("part", number=n, total=len(sections)):
                    item["subtitle"] = subtitle
            if "_layer" in item:
                item["layer"] = ids.get(item.pop("_layer"), "layer")
            if "_highlight" in item:
                highlight = [ids[label] for label in item.pop("_highlight") if label in ids]
                if highlight:
                    item["highlight"] = highlight
            if "_arrow" in item:
                if not item.pop("_arrow") and self.arrow:
                    item["arrow"] = False
            if "_minutes" in item:
                minutes = item.pop("_minutes")
                if abs(estimate_minutes(plain_notes(item.get("notes", ""))) - minutes) > 1 / 120:
                    item["minutes"] = _number(minutes)
        # keys in the order an outline is written in: kind, then id-like fields, then the rest
        order = ("kind", "title", "layer", "subtitle")
        for k, item in enumerate(slides):
            slides[k] = {**{key: item[key] for key in order if key in item}, **{key: v for key, v in item.items() if key not in order and key != "notes"}, **({"notes": item["notes"]} if "notes" in item else {})}

    def _core_title(self) -> str:
        title = (self.prs.core_properties.title or "").strip()
        return escaped(title) if title else escaped(self.path.stem.replace("_", " ").replace("-", " ").strip() or "Imported deck")

    def _own_deck_info(self) -> None:
        """Fill `deck:` from a deckgen deck's properties, its title slide and its footer."""
        core = self.prs.core_properties
        speaker = (core.author or "").strip()
        subject = (core.subject or "").strip()
        if speaker:
            self.deck["speaker"] = jinja_safe(speaker)
        lines = self.deck.pop("_lines", [])
        for text, markup_text in lines:
            if subject and text == subject:
                self.deck["subtitle"] = markup_text
            elif speaker and (text == speaker or text.startswith(speaker + " · ")):
                role = text[len(speaker) + 3:] if text != speaker else ""
                if role:
                    self.deck["role"] = jinja_safe(role)
            else:
                self._event_line(text)
        footer = self.deck.pop("_footer", None)
        if footer is not None:
            parts = footer.split(" · ") if footer else []
            event = self.deck.get("event", {})
            if len(parts) == 2:
                first, handle = parts
                self.deck["handle"] = jinja_safe(handle)
            else:
                first = parts[0] if parts else ""
                if first and not first.startswith("#") and first != event.get("name"):
                    self.deck["handle"], first = jinja_safe(first), ""
            if first.startswith("#") and first != event.get("name"):
                self.deck.setdefault("event", {"name": jinja_safe(first)})
                if first != self.deck["event"]["name"]:
                    self.deck["event"]["hashtag"] = jinja_safe(first)
                else:
                    self.deck["event"] = {"name": jinja_safe(first), "hashtag": jinja_safe(first)}
        if self.unfooted and not self.footed:
            self.deck["footer"] = False

    def _own_look(self) -> None:
        """Set `deck.theme` from the deck's master theme (each built-in look has its own), and
        `deck.palette` where the dark slides' background or the accent rules differ from it."""

        master = self.prs.slide_masters[0] if len(self.prs.slide_masters) else None
        blob = None
        for rel in master.part.rels.values() if master is not None else ():
            if rel.reltype.endswith("/theme"):
                blob = rel.target_part.blob
        name = None
        mine = _colour_scheme(blob) if blob is not None else None
        for candidate in ("light", "dark", "contrast"):
            try:
                with zipfile.ZipFile(template_path(candidate)) as archive:
                    theirs = archive.read("ppt/theme/theme1.xml")
            except (OSError, KeyError, zipfile.BadZipFile):
                continue
            # the same part, or (once LibreOffice saved the deck again) the same colours
            if blob == theirs or (mine and mine == _colour_scheme(theirs)):
                name = candidate
                break
        if name is None:
            self.out.warnings.append(f"{self.path}: the deck's look is not one of deckgen's built-in themes (a template of its own): pass --keep-template to keep it")
            return
        if name != "light":
            self.deck["theme"] = name
        palette = builtin_theme(name).palette
        hexed = lambda rgb: "#%02X%02X%02X" % tuple(rgb)  # noqa: E731
        night = accent = None
        for slide in self.prs.slides:
            fill = slide._element.xpath("./p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr/@val")
            if fill and night is None and any(s.name == "Accent rule" for s in slide.shapes):
                night = "#" + fill[0].upper()
            for shape in slide.shapes:
                if shape.name == "Accent rule" and accent is None:
                    colour = shape._element.xpath("./p:spPr/a:solidFill/a:srgbClr/@val")
                    accent = "#" + colour[0].upper() if colour else None
        chosen = {}
        if night and night != hexed(palette.night):
            chosen["primary"] = night
        if accent and accent != hexed(palette.accent):
            chosen["accent"] = accent
        if chosen:
            self.deck["palette"] = chosen
        rgb = lambda text: tuple(int(text[k:k + 2], 16) for k in (1, 3, 5)) if text else None  # noqa: E731
        self.theme = builtin_theme(name, rgb(chosen.get("primary")), rgb(chosen.get("accent")))

    def _event_line(self, text: str) -> None:
        core = self.prs.core_properties
        parts = text.split(" · ")
        iso = core.created.date().isoformat() if core.created else None
        date = None
        if parts and iso and self.words.date(iso) == parts[-1]:
            date = iso
            parts = parts[:-1]
        elif len(parts) > 1:
            date = parts.pop()
        if parts:
            self.deck["event"] = {"name": jinja_safe(" · ".join(parts))}
        if date:
            self.deck["date"] = jinja_safe(date)

    def _foreign_deck_info(self, slides: list) -> None:
        core = self.prs.core_properties
        if (core.author or "").strip():
            self.deck["speaker"] = jinja_safe(core.author.strip())
        for text, markup_text in self.deck.pop("_lines", []):
            self.deck["subtitle"] = markup_text if "subtitle" not in self.deck else self.deck["subtitle"] + " · " + markup_text
        self.deck.pop("_footer", None)

    def _pyramid(self) -> dict:
        layers = []
        used: set[str] = set()
        for layer in self.layers:
            base = re.sub(r"[^A-Za-z0-9]+", "-", plain(layer["label"])).strip("-").lower()[:40] or "layer"
            if not base[0].isalpha():
                base = "layer-" + base
            ident, k = base, 2
            while ident in used:
                ident, k = f"{base}-{k}", k + 1
            used.add(ident)
            layer["id"] = ident
            layers.append({"id": ident, "label": layer["label"], **({"detail": layer["detail"]} if layer.get("detail") else {})})
        out: dict = {"layers": layers}
        if self.inverted:
            out["shape"] = "inverted"
        if self.detail_side == ("right" if self.words.rtl else "left"):
            out["detail_side"] = self.detail_side
        if self.arrow:
            out["arrow"] = self.arrow
        return out

    # --- one slide ------------------------------------------------------------------------------

    def slide(self, number: int, slide) -> dict | None:
        title_shape, subtitle, bodies, pictures, tables, charts, others, pyramid = None, None, [], [], [], [], [], None
        footer_text, media = None, []
        for shape in slide.shapes:
            kind = self._shape_kind(shape)
            if kind in ("title", "subtitle") and (title_shape if kind == "title" else subtitle) is not None:
                kind = "text" if shape.has_text_frame and shape.text_frame.text.strip() else "empty"  # a second one is text
            if kind == "title" and title_shape is None:
                title_shape = shape
            elif kind == "subtitle" and subtitle is None:
                subtitle = shape
            elif kind == "furniture":
                if shape.name == "Footer" and shape.has_text_frame:
                    footer_text = shape.text_frame.text
                continue
            elif kind == "text":
                body = self.body(number, shape)
                if body.paragraphs:
                    bodies.append(body)
            elif kind == "picture":
                if shape.name == "Pyramid" and self.own:
                    pyramid = shape
                else:
                    pictures.append(shape)
            elif kind == "pyramid":
                pyramid = shape
            elif kind == "media":
                media.append(shape)
            elif kind == "table":
                tables.append(shape)
            elif kind == "chart":
                charts.append(shape)
            elif kind in ("empty", "rule"):
                if kind == "rule":
                    others.append(shape)
                continue
            else:
                self._unmapped(number, shape, kind)
        if self.own and title_shape is not None and title_shape.top is not None and title_shape.top + (title_shape.height or 0) <= 0:
            title_shape = None  # the title deckgen hid above a slide whose design shows none: not the outline's
        if self.own and footer_text is not None and "_footer" not in self.deck:
            self.deck["_footer"] = footer_text
        for (n, what), texts in self.pending.items():
            held = [t for t in texts if t]
            said = (" holding " + ", ".join(repr(t[:60]) for t in held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")) if held else ""
            kept = ", its text kept at the end of the notes" if held else ""
            self.report(n, (f"{len(texts)} × {what}" if len(texts) > 1 else what) + f"{said}: not mapped{kept}")
        self.pending = {}
        title = self.title_of(number, title_shape)
        if media:
            item = self._media_slide(number, slide, title, media, bodies, others)
        else:
            item = self._classify(number, slide, title, title_shape, subtitle, bodies, pictures, tables, charts, others, pyramid)
        lost, self.lost = self.lost, []
        if item is None:
            return None
        if self.own and item["kind"] not in ("title", "section", "closing"):
            names = {shape.name for shape in slide.shapes}
            if "Slide number" in names or footer_text is not None:
                self.footed += 1
            else:
                self.unfooted += 1
        self._notes(number, slide, item)
        extra = item.pop("_extra", []) + lost
        if extra:
            said = "\n".join(jinja_safe(spoken_safe(t)) for t in extra)
            self.count(said)
            notes = (item["notes"] + "\n\n" if item.get("notes") else "") + "Also on the slide:\n" + said
            if len(notes) > 20000:  # the notes' limit in an outline
                self.report(number, f"the slide's text kept in its notes runs to {len(notes)} characters: cut to 20000")
                notes = notes[:20000]
            item["notes"] = notes
        if slide._element.get("show") in ("0", "false"):
            item["when"] = False
            self.warn(number, "a hidden slide: imported with `when: false`, so it stays out of the deck")
        self._animations(number, slide, item)
        return item

    def _shape_kind(self, shape) -> str:
        if shape.is_placeholder:
            ptype = shape.placeholder_format.type
            if ptype in TITLES:
                return "title"
            if ptype == PP_PLACEHOLDER.SUBTITLE:
                return "subtitle"
            if ptype in FURNITURE:
                return "furniture"
        if shape.name in ("Footer", "Slide number") and self.own:
            return "furniture"
        if shape.name in ("Accent rule", "Code panel") and self.own:
            return "empty"
        if shape.name == "Subtitle" and self.own:
            return "subtitle"
        if shape._element.xpath("./p:nvPicPr/p:nvPr/a:videoFile | ./p:nvPicPr/p:nvPr/a:audioFile"):
            return "media"
        stype = shape.shape_type
        if stype == MSO_SHAPE_TYPE.PICTURE or (shape.is_placeholder and hasattr(shape, "image")):
            return "picture"
        if getattr(shape, "has_table", False) and shape.has_table:
            return "table"
        if getattr(shape, "has_chart", False) and shape.has_chart:
            return "chart"
        if stype == MSO_SHAPE_TYPE.GROUP:
            if self.own and shape.name.startswith("Pyramid band "):
                # a pyramid built band by band: one group per band, the first says the whole
                return "pyramid" if _alt(shape) and parse_pyramid_alt(_alt(shape)) else "empty"
            return "pyramid" if shape.name == "Pyramid" and self.own else "group"
        if shape._element.tag.endswith("graphicFrame"):
            uri = shape._element.xpath("./a:graphic/a:graphicData/@uri")
            return "smartart" if uri and "diagram" in uri[0] else "object"
        if stype in (MSO_SHAPE_TYPE.MEDIA, MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT, MSO_SHAPE_TYPE.LINKED_OLE_OBJECT, MSO_SHAPE_TYPE.OLE_CONTROL_OBJECT):
            return "object"
        if shape.has_text_frame and shape.text_frame.text.strip():
            if stype == MSO_SHAPE_TYPE.AUTO_SHAPE and not self.own and not shape.is_placeholder:
                geometry = shape._element.xpath("./p:spPr/a:prstGeom/@prst")
                if geometry and geometry[0] not in ("rect",):
                    return "free"
                # a filled or outlined box that is not a text box is a drawing with a label
                # (LibreOffice's rectangles are `rect` too): its text is no slide text
                drawn = shape._element.xpath("./p:spPr/*[self::a:solidFill or self::a:gradFill or self::a:pattFill or self::a:blipFill] | ./p:spPr/a:ln[not(a:noFill)]")
                if drawn and not shape._element.xpath("./p:nvSpPr/p:cNvSpPr[@txBox='1' or @txBox='true']"):
                    return "free"
            return "text"
        if stype in (MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.LINE, MSO_SHAPE_TYPE.FREEFORM) or shape._element.tag.endswith("cxnSp"):
            if self.own:
                return "rule" if stype == MSO_SHAPE_TYPE.AUTO_SHAPE else "free"
            return "free"
        if shape.is_placeholder or (shape.has_text_frame and not shape.text_frame.text.strip()):
            return "empty"
        return "free"

    def _unmapped(self, number: int, shape, kind: str) -> None:
        what = {
            "smartart": "SmartArt",
            "group": "a group of shapes",
            "free": "a free shape (drawing, connector or line)",
            "object": "an embedded object or media",
        }.get(kind, kind)
        # the same kind of shape is listed once per slide, with how many and what they hold
        text = _shape_text(shape)
        self.pending.setdefault((number, what), []).append(text)
        if text:
            self.lost.append(text)
        if number not in self.out.snapshots:
            self.out.snapshots.append(number)

    def body(self, number: int, shape) -> Body:
        paragraphs = []
        deep = False
        for p in shape.text_frame.paragraphs:
            pieces = paragraph_pieces(p)
            text = "".join(x.text for x in pieces)
            # text is counted as it is read, so a slide of a million paragraphs stops early
            self.read_chars += len(text)
            if self.read_chars > 2 * MAX_TEXT:
                raise refuse(self.path, f"holds more than {MAX_TEXT // (1024 * 1024)} MiB of text, more than an outline may hold (2 MiB): split the deck first", number, shape.name)
            if not text.strip():
                continue
            level = p.level
            if level > 1:
                deep = True
                level = 1
            paragraphs.append((level, pieces))
        if deep:
            self.warn(number, "bullets deeper than two levels: imported at the second level (deckgen has two)", shape)
        return Body(shape, paragraphs)

    def title_of(self, number: int, shape) -> str | None:
        if shape is None or not shape.has_text_frame:
            return None
        pieces = [p for para in shape.text_frame.paragraphs for p in (paragraph_pieces(para) + [Span(" ")])][:-1]
        return self.markup(number, pieces, shape)

    def count(self, text: str) -> None:
        """Count `text` into the deck's total; raise OutlineError (exit 2) past what an outline holds."""
        self.chars += len(text)
        if self.chars > MAX_TEXT:
            raise refuse(self.path, f"holds more than {MAX_TEXT // (1024 * 1024)} MiB of text, more than an outline may hold (2 MiB): split the deck first")

    def markup(self, number: int, pieces: list[Span], shape=None) -> str | None:
        self.count("".join(p.text for p in pieces))
        text, exact = to_markup(pieces)
        text = " ".join(text.split())
        if not text:
            return None
        if not exact:
            self.warn(number, f"some formatting of {text[:60]!r} cannot be written as markup: kept as text", shape)
        if len(text) > 300:
            self.warn(number, f"text of {len(text)} characters shortened to 300 (a title or cell holds no more)", shape)
            text = text[:299].rstrip() + "…"
        return jinja_safe(text)

    def bullet_markup(self, number: int, pieces: list[Span], shape=None) -> str | None:
        """Return a bullet's markup: as `markup`, except that a bullet of several lines keeps
        them: lines of code (all in a monospace font: code pasted into the bullet) come back as
        a fenced block, their indentation kept, lines of prose each on its own line, so the
        bullet builds as it was drawn."""
        lines: list[list[Span]] = [[]]
        for piece in pieces:
            if piece.text == "\x0b":
                lines.append([])
            else:
                lines[-1].append(piece)

        def is_code(line: list[Span]) -> bool:
            return any(p.text.strip() for p in line) and all(p.code for p in line if p.text)

        if len(lines) < 2:
            return self.markup(number, pieces, shape)
        self.count("".join(p.text for p in pieces))
        parts: list[tuple[bool, list[str]]] = []  # (code, lines) in order
        for line in lines:
            code = is_code(line)
            if not code and not any(p.text.strip() for p in line):
                continue
            text, exact = ("".join(p.text for p in line), True) if code else to_markup(line)
            if not exact:
                self.warn(number, f"some formatting of {text[:60]!r} cannot be written as markup: kept as text", shape)
            if parts and parts[-1][0] == code:
                parts[-1][1].append(text)
            else:
                parts.append((code, [text]))
        if not parts:
            return None
        out = []
        for code, texts in parts:
            if not code:  # each line of prose on its own line, as it was drawn
                out.append("\n".join(" ".join(t.split()) for t in texts))
                continue
            longest = max((len(run) for t in texts for run in re.findall(r"`+", t)), default=0)
            fence = "`" * max(3, longest + 1)
            out.append("\n".join([fence, *(t.rstrip() for t in texts), fence]))
        # a text of lines ends in a line break: it is read as lines (markup.parse), not as one
        return jinja_safe("\n".join(out) + ("\n" if len(parts) == 1 and not parts[0][0] and len(parts[0][1]) > 1 else ""))

    # --- what the slide is ----------------------------------------------------------------------

    def _classify(self, number, slide, title, title_shape, subtitle, bodies, pictures, tables, charts, others, pyramid) -> dict | None:
        layout = slide.slide_layout.name if slide.slide_layout is not None else ""
        if self.own:
            own = self._own_slide(number, slide, layout, title, title_shape, subtitle, bodies, pictures, tables, charts, others, pyramid)
            if own is not None:
                return own
        return self._foreign_slide(number, layout, title, subtitle, bodies, pictures, tables, charts)

    def _bullets(self, number: int, body: Body) -> list:
        out: list = []
        paragraphs = body.paragraphs
        if len(paragraphs) > MAX_ITEMS:
            self.report(number, f"{len(paragraphs)} paragraphs: those after the {MAX_ITEMS}th not mapped on the slide, kept at the end of its notes", body.shape)
            self.lost.extend(" ".join("".join(p.text for p in ps).split()) for _, ps in paragraphs[MAX_ITEMS:])
            paragraphs = paragraphs[:MAX_ITEMS]
        for level, pieces in paragraphs:
            text = self.bullet_markup(number, pieces, body.shape)
            if text is None:
                continue
            if level and out:
                last = out[-1]
                if isinstance(last, str):
                    out[-1] = last = {"text": last, "bullets": []}
                last["bullets"].append(text)
            else:
                out.append(text)
        return out

    def _foreign_slide(self, number, layout, title, subtitle, bodies, pictures, tables, charts) -> dict:
        extra_bodies = bodies
        if tables:
            item = self.table(number, title, tables[0])
            for shape in tables[1:]:
                self.report(number, "a second table on the slide: not mapped (a table slide shows one)", shape)
        elif charts:
            item = self.chart(number, title, charts[0])
            for shape in charts[1:]:
                self.report(number, "a second chart on the slide: not mapped (a chart slide shows one)", shape)
        elif pictures and not any(len(b.paragraphs) > 1 for b in bodies):
            caption = None
            if bodies and len(bodies[0].paragraphs) == 1:
                caption, extra_bodies = self.markup(number, bodies[0].paragraphs[0][1], bodies[0].shape), bodies[1:]
            item = self.image(number, title, pictures[0], caption)
            pictures = pictures[1:]
        elif len(bodies) >= 2 and not subtitle:
            item = self.columns(number, title, bodies[:3])
            extra_bodies = bodies[3:]
        elif "section" in layout.lower() and len(bodies) == 1 and len(bodies[0].paragraphs) == 1 and not pictures:
            item = {"kind": "section", "title": title or self._untitled(number), "subtitle": self.markup(number, bodies[0].paragraphs[0][1], bodies[0].shape)}
            extra_bodies = []
        elif bodies and bodies[0].all_code:
            item = {"kind": "code", "title": title or self._untitled(number), "code": bodies[0].text.replace("\x0b", "\n") + "\n"}
            extra_bodies = bodies[1:]
        elif number == 1 and not bodies and title:
            self.deck["title"] = title
            if subtitle is not None:
                self.deck["_lines"] = [(p.text, self.markup(number, paragraph_pieces(p), subtitle)) for p in subtitle.text_frame.paragraphs if p.text.strip()]
            return {"kind": "title"}
        elif bodies:
            bullets = self._bullets(number, bodies[0])
            item = {"kind": "bullets", "title": title or self._untitled(number), "bullets": bullets}
            extra_bodies = bodies[1:]
        else:
            item = {"kind": "section", "title": title or self._untitled(number)}
            if subtitle is not None and subtitle.text_frame.text.strip():
                item["subtitle"] = self.markup(number, [p for para in subtitle.text_frame.paragraphs for p in paragraph_pieces(para) + [Span(" ")]], subtitle)
            elif "section" not in layout.lower():
                self.warn(number, "a slide with only a title: imported as a section divider" if title else "an empty slide (its placeholders hold no text): imported as a section divider")
            subtitle = None
        if subtitle is not None and subtitle.text_frame.text.strip() and item["kind"] != "title":
            self.report(number, f"a subtitle {subtitle.text_frame.text.strip()[:80]!r} beside other content: not mapped", subtitle)
        if extra_bodies:
            # text the slide's kind has no place for is kept, in the notes, and said so
            item["_extra"] = [" ".join(body.text.split()) for body in extra_bodies]
            self.report(number, f"{len(extra_bodies)} more text box{'es' * (len(extra_bodies) > 1)} beside the slide's {item['kind']}: not mapped on the slide, kept at the end of its notes")
        for shape in pictures if item["kind"] != "image" else []:
            self.report(number, "a picture beside other content: not mapped", shape)
            if number not in self.out.snapshots:
                self.out.snapshots.append(number)
        return item

    def _untitled(self, number: int) -> str:
        self.warn(number, f"the slide has no title: titled \"Slide {number}\"")
        return f"Slide {number}"

    def columns(self, number, title, bodies: list[Body]) -> dict:
        cols = []
        for body in bodies:
            (_, first), rest = body.paragraphs[0], Body(body.shape, body.paragraphs[1:])
            heading = self.markup(number, first, body.shape)
            col: dict = {"heading": heading}
            if rest.paragraphs:
                if rest.all_code:
                    col["code"] = rest.text.replace("\x0b", "\n") + "\n"
                else:
                    col["bullets"] = self._bullets(number, Body(body.shape, [(max(0, lv - 1) if lv else 0, ps) for lv, ps in rest.paragraphs]))
            cols.append(col)
        return {"kind": "columns", "title": title or self._untitled(number), "columns": cols}

    def table(self, number, title, frame) -> dict:
        table = frame.table
        grid = []
        merged = empty = False
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell.is_spanned:
                    merged = True
                if cell.is_merge_origin:
                    merged = True
                pieces = [p for para in cell.text_frame.paragraphs for p in paragraph_pieces(para) + [Span(" ")]]
                text = self.markup(number, pieces, frame)
                if text is None:
                    text, empty = "—", True
                cells.append(text)
            grid.append(cells)
        properties = table._tbl.tblPr
        if self.words.rtl and (properties is None or properties.get("rtl") not in ("1", "true")):
            # a right-to-left talk's table drawn in the order it reads (deckgen's, LibreOffice's):
            # its first column is the one at the right
            grid = [row[::-1] for row in grid]
        if merged:
            self.warn(number, "merged cells: each cell of the grid is imported on its own (merged ones repeat or are empty)", frame)
        if empty:
            self.warn(number, "empty cells are written as — (a deckgen cell holds text)", frame)
        if len(grid[0]) > 8:
            self.report(number, f"a table of {len(grid[0])} columns: columns after the eighth not mapped", frame)
            grid = [row[:8] for row in grid]
        if len(grid) < 2:
            grid.append(["—"] * len(grid[0]))
            self.warn(number, "a table with only a header row: an empty row added", frame)
        rows = grid[1:]
        if len(rows) > 40:
            self.report(number, f"a table of {len(rows)} rows: rows after the fortieth not mapped (split the table)", frame)
            rows = rows[:40]
        return {"kind": "table", "title": title or self._untitled(number), "columns": grid[0], "rows": rows}

    def chart(self, number, title, frame) -> dict:
        chart = frame.chart
        type_name = CHART_TYPES.get(chart.chart_type.name if chart.chart_type else "", None)
        if type_name is None:
            kind = chart.chart_type.name.lower().replace("_", " ") if chart.chart_type else "chart"
            self.report(number, f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} chart: deckgen has no such type; imported as a column chart", frame)
            type_name = "column"
        if title is None and chart.has_title and chart.chart_title.has_text_frame:
            title = jinja_safe(" ".join(chart.chart_title.text_frame.text.split())) or None
        plots = list(chart.plots)
        if len(plots) > 1:
            self.report(number, f"a chart of {len(plots)} plots: only the first is mapped", frame)
        item: dict = {"kind": "chart", "title": title or self._untitled(number), "type": type_name}
        plot = plots[0] if plots else None
        series = []
        for s in (list(plot.series) if plot is not None else [])[:12]:
            ys = [_number(v) for v in s.values]
            if type_name == "scatter":
                xs = [_number(v) for v in _x_values(s)] or list(range(1, len(ys) + 1))
                values = [[x, y] for x, y in zip(xs, ys)]
            else:
                values = ys
            series.append({"name": jinja_safe(str(s.name or f"Series {len(series) + 1}"))[:300], "values": values or [0]})
        if type_name != "scatter":
            categories = [jinja_safe(str(c)) or "—" for c in (plot.categories if plot is not None else [])][:200]
            count = max((len(s["values"]) for s in series), default=0)
            categories += [str(k) for k in range(len(categories) + 1, count + 1)]
            for s in series:
                s["values"] = (s["values"] + [0] * count)[:max(count, 1)]
            item["categories"] = categories[:count] if count else ["—"]
        if type_name in ("pie", "doughnut") and len(series) > 1:
            self.report(number, f"a {type_name} chart of {len(series)} series: only the first is mapped", frame)
            series = series[:1]
        item["series"] = series or [{"name": "Series 1", "values": [0] * len(item.get("categories", ["—"]))}]
        fmt = chart._chartSpace.xpath(".//c:dLbls/c:numFmt/@formatCode")
        if fmt:
            match = re.fullmatch(r'(.*?)" ([^"]+)"', fmt[0])
            if match:
                item["number_format"], item["unit"] = match.group(1), match.group(2)
            elif fmt[0] != "General":
                item["number_format"] = fmt[0][:40]
        # labels may be set for the plot, the series or each point (a pie's, each legible on its slice)
        shown = chart._chartSpace.xpath(".//c:dLbls//c:showVal/@val")
        if self.own and type_name != "scatter" and not any(v in ("1", "true") for v in shown):
            item["labels"] = False
        for axis, key in (("c:catAx", "x_title"), ("c:valAx", "y_title")):
            texts = chart._chartSpace.xpath(f".//{axis}/c:title//a:t")
            text = "".join(t.text or "" for t in texts).strip()
            if text:
                item[key] = jinja_safe(text)[:300]
        if self.own and self.theme is not None and plot is not None:
            highlight = self._chart_highlight(item, list(plot.series))
            if highlight:
                item["highlight"] = highlight
        alt = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")
        if alt and alt[0].strip():
            item["alt"] = jinja_safe(alt[0].strip())[:2000]
            if self.own and self._chart_alt(item) == alt[0].strip():
                del item["alt"]
        return item

    def _chart_highlight(self, item: dict, series: list) -> list[str]:
        """Return the categories or series a deckgen chart keeps at full strength: the others
        are drawn in the theme's colours moved toward the paper."""
        per_point = item["type"] in ("pie", "doughnut")
        names = [s["name"] for s in item["series"]]
        categories = item.get("categories", [])
        hexed = lambda rgb: "%02X%02X%02X" % tuple(rgb)  # noqa: E731
        theme = self.theme
        full = [hexed(c) for c in colours(SimpleNamespace(theme=theme), None, len(categories) if per_point else len(names))]
        dimmed = [hexed(blend(tuple(int(c[k:k + 2], 16) for k in (0, 2, 4)), theme.palette.paper, theme.dim_amount)) for c in full]

        def fill(element) -> str | None:
            found = element.xpath("./c:spPr/a:solidFill/a:srgbClr/@val | ./c:marker/c:spPr/a:solidFill/a:srgbClr/@val")
            return found[0].upper() if found else None

        if per_point:
            points = series[0]._element.xpath("./c:dPt") if series else []
            drawn = {int(p.xpath("./c:idx/@val")[0]): fill(p) for p in points}
            focus = [categories[j] for j in range(len(categories)) if drawn.get(j) == full[j]]
            if any(drawn.get(j) == dimmed[j] for j in range(len(categories))) and focus:
                return focus
            return []
        drawn = [fill(s._element) for s in series]
        focus = [names[k] for k in range(len(names)) if k < len(drawn) and drawn[k] == full[k]]
        out = focus if focus and any(k < len(drawn) and drawn[k] == dimmed[k] for k in range(len(names))) else []
        # categories in focus: their points keep the series' colour, the others are dimmed
        for k, s in enumerate(series[:1]):
            points = {int(p.xpath("./c:idx/@val")[0]): fill(p) for p in s._element.xpath("./c:dPt")}
            base = drawn[k] if k < len(drawn) else None
            kept = [categories[j] for j in range(len(categories)) if points.get(j) == base]
            if points and kept and len(kept) < len(categories):
                out += kept
        return out

    def _chart_alt(self, item: dict) -> str | None:
        try:
            s = ChartSlide.model_validate(item)
        except ValueError:  # pydantic's ValidationError: a chart deckgen would not write
            return None
        return alt_text(s, list(s.categories), [(x.name, list(x.values)) for x in s.series])

    def image(self, number, title, shape, caption) -> dict:
        name = self.picture_file(number, shape)
        alt = _alt(shape)
        item: dict = {"kind": "image", "title": title or self._untitled(number), "image": name}
        if alt:
            item["alt"] = jinja_safe(alt)[:2000]
        else:
            item["alt"] = "TODO: describe this picture"
            self.warn(number, "the picture has no alt text: `alt: TODO` written; say what it shows", shape)
        if caption:
            item["caption"] = caption
        if name is None:
            return {"kind": "section", "title": title or self._untitled(number)}
        return item

    def picture_file(self, number: int, shape) -> str | None:
        """Return the file name the picture is written under beside the outline (PNG, JPEG or
        GIF; other formats converted to PNG when Pillow reads them)."""
        try:
            image = shape.image
        except Exception:  # python-pptx raises KeyError, ValueError or its own for a linked or lost image
            self.report(number, "a picture whose image cannot be read (linked, or missing from the file): not mapped", shape)
            return None
        ext = PICTURE_FORMATS.get(image.ext.lower())
        blob = image.blob
        if ext is not None and not _readable(blob):
            ext = None  # named PNG, JPEG or GIF but not one deckgen can read: try converting it
        if ext is None:
            blob, ext = _as_png(blob), "png"
            if blob is None:
                self.report(number, f"a {image.ext.upper()} picture: deckgen shows PNG, JPEG or GIF, and it could not be converted; not mapped", shape)
                return None
            self.warn(number, f"a {image.ext.upper()} picture converted to PNG", shape)
        if shape._element.xpath("./p:blipFill/a:srcRect[@l or @r or @t or @b]"):
            self.warn(number, "the picture is cropped in the deck: imported whole", shape)
        own_name = Path(shape.name).name if self.own and re.fullmatch(r"[\w.-]+\.(png|jpe?g|gif)", shape.name, re.I) else None
        name = own_name or f"{self.stem}-slide{number}-{len([n for n in self.names if n.startswith(f'{self.stem}-slide{number}-')]) + 1}.{ext}"
        for existing, data in self.out.files.items():
            if data == blob:
                return existing
        base, k = name, 2
        while name in self.out.files:
            stem, _, suffix = base.rpartition(".")
            name, k = f"{stem}-{k}.{suffix}", k + 1
        self.names.add(name)
        self.out.files[name] = blob
        return name

    # --- deckgen's own slides -------------------------------------------------------------------

    def _own_slide(self, number, slide, layout, title, title_shape, subtitle, bodies, pictures, tables, charts, rules, pyramid) -> dict | None:
        names = [s.name for s in slide.shapes]
        # layouts are named as deckgen wrote them, or generically once LibreOffice saved the
        # deck again ("Blank Slide"): placeholders and deckgen's shape names decide
        title_like = layout == "Title Slide" or (subtitle is not None and subtitle.is_placeholder)
        if "QR code" in names or (title_like and self.seen_title):
            return self._closing(number, title, subtitle, pictures, bodies)
        if title_like:
            self.seen_title = True
            self.deck["title"] = title
            lines = []
            if subtitle is not None:
                for p in subtitle.text_frame.paragraphs:
                    if p.text.strip():
                        lines.append((p.text, self.markup(number, paragraph_pieces(p), subtitle)))
            self.deck["_lines"] = lines
            return {"kind": "title"}
        placed = [b for b in bodies if b.shape.is_placeholder]
        footed = "Slide number" in names or "Footer" in names
        if layout == "Section Header" or (placed and "Accent rule" in names and not footed and not pictures and not tables):
            item = {"kind": "section", "title": title}
            if subtitle is None:
                subtitle = next((b.shape for b in placed), None)
            if subtitle is not None and subtitle.text_frame.text.strip():
                item["_subtitle"] = self.markup(number, [p for para in subtitle.text_frame.paragraphs for p in paragraph_pieces(para)], subtitle)
            return item
        if placed:
            agenda = [re.match(r"^(\d{2})   (.*?)(?:   (\d+:\d\d))?$", "".join(p.text for p in ps)) for _, ps in placed[0].paragraphs]
            if agenda and all(agenda):
                item = {"kind": "agenda"}
                if title != self.words("agenda"):
                    item["title"] = title
                if any(m.group(3) for m in agenda):
                    item["times"] = True
                return item
            return {"kind": "bullets", "title": title, "bullets": self._bullets(number, placed[0])}
        if pyramid is not None:
            return self._pyramid_slide(number, title, pyramid, bodies)
        if charts:
            item = self.chart(number, title, charts[0])
            if bodies and bodies[-1].all_italic:
                item["caption"] = self.markup(number, [p for _, ps in bodies[-1].paragraphs for p in ps], bodies[-1].shape)
            return item
        if tables:
            return self.table(number, title, tables[0])
        if 2 <= len(pictures) <= 6 and title:
            return self._own_pictures(number, title, pictures, [b for b in bodies if b.all_italic])
        if pictures:
            caption = self.markup(number, [p for _, ps in bodies[-1].paragraphs for p in ps], bodies[-1].shape) if bodies and bodies[-1].all_italic else None
            return self.image(number, title, pictures[0], caption)
        code_bodies = [b for b in bodies if b.shape.name == "Code"]
        headings = [b for b in bodies if b.shape.name != "Code" and not b.all_italic]
        if len(rules) >= 2 and title:
            return self._own_columns(number, slide, title, bodies, rules)
        if code_bodies and title:
            item = {"kind": "code", "title": title, **self._code(slide, code_bodies[0])}
            captions = [b for b in bodies if b.all_italic and b.shape.name != "Code"]
            if captions:
                item["caption"] = self.markup(number, [p for _, ps in captions[0].paragraphs for p in ps], captions[0].shape)
            return item
        if "Accent rule" in names and headings:
            return self._quote(number, title_shape, bodies)
        return None

    def _own_pictures(self, number, title, pictures, captions) -> dict:
        """Return a `pictures` slide: its pictures in reading order, row by row, each with the
        italic caption just under it, and the rows they stand in."""
        rows: list[list] = []
        for shape in sorted(pictures, key=lambda s: (s.top, s.left)):
            if rows and abs(rows[-1][0].top - shape.top) < 45720:  # 0.05 in: the same row
                rows[-1].append(shape)
            else:
                rows.append([shape])
        entries = []
        for shape in (s for row in rows for s in sorted(row, key=lambda s: s.left)):
            item = self.image(number, title, shape, None)
            if item["kind"] != "image":
                return item
            entry = {"image": item["image"], "alt": item["alt"]}
            bottom = shape.top + shape.height
            below = [c for c in captions if abs(c.shape.left - shape.left) < 45720 and 0 <= c.shape.top - bottom < 274320]
            if below:
                entry["caption"] = self.markup(number, [p for _, ps in below[0].paragraphs for p in ps], below[0].shape)
            entries.append(entry)
        return {"kind": "pictures", "title": title, "pictures": entries, "rows": [len(row) for row in rows]}

    def _closing(self, number, title, subtitle, pictures, bodies) -> dict:
        item: dict = {"kind": "closing"}
        self.seen_title = True
        if title and title != self.words("questions"):
            item["title"] = title
        links = []
        for p in subtitle.text_frame.paragraphs if subtitle is not None else []:
            pieces = paragraph_pieces(p)
            if not "".join(x.text for x in pieces).strip():
                continue
            text = "".join(x.text for x in pieces)
            label, sep, url = text.partition(": ")
            line_link = pieces[-1].link
            if sep and line_link and readable_address(line_link) == url:
                url = line_link  # the whole line links to the address it shows readably
            if sep and (line_link == url or "message" in item or url.startswith(("http", "mailto", "@"))):
                head, room = [], len(label)
                for x in pieces:  # the pieces of the label: the text before ": "
                    if room <= 0:
                        break
                    own = x.link if x.link != line_link else None  # the line's link is the link's, not the label's
                    head.append(Span(x.text[:room], x.bold, x.italic, x.code, x.strike, own))
                    room -= len(x.text)
                links.append({"label": self.markup(number, head, subtitle) or jinja_safe(label), "url": jinja_safe(url)})
            else:
                item["message"] = self.markup(number, pieces, subtitle)
        if links:
            item["links"] = links
        for shape in pictures:
            if shape.name == "QR code":
                alt = _alt(shape) or ""
                sentinel = "\x00URL\x00"
                pattern = re.escape(self.words("qr_alt", url=sentinel)).replace(re.escape(sentinel), "(.+)")
                match = re.fullmatch(pattern, alt)
                item["qr"] = jinja_safe(match.group(1) if match else alt)
        return item

    def _quote(self, number, title_shape, bodies) -> dict:
        quote_body, rest = bodies[0], bodies[1:]
        text = self.markup(number, [p for _, ps in quote_body.paragraphs for p in ps + [Span(" ")]], quote_body.shape) or ""
        sample = self.words.quoted("\x00")
        opening, closing = sample.split("\x00")
        if text.startswith(opening) and text.endswith(closing):
            text = text[len(opening): len(text) - len(closing)]
        item: dict = {"kind": "quote", "quote": text}
        if rest:
            attribution = self.markup(number, [p for _, ps in rest[0].paragraphs for p in ps], rest[0].shape) or ""
            item["attribution"] = attribution[2:] if attribution.startswith("— ") else attribution
        if title_shape is not None and title_shape.text_frame.text.strip():
            item = {"kind": "quote", "title": self.title_of(number, title_shape), **{k: v for k, v in item.items() if k != "kind"}}
        return item

    def _code(self, slide, body: Body) -> dict:
        lines = body.shape.text_frame.text.split("\n")
        out: dict = {}
        numbered = [re.match(r"^\s*(\d+)  ", l) for l in lines]
        if lines and all(numbered) and [int(m.group(1)) for m in numbered] == list(range(int(numbered[0].group(1)), int(numbered[0].group(1)) + len(lines))):
            width = len(str(int(numbered[-1].group(1))))
            lines = [l[width + 2:] for l in lines]
            out["line_numbers"] = True
        panel = slide.shapes
        fills = [s.fill.fore_color.rgb for s in panel if s.name == "Code panel" and s.fill.type is not None]
        style = "dark" if fills and str(fills[0]) == "0D1117" else "light"
        language, highlight = _guess_language(body, lines, style, out.get("line_numbers", False))
        code = {"code": "\n".join(lines) + "\n"}
        if language != "text":
            code["language"] = language
        if highlight:
            code["highlight"] = highlight
        if style == "dark":
            code["style"] = "dark"
        return {**code, **out}

    def _own_columns(self, number, slide, title, bodies, rules) -> dict:
        columns = []
        for rule in sorted(rules, key=lambda r: r.left, reverse=self.words.rtl):  # in reading order
            x = rule.left
            above = [b for b in bodies if b.shape.top < rule.top and abs(b.shape.left - (x - Emu(int(0.1 * EMU_IN)))) < EMU_IN * 0.2]
            below = [b for b in bodies if b.shape.top > rule.top and abs(b.shape.left - (x - Emu(int(0.1 * EMU_IN)))) < EMU_IN * 0.4]
            col: dict = {"heading": self.markup(number, [p for _, ps in above[0].paragraphs for p in ps], above[0].shape) if above else "—"}
            code = [b for b in below if b.shape.name == "Code"]
            if code:
                col.update(self._code(slide, code[0]))
            elif below:
                col["bullets"] = self._bullets(number, below[0])
            columns.append(col)
        return {"kind": "columns", "title": title, "columns": columns}

    # --- video and sound ------------------------------------------------------------------------

    def _media_slide(self, number, slide, title, media, bodies, rules) -> dict:
        """Return the slide of a deck's video or sound: a `video` or `audio` slide, or (deckgen's
        own, with column rules) a `columns` slide whose columns hold them."""
        if self.own and len(rules) >= 2 and title:
            item = self._own_columns(number, slide, title, bodies, rules)
            for shape in media:
                column = min(zip(sorted(rules, key=lambda r: r.left, reverse=self.words.rtl), item["columns"]), key=lambda rc: abs(rc[0].left - shape.left))[1]
                entry = self.media_fields(number, shape)
                if entry is not None and set(column) == {"heading"}:
                    column.update(entry)
                elif entry is not None:
                    self.report(number, "a second video or sound in a column: not mapped", shape)
            return item
        for shape in media[1:]:
            self.report(number, "a second video or sound on the slide: not mapped", shape)
        entry = self.media_fields(number, media[0])
        if entry is None:
            return {"kind": "section", "title": title or self._untitled(number)}
        item = {"kind": "video" if "video" in entry else "audio", "title": title or self._untitled(number), **entry}
        captions = [b for b in bodies if b.all_italic]
        if captions:
            item["caption"] = self.markup(number, [p for _, ps in captions[-1].paragraphs for p in ps], captions[-1].shape)
        rest = [b.text for b in bodies if not captions or b is not captions[-1]]
        if rest:  # text a video slide has no place for: kept in the notes, and said
            item["_extra"] = rest
            self.report(number, "text beside the video or sound: not mapped, kept at the end of the notes")
        return item

    def media_fields(self, number: int, shape) -> dict | None:
        """Return `video:` or `audio:` with `alt:` (and `poster:` when the picture shown is
        not the one deckgen would draw itself) of a media shape, its file kept beside the
        outline; None when its file is linked, lost, or not one deckgen plays (that is said)."""
        from ..kinds.media import default_poster  # deferred: only decks with video or sound need it
        from ..readers.media import checked_audio, checked_video  # deferred: as above

        sound = bool(shape._element.xpath("./p:nvPicPr/p:nvPr/a:audioFile"))
        rid = shape._element.xpath("./p:nvPicPr/p:nvPr/p:extLst/p:ext/*[local-name()='media']/@r:embed") or shape._element.xpath("./p:nvPicPr/p:nvPr/*[self::a:videoFile or self::a:audioFile]/@r:link")
        try:
            data = shape.part.related_part(rid[0]).blob
            media = (checked_audio if sound else checked_video)(data)
        except (IndexError, KeyError, ValueError) as exc:
            said = f" ({exc})" if isinstance(exc, ValueError) else " (linked, or missing from the file)"
            self.report(number, f"a {'sound' if sound else 'video'} deckgen cannot play{said}: not mapped", shape)
            return None
        field = "audio" if sound else "video"
        own_name = Path(shape.name).name if self.own and re.fullmatch(r"[\w.-]+\.(mp4|m4v|mov|m4a|mp3)", shape.name, re.I) else None
        entry = {field: self._keep(number, data, own_name, media.ext), "alt": jinja_safe(_alt(shape) or "")[:2000]}
        if not entry["alt"]:
            entry["alt"] = f"TODO: describe this {'sound' if sound else 'video'}"
            self.warn(number, f"the {'sound' if sound else 'video'} has no alt text: `alt: TODO` written; say what it {'is' if sound else 'shows'}", shape)
        poster = shape._element.xpath("./p:blipFill/a:blip/@r:embed")
        if poster:
            blob = shape.part.related_part(poster[0]).blob
            if _readable(blob) and not _drawn_by_deckgen(blob, default_poster(media)):
                entry["poster"] = self._keep(number, blob, None, PICTURE_FORMATS.get(Image.open(io.BytesIO(blob)).format.lower(), "png"))
        return entry

    def _keep(self, number: int, blob: bytes, own_name: str | None, ext: str) -> str:
        """Return the name file `blob` is written under beside the outline: one holding the
        same bytes, else `own_name`, else one made from the slide's number."""
        for existing, data in self.out.files.items():
            if data == blob:
                return existing
        name = own_name or f"{self.stem}-slide{number}-{len([n for n in self.names if n.startswith(f'{self.stem}-slide{number}-')]) + 1}.{ext}"
        base, k = name, 2
        while name in self.out.files:
            stem, _, suffix = base.rpartition(".")
            name, k = f"{stem}-{k}.{suffix}", k + 1
        self.names.add(name)
        self.out.files[name] = blob
        return name

    def _pyramid_slide(self, number, title, shape, bodies) -> dict:
        alt = _alt(shape) or ""
        parsed = parse_pyramid_alt(alt)
        if parsed is None:
            self.report(number, "a pyramid whose alt text does not say its layers: not mapped", shape)
            return {"kind": "section", "title": title or self._untitled(number)}
        layers, focus, arrow, inverted = parsed
        if not self.layers:
            self.layers = [{"label": jinja_safe(label), "detail": jinja_safe(detail) if detail else None} for label, detail in layers]
            self.inverted = inverted
        else:
            for known, (label, detail) in zip(self.layers, layers):
                if detail and not known.get("detail"):
                    known["detail"] = jinja_safe(detail)
        if arrow and not self.arrow:
            self.arrow = {"label": jinja_safe(arrow[1]), **({"direction": "up"} if arrow[0] == "up" else {})}
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP and self.detail_side is None:
            self.detail_side = _detail_side(shape.part.slide if hasattr(shape.part, "slide") else None, shape, [d for _, d in layers if d])
        bullets_body = next((b for b in bodies if not b.all_italic), None)
        caption_body = next((b for b in bodies if b.all_italic), None)
        bullets = self._bullets(number, bullets_body) if bullets_body else []
        render = {"render": "shapes"} if shape.shape_type == MSO_SHAPE_TYPE.GROUP else {}
        labels = [jinja_safe(label) for label, _ in layers]
        if len(focus) == 1 and not arrow and caption_body is None and bullets_body is not None or (len(focus) == 1 and not arrow and not bodies):
            item = {"kind": "layer", "_layer": labels[focus[0]], **render}
            if title and plain(title) != plain(labels[focus[0]]):
                item["title"] = title
            if bullets:
                item["bullets"] = bullets
            return item
        item = {"kind": "pyramid", "title": title or self._untitled(number), "_highlight": [labels[i] for i in focus], **render}
        if bullets:
            item["bullets"] = bullets
        if caption_body is not None:
            item["caption"] = self.markup(number, [p for _, ps in caption_body.paragraphs for p in ps], caption_body.shape)
        item["_arrow"] = bool(arrow)
        return item

    # --- notes, animations ----------------------------------------------------------------------

    def _notes(self, number: int, slide, item: dict) -> None:
        if not slide.has_notes_slide or slide.notes_slide.notes_text_frame is None:
            return
        text = slide.notes_slide.notes_text_frame.text.replace("\x0b", "\n").replace("\r\n", "\n").replace("\r", "\n")
        if self.own:
            cue = CUE.match(text)
            if cue:
                a, b, c, d = (int(g) for g in cue.groups())
                minutes = round(((c * 60 + d) - (a * 60 + b)) / 60, 4)
                text = text[cue.end():]
                item["_minutes"] = minutes
        text = text.strip("\n").rstrip()
        self.count(text)
        if len(text) > 20000:
            self.report(number, f"speaker notes of {len(text)} characters: cut to 20000")
            text = text[:20000]
        if text.strip():
            item["notes"] = jinja_safe(spoken_safe(text))

    def _animations(self, number: int, slide, item: dict) -> None:
        timing = slide._element.find(f"{{{NS_P}}}timing")
        if timing is None or not timing.xpath(".//p:par[not(p:cTn/@nodeType='tmRoot')]"):  # a video's or sound's node alone is no animation
            item.pop("_clicks", None)
            return
        if item["kind"] in ("bullets", "columns", "chart", "pyramid", "layer"):
            item["reveal"] = True
            if not self.own:
                self.warn(number, "its animations are imported as `reveal: true` (one bullet, column or series per click)")
        else:
            self.report(number, "animations: not mapped (deckgen builds bullets, columns, charts and pyramids click by click, nothing else)")


def _detail_side(slide, shape, details: list[str]) -> str | None:
    """Return the side a pyramid drawn as shapes sets its details on: where the text boxes
    holding them stand against its bands."""
    def shapes_of(group):
        for child in group.shapes:
            if child.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from shapes_of(child)
            else:
                yield child

    groups = [shape]
    if shape.name.startswith("Pyramid band ") and slide is not None:
        groups = [s for s in slide.shapes if s.name.startswith("Pyramid band ") or s.name == "Pyramid"]
    children = [c for g in groups for c in shapes_of(g)]
    bands = [c.left + c.width / 2 for c in children if c.name.startswith("Band ")]
    wanted = {" ".join(d.split()) for d in details}
    texts = [c.left + c.width / 2 for c in children if c.has_text_frame and " ".join(c.text_frame.text.split()) in wanted]
    if not bands or not texts:
        return None
    return "left" if sum(texts) / len(texts) < sum(bands) / len(bands) else "right"


def plain_notes(notes: str) -> str:
    """Return notes as the timing plan counts them (Jinja escapes undone)."""
    return notes.replace("{{ '{' }}", "{")


def parse_pyramid_alt(alt: str):
    """Return (layers bottom to top as (label, detail), focus indexes, arrow (direction, label)
    or None, inverted) from the alt text deckgen writes for a pyramid, or None."""
    match = re.match(r"^(Pyramid|Inverted pyramid \(funnel\)) of (\d+) layers, top to bottom: (.*)$", alt, re.S)
    if not match:
        return None
    inverted = match.group(1) != "Pyramid"
    count = int(match.group(2))
    rest = match.group(3)
    arrow = None
    arrow_match = re.search(r" An arrow beside it points (up|down): (.*)\.$", rest, re.S)
    if arrow_match:
        arrow = (arrow_match.group(1), arrow_match.group(2))
        rest = rest[: arrow_match.start()]
    rest = re.sub(r" In focus: .*; the other layers are dimmed\.$", "", rest, flags=re.S)
    if rest.endswith("."):
        rest = rest[:-1]
    items = rest.split("; ")
    if len(items) != count:
        return None
    layers, focus = [], []
    for k, text in enumerate(reversed(items)):
        if text.endswith(" [in focus]"):
            text = text[: -len(" [in focus]")]
            focus.append(k)
        m = re.match(r"^(.*?) \((.*)\)$", text, re.S)
        layers.append((m.group(1), m.group(2)) if m else (text, None))
    return layers, focus, arrow, inverted


def paragraph_pieces(paragraph) -> list[Span]:
    """Return the styled pieces of a python-pptx paragraph: its runs, line breaks and fields."""
    out: list[Span] = []
    for child in paragraph._p:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "br":
            out.append(Span("\x0b"))
        elif tag in ("r", "fld"):
            t = child.find(f"{{{NS_A}}}t")
            text = (t.text or "") if t is not None else ""
            rpr = child.find(f"{{{NS_A}}}rPr")
            bold = italic = code = strike = False
            link = None
            if rpr is not None:
                bold = rpr.get("b") in ("1", "true")
                italic = rpr.get("i") in ("1", "true")
                strike = rpr.get("strike") in ("sngStrike", "dblStrike")
                latin = rpr.find(f"{{{NS_A}}}latin")
                face = (latin.get("typeface") if latin is not None else "") or ""
                code = any(m in face.lower() for m in MONO_FONTS)
                click = rpr.find(f"{{{NS_A}}}hlinkClick")
                if click is not None:
                    rid = click.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                    try:
                        rel = paragraph.part.rels[rid] if rid else None
                        link = rel.target_ref if rel is not None and rel.is_external else None
                    except (KeyError, AttributeError):
                        link = None
            if code:
                text = text.strip("\u200e")  # the marks that guard code in a right-to-left paragraph
            out.append(Span(text, bold, italic, code, strike, link))
    return out


def _shape_text(shape) -> str:
    """Return the text a shape shows, SmartArt's included (kept in its diagram data part)."""
    try:
        rid = shape._element.xpath("./a:graphic/a:graphicData/*[local-name()='relIds']/@r:dm")
        if rid:
            data = etree.fromstring(shape.part.related_part(rid[0]).blob, PARSER)
            return " · ".join(" ".join(t.split()) for t in data.xpath(".//a:t/text()", namespaces={"a": NS_A}) if t.strip())
        if shape.has_text_frame:
            return " ".join(shape.text_frame.text.split())
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            return " ".join(t for t in (_shape_text(s) for s in shape.shapes) if t)
        texts = shape._element.xpath(".//a:t")
        return " ".join(" ".join((t.text or "") for t in texts).split())
    except Exception:  # a broken part holds no text we can show; the shape is still reported
        return ""


def _alt(shape) -> str | None:
    """Return the shape's alt text; a file name or "Picture 3" (what tools write when the author
    wrote nothing) is no description."""
    descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
    text = " ".join(descr[0].split()) if descr else ""
    if re.fullmatch(r"[\w ().,-]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)|(Picture|Image|Grafik|Bild|Imagen)( \d+)?", text, re.I):
        return None
    return text or None


def _number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    return int(value) if float(value).is_integer() else float(value)


def _x_values(series) -> list:
    values = series._element.xpath("./c:xVal//c:pt/c:v")
    out = []
    for v in values:
        try:
            out.append(float(v.text))
        except (TypeError, ValueError):
            out.append(0.0)
    return out


def _colour_scheme(blob: bytes) -> tuple | None:
    """Return the colours of a theme part's colour scheme, in order, or None."""
    try:
        theme = etree.fromstring(blob, PARSER)
    except Exception:  # lxml's XMLSyntaxError and others: a theme we cannot read matches none
        return None
    values = theme.xpath("./a:themeElements/a:clrScheme/*/*/@val | ./a:themeElements/a:clrScheme/*/*/@lastClr", namespaces={"a": NS_A})
    return tuple(v.upper() for v in values) or None


def _drawn_by_deckgen(blob: bytes, default: bytes) -> bool:
    """Return whether poster `blob` is `default`, the one deckgen draws, as a build stores it
    (downscaled to the size it was shown at)."""
    from ..readers.picture import pixel_size, shown_picture  # deferred: only decks with video or sound need it

    return blob == default or shown_picture(default, *pixel_size(blob)) == blob


def _readable(blob: bytes) -> bool:
    """Return whether deckgen reads `blob` as a picture (as the picture reader checks it)."""
    if len(blob) > PICTURE.limit:
        return False
    try:
        PICTURE.parse(blob, "")
    except ValueError:
        return False
    return True


def _as_png(blob: bytes) -> bytes | None:
    """Return `blob` as PNG if Pillow reads it (BMP, TIFF, WebP), else None (EMF, WMF, SVG)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(blob)) as im:
                if im.format in ("WMF", "EMF") or im.width * im.height > 40_000_000:
                    return None
                out = io.BytesIO()
                im.convert("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB").save(out, format="PNG")
                return out.getvalue()
    except Exception:  # Pillow raises many kinds for what it cannot read
        return None


# "text" first: where no colour tells the languages apart, none is claimed
LANGUAGES = ("text", "python", "bash", "yaml", "json", "javascript", "typescript", "go", "rust", "java", "c", "cpp", "sql", "html", "css", "toml", "ruby", "kotlin", "csharp", "dockerfile")


def _guess_language(body: Body, lines: list[str], style: str, numbered: bool) -> tuple[str, str | None]:
    """Return the Pygments language whose colours match the code's best (deckgen colours each
    token by its type, so the colours say the language), and the lines at full strength when
    others are dimmed (`highlight:`), as "3-5,9".

    Colours are compared character by character, not run by run: LibreOffice merges runs of
    one colour when it saves a deck again.
    """
    written, pieces = [], []
    for p in body.shape.text_frame.paragraphs:
        runs = p.runs[1:] if numbered and p.runs else p.runs
        line = []
        for r in runs:
            try:
                rgb = str(r.font.color.rgb)
            except AttributeError:
                rgb = ""
            line.extend((c, rgb) for c in r.text)
            pieces.append(r.text)
        written.append([(c, rgb) for c, rgb in line if not c.isspace()])
    palette = STYLES[style]
    best, best_score, best_lines = "text", -1.0, []
    for language in LANGUAGES:
        try:
            tokens = highlighted(lines, language)
        except Exception:  # a lexer may refuse odd input: that language is simply not it
            continue
        want = [
            [(c, "%02X%02X%02X" % tuple(_token_colour(palette, token))) for token, text in line for c in text if not c.isspace()]
            for line in tokens
        ]
        matches = [w == g for w, g in zip(want, written)]
        pairs = [(a, b) for w, g in zip(want, written) for a, b in zip(w, g)]
        # colours first; where several languages colour alike, the one cutting the runs where
        # deckgen cut them (one run per token, when nobody merged them since)
        cuts = [text for line in tokens for _, text in line]
        score = sum(1 for a, b in pairs if a == b) / max(len(pairs), 1) + (0.001 if cuts == pieces else 0)
        if score > best_score + 1e-9:
            best, best_score, best_lines = language, score, matches
    highlight = None
    if best_lines and not all(best_lines) and any(best_lines):
        numbers = [k + 1 for k, ok in enumerate(best_lines) if ok and lines[k].strip()]
        highlight = _ranges(numbers)
    return best, highlight


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], None, None
    for n in numbers + [None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            out.append(str(start) if start == prev else f"{start}-{prev}")
            start = prev = n
    return ",".join(out)
