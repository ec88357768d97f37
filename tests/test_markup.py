"""Inline markup: parsed by CommonMark's rules into native runs, links checked where they are written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import MINIMAL_DECK, alt_text, notes, pictures
from deckgen.cli import main
from deckgen.markup import MarkupError, Span, parse, plain, spoken


@pytest.mark.parametrize(
    "text, spans",
    [
        ("plain words", [Span("plain words")]),
        ("a **bold** word", [Span("a "), Span("bold", bold=True), Span(" word")]),
        ("*it* and _it_", [Span("it", italic=True), Span(" and "), Span("it", italic=True)]),
        ("***both***", [Span("both", bold=True, italic=True)]),
        ("run `pip install deckgen`", [Span("run "), Span("pip install deckgen", code=True)]),
        ("`a*b` stays", [Span("a*b", code=True), Span(" stays")]),
        ("~~old~~ new", [Span("old", strike=True), Span(" new")]),
        ("[docs](https://example.org/d?a=1&b=2)", [Span("docs", link="https://example.org/d?a=1&b=2")]),
        ("see https://example.org.", [Span("see "), Span("https://example.org", link="https://example.org"), Span(".")]),
        ("<mailto:ada@example.org>", [Span("mailto:ada@example.org", link="mailto:ada@example.org")]),
        ("2 * 3 * 4 and snake_case_name", [Span("2 * 3 * 4 and snake_case_name")]),
        ("\\*not emphasis\\* and \\`tick\\`", [Span("*not emphasis* and `tick`")]),
        ("<b>html stays text</b>", [Span("<b>html stays text</b>")]),
        ("next.ai and node.js", [Span("next.ai and node.js")]),
        ("**[bold link](https://x.org)**", [Span("bold link", bold=True, link="https://x.org")]),
    ],
)
def test_commonmark_inline_rules(text, spans):
    assert list(parse(text)) == spans


@pytest.mark.parametrize(
    "text, message",
    [
        ("[x](javascript:alert(1))", "the javascript: scheme is not allowed"),
        ("[x](file:///etc/passwd)", "the file: scheme is not allowed"),
        ("[x](data:text/html,hi)", "the data: scheme is not allowed"),
        ("[x](docs/intro.html)", "needs a full address"),
        ("![pic](a.png)", "cannot stand in text"),
    ],
)
def test_refused_markup(text, message):
    with pytest.raises(MarkupError, match=message):
        parse(text)


def test_plain_and_spoken():
    text = "Use **deckgen** with `--pdf`, see [the docs](https://example.org/docs)"
    assert plain(text) == "Use deckgen with --pdf, see the docs"
    assert spoken(text) == "Use deckgen with --pdf, see the docs (https://example.org/docs)"
    assert spoken("see https://example.org") == "see https://example.org"
    assert spoken("one\n\n  two *x*") == "one\n\n  two x"


ALL_MARKUP = MINIMAL_DECK + """\
pyramid:
  layers:
    - {id: a, label: "**Base**", detail: "`chips` and *power*"}
    - {id: b, label: "Top *layer*"}
slides:
  - kind: bullets
    title: "Why **markup** *matters*"
    bullets:
      - "A **strong** claim, an *aside* and `code --flag`"
      - text: "~~Old~~ new, see [the docs](https://example.org/docs)"
        bullets: ["bare https://example.org/x works", "mail <mailto:ada@example.org>"]
      - "Literal \\\\*stars\\\\* and \\\\`ticks\\\\`"
    notes: "Say **this**, then open [the docs](https://example.org/docs)."
  - kind: table
    title: Options
    columns: ["**Flag**", "Effect"]
    rows: [["`--pdf`", "also writes *a PDF*"]]
  - kind: pyramid
    title: Layers
"""


def _runs(shape):
    return [r for p in shape.text_frame.paragraphs for r in p.runs]


def _links(shape) -> dict[str, list]:
    """Return each link of the shape by its text: the runs that carry it (a link is written one
    run per place its line may break, all to one address, as PowerPoint writes a link over runs)."""
    out: dict[str, list] = {}
    for p in shape.text_frame.paragraphs:
        current: list = []
        for r in [*p.runs, None]:
            address = r.hyperlink.address if r is not None else None
            if current and address != current[0].hyperlink.address:
                out["".join(x.text for x in current)] = current
                current = []
            if address:
                current.append(r)
    return out


def test_markup_becomes_native_runs(build_outline):
    prs, _ = build_outline(ALL_MARKUP)
    slide = prs.slides[0]
    title_runs = _runs(slide.shapes.title)
    assert [(r.text, r.font.bold, r.font.italic) for r in title_runs] == [("Why ", True, False), ("markup", True, False), (" ", True, False), ("matters", True, True)]
    body = slide.placeholders[1]
    runs = {r.text: r for r in _runs(body)}
    assert runs["strong"].font.bold and not runs["A "].font.bold
    assert runs["aside"].font.italic
    assert runs["code --flag"].font.name == "Courier New" and runs["A "].font.name is None
    assert runs["Old"]._r.rPr.get("strike") == "sngStrike"
    links = _links(body)
    assert [r.text for r in links["the docs"]] == ["the ", "docs"] and {r.hyperlink.address for r in links["the docs"]} == {"https://example.org/docs"}
    assert [r.text for r in links["https://example.org/x"]] == ["https://", "example.org/", "x"]
    assert {r.hyperlink.address for r in links["https://example.org/x"]} == {"https://example.org/x"}
    assert [r.hyperlink.address for r in links["mailto:ada@example.org"]] == ["mailto:ada@example.org"]
    text = body.text_frame.text
    assert "Literal *stars* and `ticks`" in text
    for leftover in ("**", "~~", "](", "<mailto"):
        assert leftover not in text
    assert "*" not in text.replace("*stars*", "")


def test_links_are_coloured_for_contrast_on_light_and_dark(build_outline):
    from deckgen.theme import DEFAULT_THEME, contrast_ratio

    pal = DEFAULT_THEME.palette
    assert contrast_ratio(pal.link, pal.paper) >= 4.5 and contrast_ratio(pal.link, pal.band) >= 4.5
    assert contrast_ratio(pal.link_on_night, pal.night) >= 4.5
    prs, _ = build_outline(ALL_MARKUP + "  - kind: closing\n    message: 'Slides at [example.org](https://example.org)'\n")
    assert all(r.font.color.rgb == tuple(pal.link) and r.font.underline for r in _links(prs.slides[0].placeholders[1])["the docs"])
    closing = prs.slides[-1]
    assert [r.font.color.rgb for r in _links(closing.placeholders[1])["example.org"]] == [tuple(pal.link_on_night)]


def test_markup_in_tables_notes_and_pictures(build_outline):
    prs, _ = build_outline(ALL_MARKUP)
    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    head = table.cell(0, 0).text_frame.paragraphs[0].runs
    assert [(r.text, r.font.bold) for r in head] == [("Flag", True)]
    cell = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert (cell.text, cell.font.name) == ("--pdf", "Courier New")
    assert notes(prs.slides[0]).endswith("Say this, then open the docs (https://example.org/docs).")
    alt = alt_text(pictures(prs.slides[2])[0])
    assert "Base (chips and power)" in alt and "Top layer" in alt and "*" not in alt and "`" not in alt


def test_notes_command_keeps_the_markdown(write_outline, tmp_path):
    outline = write_outline(ALL_MARKUP)
    result = CliRunner().invoke(main, ["notes", str(outline), "-o", str(tmp_path / "n.md")])
    assert result.exit_code == 0, result.output
    script = (tmp_path / "n.md").read_text()
    assert "Say **this**, then open [the docs](https://example.org/docs)." in script
    assert "## 1. Why **markup** *matters*" in script


def test_a_refused_link_is_located_exit_2(write_outline, tmp_path):
    outline = write_outline(MINIMAL_DECK + "slides:\n  - kind: bullets\n    title: T\n    bullets:\n      - fine\n      - 'click [here](javascript:alert(1))'\n")
    out = tmp_path / "d.pptx"
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{outline}:10:9: slides[0].bullets[1]: link 'javascript:alert(1)': the javascript: scheme is not allowed; links are http, https or mailto"
    ]
    assert not out.exists()


def test_markup_is_measured_in_its_own_faces():
    from deckgen.text import block_height, rich, text_width

    words = "Measure every word in its face"
    width = text_width(words, 30) + 0.2 + 0.01
    assert block_height([rich(words)], 30, width) < block_height([rich("**Measure every word in its face**")], 30, width)
    assert block_height([rich(words)], 30, width) < block_height([rich("`Measure every word in its face`")], 30, width)
