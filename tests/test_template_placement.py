"""Where a template's slides put their text, as a client draws it from the reopened deck.

Each deck is built on a template whose placeholders are hard to inherit from: LibreOffice's
own Impress templates converted to .pptx (16:9 and its two 4:3 ones; they leave the subtitle
and the content at the title's index, copy one master's boxes into every layout, keep their
bullets in the master's sample text and "<date/time>" in its date placeholder), python-pptx's
default (4:3), and a company's template with a cover master and a logo band
(tests/template_factory.py). Then, for every slide, each placeholder's effective box is
resolved as PowerPoint and python-pptx resolve it (the slide's own box, else the layout
placeholder of the same index's, else the master's of its type), and checked: inside the
slide, the body clear of the title and of the template's bands and logos, the title slide on
the cover master, the bullets the template's own, the QR code clear of the closing text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import DEFAULT_OUTLINE
from template_factory import COVER_DECORATION, LOGO, LOGO_BAND, MARKERS, branded
from test_templates import LIBREOFFICE_TEMPLATES, PPTX_DEFAULT, SOFFICE, audited, invoke

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
LO_PLACED = ["Lights", "Vivid", "Vintage", "Nature_Illustration"]  # 16:9, 16:9, 4:3, 4:3

LONG_TALK = """\
deck:
  title: How a Small Team Moved Every Service of a Twelve-Year-Old Monolith onto Managed Platforms
  subtitle: What we kept, what we threw away, and what we would never do again
  speaker: Ada Example
  handle: "@ada"
  event: {name: Platform Night, hashtag: "#platformnight"}
  duration: 2
slides:
  - kind: title
  - kind: bullets
    title: The migration took three times longer than our most careful estimate said it would
    bullets:
      - text: Every service had an owner on paper, and nobody who could say what it did at night
        bullets: [Runbooks were years old, Alerts went to a shared inbox nobody read]
      - text: The database was shared by fourteen services that each assumed they owned it
        bullets: [Schema changes needed a meeting of everyone]
      - Moving the first service took four months; the last one took nine days
  - kind: closing
    title: Questions, and the things we would gladly tell you over a coffee afterwards?
    message: Start with the service nobody wants to own, it teaches you the most.
    links:
      - {label: Slides, url: "https://example.org/a-long-path/to/the/slides-of-this-talk"}
      - {label: Write, url: "mailto:ada@example.org"}
    qr: https://example.org/a-long-path/to/the/slides-of-this-talk
"""

LAYOUT_WARNING = re.compile(r"stands over|overlaps|reaches past")


@pytest.fixture(scope="module")
def placed_templates(tmp_path_factory):
    """LibreOffice's templates converted to .pptx, python-pptx's default, and the branded one."""
    folder = tmp_path_factory.mktemp("placed")
    found = {"python-pptx": PPTX_DEFAULT, "branded": branded(folder)}
    if SOFFICE is not None and LIBREOFFICE_TEMPLATES.is_dir():
        sources = [LIBREOFFICE_TEMPLATES / f"{name}.otp" for name in LO_PLACED]
        profile = folder / "profile"
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pptx", "--outdir", str(folder), *map(str, (s for s in sources if s.exists()))],
                       capture_output=True, timeout=300, check=False)
        found.update({p.stem: p for p in folder.glob("*.pptx") if p.stem in LO_PLACED})
    return found


def build_on(tmp_path: Path, template: Path, outline_text: str) -> tuple[Path, str]:
    if template.parent != tmp_path:
        shutil.copy(template, tmp_path / template.name)
    outline = tmp_path / "talk.yaml"
    outline.write_text(outline_text.replace("deck:\n", f"deck:\n  template: {template.name}\n", 1))
    out = tmp_path / "deck.pptx"
    result = invoke("build", outline, "-o", out)
    assert result.exit_code == 0, result.output
    return out, result.output


# --- resolving what a client draws ---------------------------------------------------------------

def _ph(sp):
    return sp.find(f".//{P}nvPr/{P}ph")


def _box(sp):
    off, ext = sp.find(f"{P}spPr/{A}xfrm/{A}off"), sp.find(f"{P}spPr/{A}xfrm/{A}ext")
    if off is None or ext is None:
        return None
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _kind(ph) -> str:
    return ph.get("type", "obj")


def _master_kind(kind: str) -> str:
    return "title" if kind in ("title", "ctrTitle") else "body" if kind in ("obj", "subTitle", "body") else kind


def _layout_match(slide_ph, layout):
    """The layout placeholder a slide placeholder inherits from, as python-pptx finds it:
    the one of the same index (PowerPoint matches titles by type, which holds for them too)."""
    idx = int(slide_ph.get("idx", "0"))
    found = [sp for sp in layout._element.iter(f"{P}sp") if _ph(sp) is not None and int(_ph(sp).get("idx", "0")) == idx]
    return found[0] if found else None


def _master_match(kind: str, master):
    return next((sp for sp in master._element.iter(f"{P}sp") if _ph(sp) is not None and _master_kind(_kind(_ph(sp))) == _master_kind(kind)), None)


def effective_box(sp, slide):
    """Return the box a client draws slide placeholder `sp` in: its own, else its layout
    placeholder's (by index), else its master's (by type)."""
    box = _box(sp)
    if box is not None:
        return box
    layout = slide.slide_layout
    above = _layout_match(_ph(sp), layout)
    if above is not None and _box(above) is not None:
        return _box(above)
    kind = _kind(_ph(above)) if above is not None else _kind(_ph(sp))
    master = _master_match(kind, layout.slide_master)
    return _box(master) if master is not None else None


def effective_marker(paragraph_pPr, level: int, sp, slide):
    """Return (bullet character or None, marL) a client draws a body paragraph with."""
    tag = f"{A}lvl{level + 1}pPr"
    above = _layout_match(_ph(sp), slide.slide_layout)
    master = slide.slide_layout.slide_master
    body = _master_match("body", master)
    places = [paragraph_pPr]
    places += [x.find(f"{P}txBody/{A}lstStyle/{tag}") for x in (above, body) if x is not None]
    places.append(master._element.find(f"{P}txStyles/{P}bodyStyle/{tag}"))
    char = margin = None
    decided = False
    for ppr in places:
        if ppr is None:
            continue
        if margin is None and ppr.get("marL") is not None:
            margin = int(ppr.get("marL"))
        if not decided:
            if ppr.find(f"{A}buNone") is not None:
                char, decided = None, True
            elif ppr.find(f"{A}buChar") is not None:
                char, decided = ppr.find(f"{A}buChar").get("char"), True
    return char, margin


def template_marker(template: Path, level: int):
    """Return (character, marL) the template's content master gives body text at `level`:
    its body style, else (LibreOffice's) its body placeholder's sample paragraph."""
    prs = Presentation(str(template))
    masters = list(prs.slide_masters)
    if prs.slides:
        used = [masters.index(s.slide_layout.slide_master) for s in prs.slides][1:] or [0]
        master = masters[max(set(used), key=used.count)]
    else:
        master = masters[0]
    style = master._element.find(f"{P}txStyles/{P}bodyStyle/{A}lvl{level + 1}pPr")
    if style is not None and style.find(f"{A}buChar") is not None:
        return style.find(f"{A}buChar").get("char"), int(style.get("marL"))
    body = _master_match("body", master)
    for p in body.iter(f"{A}p"):
        ppr = p.find(f"{A}pPr")
        if ppr is not None and int(ppr.get("lvl", "0")) == level and ppr.find(f"{A}buChar") is not None:
            return ppr.find(f"{A}buChar").get("char"), int(ppr.get("marL"))
    return None


def _meets(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _inside(inner, outer, slack: int = 12700) -> bool:
    return inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[0] + inner[2] <= outer[0] + outer[2] + slack and inner[1] + inner[3] <= outer[1] + outer[3] + slack


def filled(slide):
    """Return the slide's title and body placeholders that hold text, as (role, sp)."""
    out = []
    for sp in slide.shapes._spTree.iter(f"{P}sp"):
        ph = _ph(sp)
        if ph is None or not "".join(sp.itertext()).strip():
            continue
        kind = _kind(ph)
        if kind in ("title", "ctrTitle"):
            out.append((0, sp))
        elif kind in ("obj", "body", "subTitle"):
            out.append((1, sp))
    return out


# --- the checks -------------------------------------------------------------------------------------

def check_deck(deck: Path, template: Path) -> None:
    prs = audited(deck)
    slide_box = (0, 0, prs.slide_width, prs.slide_height)
    for n, slide in enumerate(prs.slides, start=1):
        boxes = {}
        for role, sp in filled(slide):
            box = effective_box(sp, slide)
            assert box is not None, f"slide {n}: a placeholder with no box to inherit"
            assert _inside(box, slide_box), f"slide {n}: role {role} at {box} leaves the slide"
            boxes.setdefault(role, box)
        if 0 in boxes and 1 in boxes:
            assert not _meets(boxes[0], boxes[1]), f"slide {n}: the body {boxes[1]} is drawn over the title {boxes[0]}"
    # no literal "<date/time>" of a template's date placeholder or field frame reaches the deck
    for master in prs.slide_masters:
        for part in [master, *master.slide_layouts]:
            for sp in part._element.iter(f"{P}sp"):
                assert "<date/time>" not in "".join(sp.itertext()), part.name
    # every placeholder of a layout has an index of its own: nothing inherits the title's place
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            indices = [int(_ph(sp).get("idx", "0")) for sp in layout._element.iter(f"{P}sp") if _ph(sp) is not None]
            assert len(indices) == len(set(indices)), layout.name
    # the closing slide: the QR code and every text beside it are apart
    last = prs.slides[len(prs.slides) - 1]
    codes = [s for s in last.shapes if s.shape_type == 13 and s.name == "QR code"]
    if codes:
        code = codes[0]
        qr = (code.left, code.top, code.width, code.height)
        for role, sp in filled(last):
            assert not _meets(effective_box(sp, last), qr), f"the closing {'title' if role == 0 else 'text'} meets the QR code"
        for shape in last.shapes:
            if shape.has_text_frame and not shape.is_placeholder and shape.text_frame.text.strip() and shape.top < code.top:
                assert not _meets((shape.left, shape.top, shape.width, shape.height), qr)
    return prs


def check_bullets(prs, template: Path) -> None:
    """Bullets slides' body paragraphs are drawn with the template's own bullet and indent."""
    for level in (0, 1):
        expected = template_marker(template, level)
        if expected is None:
            continue
        seen = 0
        for slide in prs.slides:
            for role, sp in filled(slide):
                if role != 1 or _kind(_ph(sp)) == "subTitle":
                    continue
                for p in sp.iter(f"{A}p"):
                    ppr = p.find(f"{A}pPr")
                    if ppr is None or int(ppr.get("lvl", "0")) != level or ppr.find(f"{A}buNone") is not None:
                        continue
                    char, margin = effective_marker(ppr, level, sp, slide)
                    seen += 1
                    assert char == expected[0], (slide.slide_layout.name, level, char, expected)
                    assert margin is not None and abs(margin - expected[1]) <= 12700, (level, margin, expected)
        assert seen, f"no bullet of level {level + 1} was checked"


@pytest.mark.parametrize("talk", ["shipped", "long"])
@pytest.mark.parametrize("name", ["python-pptx", "branded", *LO_PLACED])
def test_placeholders_are_drawn_where_the_layout_means_them(tmp_path, placed_templates, name, talk):
    if name not in placed_templates:
        pytest.skip(f"LibreOffice's {name} template is not here")
    template = placed_templates[name]
    text = DEFAULT_OUTLINE.read_text() if talk == "shipped" else LONG_TALK
    deck, output = build_on(tmp_path, template, text)
    assert not [line for line in output.splitlines() if LAYOUT_WARNING.search(line)], output
    prs = check_deck(deck, template)
    if talk == "shipped" and name != "python-pptx":  # the long talk has one bullets slide
        check_bullets(prs, template)


def test_the_title_slide_is_on_the_cover_master_clear_of_its_decoration(tmp_path):
    template = branded(tmp_path)
    deck, output = build_on(tmp_path, template, LONG_TALK)
    prs = audited(deck)
    first = prs.slides[0]
    assert first.slide_layout.name == "Cover"
    shard_right = max(x for x, _ in COVER_DECORATION[1:2])  # the shard's widest point, at the top
    for role, sp in filled(first):
        box = effective_box(sp, first)
        assert box[0] >= shard_right, f"role {role} at {box} stands on the cover's shard"
    # content slides: the title keeps below the logo band and off the logo, however long
    for slide in list(prs.slides)[1:]:
        for role, sp in filled(slide):
            box = effective_box(sp, slide)
            assert not _meets(box, LOGO_BAND) and not _meets(box, LOGO), (slide.slide_layout.name, role, box)
            if role == 0:  # a long title shrinks into its box: it never grows past it
                body = sp.find(f"{P}txBody/{A}bodyPr")
                assert body.find(f"{A}spAutoFit") is None
    # and its bullets are the template's own
    bullets = next(s for s in prs.slides if s.slide_layout.name == "Headline and Text")
    sp = next(sp for role, sp in filled(bullets) if role == 1)
    chars = {effective_marker(p.find(f"{A}pPr"), int(p.find(f"{A}pPr").get("lvl", "0")), sp, bullets)[0] for p in sp.iter(f"{A}p")}
    assert chars == {MARKERS[0][0], MARKERS[1][0]}
