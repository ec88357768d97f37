"""Accessibility, by PowerPoint's Accessibility Checker's rules, read from reopened decks:
decorative shapes marked decorative, a title on every slide, link text that says where it
goes, and dimmed code still at the theme's contrast."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import MINIMAL_DECK
from deckgen.kinds.code import STYLES
from deckgen.theme import builtin_theme, contrast_ratio

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

EVERY_KIND = """\
pyramid:
  layers:
    - {id: hw, label: Hardware}
    - {id: app, label: Application}
slides:
  - kind: title
  - kind: agenda
  - kind: section
    title: Why
  - kind: bullets
    title: Points
    bullets: [One, Two]
  - kind: quote
    quote: "Make it work, make it right, make it fast."
    attribution: Kent Beck
  - kind: code
    title: Code
    language: python
    line_numbers: true
    highlight: "2"
    code: |
      def double(x):
          return x * 2
      print(double(3))
  - kind: columns
    title: Two sides
    columns:
      - {heading: Before, bullets: [Slow]}
      - {heading: After, bullets: [Fast]}
  - kind: chart
    title: Numbers
    categories: [A, B]
    series: [{name: S, values: [1, 2]}]
  - kind: table
    title: Table
    columns: [Name, Value]
    rows: [[a, "1"]]
  - kind: pyramid
    title: Layers
  - kind: layer
    layer: hw
  - kind: closing
    message: Thank you!
    links:
      - {label: Slides, url: "https://example.org/talks/access"}
      - {label: Mail, url: "mailto:tess@example.org"}
      - {label: Mastodon, url: "@tess@example.social"}
"""


def outline(theme: str = "light", code_style: str = "light") -> str:
    deck = MINIMAL_DECK.replace("deck:\n", f"deck:\n  theme: {theme}\n")
    return deck + EVERY_KIND.replace("    language: python\n", f"    language: python\n    style: {code_style}\n")


def c_nv_pr(shape):
    return shape._element.xpath("./*[1]/p:cNvPr")[0]


def is_decorative(shape) -> bool:
    found = [e for e in c_nv_pr(shape).iter(DECORATIVE)]
    return bool(found) and all(e.get("val") == "1" and e.getparent().get("uri") == DECORATIVE_EXT for e in found)


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    from conftest import open_deck
    from deckgen import pipeline

    folder = tmp_path_factory.mktemp("a11y")
    (folder / "talk.yaml").write_text(outline(), encoding="utf-8")
    result = pipeline.build(folder / "talk.yaml", output=folder / "talk.pptx")
    return open_deck(result.path), result.path


def test_decorative_shapes_are_marked_and_content_is_not(every_kind):
    prs, _ = every_kind
    marked, content = [], []
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            (marked if is_decorative(shape) else content).append((n, shape.name, shape))
    names = {name for _, name, _ in marked}
    assert {"Accent rule", "Code panel"} <= names
    column_rules = [s for n, _, s in marked if prs.slides[n - 1].shapes.title.text == "Two sides" and s.name not in ("Accent rule",)]
    assert len(column_rules) == 2  # the rule under each column's heading
    for n, name, shape in marked:  # decoration holds no text and no alt text a reader needs
        assert not (shape.has_text_frame and shape.text_frame.text.strip()), (n, name)
    for n, name, shape in content:  # every shape that holds text, a picture, a chart or a table is read
        assert shape.is_placeholder or shape.has_text_frame or shape.shape_type in (3, 6, 13, 19) or getattr(shape, "has_chart", False), (n, name)
        if shape.shape_type == 1 and not (shape.has_text_frame and shape.text_frame.text.strip()):
            pytest.fail(f"slide {n}: {name} is an empty shape not marked decorative")


def test_every_slide_has_a_title_and_a_hidden_one_is_off_the_slide(every_kind):
    prs, _ = every_kind
    height, width = prs.slide_height, prs.slide_width
    hidden = []
    for n, slide in enumerate(prs.slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip(), f"slide {n} has no title"
        on_slide = title.top >= 0 and title.left >= 0 and title.top + title.height <= height and title.left + title.width <= width
        if not on_slide:
            assert title.top + title.height <= 0  # entirely above the slide: no client draws it
            hidden.append((n, title.text_frame.text))
    assert hidden == [(5, "Make it work, make it right, make it fast.")]


def test_link_text_says_where_it_goes(every_kind):
    prs, _ = every_kind
    closing = prs.slides[-1]
    links: dict[str, str] = {}
    for shape in closing.shapes:
        if not shape.has_text_frame:
            continue
        for p in shape.text_frame.paragraphs:
            for run in p.runs:
                if run.hyperlink.address:
                    links[run.hyperlink.address] = links.get(run.hyperlink.address, "") + run.text
    assert links == {
        "https://example.org/talks/access": "Slides: example.org/talks/access",
        "mailto:tess@example.org": "Mail: tess@example.org",
    }
    for address, text in links.items():
        assert text != address and not text.startswith(("http", "mailto"))  # never a bare address
    assert "Mastodon: @tess@example.social" in [p.text for s in closing.shapes if s.has_text_frame for p in s.text_frame.paragraphs]


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
@pytest.mark.parametrize("code_style", ["light", "dark"])
def test_dimmed_code_lines_keep_the_themes_contrast(build_outline, theme, code_style):
    prs, _ = build_outline(outline(theme, code_style))
    slide = next(s for s in prs.slides if s.shapes.title.text == "Code")
    panel = next(s for s in slide.shapes if s.name == "Code panel")
    fill = tuple(panel.fill.fore_color.rgb)
    assert fill == STYLES[code_style].panel
    code = next(s for s in slide.shapes if s.name == "Code")
    minimum = builtin_theme(theme).min_contrast
    lines = code.text_frame.paragraphs
    assert len(lines) == 3
    for k, line in enumerate(lines, start=1):
        for run in line.runs:
            colour = tuple(run.font.color.rgb)
            assert contrast_ratio(colour, fill) >= minimum - 0.005, (k, run.text, colour, contrast_ratio(colour, fill))
            assert bool(run.font.bold) == (k == 2) or not run.text.strip() or run.text.strip().isdigit()
    # the dimmed lines still look dimmed: nearer the panel than the highlighted line's same token
    dim = min(contrast_ratio(tuple(r.font.color.rgb), fill) for r in lines[0].runs if r.text.strip())
    full = max(contrast_ratio(tuple(r.font.color.rgb), fill) for r in lines[1].runs if r.text.strip())
    assert dim < full


def test_the_marked_deck_passes_the_open_xml_sdk_checks(every_kind):
    import openxml_audit

    _, path = every_kind
    result = openxml_audit.validate_pptx(path)
    assert result.is_valid, [e.description for e in result.errors][:5]
