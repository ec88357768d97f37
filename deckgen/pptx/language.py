"""The talk's language on every run: `lang`, and the East Asian and complex-script font slots.

What it uses below python-pptx's public API, all of python-pptx 1.0: `SlideShapes._spTree`.
"""

from __future__ import annotations

import re

from lxml import etree
from pptx.oxml.ns import qn

_RUN_PROPERTIES = etree.XPath(
    ".//a:r/a:rPr | .//a:fld/a:rPr | .//a:br/a:rPr",
    namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"},
)
_A_R, _A_EA, _A_CS = qn("a:r"), qn("a:ea"), qn("a:cs")
_RUN_TEXT = etree.XPath("string(a:t)", namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
_EAST_ASIAN = re.compile(r"[\u1100-\u11FF\u2E80-\u9FFF\uA960-\uA97F\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0003FFFF]")
_KANA, _HANGUL = re.compile(r"[\u3040-\u30FF\u31F0-\u31FF]"), re.compile(r"[\u1100-\u11FF\uAC00-\uD7AF]")
_COMPLEX = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")  # Hebrew, Arabic, Syriac, Thaana
# the East Asian fonts Office ships, by language (Windows' names; Keynote and LibreOffice substitute)
EAST_ASIAN_FONTS = {"ja": "Yu Gothic", "ko": "Malgun Gothic", "zh-Hant": "Microsoft JhengHei", "zh": "Microsoft YaHei"}


def east_asian_font(lang: str, text: str) -> str:
    """Return the East Asian font a run of `text` asks for in a deck of language `lang`."""
    language = lang.split("-")[0].lower()
    if language == "zh":
        traditional = any(part in lang for part in ("Hant", "TW", "HK", "MO"))
        return EAST_ASIAN_FONTS["zh-Hant" if traditional else "zh"]
    if language in EAST_ASIAN_FONTS:
        return EAST_ASIAN_FONTS[language]
    if _KANA.search(text):
        return EAST_ASIAN_FONTS["ja"]
    if _HANGUL.search(text):
        return EAST_ASIAN_FONTS["ko"]
    return EAST_ASIAN_FONTS["zh"]


def _insert_font(rpr, tag: str, typeface: str) -> None:
    """Add font slot `tag` (a:ea, a:cs) to run properties `rpr`, where the schema orders it."""
    element = etree.Element(tag, typeface=typeface)
    later = {_A_EA: ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"), _A_CS: ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")}[tag]
    for child in rpr:
        if child.tag in {qn(t) for t in later}:
            child.addprevious(element)
            return
    rpr.append(element)


def run_tag(lang: str) -> str:
    """Return the language tag runs carry for a talk in `lang`: with the region the language is
    most likely written in (CLDR's likely subtags, by Babel) where it names none, as PowerPoint
    writes it ("zh" -> "zh-CN", "zh-Hant" -> "zh-TW", "ar" -> "ar-EG"). LibreOffice picks its
    fallback font by the run's language: for a bare "zh" it drew bold 企业 as 企, the 业 left out."""
    pieces = lang.replace("_", "-").split("-")
    if any(len(p) == 2 and p.isalpha() or len(p) == 3 and p.isdigit() for p in pieces[1:]):
        return lang
    from babel.core import get_global  # deferred: Babel loads only when a deck is written

    likely = get_global("likely_subtags").get("_".join(pieces[:2]) if len(pieces) > 1 else pieces[0].lower())
    region = likely.split("_")[-1] if likely else None
    return f"{pieces[0].lower()}-{region}" if region and (region.isupper() or region.isdigit()) else lang


def tag_language(slide, lang: str) -> None:
    """Tag every run, field and line break of the slide with language `lang` (BCP 47); a run
    of East Asian text asks for an East Asian font (the `ea` slot), one of Arabic or Hebrew
    for a complex-script font (`cs`), which PowerPoint takes for those characters."""
    for rpr in _RUN_PROPERTIES(slide.shapes._spTree):
        rpr.set("lang", lang)
        if rpr.getparent().tag != _A_R:
            continue
        text = _RUN_TEXT(rpr.getparent())
        if text.isascii():
            continue
        if _EAST_ASIAN.search(text) and rpr.find(_A_EA) is None:
            _insert_font(rpr, _A_EA, east_asian_font(lang, text))
        if _COMPLEX.search(text) and rpr.find(_A_CS) is None:
            _insert_font(rpr, _A_CS, "Arial")
