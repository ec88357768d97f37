"""Outlines that used to get no answer, a crash or a wrong deck: each now gets the right one."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from conftest import MINIMAL_DECK, PYRAMID, notes
from deckgen import pipeline as b
from deckgen.cli import main
from deckgen.theme import template_path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_an_audience_skip_that_is_not_a_list_of_ids_is_located_not_a_crash(write_outline):
    outline = write_outline(MINIMAL_DECK + "audiences:\n  a: {label: A, skip: [[x]]}\nslides:\n  - {kind: bullets, title: X, bullets: [y]}\n")
    result = invoke("check", str(outline), "--audience", "a")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [f"{outline}:6:24: audiences.a.skip[0]: input should be a valid string"]


def test_templates_see_the_deck_rendered(build_outline):
    prs, _ = build_outline(
        "deck: {title: T, speaker: '{{ speaker }}', event: {name: '{{ where }}'}}\n"
        "variables: {speaker: Ada, where: Lagos}\n"
        "slides:\n  - {kind: bullets, title: 'By {{ deck.speaker }} in {{ event.name }}', bullets: [y]}\n"
    )
    assert prs.slides[0].shapes.title.text == "By Ada in Lagos"


def test_skip_ids_that_match_no_slide_are_warned_with_a_suggestion(build_outline):
    _, result = build_outline(
        MINIMAL_DECK + "audiences:\n  a: {label: A, skip: [detials, nowhere]}\n"
        "slides:\n  - {kind: bullets, id: details, title: X, bullets: [y]}\n  - {kind: bullets, title: Y, bullets: [y]}\n",
        audience="a",
    )
    # each at its own place in the audience's skip list
    assert any(w.endswith(":6:24: audiences.a.skip[0]: audience 'a' skips 'detials', but no slide has that id (did you mean 'details'?)") for w in result.warnings), result.warnings
    assert any(w.endswith(":6:33: audiences.a.skip[1]: audience 'a' skips 'nowhere', but no slide has that id") for w in result.warnings), result.warnings


def test_a_layout_without_a_title_placeholder_is_named_exit_2(tmp_path, write_outline):
    corporate = tmp_path / "corporate.pptx"
    shutil.copy(template_path(), corporate)
    prs = Presentation(str(corporate))
    layout = prs.slide_layouts.get_by_name("Title Only")
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
    title._element.getparent().remove(title._element)
    prs.save(str(corporate))
    # left to itself, deckgen passes over the layout that lacks a title
    outline = write_outline("deck: {title: T, template: corporate.pptx}\nslides:\n  - {kind: table, title: X, columns: [a], rows: [[b]]}\n  - {kind: quote, quote: Q}\n")
    out = tmp_path / "deck.pptx"
    result = invoke("build", str(outline), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [s.slide_layout.name for s in Presentation(str(out)).slides] == ["Title and Content", "Title and Content"]
    # asked for by name, the layout is refused: the kind, what is missing and what would do
    outline.write_text("deck:\n  title: T\n  template: corporate.pptx\n  layouts: {table: Title Only}\nslides:\n  - {kind: table, title: X, columns: [a], rows: [[b]]}\n")
    out.unlink()
    result = invoke("build", str(outline), "-o", str(out))
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"{outline}:4:20: deck.layouts.table: layout 'Title Only' has no title placeholder, which table slides fill;"
        " layouts that would do: 'Title Slide', 'Title and Content', 'Section Header', 'Two Content' (set deck.layouts.table)"
    ]
    assert not out.exists()


def test_a_quote_slide_is_titled_by_its_quote_in_the_plan_and_the_script(write_outline, tmp_path):
    outline = write_outline(MINIMAL_DECK + "slides:\n  - {kind: quote, quote: Small steps win}\n  - {kind: quote, quote: Q, title: Key idea}\n")
    loaded = b.load(outline)
    assert [p.title for p in loaded.plan] == ["Small steps win", "Key idea"]
    result = invoke("notes", str(outline), "-o", str(tmp_path / "n.md"))
    assert result.exit_code == 0
    script = (tmp_path / "n.md").read_text()
    assert "## 1. Small steps win" in script and "## 2. Key idea" in script
    deck = b.build(outline, output=tmp_path / "q.pptx")
    assert notes(Presentation(str(deck.path)).slides[0]).startswith("[00:00-00:30] slide 1 of 2")


def test_check_writes_nothing_not_even_the_diagram_cache(tmp_path, monkeypatch, write_outline):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(cache))
    outline = write_outline(MINIMAL_DECK + PYRAMID + "slides:\n  - {kind: pyramid, title: P}\n  - {kind: layer, layer: models}\n")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = invoke("check", str(outline))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not cache.exists()
    invoke("build", str(outline), "-o", str(tmp_path / "d.pptx"))
    assert len(list(cache.glob("*.png"))) == 2  # build still caches the two pictures


def test_every_problem_in_one_run_missing_pictures_included(write_outline, tmp_path):
    (tmp_path / "pyramid.png").write_bytes(b"")
    outline = write_outline(
        MINIMAL_DECK + "slides:\n"
        "  - {kind: bulets, title: X}\n"
        "  - {kind: image, title: I, image: pyramd.png, alt: A pyramid}\n"
        "  - {kind: bullets, titel: Y, bullets: [z]}\n"
    )
    result = invoke("build", str(outline), "-o", str(tmp_path / "d.pptx"))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 4, lines
    assert "unknown slide kind 'bulets'" in lines[0]
    assert lines[1] == f"{outline}:7:36: slides[1].image: picture 'pyramd.png' does not exist in the outline's folder (did you mean 'pyramid.png'?)"
    assert "unknown key 'titel'" in lines[3]


ALL = MINIMAL_DECK + """\
variables: {who: general}
audiences:
  one: {label: One, variables: {who: first}}
  two: {label: Two, variables: {who: second}}
slides:
  - {kind: bullets, title: "For {{ who }}", bullets: [x], notes: "Hello {{ who }}"}
"""


def test_notes_takes_audience_all_and_variables(write_outline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outline = write_outline(ALL)
    result = invoke("notes", str(outline), "--audience", "all", "--var", "greeting=hi")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "talk-one-notes.md").read_text().count("Hello first") == 1
    assert (tmp_path / "build" / "talk-two-notes.md").read_text().count("Hello second") == 1
    assert invoke("notes", str(outline), "--audience", "all", "-o", "x.md").exit_code == 2


@pytest.mark.parametrize("command", ["diagram", "preview", "watch"])
def test_every_command_that_builds_takes_variables(command):
    help_text = invoke(command, "--help").output
    assert "--var KEY=VALUE" in help_text and "--vars FILE.yaml" in help_text


def test_diagram_uses_the_variables(write_outline, tmp_path):
    outline = write_outline(MINIMAL_DECK + PYRAMID + "variables: {focus: [models]}\nslides:\n  - {kind: pyramid, id: p, title: P, highlight: '{{ focus }}'}\n")
    folder = tmp_path / "pics"
    assert invoke("diagram", str(outline), "-o", str(folder), "--var", "focus=hardware").exit_code == 0
    assert invoke("diagram", str(outline), "-o", str(tmp_path / "pics2")).exit_code == 0
    assert (folder / "talk-p.png").read_bytes() != (tmp_path / "pics2" / "talk-p.png").read_bytes()


def test_preview_takes_audience_all(write_outline, tmp_path, monkeypatch):
    from deckgen import export

    monkeypatch.chdir(tmp_path)
    previewed = []
    monkeypatch.setattr(export, "require_soffice", lambda: "soffice")
    monkeypatch.setattr(export, "preview_deck", lambda deck, folder, *rest: (previewed.append((deck.name, folder.name)), ([deck], folder / "sheet.png"))[1])
    outline = write_outline(ALL)
    result = invoke("preview", str(outline), "--audience", "all")
    assert result.exit_code == 0, result.output
    assert previewed == [("talk-one.pptx", "talk-one-preview"), ("talk-two.pptx", "talk-two-preview")]
    for name in ("one", "two"):
        with zipfile.ZipFile(tmp_path / "build" / f"talk-{name}.pptx") as z:
            assert {"first": "one", "second": "two"}[next(w for w in ("first", "second") if w.encode() in z.read("ppt/slides/slide1.xml"))] == name
