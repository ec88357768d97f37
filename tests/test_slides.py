"""Each slide kind on its own: built, checked, reopened, and its content where it belongs."""

from __future__ import annotations

import pytest
from PIL import Image

from conftest import MINIMAL_DECK, PYRAMID, alt_text, notes, pictures, texts
from deckgen.model import SLIDE_KINDS
from deckgen.schema import json_schema
from deckgen.theme import DEFAULT_THEME


def layout_name(slide) -> str:
    return slide.slide_layout.name


def test_title_slide(build_outline):
    prs, _ = build_outline("deck:\n  title: My Talk\n  subtitle: Sub\n  speaker: Ada\n  role: Engineer\n  event: {name: Meetup}\n  date: '2026-12-03'\nslides:\n  - kind: title\n    notes: Hello there.\n")
    slide = prs.slides[0]
    assert layout_name(slide) == "Title Slide"
    assert slide.shapes.title.text == "My Talk"
    assert texts(slide)[1:] == ["Sub", "Ada · Engineer", "Meetup · December 3, 2026"]
    assert notes(slide).endswith("Hello there.")


SECTIONS = MINIMAL_DECK + """\
slides:
  - kind: agenda
  - {kind: section, title: First}
  - {kind: bullets, title: A, bullets: [a]}
  - {kind: section, title: Second}
  - {kind: bullets, title: B, bullets: [b]}
"""


def test_agenda_is_generated_from_sections(build_outline):
    prs, _ = build_outline(SECTIONS)
    agenda = prs.slides[0]
    assert agenda.shapes.title.text == "Agenda"
    assert texts(agenda)[1:3] == ["01   First", "02   Second"]
    assert texts(prs.slides[3]) == ["Second", "Part 2 of 2"]
    assert layout_name(prs.slides[1]) == "Section Header"


def test_agenda_numbers_are_bold_accent_runs_and_measured_so(build_outline):
    prs, _ = build_outline(SECTIONS)
    paragraph = prs.slides[0].placeholders[1].text_frame.paragraphs[0]
    number, title = paragraph.runs
    assert (number.text, number.font.bold, title.text, title.font.bold) == ("01   ", True, "First", False)


def test_sections_with_the_same_title_are_numbered_by_position(build_outline):
    prs, _ = build_outline(SECTIONS.replace("title: Second", "title: First"))
    assert texts(prs.slides[1]) == ["First", "Part 1 of 2"]
    assert texts(prs.slides[3]) == ["First", "Part 2 of 2"]
    assert texts(prs.slides[0])[1:3] == ["01   First", "02   First"]


def test_a_section_left_without_slides_is_left_off_the_agenda_with_a_warning(build_outline):
    outline = SECTIONS.replace("  - {kind: bullets, title: A, bullets: [a]}\n", "  - {kind: bullets, title: A, bullets: [a], when: \"audience.name == 'x'\"}\n")
    prs, result = build_outline(outline)
    assert texts(prs.slides[0])[1:2] == ["01   Second"] and "First" not in " ".join(texts(prs.slides[0]))
    assert texts(prs.slides[2]) == ["Second", "Part 1 of 1"]
    assert texts(prs.slides[1]) == ["First"]  # still there, with no "Part N of M"
    assert any("section 'First' keeps none of its slides" in w for w in result.warnings)


def test_a_section_written_with_nothing_after_it_stays_on_the_agenda(build_outline):
    prs, result = build_outline(SECTIONS + "  - {kind: section, title: Questions}\n")
    assert texts(prs.slides[0])[1:4] == ["01   First", "02   Second", "03   Questions"]
    assert not any("Questions" in w for w in result.warnings)


def test_bullets_two_levels_in_the_body_placeholder(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: bullets\n    title: Points\n    bullets:\n      - one\n      - text: two\n        bullets: [two-a, two-b]\n      - three\n")
    slide = prs.slides[0]
    body = slide.placeholders[1]
    paras = [(p.text, p.level) for p in body.text_frame.paragraphs]
    assert paras == [("one", 0), ("two", 0), ("two-a", 1), ("two-b", 1), ("three", 0)]
    sizes = [p.runs[0].font.size.pt for p in body.text_frame.paragraphs]
    assert sizes[2] < sizes[1]  # second level is smaller


def test_pyramid_slide_with_caption_only(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + PYRAMID + "slides:\n  - kind: pyramid\n    title: Whole\n    caption: All four layers.\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    assert "Pyramid of 4 layers" in alt_text(pic) and "In focus" not in alt_text(pic)
    assert "All four layers." in texts(slide)


def test_layer_slide_defaults_its_title_to_the_layer_label(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + PYRAMID + "slides:\n  - kind: layer\n    layer: models\n    bullets: [LLMs]\n")
    slide = prs.slides[0]
    assert slide.shapes.title.text == "Models"
    [pic] = pictures(slide)
    assert "In focus: Models;" in alt_text(pic)
    assert "LLMs" in texts(slide)


def test_table_slide(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: table\n    title: Paths\n    columns: [From, To]\n    rows:\n      - [DevOps, MLOps]\n      - [2024, 2025]\n")
    [frame] = [s for s in prs.slides[0].shapes if s.has_table]
    cells = [[c.text for c in r.cells] for r in frame.table.rows]
    assert cells == [["From", "To"], ["DevOps", "MLOps"], ["2024", "2025"]]


@pytest.mark.parametrize("n", [2, 3])
def test_columns_slide(build_outline, n):
    cols = "".join(f"      - {{heading: H{i}, bullets: [b{i}]}}\n" for i in range(n))
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: columns\n    title: Cols\n    columns:\n" + cols)
    body = texts(prs.slides[0])
    for i in range(n):
        assert f"H{i}" in body and f"b{i}" in body


def test_image_slide_keeps_aspect_and_alt_text(build_outline, tmp_path):
    Image.new("RGB", (400, 100), "navy").save(tmp_path / "wide.png")
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: image\n    title: Pic\n    image: wide.png\n    alt: A wide navy bar\n    caption: It is wide.\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    assert alt_text(pic) == "A wide navy bar"
    assert pic.width / pic.height == pytest.approx(4.0, rel=0.01)
    assert "It is wide." in texts(slide)


def test_quote_slide(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: quote\n    quote: Start at the top.\n    attribution: Me\n  - kind: quote\n    title: Key message\n    quote: Climb.\n")
    untitled, titled = prs.slides
    hidden = untitled.shapes.title  # every slide has a title, for screen readers; this one is hidden
    assert hidden.text == "Start at the top." and hidden.top + hidden.height <= 0  # above the slide, as PowerPoint hides one
    assert "“Start at the top.”" in texts(untitled) and "— Me" in texts(untitled)
    assert titled.shapes.title.text == "Key message"  # a real title, for screen readers
    assert titled.shapes.title.text_frame.paragraphs[0].runs[0].font._rPr.get("cap") == "all"


def test_closing_slide_links_are_hyperlinks(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: closing\n    message: Thanks!\n    links:\n      - {label: Slides, url: 'https://example.org/s'}\n      - {label: Mastodon, url: '@me@example.social'}\n")
    slide = prs.slides[0]
    assert slide.shapes.title.text == "Questions?"
    lines = {p.text: p.runs for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs}
    # the link's text says where it goes: the label and the address shown readably, all of it
    # one link (written one run per place its line may break, as PowerPoint writes a link over runs)
    slides = lines["Slides: example.org/s"]
    assert {r.hyperlink.address for r in slides} == {"https://example.org/s"}
    assert "".join(r.text for r in slides) == "Slides: example.org/s"
    # a handle is not an address: shown, not linked
    assert {r.hyperlink.address for r in lines["Mastodon: @me@example.social"]} == {None}
    assert not pictures(slide)  # no qr asked for


def test_every_slide_gets_notes_even_empty_ones(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: section\n    title: S\n")
    assert prs.slides[0].has_notes_slide
    assert notes(prs.slides[0]).startswith("[00:00-00:30] slide 1 of 1")


def test_footer_on_content_slides_only(build_outline):
    outline = "deck:\n  title: T\n  handle: '@ada'\n  event: {name: Meetup, hashtag: '#meet'}\nslides:\n  - kind: title\n  - kind: bullets\n    title: B\n    bullets: [x]\n  - kind: section\n    title: S\n  - kind: quote\n    quote: Q\n  - kind: closing\n"
    prs, _ = build_outline(outline)
    with_footer = []
    for slide in prs.slides:
        body = texts(slide)
        has = "#meet · @ada" in body
        with_footer.append(has)
        if has:
            number = next(s for s in slide.shapes if s.name == "Slide number")
            assert number.text_frame.paragraphs[0]._p.xpath("./a:fld/@type") == ["slidenum"]
    assert with_footer == [False, True, False, True, False]


def test_footer_can_be_turned_off(build_outline):
    prs, _ = build_outline("deck:\n  title: T\n  footer: false\nslides:\n  - kind: bullets\n    title: B\n    bullets: [x]\n")
    assert not any(s.name == "Slide number" for s in prs.slides[0].shapes)


def test_no_empty_placeholder_prompts_remain(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: section\n    title: Only a title\n    subtitle: and a subtitle\n  - kind: title\n")
    for slide in prs.slides:
        for ph in slide.placeholders:
            assert ph.text_frame.text.strip(), ph.name


def test_text_that_cannot_fit_is_a_located_error(write_outline, tmp_path):
    from deckgen import pipeline as b
    from deckgen.errors import OutlineError

    from click.testing import CliRunner

    from deckgen.cli import main

    long = " ".join(["word"] * 180)
    too_much = "".join(f"      - {long}\n" for _ in range(5))
    outline = write_outline(MINIMAL_DECK + "slides:\n  - kind: bullets\n    title: Too much\n    bullets:\n" + too_much + "  - kind: bullets\n    title: Also too much\n    bullets:\n" + too_much)
    with pytest.raises(OutlineError) as info:
        b.build(outline, output=tmp_path / "x.pptx")
    first, second = info.value.problems  # every slide that overflows, not just the first
    assert (first.field, first.line, first.column) == ("slides[0].bullets", 9, 7)
    assert (second.field, second.line) == ("slides[1].bullets", 17)
    assert "does not fit on the slide" in first.message
    assert not (tmp_path / "x.pptx").exists()
    checked = CliRunner().invoke(main, ["check", str(outline)])  # check finds it without writing
    assert checked.exit_code == 2 and checked.output.count("does not fit on the slide") == 2


def test_schema_has_descriptions_and_every_kind():
    schema = json_schema()
    defs = schema["$defs"]
    assert defs["BulletsSlide"]["properties"]["bullets"]["description"].startswith("The bullets")
    assert defs["ImageSlide"]["properties"]["alt"]["description"].startswith("Alt text")
    kinds = {d["properties"]["kind"]["const"] for d in defs.values() if "kind" in d.get("properties", {})}
    assert kinds == set(SLIDE_KINDS)
    assert defs["DeckInfo"]["additionalProperties"] is False


def test_a_speakers_own_template_is_used_by_layout_name(write_outline, tmp_path):
    import shutil

    from pptx import Presentation

    from conftest import open_deck
    from deckgen import pipeline as b
    from deckgen.theme import template_path

    corporate = tmp_path / "corporate.pptx"
    shutil.copy(template_path(), corporate)
    prs = Presentation(str(corporate))
    from pptx.dml.color import RGBColor

    layout = prs.slide_layouts.get_by_name("Title and Content")  # found by name, as deckgen does
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor(0x12, 0x34, 0x56)  # the corporate look
    prs.save(str(corporate))
    outline = write_outline("deck:\n  title: T\n  template: corporate.pptx\nslides:\n  - kind: bullets\n    title: B\n    bullets: [x]\n")
    deck = open_deck(b.build(outline, output=tmp_path / "o.pptx").path)
    assert deck.slides[0].slide_layout.name == "Title and Content"
    assert str(deck.slides[0].slide_layout.background.fill.fore_color.rgb) == "123456"


def test_a_layout_under_another_name_is_found_by_its_type_and_placeholders(write_outline, tmp_path):
    import shutil

    from pptx import Presentation

    from deckgen import pipeline as b
    from deckgen.theme import template_path

    corporate = tmp_path / "corporate.pptx"
    shutil.copy(template_path(), corporate)
    prs = Presentation(str(corporate))
    prs.slide_layouts.get_by_name("Title Only").name = "Heading"
    prs.save(str(corporate))
    outline = write_outline("deck:\n  title: T\n  template: corporate.pptx\nslides:\n  - kind: quote\n    quote: q\n")
    built = b.build(outline, output=tmp_path / "o.pptx")
    assert [s.slide_layout.name for s in Presentation(str(built.path)).slides] == ["Heading"]


def test_a_template_without_what_a_kind_needs_names_the_kind_and_the_candidates(write_outline, tmp_path):
    import shutil

    from pptx import Presentation

    from deckgen import pipeline as b
    from deckgen.errors import OutlineError
    from deckgen.theme import template_path

    corporate = tmp_path / "corporate.pptx"
    shutil.copy(template_path(), corporate)
    prs = Presentation(str(corporate))
    for layout in prs.slide_layouts:  # no layout keeps a body, content or subtitle placeholder
        for ph in list(layout.placeholders):
            if ph.placeholder_format.idx in (1, 2):
                ph._element.getparent().remove(ph._element)
    prs.save(str(corporate))
    outline = write_outline("deck:\n  title: T\n  template: corporate.pptx\nslides:\n  - kind: bullets\n    title: B\n    bullets: [a]\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert [p.message for p in caught.value.problems] == [
        "no layout of the template has a title and a body or subtitle placeholder, which bullets slides fill;"
        " its layouts: 'Title Slide' (centred title, date, footer, slide number); 'Title and Content' (title, date, footer,"
        " slide number); 'Section Header' (title, date, footer, slide number); 'Two Content' (title, date, footer, slide"
        " number); 'Title Only' (title, date, footer, slide number); 'Blank' (date, footer, slide number)"
    ]
    assert caught.value.problems[0].field == "deck.template"


@pytest.mark.parametrize(
    "natural,total,expected",
    [
        ([1, 1, 1], 9, [3, 3, 3]),  # everything fits: spare room shared evenly
        ([1, 2, 12], 9, None),  # the long column takes what the short ones leave
    ],
)
def test_column_widths(natural, total, expected):
    from deckgen.text import column_widths

    widths = column_widths(natural, total)
    assert sum(widths) == pytest.approx(total)
    if expected:
        assert widths == pytest.approx(expected)
    else:
        assert widths[0] == pytest.approx(1.08) and widths[1] == pytest.approx(2)  # floor 12% of 9 for the first
        assert widths[2] == pytest.approx(9 - 1.08 - 2)


def test_table_columns_follow_their_text(build_outline):
    long = "a sentence long enough that it would need several lines in a narrow column"
    prs, _ = build_outline(MINIMAL_DECK + f"slides:\n  - kind: table\n    title: T\n    columns: [Who, Where, How]\n    rows:\n      - [Ops, Infra, '{long}']\n")
    [frame] = [s for s in prs.slides[0].shapes if s.has_table]
    widths = [c.width for c in frame.table.columns]
    assert widths[2] > 2 * widths[0] and widths[2] > 2 * widths[1]


def test_each_table_row_is_as_high_as_its_text_needs(build_outline):
    """Rows of one height each: a row of two lines grows in the client past the table's box
    (over the footer) while the one-line rows keep room they do not use."""
    long = "a sentence long enough that it would need two lines in its column of this table"
    rows = "".join(f"      - [Row {k}, '{long if k == 3 else 'short'}', x]\n" for k in range(8))
    prs, _ = build_outline(MINIMAL_DECK + f"slides:\n  - kind: table\n    title: T\n    columns: [Who, What, Why]\n    rows:\n{rows}")
    frame = next(s for s in prs.slides[0].shapes if s.has_table)
    heights = [row.height for row in frame.table.rows]
    assert heights[4] > 1.5 * heights[1]  # the header is row 0: the long row is row 4
    assert len(set(heights[1:4] + heights[5:])) == 1
    assert abs(sum(heights) - frame.height) <= len(heights)  # the rows fill the planned box, EMU rounding aside


def test_agenda_shows_section_start_times_from_the_plan(build_outline):
    outline = SECTIONS.replace("  - kind: agenda\n", "  - {kind: agenda, times: true, minutes: 1}\n").replace("title: A, bullets: [a]}", "title: A, bullets: [a], minutes: 2.5}")
    prs, result = build_outline(outline)
    lines = texts(prs.slides[0])[1:3]
    # the plan: agenda 1 min, section "First" at 01:00 (30 s), A 2.5 min, section "Second" at 04:00
    assert lines == ["01   First   01:00", "02   Second   04:00"]
    assert prs.slides[0].placeholders[1].text_frame.paragraphs[0].runs[-1].font.color.rgb == DEFAULT_THEME.palette.muted


LONG_PATH = "/segment" * 8


@pytest.mark.parametrize(
    "outline, field, size, floor",
    [
        ("  - kind: bullets\n    title: Many\n    bullets:\n" + "".join(f"      - A bullet long enough to wrap onto two lines on a slide, with words to spare {i}\n" for i in range(12)), "bullets", 17.0, 18),
        ("  - kind: closing\n    qr: https://example.org\n    links:\n" + "".join(f"      - {{label: L{i}, url: 'https://example.org{LONG_PATH}/{i}'}}\n" for i in range(6)), "links", None, 14),
    ],
)
def test_text_below_its_floor_is_warned_and_strict_refuses_it(build_outline, write_outline, tmp_path, outline, field, size, floor):
    from click.testing import CliRunner

    from deckgen.cli import main

    source = write_outline(MINIMAL_DECK + "slides:\n" + outline)
    result = CliRunner().invoke(main, ["check", str(source)])
    assert result.exit_code == 0
    warning = next(line for line in result.output.splitlines() if f"slides[0].{field}:" in line)
    assert warning.startswith(f"warning: {source}:") and f"below the {floor} pt floor" in warning
    if size is not None:
        assert f"set at {size:g} pt" in warning
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n" + outline)
    sizes = [r.font.size.pt for shape in prs.slides[0].shapes if shape.has_text_frame and shape.name != "Footer" and shape.name != "Slide number" for p in shape.text_frame.paragraphs for r in p.runs]
    assert min(sizes) < floor  # the warning speaks of what was written
    out = tmp_path / "strict.pptx"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--strict"])
    assert result.exit_code == 2 and f"slides[0].{field}:" in result.output and not out.exists()


def test_the_default_talk_has_no_text_below_its_floors():
    from deckgen import pipeline as b
    from conftest import DEFAULT_OUTLINE

    for audience in (None, "cloud", "developers", "students", "leaders"):
        loaded = b.load(DEFAULT_OUTLINE, audience)
        b.render_deck(loaded)
        assert loaded.planned_warnings == [], audience


def test_numeric_columns_are_right_aligned_and_a_short_table_is_centred(build_outline):
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu

    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: table\n    title: Costs\n    columns: [Service, Cost, Note]\n    rows:\n      - [GPU, '$1,200', rented]\n      - [API, '40 ms', '**fast**']\n")
    frame = next(s for s in prs.slides[0].shapes if s.has_table)
    table = frame.table
    assert [table.cell(i, 1).text_frame.paragraphs[0].alignment for i in range(3)] == [PP_ALIGN.RIGHT] * 3
    assert table.cell(1, 2).text_frame.paragraphs[0].alignment is None and table.cell(1, 0).text_frame.paragraphs[0].alignment is None
    top, bottom = Emu(frame.top).inches, Emu(frame.top + frame.height).inches
    content_top, content_bottom = DEFAULT_THEME.content_top, DEFAULT_THEME.content_bottom
    assert abs((top - content_top) - (content_bottom - bottom)) < 0.02  # as much room above as below


def test_a_long_title_wraps_evenly_before_it_shrinks(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: bullets, title: Short, bullets: [a]}\n  - {kind: bullets, title: A much longer title that would otherwise shrink far below the others, bullets: [a]}\n")
    short, long = (s.shapes.title.text_frame.paragraphs[0] for s in prs.slides)
    assert short.runs[0].font.size.pt == 36
    assert {r.font.size.pt for r in long.runs} == {32}  # two lines at 32, not one line at 29
    first, second = long._p.xpath("string(.)").split("\n") if "\n" in long._p.xpath("string(.)") else [r.text for r in long.runs]
    assert len(long._p.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}br")) == 1
    assert abs(len(first) - len(second)) < 12 and len(second.split()) > 1  # even lines, no word alone


def test_the_closing_message_breaks_evenly(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - kind: closing\n    message: Thank you all for coming tonight, see you at the next meetup soon\n    qr: https://example.org\n")
    paragraph = prs.slides[0].placeholders[1].text_frame.paragraphs[0]
    first, second = paragraph.text.split("\v")
    assert (first, second) == ("Thank you all for coming tonight,", "see you at the next meetup soon")
