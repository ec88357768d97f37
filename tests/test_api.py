"""The public API as a speaker's script calls it, and decks built side by side in one process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from pptx import Presentation

import deckgen

ROOT = Path(__file__).resolve().parent.parent
SQUARE = """\
deck: {title: Four by three, speaker: Ada, template: square.pptx}
slides:
  - kind: title
  - kind: bullets
    title: On a 4:3 template
    bullets: [one, two, {text: three, bullets: [and a half]}]
  - kind: table
    title: Numbers
    columns: [Item, Count]
    rows: [[Apples, "3"], [Pears, "12"]]
"""
RTL = """\
deck: {title: "طبقات الذكاء الاصطناعي", speaker: Ada, language: ar}
slides:
  - kind: title
  - kind: bullets
    title: "العتاد"
    bullets: ["المعالجات الرسومية", "مراكز البيانات"]
  - kind: closing
    qr: https://example.com/slides
"""


def test_the_documented_api_builds_and_loads_in_a_fresh_process(tmp_path):
    script = textwrap.dedent(f"""
        import deckgen
        from deckgen import build, load, Deck, DeckgenError
        result = build(output={str(tmp_path / "talk.pptx")!r})
        deck = load(deckgen.pipeline.default_outline()).deck
        assert isinstance(deck, Deck), type(deck)
        try:
            load({str(tmp_path / "missing.yaml")!r})
        except DeckgenError as exc:
            print("error", exc.exit_code)
        print(result.slides, result.path.name, callable(deckgen.build))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["error", "2", "16", "talk.pptx", "True"]
    assert len(Presentation(str(tmp_path / "talk.pptx")).slides) == 16


def test_build_after_the_pipeline_was_imported_is_still_the_function(tmp_path):
    import deckgen.pipeline  # noqa: F401 (what the command line imports first)

    result = deckgen.build(output=tmp_path / "again.pptx")
    assert isinstance(result, deckgen.BuildResult) and result.slides == 16
    with pytest.raises(deckgen.OutlineError) as caught:
        deckgen.load(tmp_path / "nowhere.yaml")
    assert caught.value.exit_code == 2 and caught.value.problems


def _outlines(tmp_path) -> list[Path]:
    """Return three outlines that differ in every per-deck setting: the built-in template at
    16:9, a 4:3 template (another scale), a right-to-left talk (another direction)."""
    Presentation().save(str(tmp_path / "square.pptx"))  # python-pptx's own 4:3 default
    square, rtl = tmp_path / "square.yaml", tmp_path / "rtl.yaml"
    square.write_text(SQUARE)
    rtl.write_text(RTL)
    return [deckgen.pipeline.default_outline(), square, rtl]


def test_decks_built_at_once_in_threads_get_the_bytes_each_gets_alone(tmp_path):
    outlines = _outlines(tmp_path)
    alone = []
    for k, outline in enumerate(outlines):  # each in a process of its own: nothing shared
        out = tmp_path / f"alone-{k}.pptx"
        done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        alone.append(out.read_bytes())
    results: dict[int, bytes] = {}
    errors = []

    def build(k: int, round_: int) -> None:
        try:
            out = tmp_path / f"thread-{round_}-{k}.pptx"
            deckgen.build(outlines[k], output=out)
            results[round_ * 10 + k] = out.read_bytes()
        except Exception as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=build, args=(k, r)) for r in range(2) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for r in range(2):
        for k in range(3):
            assert results[r * 10 + k] == alone[k], (r, outlines[k].name)


def test_decks_built_one_after_another_in_one_process_match_their_own_builds(tmp_path):
    outlines = _outlines(tmp_path)
    first = [deckgen.build(o, output=tmp_path / f"a-{k}.pptx").path.read_bytes() for k, o in enumerate(outlines)]
    second = [deckgen.build(o, output=tmp_path / f"b-{k}.pptx").path.read_bytes() for k, o in reversed(list(enumerate(outlines)))]
    assert first == list(reversed(second))


WARNED = """\
deck: {title: Warned, speaker: Ada, duration: 3}
audiences:
  a: {label: A, skip: [nowhere]}
  b: {label: B}
slides:
  - kind: title
    minutes: 2
  - kind: bullets
    title: Long
    bullets: [%s]
    minutes: 2
""" % ", ".join([" ".join(["wordy"] * 18)] * 7)


@pytest.mark.parametrize("audience", ["a", "all"])
def test_every_warning_is_one_located_problem_and_strict_makes_each_an_error(tmp_path, audience, monkeypatch):
    from click.testing import CliRunner

    from deckgen.cli import main

    monkeypatch.chdir(tmp_path)  # the deck goes to build/ under the working folder: the test's own
    outline = tmp_path / "talk.yaml"
    outline.write_text(WARNED)
    warned = CliRunner().invoke(main, ["build", str(outline), "--audience", audience])
    assert warned.exit_code == 0, warned.output
    lines = [line for line in warned.output.splitlines() if line.startswith("warning: ")]
    assert lines and all(line.startswith(f"warning: {outline}:") for line in lines), lines
    assert any("deck.duration: the talk runs 04:00 for a 3-minute slot" in line for line in lines)
    assert any("slides[1].bullets: bullets set at" in line for line in lines)
    strict = CliRunner().invoke(main, ["build", str(outline), "--audience", audience, "--strict", "--force"])
    assert strict.exit_code == 2
    problems = [line for line in strict.output.splitlines() if line.startswith(str(outline))]
    assert problems and "Traceback" not in strict.output
    # the deck loaded alone gives the same diagnostics as data, each a located warning
    loaded = deckgen.load(outline, "a")
    deckgen.pipeline.render_deck(loaded)
    assert loaded.diagnostics and all(p.severity == "warning" and p.file == str(outline) and p.line > 0 for p in loaded.diagnostics)
