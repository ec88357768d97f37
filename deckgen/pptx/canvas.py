"""A slide being written: the plan's text, pictures, rules and tables as python-pptx shapes.

`TextStyle` holds what is the same for every slide of one deck (the scale from layout inches to
the template's, the direction of the talk's language, the monospace font, and the prototypes
text is copied from); `SlideCanvas` writes one slide's elements with it. What it uses below
python-pptx's public API, all of python-pptx 1.0:

- the lxml elements behind its objects: `_Paragraph._p`, `_Run._r`, `TextFrame._txBody`,
  `Shape._element`, `SlideShapes._spTree`, and `CT_TextParagraph.get_or_add_pPr`;
- `CT_RegularTextRun._escape_ctrl_chars`, to escape a run's text as python-pptx does;
- the constructors `_Paragraph(p, parent)`, `_Run(r, parent)` and `SlidePlaceholder(sp, shapes)`;
- for video and sound, what `SlideShapes.add_movie` does, done here so sound can be written
  too: `Video.from_blob`, `Package.get_or_add_media_part`, `CT_Picture.new_video_pic`,
  `SlideShapes._next_shape_id` and `CT_Slide.get_or_add_childTnLst().add_video`.

Text is written through prototypes: the first paragraph, run and text body of each style is
made through python-pptx, later ones copy its XML (decks run to thousands of paragraphs, and
python-pptx parses an XML snippet for each). The prototypes belong to the deck's `TextStyle`,
so two decks written at once never share one.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Iterable

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.media import Video
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.oxml.text import CT_RegularTextRun
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.text.text import _Paragraph, _Run
from pptx.util import Inches, Pt

from ..markup import BACK_LINK
from ..plan import Box, Fill
from ..text import BULLET_FONT, HANGING, INSET_X, INSET_Y, LEVEL_INDENT, Paragraph, Run, direction, link_pieces
from ..theme import RGB
from . import shapes as pyramid_shapes
from .package import clone

ANCHORS = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
ALIGNS = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
MIRRORED = {None: "r", "l": "r", "r": "l", "ctr": "ctr"}  # alignment of a right-to-left paragraph
LRM = "\u200e"  # LEFT-TO-RIGHT MARK: a strong left-to-right character, drawn as nothing

_A_P, _A_END, _A_PPR = qn("a:p"), qn("a:endParaRPr"), qn("a:pPr")
_TX_BODY = qn("p:txBody")
_XFRM_EXT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"
_ALL_TEXT = etree.XPath("string()")  # every text node below, joined: far faster than itertext
_ALL_IDS = etree.XPath("//@id")
_escape_ctrl_chars = CT_RegularTextRun._escape_ctrl_chars
_HLINK, _R_ID, _R_EMBED = qn("a:hlinkClick"), qn("r:id"), qn("r:embed")
_C_NV_PR, _EXT_LST = qn("p:cNvPr"), qn("a:extLst")
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # the a:ext of Office's decorative flag
SLIDE_JUMP = "ppaction://hlinksldjump"
SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # the extension PowerPoint 2016+ stores SVG in
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_AUTOFITS = {qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit")}

MEDIA_EXT = {"video/mp4": "mp4", "video/quicktime": "mov", "audio/mp4": "m4a", "audio/mpeg": "mp3"}


class TextStyle:
    """How one deck's text is written: kinds lay out in layout inches and points on a slide
    7.5 in high (theme.Theme), and a template of another size scales every position, size and
    point size by `scale`; `rtl` writes every paragraph right to left."""

    def __init__(self, scale: float = 1.0, rtl: bool = False, mono_font: str = "Courier New", families: tuple = ()):
        self.scale = scale
        self.rtl = rtl
        self.mono_font = mono_font  # the typeface code runs ask for
        self.families = families  # text.Families: the fonts text is measured with (footers)
        self.bodies: dict[object, object] = {}  # prototypes: text bodies by anchor,
        self.paragraphs: dict[tuple, object] = {}  # paragraph properties and runs by style,
        self.runs: dict[tuple, object] = {}
        self.footers: dict[tuple, list] = {}  # and the footer's shapes
        self.svgs: dict[bytes, Part] = {}  # the deck's SVG parts, each stored once

    def inches(self, value: float) -> int:
        return Inches(value * self.scale)

    def pt(self, value: float):
        return Pt(value * self.scale)

    def frame(self, shape, anchor=MSO_ANCHOR.TOP, wrap: bool = True):
        """Return the shape's text frame, set to wrap (or not), never auto-size, with deckgen's insets."""
        frame = shape.text_frame
        prototype = self.bodies.get((anchor, wrap))
        if prototype is None:
            frame.word_wrap = wrap
            frame.auto_size = MSO_AUTO_SIZE.NONE
            frame.vertical_anchor = anchor
            frame.margin_left = frame.margin_right = self.inches(INSET_X)
            frame.margin_top = frame.margin_bottom = self.inches(INSET_Y)
            self.bodies[anchor, wrap] = clone(frame._txBody.bodyPr)
        else:
            body = frame._txBody
            body.replace(body[0], clone(prototype))  # bodyPr comes first in every text body
        return frame

    def write_paragraphs(self, frame, paragraphs: Iterable[Paragraph], size: float) -> None:
        """Write `paragraphs` into text frame `frame` (its first paragraph first), the block at `size` pt.

        A paragraph with no runs (a blank line of code) ends with its size, so it keeps its height.
        """
        part = None
        for i, paragraph in enumerate(paragraphs):
            p = frame.paragraphs[0] if i == 0 else _Paragraph(etree.SubElement(frame._txBody, _A_P), frame)
            way = direction(paragraph.text) if paragraph.runs else None
            # right to left: text that starts so; in a right-to-left talk, also bullets and text with
            # no direction of its own. A left-to-right title there ("Questions?") keeps its direction,
            # set at the right: its question mark stays at its end
            rtl = way == "rtl" or (self.rtl and (way is None or paragraph.level is not None or bool(paragraph.bullet)))
            if paragraph.runs and all(run.code for run in paragraph.runs if run.text != "\n"):
                # a line of code reads left to right in any talk, from its left edge: its
                # indentation, and an Arabic comment or string in it, stay where they were typed
                rtl = False
            elif rtl or self.rtl:
                paragraph = replace(paragraph, align=MIRRORED.get(paragraph.align, "r"))
            if paragraph.formatted or rtl:
                self._set_paragraph(p, paragraph, rtl)
            run_size = paragraph.size(size)
            for run in paragraph.runs:
                if run.text == "\n":  # a line break inside the paragraph
                    etree.SubElement(etree.SubElement(p._p, qn("a:br")), qn("a:rPr"), sz=str(int(self.pt(run_size).centipoints)))
                    continue
                if rtl and run.code and run.text.strip():
                    # code in a right-to-left paragraph: guarded by left-to-right marks, so the
                    # punctuation at its ends ("$ ", ");") stays where it was typed
                    run = replace(run, text=LRM + run.text + LRM)
                if not run.link:
                    self._add_run(p, run, run_size)
                    continue
                part = part or frame.part
                # an address: one run per place its line may break (text.link_pieces). A jump to a
                # slide stays one run: LibreOffice draws a slide jump over several runs with the
                # look of the runs before it (an agenda entry "Pods and Services" came out bold,
                # in the number's colour, only "Services" drawn as a link)
                jump = run.link == BACK_LINK or run.link.startswith("#")
                for piece in [run.text] if jump else link_pieces(run.text):
                    _link(self._add_run(p, replace(run, text=piece), run_size), part, run.link)
            if paragraph.sized_end:
                end = etree.SubElement(p._p, _A_END)
                end.set("sz", str(int(self.pt(run_size).centipoints)))

    def _set_paragraph(self, p, paragraph: Paragraph, rtl: bool = False) -> None:
        """Set `p`'s properties (level, bullet, spacing, alignment; right to left, its bullet then
        at its right, where `rtl`), copying the XML of an earlier paragraph set alike."""
        key = (paragraph.level, paragraph.bullet, paragraph.space_before, paragraph.align, rtl, paragraph.marker)
        prototype = self.paragraphs.get(key)
        if prototype is None:
            if paragraph.level is not None:
                p.level = paragraph.level
            if paragraph.marker is not None:
                self._marker(p, paragraph.marker)
            elif paragraph.bullet is True:
                self._bullet(p, paragraph.level or 0)
            elif paragraph.bullet is False:
                ppr = p._p.get_or_add_pPr()
                ppr.set("marL", "0")
                ppr.set("indent", "0")
                etree.SubElement(ppr, qn("a:buNone"))
            if paragraph.space_before is not None:
                p.space_before = self.pt(paragraph.space_before)
            if paragraph.align is not None:
                p.alignment = ALIGNS[paragraph.align]
            if rtl:
                p._p.get_or_add_pPr().set("rtl", "1")
            self.paragraphs[key] = clone(p._p.get_or_add_pPr())
            return
        element = p._p
        if len(element) and element[0].tag == _A_PPR:
            element.remove(element[0])
        element.insert(0, clone(prototype))

    def _marker(self, p, marker) -> None:
        """Write the template's own bullet `marker` (theme.Marker) on `p`, as its layout or
        master sets it: not every client inherits it (LibreOffice's templates keep it in their
        master's sample text, where PowerPoint does not look)."""
        ppr = p._p.get_or_add_pPr()
        ppr.set("marL", str(int(self.inches(marker.margin))))
        ppr.set("indent", str(int(self.inches(marker.indent))))
        if marker.char is None:
            etree.SubElement(ppr, qn("a:buNone"))
            return
        if marker.colour is not None:
            etree.SubElement(etree.SubElement(ppr, qn("a:buClr")), qn("a:srgbClr"), val="%02X%02X%02X" % marker.colour)
        if marker.size_pct is not None:
            etree.SubElement(ppr, qn("a:buSzPct"), val=str(int(marker.size_pct * 1000)))
        if marker.font:
            font = etree.SubElement(ppr, qn("a:buFont"), typeface=marker.font)
            if "\uf000" <= marker.char <= "\uf0ff":  # a symbol font's character: clients map it by the font's charset
                font.set("charset", "2")
        etree.SubElement(ppr, qn("a:buChar"), char=marker.char)

    def _bullet(self, p, level: int) -> None:
        """Give a text-box paragraph a hanging bullet (text boxes have none by default)."""
        ppr = p._p.get_or_add_pPr()
        ppr.set("marL", str(int(self.inches(LEVEL_INDENT[level]))))
        ppr.set("indent", str(-int(self.inches(HANGING[level]))))
        for tag in ("a:buFont", "a:buNone", "a:buChar", "a:buAutoNum"):
            for old in ppr.findall(qn(tag)):
                ppr.remove(old)
        etree.SubElement(ppr, qn("a:buFont"), typeface=BULLET_FONT)
        bu = etree.SubElement(ppr, qn("a:buChar"))
        bu.set("char", "•" if level == 0 else "–")

    def _add_run(self, p, run: Run, size: float):
        """Append `run` to paragraph `p` at `size` points; return its a:r element."""
        underline = run.link is not None
        mono_font = self.mono_font
        key = (size, run.colour, run.bold, run.italic, run.caps, run.code and mono_font, run.strike, underline)
        prototype = self.runs.get(key)
        if prototype is None:
            r = p.add_run()
            font = r.font
            font.size = self.pt(size)
            font.bold = run.bold
            font.italic = run.italic
            if underline:
                font.underline = True
            if run.colour is not None:
                font.color.rgb = RGBColor(*run.colour)
            if run.caps:
                font._rPr.set("cap", "all")
            if run.strike:
                font._rPr.set("strike", "sngStrike")
            if run.code:
                font.name = mono_font
            self.runs[key] = clone(r._r)
            r.text = run.text
        else:
            element = clone(prototype)
            parent = p._p
            if len(parent) and parent[-1].tag == _A_END:
                parent[-1].addprevious(element)
            else:
                parent.append(element)
            element[-1].text = _escape_ctrl_chars(run.text)  # the run's a:t, after its rPr
            r = _Run(element, p)
        return r._r


class SlideCanvas:
    """The slide being written: its placeholders by role, and the shapes a plan adds to it."""

    def __init__(self, slide, placeholders: dict[int, object], style: TextStyle, moved: tuple[int, ...] = ()):
        self.slide = slide
        self.placeholders = placeholders  # placeholder role -> p:sp element, from SlideFactory
        self.style = style
        self.moved = moved  # roles whose box differs from the layout's: placed explicitly
        self.behind = 0  # shapes moved behind the others: backdrop pictures and their scrims

    def fill(self, fill: Fill) -> int | None:
        """Give the placeholder of `fill.role` the plan's box and text; return its shape id
        (None: the layout has no such placeholder)."""
        sp = self.placeholders.get(fill.role)
        if sp is None or sp.getparent() is None:
            return None
        shape = SlidePlaceholder(sp, self.slide.shapes)
        inches = self.style.inches
        if fill.own is not None:
            shape.left, shape.top, shape.width, shape.height = (inches(v) for v in fill.own)
        elif fill.width is not None:
            left, top, _, height = fill.layout_box
            shape.left, shape.top, shape.width, shape.height = left, top, inches(fill.width), height
        if not fill.written:
            return shape.shape_id
        if fill.role in self.moved and shape._element.find(_XFRM_EXT) is None:
            shape.left, shape.top, shape.width, shape.height = fill.layout_box
        frame = self.style.frame(shape, ANCHORS[fill.anchor])
        if fill.role == 0:
            # a title is fitted to its box; where a client draws it wider than measured, it
            # shrinks inside the box rather than growing past it (up into a band, a logo)
            body_pr = frame._txBody.bodyPr
            at = 1 if len(body_pr) and body_pr[0].tag == qn("a:prstTxWarp") else 0
            for child in list(body_pr):
                if child.tag in _AUTOFITS:
                    at = body_pr.index(child)
                    body_pr.remove(child)
            body_pr.insert(at, etree.Element(qn("a:normAutofit")))
        self.style.write_paragraphs(frame, fill.paragraphs, fill.size)
        return shape.shape_id

    def text_box(self, box: Box, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top", name: str | None = None, wrap: bool = True) -> int:
        """Add a text box at `box` holding `paragraphs` set at `size` points (`wrap` False: lines
        are never broken, as code must not be); return its shape id."""
        inches = self.style.inches
        left, top, width, height = box
        shape = self.slide.shapes.add_textbox(inches(left), inches(top), inches(width), inches(height))
        if name:
            shape.name = name
        self.style.write_paragraphs(self.style.frame(shape, ANCHORS[anchor], wrap), paragraphs, size)
        return shape.shape_id

    def pyramid_shapes(self, spec, left: float, top: float, by_band: bool = False) -> list[int]:
        """Draw the pyramid of `spec` as native, editable shapes with its top-left at (left, top);
        return the ids of the shapes drawn (one group per band, bottom to top, with `by_band`)."""
        inches = self.style.inches
        return pyramid_shapes.draw(self.slide.shapes, spec, inches(left), inches(top), inches(spec.width_in), inches(spec.height_in), by_band)

    def picture(self, png: bytes, box: Box, name: str, alt: str, crop: tuple[float, float, float, float] | None = None, svg: bytes | None = None, backdrop: bool = False) -> int:
        """Add picture bytes `png` stretched to `box`, with its name and alt text; return its id.
        `crop` cuts that share of the picture off each side (left, top, right, bottom) as an
        a:srcRect; `svg` is the picture as vectors, `png` then its fallback for older clients;
        a `backdrop` goes behind every shape of the slide, its placeholders' text included."""
        inches = self.style.inches
        left, top, width, height = box
        picture = self.slide.shapes.add_picture(io.BytesIO(png), inches(left), inches(top), inches(width), inches(height))
        picture.name = name
        picture._element.nvPicPr.cNvPr.set("descr", alt)
        if crop is not None and any(v > 1e-6 for v in crop):
            picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom = crop
        if svg is not None:
            self._svg_blip(picture, svg)
        if backdrop:
            self._to_back(picture._element)
        return picture.shape_id

    def _to_back(self, element) -> None:
        """Move shape `element` behind the slide's other shapes, after those moved back before it
        (a backdrop picture, then its scrim)."""
        tree = self.slide.shapes._spTree
        tree.remove(element)
        tree.insert(2 + self.behind, element)  # after the tree's nvGrpSpPr and grpSpPr
        self.behind += 1

    def media(self, data: bytes, mime: str, poster: bytes, box: Box, name: str, alt: str) -> int:
        """Add video or sound `data` (of MIME type `mime`) at `box` as PowerPoint writes it: a
        p:pic with a:videoFile or a:audioFile and the p14:media extension naming the media
        part, the poster its blip, and a p:video or p:audio node in the slide's timing that
        plays it on a click; return its shape id."""
        inches = self.style.inches
        left, top, width, height = box
        sound = mime.startswith("audio/")
        part = self.slide.part
        media_part = part.package.get_or_add_media_part(Video.from_blob(data, mime, f"media.{MEDIA_EXT.get(mime, 'bin')}"))
        media_rId = part.relate_to(media_part, RT.MEDIA)
        link_rId = part.relate_to(media_part, RT.AUDIO if sound else RT.VIDEO)
        _, poster_rId = part.get_or_add_image_part(io.BytesIO(poster))
        shape_id = self.slide.shapes._next_shape_id
        pic = CT_Picture.new_video_pic(shape_id, name, link_rId, media_rId, poster_rId, inches(left), inches(top), inches(width), inches(height))
        pic.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", alt)
        self.slide.shapes._spTree.append(pic)
        self.slide._element.get_or_add_childTnLst().add_video(shape_id)
        if sound:  # PowerPoint's sound is its video with another element name, in both places
            for element in (pic.xpath("./p:nvPicPr/p:nvPr/a:videoFile")[0], self.slide._element.xpath(f"./p:timing//p:video[.//p:spTgt/@spid='{shape_id}']")[0]):
                element.tag = element.tag.replace("}videoFile", "}audioFile").replace("}video", "}audio")
        return shape_id

    def _svg_blip(self, picture, svg: bytes) -> None:
        """Add `svg` to the picture's blip as PowerPoint 2016 and later write it: an
        asvg:svgBlip extension naming an SVG part, the blip's own PNG the fallback."""
        part = self.slide.part
        svg_part = self.style.svgs.get(svg)
        if svg_part is None:
            partname = part.package.next_image_partname("svg")
            svg_part = self.style.svgs[svg] = Part(partname, "image/svg+xml", part.package, svg)
        rId = part.relate_to(svg_part, RT.IMAGE)
        blip = picture._element.blipFill.find(qn("a:blip"))
        ext_list = etree.SubElement(blip, qn("a:extLst"))
        ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_BLIP_URI)
        etree.SubElement(ext, f"{{{ASVG}}}svgBlip", {_R_EMBED: rId}, nsmap={"asvg": ASVG})

    def rule(self, box: Box, colour: RGB, name: str | None = None, opacity: float = 1.0) -> int:
        """Add a filled rectangle without outline or theme style: rules, accent bars and
        (see-through, below `opacity` 1) scrims; return its id."""
        inches = self.style.inches
        left, top, width, height = box
        bar = self.slide.shapes.add_shape(1, inches(left), inches(top), inches(width), inches(height))
        if name:
            bar.name = name
        bar.fill.solid()
        bar.fill.fore_color.rgb = RGBColor(*colour)
        bar.line.fill.background()
        pyramid_shapes.plain(bar)
        if opacity < 1:  # a scrim: over its picture, under the text it is for
            colour_element = bar._element.spPr.find(qn("a:solidFill"))[0]
            etree.SubElement(colour_element, qn("a:alpha"), val=str(round(opacity * 100000)))
            self._to_back(bar._element)
        return bar.shape_id

    def mark_decorative(self, shape_id: int) -> None:
        """Mark the shape just added, `shape_id`, decorative, as PowerPoint's "Mark as decorative"
        writes it: an a:ext of Office's decorative extension in its p:cNvPr."""
        shape = self.slide.shapes._spTree[-1]
        c_nv_pr = shape.find(f"*/{_C_NV_PR}")
        if c_nv_pr is None or c_nv_pr.get("id") != str(shape_id):
            raise ValueError(f"shape {shape_id} is not the last one added")
        ext_lst = c_nv_pr.find(_EXT_LST)
        if ext_lst is None:
            ext_lst = etree.SubElement(c_nv_pr, _EXT_LST)
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
        etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", {"val": "1"}, nsmap={"adec": DECORATIVE_NS})

    def table(self, box: Box, column_widths, cells, size: float, padding: tuple[float, float], row_heights=()) -> int:
        """Add a table at `box`: `cells[i][j]` is (paragraph, fill); columns `column_widths` wide,
        rows `row_heights` high (none: the box's height shared alike)."""
        inches = self.style.inches
        left, top, width, height = box
        rows, ncols = len(cells), len(column_widths)
        frame = self.slide.shapes.add_table(rows, ncols, inches(left), inches(top), inches(width), inches(height))
        frame.name = "Table"
        table = frame.table
        for j, col_w in enumerate(column_widths):
            table.columns[j].width = inches(col_w)
        for i, row_h in enumerate(row_heights[:rows]):
            table.rows[i].height = inches(row_h)
        pad_x, pad_y = padding
        for i, row in enumerate(cells):
            for j, (paragraph, fill) in enumerate(row):
                cell = table.cell(i, j)
                cell.margin_left = cell.margin_right = inches(pad_x)
                cell.margin_top = cell.margin_bottom = inches(pad_y)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor(*fill)
                tf = cell.text_frame
                tf.word_wrap = True
                tf.text = ""
                self.style.write_paragraphs(tf, [paragraph], size)
        return frame.shape_id

    def map_hyperlinks(self, mapping: dict[str, str], slot: str) -> None:
        """Make the slide draw hyperlinks in theme colour `slot` (lt1, dk1, ...), keeping the
        master's `mapping` of the other colours: PowerPoint and LibreOffice draw a link in the
        theme's hyperlink colour, whatever colour its run asks for."""
        sld = self.slide._element
        override = sld.find(qn("p:clrMapOvr"))
        if override is None:
            override = etree.SubElement(sld, qn("p:clrMapOvr"))
            timing = sld.find(qn("p:timing"))
            if timing is not None:
                timing.addprevious(override)
        override.clear()
        names = ("bg1", "tx1", "bg2", "tx2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")
        values = {name: mapping.get(name, name) for name in names} | {"hlink": slot, "folHlink": slot}
        etree.SubElement(override, qn("a:overrideClrMapping"), **values)

    def background(self, colour: RGB) -> None:
        """Give the slide a background of its own, in `colour`."""
        fill = self.slide.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor(*colour)

    def drop_empty_placeholders(self) -> None:
        """Remove placeholders the slide left empty, so no "Click to add text" prompt shows."""
        for sp in list(self.placeholders.values()):
            parent = sp.getparent()
            if parent is None:  # already replaced or removed by the slide's writer
                continue
            body = sp.find(_TX_BODY)
            if body is None or not _ALL_TEXT(body).strip():
                parent.remove(sp)


def max_shape_id(tree) -> int:
    """Return the largest numeric id in the slide of shape tree `tree`, as python-pptx's
    `max_shape_id` does, with an XPath compiled once rather than on every call."""
    return max([0] + [int(i) for i in _ALL_IDS(tree) if i.isdigit()])


def _link(r, part, address: str) -> None:
    """Make run element `r` a hyperlink to `address`: one external relationship of the slide
    part per address, and an a:hlinkClick, which comes last among the run properties we write.

    A link to a slide (#id) is PowerPoint's slide-jump action, its relationship made by
    `deck.link_slides` once every slide exists; deckgen's "back" link is the jump to the
    slide last viewed, which needs no relationship."""
    if address == BACK_LINK:
        etree.SubElement(r[0], _HLINK, {_R_ID: "", "action": "ppaction://hlinkshowjump?jump=lastslideviewed"})
        return
    if address.startswith("#"):
        etree.SubElement(r[0], _HLINK, {_R_ID: address, "action": SLIDE_JUMP})
        return
    rId = part.relate_to(address, RT.HYPERLINK, is_external=True)
    etree.SubElement(r[0], _HLINK, {_R_ID: rId})
