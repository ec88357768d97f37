"""The corpus of bad inputs: each gets exit code 2, one located message per problem, nothing written."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from deckgen.cli import main
from deckgen.files import MANIFEST

BAD = Path(__file__).parent / "bad"
CASES = [line.split("\t") for line in (BAD / "expected.tsv").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def run_build(outline: Path, out: Path, *extra: str):
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(out), *extra])
    return result


def assert_refused(result, out: Path, expected: str, location: str | None, name: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = [l for l in result.output.splitlines() if not l.startswith("warning:")]
    assert lines, "no message at all"
    where = f"{name}:{location}: " if location else name
    assert any(l.startswith(where) and expected in l for l in lines), lines
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")] if out.parent.exists() else True


def test_the_corpus_holds_at_least_thirty_cases():
    assert len(CASES) >= 30
    files = {p.name for p in BAD.glob("*.yaml")}
    assert {c[0] for c in CASES} == files


@pytest.mark.parametrize("name,location,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_outline_gets_a_located_message_and_exit_2(tmp_path, monkeypatch, name, location, expected):
    work = tmp_path / "talk"
    shutil.copytree(BAD, work)
    monkeypatch.chdir(work)
    out = tmp_path / "out" / "deck.pptx"
    assert_refused(run_build(Path(name), out), out, expected, location, name)


def test_check_reports_the_same_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(BAD)
    result = CliRunner().invoke(main, ["check", "unknown-key.yaml"])
    assert result.exit_code == 2
    # every problem at once, one line each
    assert result.output.splitlines() == [
        "unknown-key.yaml:4:5: slides[0].title: required field 'title' is missing",
        "unknown-key.yaml:5:5: slides[0].titel: unknown key 'titel' (did you mean 'title'?)",
    ]


def test_every_problem_is_reported_not_just_the_first(write_outline, tmp_path):
    outline = write_outline(
        "deck:\n  title: T\n  duraton: 3\nslides:\n  - kind: bulets\n  - kind: bullets\n    title: x\n    bullets: []\n"
    )
    out = tmp_path / "d.pptx"
    result = run_build(outline, out)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 3, result.output


# --- cases that need a file system or sizes a checked-in file should not have ------------------

OK_HEAD = "deck:\n  title: Talk\nslides:\n"


def test_huge_string_is_limited(write_outline, tmp_path):
    outline = write_outline(OK_HEAD + "  - kind: section\n    title: " + "x" * 5000 + "\n")
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "slides[0].title: this title is 5000 characters long, and a title holds at most 300; shorten it (the notes can say the rest)", "5:12", str(outline))


def test_huge_list_is_limited(write_outline, tmp_path):
    outline = write_outline(OK_HEAD + "  - kind: bullets\n    title: Many\n    bullets:\n" + "      - item\n" * 300)
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "slides[0].bullets: list should have at most 200 items", "7:7", str(outline))


def test_huge_file_is_refused(write_outline, tmp_path):
    outline = write_outline(OK_HEAD + "  - kind: title\n" + "#" * (3 * 1024 * 1024) + "\n")
    out = tmp_path / "d.pptx"
    result = run_build(outline, out)
    assert result.exit_code == 2 and "outlines are limited to" in result.output and not out.exists()


def test_deep_nesting_is_refused(write_outline, tmp_path):
    outline = write_outline("deck: " + "[" * 200 + "]" * 200 + "\nslides: []\n")
    out = tmp_path / "d.pptx"
    result = run_build(outline, out)
    assert result.exit_code == 2 and "nesting deeper than" in result.output


def test_symlink_out_of_the_folder_is_refused(write_outline, tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (10, 10)).save(secret)
    talk = tmp_path / "talk"
    talk.mkdir()
    (talk / "pic.png").symlink_to(secret)
    outline = talk / "talk.yaml"
    outline.write_text(OK_HEAD + "  - kind: image\n    title: Link\n    image: pic.png\n    alt: x\n")
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "points outside the outline's folder", "6:12", str(outline))


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "is not a readable picture"),
        (b"GIF89a" + b"garbage" * 10, "is not a readable picture"),
        (b"plain text, not a picture", "is not a readable picture"),
    ],
    ids=["truncated-png", "corrupt-gif", "text"],
)
def test_corrupt_picture_is_refused(write_outline, tmp_path, content, expected):
    outline = write_outline(OK_HEAD + "  - kind: image\n    title: Pic\n    image: pic.png\n    alt: x\n")
    (outline.parent / "pic.png").write_bytes(content)
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, expected, "6:12", str(outline))


def test_decompression_bomb_picture_is_refused(write_outline, tmp_path):
    outline = write_outline(OK_HEAD + "  - kind: image\n    title: Pic\n    image: bomb.png\n    alt: x\n")
    # 12000 x 12000 one-bit pixels: a tiny file that would unpack to 144 megapixels
    Image.new("1", (12000, 12000)).save(outline.parent / "bomb.png", optimize=True)
    assert (outline.parent / "bomb.png").stat().st_size < 1_000_000
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "pictures are limited to 40 megapixels", "6:12", str(outline))


def test_zip_bomb_template_is_refused(write_outline, tmp_path):
    outline = write_outline("deck:\n  title: Talk\n  template: bomb.pptx\nslides:\n  - kind: title\n")
    with zipfile.ZipFile(outline.parent / "bomb.pptx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("ppt/big.bin", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(310):
                entry.write(chunk)
    assert (outline.parent / "bomb.pptx").stat().st_size < 2_000_000
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "refusing it as a zip bomb", "3:13", str(outline))


def test_zip_that_is_not_a_pptx_is_refused(write_outline, tmp_path):
    outline = write_outline("deck:\n  title: Talk\n  template: other.pptx\nslides:\n  - kind: title\n")
    with zipfile.ZipFile(outline.parent / "other.pptx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "is a zip file but not a .pptx", "3:13", str(outline))


def test_output_folder_that_cannot_be_written(write_outline, tmp_path):
    outline = write_outline(OK_HEAD + "  - kind: title\n")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    out = blocker / "deck.pptx"
    result = run_build(outline, out)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{out}: cannot write here"), result.output
    assert blocker.read_text() == "a file where a folder should be"


def test_unknown_audience_lists_the_known_ones(tmp_path):
    from conftest import DEFAULT_OUTLINE

    out = tmp_path / "d.pptx"
    result = run_build(DEFAULT_OUTLINE, out, "--audience", "clouds")
    assert result.exit_code == 2
    assert "unknown audience 'clouds' (did you mean 'cloud'?); known audiences: cloud, developers, students, leaders" in result.output
    assert not out.exists()


def test_bad_var_assignment(tmp_path):
    from conftest import DEFAULT_OUTLINE

    result = run_build(DEFAULT_OUTLINE, tmp_path / "d.pptx", "--var", "novalue")
    assert result.exit_code == 2 and "expected KEY=VALUE" in result.output


def test_missing_outline_file(tmp_path):
    result = run_build(tmp_path / "nope.yaml", tmp_path / "d.pptx")
    assert result.exit_code == 2 and result.output.strip() == f"{tmp_path / 'nope.yaml'}: no such outline file"


def test_a_failed_build_leaves_the_previous_deck_untouched(tmp_path, write_outline):
    outline = write_outline(OK_HEAD + "  - kind: title\n")
    out = tmp_path / "deck.pptx"
    assert run_build(outline, out).exit_code == 0
    before = out.read_bytes()
    write_outline(OK_HEAD + "  - kind: bulets\n")
    result = run_build(outline, out)
    assert result.exit_code == 2
    assert out.read_bytes() == before
    # no temporary file left; the one hidden file is deckgen's record of what it wrote
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [MANIFEST]
    assert "deck.pptx" in json.loads((tmp_path / MANIFEST).read_text())


def test_a_quote_too_long_says_how_long_it_is_and_where_the_rest_goes(write_outline, tmp_path):
    outline = write_outline(OK_HEAD + "  - kind: quote\n    quote: \"" + "Wort " * 90 + "\"\n")
    out = tmp_path / "d.pptx"
    assert_refused(run_build(outline, out), out, "slides[0].quote: this quote is 450 characters long, and a quote holds at most 400; say the rest aloud (`notes:` holds it), or split it over two slides", "5:12", str(outline))
