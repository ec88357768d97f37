"""One outline, the right deck for each room: audiences, variables, `when:`, the sandbox."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from conftest import DEFAULT_OUTLINE, alt_text, notes, open_deck, pictures, texts
from deckgen import pipeline as b
from deckgen.cli import main
from deckgen.errors import OutlineError
from deckgen.templating import Variables, parse_var

AUDIENCES = ["cloud", "developers", "students", "leaders"]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """The general deck and each shipped audience's deck, built once."""
    folder = tmp_path_factory.mktemp("audiences")
    out = {None: open_deck(b.build(DEFAULT_OUTLINE, output=folder / "general.pptx").path)}
    for name in AUDIENCES:
        out[name] = open_deck(b.build(DEFAULT_OUTLINE, audience=name, output=folder / f"{name}.pptx").path)
    return out


def slide_titled(prs, title):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title)


def all_text(prs) -> str:
    return "\n".join("\n".join(texts(s)) + "\n" + notes(s) for s in prs.slides)


def test_each_audience_gets_a_subtitle_for_its_room(decks):
    subtitles = {name: texts(prs.slides[0])[1] for name, prs in decks.items()}
    assert subtitles[None] == "Where the hype ends and your next step begins"
    assert subtitles["cloud"] == "A map for cloud and DevOps engineers"
    assert subtitles["developers"] == "A map for application developers"
    assert subtitles["students"] == "A map for students and career switchers"
    assert subtitles["leaders"] == "A map for technology leaders"


@pytest.mark.parametrize(
    "audience,focus",
    [(None, "Application, Infrastructure"), ("cloud", "Infrastructure"), ("developers", "Application"), ("students", "Application, Infrastructure"), ("leaders", "Application, Infrastructure")],
)
def test_the_opportunities_pyramid_highlights_the_rooms_focus(decks, audience, focus):
    slide = slide_titled(decks[audience], "The higher you climb, the lower the barrier")
    [picture] = pictures(slide)
    assert f"In focus: {focus};" in alt_text(picture)


@pytest.mark.parametrize(
    "audience,title",
    [("cloud", "Your next steps as a cloud engineer"), ("developers", "Add Gen AI to the app you already have"), ("students", "Where to start learning"), ("leaders", "Where to place your bets")],
)
def test_each_audience_has_its_own_slide_and_no_one_elses(decks, audience, title):
    room_titles = {"Your next steps as a cloud engineer", "Add Gen AI to the app you already have", "Where to start learning", "Where to place your bets"}
    titles = {s.shapes.title.text for s in decks[audience].slides if s.shapes.title is not None}
    assert title in titles
    assert not (room_titles - {title}) & titles
    general = {s.shapes.title.text for s in decks[None].slides if s.shapes.title is not None}
    assert not room_titles & general


def test_notes_speak_to_the_room(decks):
    assert "home ground for this room" in notes(slide_titled(decks["cloud"], "Infrastructure"))
    assert "home ground" not in notes(slide_titled(decks[None], "Infrastructure"))
    assert "This is your layer" in notes(slide_titled(decks["developers"], "Application"))
    assert "rent, not something you build" in notes(slide_titled(decks["leaders"], "Hardware"))
    assert "this version is for cloud & devops engineers" in notes(decks["cloud"].slides[0])


def test_bullets_follow_when(decks):
    assert "Does my infrastructure experience still count?" in texts(decks["cloud"].slides[3])
    assert "Does my infrastructure experience still count?" not in texts(decks[None].slides[3])
    assert "Where should we invest, and where should we simply buy?" in texts(decks["leaders"].slides[3])
    assert "MLOps, Kubernetes and serverless skills apply here" not in texts(slide_titled(decks["developers"], "Infrastructure"))
    assert "MLOps, Kubernetes and serverless skills apply here" in texts(slide_titled(decks["cloud"], "Infrastructure"))


def test_table_rows_follow_when_and_leaders_skip_the_table(decks):
    def rows(prs):
        slide = slide_titled(prs, "Start from what you already know")
        [table] = [s for s in slide.shapes if s.has_table]
        return [r.cells[0].text for r in table.table.rows]

    assert "Study or a career switch" in rows(decks["students"])
    assert "Study or a career switch" not in rows(decks["cloud"])
    with pytest.raises(StopIteration):
        slide_titled(decks["leaders"], "Start from what you already know")


def test_closing_line_comes_from_the_audience(decks):
    assert "Ship one Gen AI feature behind a managed API this month." in texts(decks["developers"].slides[-1])
    assert "Pick one layer, build one thing this month." in texts(decks[None].slides[-1])


def test_build_audience_all_writes_one_deck_per_audience(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(DEFAULT_OUTLINE), "--audience", "all"])
    assert result.exit_code == 0, result.output
    for name in AUDIENCES:
        prs = open_deck(tmp_path / "build" / f"four-layers-{name}.pptx")
        assert f"wrote build/four-layers-{name}.pptx ({len(prs.slides)} slides)" in result.output


def test_audiences_command_lists_labels_and_counts():
    result = CliRunner().invoke(main, ["audiences", str(DEFAULT_OUTLINE)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[0] == "(general)" and lines[0].split()[-2:] == ["16", "slides"]
    assert "Cloud & DevOps engineers" in lines[1] and lines[1].split()[-2:] == ["17", "slides"]
    assert "Technology leaders" in lines[4] and lines[4].split()[-2:] == ["16", "slides"]


def test_render_prints_the_resolved_outline():
    import yaml

    result = CliRunner().invoke(main, ["render", str(DEFAULT_OUTLINE), "--audience", "developers"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.output)
    assert data["deck"]["subtitle"] == "A map for application developers"
    assert data["variables"]["focus"] == ["application"]
    assert any(s.get("title") == "Add Gen AI to the app you already have" for s in data["slides"])
    assert not any("when" in s for s in data["slides"])


# --- variables and their precedence ------------------------------------------------------------

PRECEDENCE = """\
deck:
  title: "{{ who }}"
variables:
  who: outline
  nested: {a: outline, b: outline}
audiences:
  room:
    label: A room
    variables: {who: audience, nested: {a: audience}}
slides:
  - kind: title
    notes: "{{ nested.a }}/{{ nested.b }}"
"""


@pytest.mark.parametrize(
    "audience,file_vars,cli,expected_title,expected_notes",
    [
        (None, None, [], "outline", "outline/outline"),
        ("room", None, [], "audience", "audience/outline"),
        ("room", "who: file\nnested: {b: file}\n", [], "file", "audience/file"),
        ("room", "who: file\n", ["who=cli", "nested.a=cli"], "cli", "cli/outline"),
        (None, None, ["who=42"], "42", "outline/outline"),
    ],
)
def test_variable_precedence(build_outline, tmp_path, audience, file_vars, cli, expected_title, expected_notes):
    from deckgen.templating import deep_merge, read_vars_file

    file_data = {}
    if file_vars:
        (tmp_path / "vars.yaml").write_text(file_vars)
        file_data = read_vars_file(tmp_path / "vars.yaml")
    command_line: dict = {}
    for item in cli:
        deep_merge(command_line, parse_var(item))
    prs, _ = build_outline(PRECEDENCE, audience=audience, variables=Variables(file=file_data, command_line=command_line))
    assert prs.slides[0].shapes.title.text == expected_title
    assert notes(prs.slides[0]).splitlines()[-1] == expected_notes


def test_var_values_are_typed_as_yaml_scalars():
    assert parse_var("n=3") == {"n": 3}
    assert parse_var("flag=true") == {"flag": True}
    assert parse_var("a.b.c=x y") == {"a": {"b": {"c": "x y"}}}
    assert parse_var("list=[1, 2]") == {"list": "[1, 2]"}
    assert parse_var("empty=") == {"empty": ""}


def test_a_vars_file_that_is_not_a_mapping_is_refused(tmp_path):
    (tmp_path / "v.yaml").write_text("- a\n- b\n")
    result = CliRunner().invoke(main, ["build", str(DEFAULT_OUTLINE), "-o", str(tmp_path / "x.pptx"), "--vars", str(tmp_path / "v.yaml")])
    assert result.exit_code == 2
    assert result.output.strip() == f"{tmp_path / 'v.yaml'}:1:1: variables file must be a mapping of names to values, not a list"


def test_cli_var_and_vars_reach_the_deck(tmp_path, write_outline):
    outline = write_outline(PRECEDENCE)
    (tmp_path / "v.yaml").write_text("who: file\n")
    out = tmp_path / "o.pptx"
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(out), "--vars", str(tmp_path / "v.yaml"), "--var", "nested.b=cli"])
    assert result.exit_code == 0, result.output
    prs = open_deck(out)
    assert prs.slides[0].shapes.title.text == "file"
    assert notes(prs.slides[0]).splitlines()[-1] == "outline/cli"


# --- when: at each level ----------------------------------------------------------------------

WHEN = """\
deck: {title: When}
variables: {show: false}
slides:
  - kind: title
  - kind: section
    title: Hidden section
    when: show
  - kind: bullets
    title: Bullets
    bullets:
      - always
      - text: only when shown
        when: show
      - text: parent
        bullets:
          - kept child
          - text: dropped child
            when: "not show and 1 == 2"
  - kind: table
    title: Table
    columns: [a]
    rows:
      - [kept]
      - cells: [maybe]
        when: show
  - kind: columns
    title: Columns
    columns:
      - heading: One
        bullets: [x, {text: y, when: show}]
      - heading: Two
"""


@pytest.mark.parametrize("show,count", [("false", 4), ("true", 5)])
def test_when_filters_slides_bullets_rows(build_outline, show, count):
    prs, _ = build_outline(WHEN, variables=Variables(command_line={"show": show == "true"}))
    assert len(prs.slides) == count
    bullets = prs.slides[-3]
    body = texts(bullets)
    assert "always" in body and "kept child" in body and "dropped child" not in body
    assert ("only when shown" in body) == (show == "true")
    [table] = [s for s in prs.slides[-2].shapes if s.has_table]
    assert len(table.table.rows) == (3 if show == "true" else 2)
    assert ("y" in texts(prs.slides[-1])) == (show == "true")


def test_when_false_literal_drops_a_slide(build_outline):
    prs, _ = build_outline("deck: {title: T}\nslides:\n  - kind: title\n  - kind: section\n    title: gone\n    when: false\n")
    assert len(prs.slides) == 1


def test_errors_after_when_are_located_at_the_original_lines(write_outline):
    outline = write_outline("deck: {title: T}\nslides:\n  - kind: section\n    title: gone\n    when: false\n  - kind: bullets\n    title: x\n    bullets: [a]\n    colour: red\n")
    with pytest.raises(OutlineError) as info:
        b.load(outline)
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.field) == (9, 5, "slides[0].colour")


# --- template errors and the sandbox ----------------------------------------------------------

@pytest.mark.parametrize(
    "notes_text,expected",
    [
        ("{{ ''.__class__ }}", "not allowed in outlines: access to attribute '__class__'"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed in outlines"),
        ("{{ self._TemplateReference__context }}", "not allowed in outlines: access to attribute '_TemplateReference__context'"),
        ("{{ config }}", "undefined variable 'config'"),
        ("{{ request }}", "undefined variable 'request'"),
        ("{{ lipsum.__globals__ }}", "undefined variable 'lipsum'"),
        ("{{ range.__init__ }}", "not allowed in outlines"),
        ("{% include '/etc/passwd' %}", "not allowed in outlines: {% include %}, {% import %} and {% extends %} are not available"),
        ("{% import 'os' as os %}", "not allowed in outlines: {% include %}, {% import %} and {% extends %} are not available"),
        ("{% extends 'base.html' %}", "not allowed in outlines: {% include %}, {% import %} and {% extends %} are not available"),
        ("{% include ['a', 'b'] %}", "not allowed in outlines: {% include %}, {% import %} and {% extends %} are not available"),
        ("{{ deck.__class__ }}", "not allowed in outlines"),
        ("{{ audience.update({'name': 'x'}) }}", "not allowed in outlines"),
        ("{% for i in range(5000) %}x{% endfor %}", "range() is limited to 1000 items"),
        ("{{ 'x' * 100000 }}", "renders to more than 20000 characters"),
        ("{{ speaker }", "template syntax error"),
        ("{{ speakerr }}", "undefined variable 'speakerr' (did you mean 'speaker'?)"),
    ],
)
def test_template_refusals_are_located_exit_2_messages(write_outline, tmp_path, notes_text, expected):
    import json

    outline = write_outline("deck: {title: T}\nvariables: {speaker: Ada}\nslides:\n  - kind: title\n    notes: " + json.dumps(notes_text) + "\n")
    out = tmp_path / "x.pptx"
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{outline}:5:12: slides[0].notes: "), result.output
    assert expected in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_no_environment_access_from_templates(write_outline, monkeypatch):
    monkeypatch.setenv("DECKGEN_SECRET", "hunter2")
    outline = write_outline("deck: {title: T}\nslides:\n  - kind: title\n    notes: '{{ env }}{{ environ }}'\n")
    with pytest.raises(OutlineError) as info:
        b.load(outline)
    assert "hunter2" not in str(info.value)
    assert "undefined variable 'env'" in str(info.value)


def test_a_list_variable_feeds_a_list_field(build_outline):
    from conftest import MINIMAL_DECK, PYRAMID

    prs, _ = build_outline(MINIMAL_DECK + PYRAMID + "variables:\n  focus: [models, hardware]\nslides:\n  - kind: pyramid\n    title: P\n    highlight: '{{ focus }}'\n")
    [picture] = pictures(prs.slides[0])
    assert "In focus: Models, Hardware;" in alt_text(picture)


def test_batch_builds_in_parallel_and_in_sequence_give_the_same_bytes(tmp_path, monkeypatch):
    from deckgen.batch import build_all

    monkeypatch.chdir(tmp_path)
    parallel = {r.audience: r.path.read_bytes() for r in build_all(DEFAULT_OUTLINE, workers=2)}
    sequential = {r.audience: r.path.read_bytes() for r in build_all(DEFAULT_OUTLINE, workers=1)}
    assert list(parallel) == AUDIENCES
    assert parallel == sequential
