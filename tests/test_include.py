"""`include:` pulls the slides of other outline files: located errors, cycles, confinement, when/skip."""

from __future__ import annotations

import time

import yaml
from click.testing import CliRunner

from conftest import Watching, open_deck
from deckgen import pipeline as b
from deckgen.cli import main

MAIN = """\
deck: {title: Included talk}
variables: {who: Ada}
audiences:
  students: {label: Students, skip: [outro]}
  cloud: {label: Cloud}
slides:
  - include: shared/intro.yaml
  - {kind: bullets, title: Middle, bullets: [x]}
  - include: shared/outro.yaml
    when: audience.name != 'cloud'
"""
INTRO = """\
slides:
  - {kind: title}
  - kind: bullets
    title: "Hello {{ who }}"
    bullets: [a, b]
  - include: inner.yaml
"""
INNER = "slides:\n  - {kind: quote, quote: Nested include}\n"
OUTRO = """\
slides:
  - {kind: closing, id: outro}
  - {kind: bullets, title: Only general, bullets: [z], when: "audience.name is none"}
"""


def talk(tmp_path, inner: str = INNER):
    (tmp_path / "shared").mkdir(exist_ok=True)
    for name, text in {"talk.yaml": MAIN, "shared/intro.yaml": INTRO, "shared/inner.yaml": inner, "shared/outro.yaml": OUTRO}.items():
        (tmp_path / name).write_text(text)
    return tmp_path / "talk.yaml"


def titles(outline, audience=None):
    loaded = b.load(outline, audience)
    return [loaded.deck.slide_title(s) for s in loaded.deck.slides]


def test_included_slides_take_variables_when_and_skip(tmp_path):
    outline = talk(tmp_path)
    assert titles(outline) == ["Included talk", "Hello Ada", "Nested include", "Middle", "Questions?", "Only general"]
    assert titles(outline, "students") == ["Included talk", "Hello Ada", "Nested include", "Middle"]  # outro skipped, `when` false
    assert titles(outline, "cloud") == ["Included talk", "Hello Ada", "Nested include", "Middle"]  # the include's own `when`
    prs = open_deck(b.build(outline, output=tmp_path / "d.pptx").path)
    assert len(prs.slides) == 6


def test_errors_are_located_in_the_included_file(tmp_path):
    outline = talk(tmp_path, INNER + "  - {kind: bulets, title: oops}\n")
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{tmp_path / 'shared' / 'inner.yaml'}:3:5: slides[3]: unknown slide kind 'bulets'")


def test_a_yaml_error_in_an_included_file_names_that_file(tmp_path):
    outline = talk(tmp_path, "slides:\n  - kind: quote\n    quote: Why: this\n")
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{tmp_path / 'shared' / 'inner.yaml'}:3:15: YAML syntax error")


def test_a_cycle_is_named_with_its_chain(tmp_path):
    outline = talk(tmp_path, "slides:\n  - include: ../talk.yaml\n")
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2
    assert result.output.strip() == f"{tmp_path / 'shared' / 'inner.yaml'}:2:14: slides[0].include: include cycle: talk.yaml -> intro.yaml -> inner.yaml -> talk.yaml"


def test_includes_are_confined_to_the_outline_folder(tmp_path):
    (tmp_path.parent / "outside.yaml").write_text(INNER)
    outline = talk(tmp_path, "slides:\n  - include: ../../outside.yaml\n")
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2 and "points outside the outline's folder" in result.output
    outline = talk(tmp_path, "slides:\n  - include: innr.yaml\n")
    (tmp_path / "shared" / "inner2.yaml").write_text(INNER)
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2 and "include 'innr.yaml' does not exist in the outline's folder" in result.output


def test_render_shows_the_included_slides_and_outputs_never_replace_them(tmp_path):
    outline = talk(tmp_path)
    result = CliRunner().invoke(main, ["render", str(outline)])
    assert result.exit_code == 0
    assert [s.get("title") for s in yaml.safe_load(result.output)["slides"]][:3] == [None, "Hello Ada", None]
    before = (tmp_path / "shared" / "intro.yaml").read_bytes()
    result = CliRunner().invoke(main, ["notes", str(outline), "-o", str(tmp_path / "shared" / "intro.yaml")])
    assert result.exit_code == 2 and "is one of this command's inputs" in result.output
    assert (tmp_path / "shared" / "intro.yaml").read_bytes() == before


def test_watch_rebuilds_when_an_included_file_changes(tmp_path):
    outline = talk(tmp_path)
    out = tmp_path / "out" / "talk.pptx"
    with Watching(outline, out) as watching:
        assert watching.wait_for(lambda lines: any(l.startswith("watching") for l in lines)), watching.lines
        assert len(open_deck(out).slides) == 6
        time.sleep(0.3)
        (tmp_path / "shared" / "inner.yaml").write_text(INNER + "  - {kind: quote, quote: Added in the included file}\n")
        assert watching.wait_for(lambda lines: sum(l.startswith("rebuilt") for l in lines) >= 2), watching.lines
        assert len(open_deck(out).slides) == 7
