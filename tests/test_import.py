"""`deckgen import deck.pptx`: deckgen's own decks come back as their outlines, others build.

deckgen's decks give back their outlines (import then build is a fixed point); decks deckgen
did not write give outlines that build, with what was not mapped listed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import DEFAULT_OUTLINE, ROOT, open_deck
from deckgen import pipeline as b
from deckgen.cli import main
from deckgen.markup import spoken
from deckgen.starter import starter_files, starter_outline, starter_picture
from import_decks import DATA, foreign_deck

EXAMPLES = ROOT / "docs" / "examples"


def run(*args: str, cwd: Path | None = None):
    """Run deckgen in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def import_deck(deck: Path, outline: Path, *extra: str) -> tuple[dict, str]:
    code, out, err = run("import", str(deck), "-o", str(outline), *extra)
    assert code == 0, out + err
    assert "Traceback" not in out + err
    return yaml.safe_load(outline.read_text(encoding="utf-8")), err


def content(outline: Path, audience: str | None = None) -> list[dict]:
    """Return what each slide of `outline` says, resolved: kind, title shown, text fields, notes."""
    loaded = b.load(outline, audience)
    out = []
    for slide in loaded.deck.slides:
        data = slide.model_dump(mode="json", exclude_defaults=True, exclude={"minutes", "id", "when", "notes", "layer", "highlight"})
        data["shown_title"] = loaded.deck.slide_title(slide)
        data["notes"] = spoken(slide.notes.strip())
        out.append(data)
    return out


def round_trip(outline: Path, tmp_path: Path, audience: str | None = None) -> tuple[list, list, Path]:
    """Build `outline`, import the deck, build the import: return both contents and the import."""
    first = b.build(outline, audience=audience, output=tmp_path / "first.pptx")
    imported = tmp_path / "imported" / "talk.yaml"
    imported.parent.mkdir()
    import_deck(first.path, imported)
    second = b.build(imported, output=tmp_path / "second.pptx")
    assert len(open_deck(second.path).slides) == len(open_deck(first.path).slides)
    return content(outline, audience), content(imported), imported


def test_the_shipped_talk_round_trips(tmp_path):
    before, after, imported = round_trip(DEFAULT_OUTLINE, tmp_path)
    assert after == before
    data = yaml.safe_load(imported.read_text())
    assert [s["kind"] for s in data["slides"]][:4] == ["title", "agenda", "section", "bullets"]
    # the pyramid comes back from the pictures' alt text, bottom to top, with the arrow
    assert [layer["label"] for layer in data["pyramid"]["layers"]] == ["Hardware", "Models", "Infrastructure", "Application"]
    assert data["pyramid"]["arrow"] == {"label": "Learning curve & barrier to entry"}
    # notes lose the cue line deckgen wrote at their top
    assert not any(s.get("notes", "").startswith("[") for s in data["slides"])


def test_an_audience_deck_round_trips(tmp_path):
    before, after, _ = round_trip(DEFAULT_OUTLINE, tmp_path, audience="cloud")
    assert after == before


def test_import_then_build_is_a_fixed_point(tmp_path):
    _, _, imported = round_trip(DEFAULT_OUTLINE, tmp_path)
    again = tmp_path / "again.yaml"
    import_deck(tmp_path / "second.pptx", again)
    assert yaml.safe_load(again.read_text()) == yaml.safe_load(imported.read_text())


def test_the_starter_round_trips_but_for_what_a_deck_does_not_show(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(starter_outline("talk.yaml", "talk-picture.png"), encoding="utf-8")
    for name, data in starter_files("talk").items():
        (tmp_path / name).write_bytes(data)
    before, after, imported = round_trip(outline, tmp_path)
    assert len(after) == len(before)
    # what the deck cannot say: bold inside a title that is all bold, and the slot
    # (`duration`), which no slide shows; everything else comes back
    assert before[3]["title"] == "Three things to **remember**" and after[3]["title"] == "Three things to remember"
    for k, (x, y) in enumerate(zip(before, after)):
        x, y = dict(x), dict(y)
        if k == 3:
            x.pop("title"), y.pop("title"), x.pop("shown_title"), y.pop("shown_title")
        assert y == x, f"slide {k + 1}"
    data = yaml.safe_load(imported.read_text())
    code = data["slides"][4]
    assert code["language"] == "python" and code["line_numbers"] is True and code["highlight"] == "4-5"
    assert data["slides"][6]["highlight"] == ["products"]
    assert data["slides"][5]["highlight"] == ["After"]  # the chart's, from its colours
    assert (imported.parent / "talk-picture.png").read_bytes() == starter_picture()


@pytest.mark.parametrize("name", ["german", "japanese", "arabic", "eight-layers"])
def test_the_example_talks_round_trip(tmp_path, name):
    outline = tmp_path / f"{name}.yaml"
    shutil.copy(EXAMPLES / f"{name}.yaml", outline)
    before, after, imported = round_trip(outline, tmp_path)
    assert after == before
    if name != "eight-layers":
        assert yaml.safe_load(imported.read_text())["deck"]["language"] != "en-US"


def test_a_deck_made_with_python_pptx(tmp_path):
    deck = foreign_deck(tmp_path / "talk.pptx")
    out = tmp_path / "out" / "talk.yaml"
    out.parent.mkdir()
    data, err = import_deck(deck, out)
    slides = data["slides"]
    assert data["deck"]["title"] == "Observability for {{ '{' }}{ humans }}"
    assert data["deck"]["speaker"] == "Grace Hopper"
    assert [s["kind"] for s in slides] == [
        "title", "section", "bullets", "table", "chart", "chart", "chart", "image", "image", "columns", "section", "bullets", "bullets",
    ]
    assert slides[1] == {"kind": "section", "title": "Why it matters", "subtitle": "Part one"}
    assert slides[2]["bullets"] == [
        "Logs: **what happened**",
        {"text": "Metrics, *how much*", "bullets": ["per request", "deeper still"]},
        "Traces: run `otel-cli` and read [the spec](https://opentelemetry.io/docs/)",
        r"Literal \*stars\*, 2 \* 3 and snake\_case stay as typed",
    ]
    assert slides[2]["notes"] == r"Say \*why\* each signal exists."
    assert slides[3]["columns"] == ["Service", "p50", "p99"] and slides[3]["rows"] == [["api", "12 ms", "80 ms"], ["db", "3 ms", "—"]]
    assert slides[4]["series"] == [{"name": "Errors", "values": [40, 22, 9]}, {"name": "Warnings", "values": [70, 50.5, 31]}]
    assert slides[5]["type"] == "pie" and slides[6]["type"] == "scatter" and slides[6]["series"][0]["values"] == [[10, 12], [20, 15], [40, 31]]
    assert slides[7]["alt"] == "A dashboard with three panels" and slides[7]["caption"] == "Our dashboard, last week"
    assert slides[8]["alt"].startswith("TODO")
    assert slides[11]["when"] is False
    assert (out.parent / slides[7]["image"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # what was not mapped is said, located, on the command line and in the outline
    assert "talk.pptx: slide 11: 2 × a free shape (drawing, connector or line) holding 'request flow': not mapped" in err
    assert "talk.pptx: slide 11: a group of shapes: not mapped" in err
    assert "slide 9, shape 'Picture 2': the picture has no alt text" in err
    assert "bullets deeper than two levels" in err
    text = out.read_text()
    assert "# slide 11: a group of shapes: not mapped" in text
    # it builds, and the text reaches the slides as the deck said it
    built = b.build(out, output=tmp_path / "built.pptx")
    prs = open_deck(built.path)
    assert prs.slides[0].shapes.title.text == "Observability for {{ humans }}"
    body = [s for s in prs.slides[2].shapes if s.has_text_frame and "Literal" in s.text_frame.text][0]
    assert "Literal *stars*, 2 * 3 and snake_case stay as typed" in body.text_frame.text
    assert "Say *why* each signal exists." in prs.slides[2].notes_slide.notes_text_frame.text
    assert len(prs.slides) == len(slides) - 1  # the hidden slide stays out


PYTHON_PPTX = sorted((DATA / "python-pptx").glob("*.pptx"))


@pytest.mark.parametrize("deck", PYTHON_PPTX, ids=[p.stem for p in PYTHON_PPTX])
def test_python_pptx_s_test_decks(tmp_path, deck):
    """python-pptx's own test decks, most made in PowerPoint: each gives an outline that builds."""
    data, err = import_deck(deck, tmp_path / "talk.yaml")
    result = b.build(tmp_path / "talk.yaml", output=tmp_path / "talk.pptx")
    assert result.slides == len([s for s in data["slides"] if s.get("when") is not False])
    if deck.stem == "shp-shapes":
        # SmartArt keeps its text in a part of its own: it is named, and kept in the notes
        assert "slide 1: SmartArt holding 'shapes[5] · Smart Art': not mapped, its text kept at the end of the notes" in err
        assert "shapes[5] · Smart Art" in data["slides"][0]["notes"]
    if deck.stem == "cht-charts":
        chart = data["slides"][0]
        assert chart["type"] == "bar" and chart["categories"] == ["Category 1", "Category 2", "Category 3", "Category 4"]
        assert chart["series"][0] == {"name": "Series 1", "values": [4.3, 2.5, 3.5, 4.5]}


def test_python_pptx_s_own_default_deck(tmp_path):
    import pptx

    default = Path(pptx.__file__).parent / "templates" / "default.pptx"
    data, err = import_deck(default, tmp_path / "talk.yaml")
    assert data["slides"] == [{"kind": "section", "title": data["deck"]["title"]}]
    b.build(tmp_path / "talk.yaml", output=tmp_path / "talk.pptx")


@pytest.mark.parametrize("name", ["libreoffice-deck", "Growing_Liberty", "Freshes"])
def test_decks_libreoffice_wrote(tmp_path, name):
    """A deck saved by LibreOffice Impress (the python-pptx deck above, opened and saved
    again), and two of Impress's own templates with their sample slides."""
    data, err = import_deck(DATA / f"{name}.pptx", tmp_path / "talk.yaml")
    result = b.build(tmp_path / "talk.yaml", output=tmp_path / "talk.pptx")
    assert result.slides == len([s for s in data["slides"] if s.get("when") is not False])
    if name == "libreoffice-deck":
        kinds = [s["kind"] for s in data["slides"]]
        assert kinds.count("chart") == 3 and "table" in kinds and kinds.count("image") == 2
        assert data["slides"][2]["notes"] == r"Say \*why\* each signal exists."
        assert "not mapped" in err
    else:
        # Impress's sample slides: their text comes over (on the slides, or in the notes where
        # the slide's kind has no place for it), their drawings are listed
        text = (tmp_path / "talk.yaml").read_text()
        assert text.count("Lorem ipsum") >= 5, err
        assert "free shape" in err and "not mapped" in err


def test_an_existing_outline_is_not_replaced_and_pictures_beside_it_are_kept(tmp_path):
    deck = foreign_deck(tmp_path / "talk.pptx")
    out = tmp_path / "talk.yaml"
    out.write_text("# mine\n")
    code, _, err = run("import", str(deck), "-o", str(out))
    assert code == 2 and "already exists; pass --force" in err and out.read_text() == "# mine\n"
    (tmp_path / "talk-slide8-1.png").write_bytes(b"my own picture")
    code, _, err = run("import", str(deck), "-o", str(out), "--force")
    assert code == 0, err
    assert (tmp_path / "talk-slide8-1.png").read_bytes() == b"my own picture"
    data = yaml.safe_load(out.read_text())
    assert data["slides"][7]["image"] == "talk-slide8-1-2.png"


def test_keep_template_makes_the_deck_the_outline_s_template(tmp_path):
    deck = foreign_deck(tmp_path / "talk.pptx")
    out = tmp_path / "out" / "talk.yaml"
    out.parent.mkdir()
    data, _ = import_deck(deck, out, "--keep-template")
    assert data["deck"]["template"] == "talk-template.pptx"
    assert (out.parent / "talk-template.pptx").read_bytes() == deck.read_bytes()
    result = b.build(out, output=tmp_path / "built.pptx")
    assert result.slides == 12


def test_something_else_than_a_deck_is_refused(tmp_path):
    (tmp_path / "talk.odp").write_bytes(b"x")
    code, _, err = run("import", str(tmp_path / "talk.odp"))
    assert code == 2 and "imports a PowerPoint deck (.pptx) or slide Markdown (.md)" in err


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftoppm"), reason="LibreOffice draws the snapshots")
def test_snapshots_keep_a_picture_of_what_was_not_mapped(tmp_path):
    deck = foreign_deck(tmp_path / "talk.pptx")
    out = tmp_path / "out" / "talk.yaml"
    out.parent.mkdir()
    data, _ = import_deck(deck, out, "--snapshots")
    snapshot = data["slides"][11]
    assert snapshot["kind"] == "image" and snapshot["image"] == "talk-slide11-snapshot.png" and snapshot["title"] == "A drawing"
    from PIL import Image

    with Image.open(out.parent / snapshot["image"]) as im:
        assert im.width == 1600
        # the drawing is on it: the arrow's blue, which the blank layout does not have
        rgb = im.convert("RGB")
        assert any(b > r + 40 for r, g, b in (rgb.getpixel((x, y)) for x in range(0, rgb.width, 8) for y in range(0, rgb.height, 8)))


def test_the_shipped_talk_imported_builds_the_same_bytes(tmp_path):
    """Builds are reproducible, so the strongest round trip: the deck built from the imported
    outline is byte for byte the deck it was imported from (`bench/reference_decks.py compare`
    finds the same for the four audiences and the 1000-slide benchmark)."""
    first = b.build(DEFAULT_OUTLINE, audience="developers", output=tmp_path / "first.pptx")
    import_deck(first.path, tmp_path / "talk.yaml")
    second = b.build(tmp_path / "talk.yaml", output=tmp_path / "second.pptx")
    assert second.path.read_bytes() == first.path.read_bytes()


@pytest.mark.parametrize("look", ["theme: dark", "theme: contrast, palette: {primary: '#225522'}", "palette: {accent: '#AA3300'}"])
def test_the_look_comes_back_from_the_master_and_the_colours(tmp_path, look):
    outline = tmp_path / "talk.yaml"
    outline.write_text(f"deck: {{title: A look, {look}}}\nslides:\n  - kind: title\n  - kind: section\n    title: S\n  - kind: bullets\n    title: B\n    bullets: [c]\n")
    first = b.build(outline, output=tmp_path / "first.pptx")
    data, _ = import_deck(first.path, tmp_path / "out" / "talk.yaml")
    assert data["deck"].get("theme", "light") == ("dark" if "dark" in look else "contrast" if "contrast" in look else "light")
    assert ("palette" in data["deck"]) == ("palette" in look)
    second = b.build(tmp_path / "out" / "talk.yaml", output=tmp_path / "second.pptx")
    assert second.path.read_bytes() == first.path.read_bytes()


def test_a_potx_template_is_read_as_a_deck(tmp_path):
    import zipfile

    deck = foreign_deck(tmp_path / "talk.pptx")
    potx = tmp_path / "talk.potx"
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(potx, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            out.writestr(info, data)
    data, _ = import_deck(potx, tmp_path / "out" / "talk.yaml")
    assert len(data["slides"]) == 13


@pytest.mark.skipif(not shutil.which("soffice") or subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0, reason="needs LibreOffice and its Python (python3-uno)")
def test_a_deckgen_deck_saved_again_by_libreoffice_comes_back(tmp_path):
    """LibreOffice renames the layouts, merges runs of one colour and writes the theme again:
    the outline still comes back (the code slide's language and highlighted lines too, told by
    colours), but for the note added on slide 3."""
    outline = tmp_path / "talk.yaml"
    outline.write_text(starter_outline("talk.yaml", "talk-picture.png"), encoding="utf-8")
    for name, data in starter_files("talk").items():
        (tmp_path / name).write_bytes(data)
    first = b.build(outline, output=tmp_path / "first.pptx")
    saved = tmp_path / "saved.pptx"
    helper = Path(__file__).parent / "libreoffice_edit.py"
    subprocess.run(["/usr/bin/python3", str(helper), str(first.path), str(saved), "3", "The idea", "Part 1 of 1", "Added in Impress."], check=True, capture_output=True, timeout=120)
    imported = tmp_path / "imported" / "talk.yaml"
    import_deck(saved, imported)
    before, after = content(outline), content(imported)
    assert after[2].pop("notes") == before[2].pop("notes") + "\nAdded in Impress."
    before[3]["title"] = before[3]["shown_title"] = "Three things to remember"  # bold inside an all-bold title
    # a one-line command that no colour marks as bash: with its runs merged, no language is claimed
    assert before[9]["columns"][1].pop("language") == "bash" and "language" not in after[9]["columns"][1]
    # Impress writes a video's or sound's shape without its name: the file comes back byte for
    # byte, under a name of the slide's own
    for k, field in ((12, "video"), (13, "audio")):
        assert (imported.parent / after[k][field]).read_bytes() == (tmp_path / before[k][field]).read_bytes()
        after[k][field] = before[k][field]
    assert after == before


@pytest.mark.parametrize("chart", [
    "type: column\n    categories: [a, b, c]\n    series: [{name: S, values: [1, 2, 3]}, {name: T, values: [3, 2, 1]}]\n    highlight: [T]",
    "type: column\n    categories: [a, b, c]\n    series: [{name: S, values: [1, 2, 3]}]\n    highlight: [b]",
    "type: pie\n    categories: [a, b, c]\n    series: [{name: S, values: [1, 2, 3]}]\n    highlight: [a, c]",
    "type: line\n    categories: [a, b, c]\n    series: [{name: S, values: [1, 2, 3]}, {name: T, values: [3, 2, 1]}]\n    highlight: [S]\n    unit: ms",
])
def test_a_chart_s_highlight_comes_back_from_its_colours(tmp_path, chart):
    outline = tmp_path / "talk.yaml"
    outline.write_text(f"deck: {{title: Charts}}\nslides:\n  - kind: chart\n    title: C\n    {chart}\n")
    first = b.build(outline, output=tmp_path / "first.pptx")
    data, _ = import_deck(first.path, tmp_path / "out" / "talk.yaml")
    assert data["slides"][0]["highlight"] == yaml.safe_load(chart.split("highlight: ")[1].split("\n")[0])
    second = b.build(tmp_path / "out" / "talk.yaml", output=tmp_path / "second.pptx")
    assert second.path.read_bytes() == first.path.read_bytes()


def test_a_pyramid_drawn_as_shapes_band_by_band_comes_back(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "deck: {title: Shapes}\n"
        "pyramid:\n  detail_side: left\n  layers:\n    - {id: a, label: Alpha, detail: first}\n    - {id: b, label: Beta, detail: second}\n    - {id: c, label: Gamma}\n"
        "slides:\n  - kind: pyramid\n    title: Built up\n    render: shapes\n    reveal: true\n    bullets: [one, two]\n"
        "  - kind: layer\n    layer: b\n    render: shapes\n    bullets: [about beta]\n"
    )
    first = b.build(outline, output=tmp_path / "first.pptx")
    data, _ = import_deck(first.path, tmp_path / "out" / "talk.yaml")
    assert data["pyramid"]["detail_side"] == "left"
    assert data["slides"][0]["render"] == "shapes" and data["slides"][0]["reveal"] is True
    second = b.build(tmp_path / "out" / "talk.yaml", output=tmp_path / "second.pptx")
    assert second.path.read_bytes() == first.path.read_bytes()


def test_a_deck_made_in_impress_by_hand(tmp_path):
    """A deck made in LibreOffice Impress from its own new presentation (tests/libreoffice_make.py
    drives Impress as a speaker would: its layouts, a table, a picture with alt text, a chart of
    Impress's chart component, notes, a drawn box), saved by Impress as .pptx."""
    out = tmp_path / "out" / "talk.yaml"
    out.parent.mkdir()
    data, err = import_deck(DATA / "impress-made.pptx", out)
    assert data["deck"] == {"title": "Made in Impress", "subtitle": "A deck typed by hand"}
    slides = data["slides"]
    assert [s["kind"] for s in slides] == ["title", "bullets", "table", "image", "chart", "section"]
    assert slides[0]["notes"] == "Say hello."
    assert slides[1]["bullets"] == [{"text": "Latency at the edge", "bullets": ["The median, not the mean"]}, "Throughput per node"]
    assert slides[1]["notes"] == "Start with the edge numbers.\nThen the nodes."
    assert slides[2]["columns"] == ["Region", "p50"] and slides[2]["rows"] == [["eu-west", "12 ms"], ["us-east", "18 ms"]]
    assert slides[2]["notes"] == "Both regions are within budget."
    assert slides[3]["alt"] == "Requests per second rising over three releases"
    assert (out.parent / slides[3]["image"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert slides[4]["type"] == "column" and slides[4]["categories"] == ["1.0", "1.1", "1.2"]
    assert slides[4]["series"] == [{"name": "Errors", "values": [40, 22, 9]}]
    # the drawn box is a drawing, not body text: listed, its label kept in the notes
    assert "impress-made.pptx: slide 6: a free shape (drawing, connector or line) holding 'request flow': not mapped" in err
    assert slides[5]["title"] == "A drawing" and slides[5]["notes"].endswith("request flow")
    built = b.build(out, output=tmp_path / "built.pptx")
    prs = open_deck(built.path)
    assert len(prs.slides) == 6
    assert [s.shapes.title.text for s in prs.slides][1:5] == ["What we measured", "Results", "Throughput", "Errors by release"]
    assert "Then the nodes." in prs.slides[1].notes_slide.notes_text_frame.text


def test_the_starter_imported_builds_the_same_deck_but_for_one_title_s_runs(tmp_path):
    """What `bench/reference_decks.py reimport` then `compare` shows for the starter: one part
    differs, the title that was bold inside an all-bold title, now one run instead of two."""
    import zipfile

    outline = tmp_path / "talk.yaml"
    outline.write_text(starter_outline("talk.yaml", "talk-picture.png"), encoding="utf-8")
    for name, data in starter_files("talk").items():
        (tmp_path / name).write_bytes(data)
    first = b.build(outline, output=tmp_path / "first.pptx")
    import_deck(first.path, tmp_path / "imported" / "talk.yaml")
    second = b.build(tmp_path / "imported" / "talk.yaml", output=tmp_path / "second.pptx")
    with zipfile.ZipFile(first.path) as x, zipfile.ZipFile(second.path) as y:
        assert x.namelist() == y.namelist()
        differing = [n for n in x.namelist() if x.read(n) != y.read(n)]
        assert differing == ["ppt/slides/slide4.xml"]
        before, after = x.read(differing[0]).decode(), y.read(differing[0]).decode()
    two_runs = "<a:t>Three things to </a:t></a:r><a:r>" + before.split("<a:t>Three things to </a:t></a:r><a:r>")[1].split("<a:t>")[0] + "<a:t>remember</a:t>"
    assert two_runs in before
    assert after == before.replace(two_runs, "<a:t>Three things to remember</a:t>")
