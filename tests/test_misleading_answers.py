"""Answers that used to mislead a speaker: each is now located and exit 2, or plainly right.

Run as a speaker runs deckgen: the command in a subprocess, its exit code and its words.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from pptx import Presentation

from conftest import ROOT

TALK = """\
deck:
  title: A talk
{extra}slides:
  - kind: bullets
    title: One
    bullets: [a point]
{slides}"""


def deckgen(*args: str):
    return subprocess.run([sys.executable, "-m", "deckgen", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def write(tmp_path, extra: str = "", slides: str = "") -> str:
    path = tmp_path / "talk.yaml"
    path.write_text(TALK.format(extra=extra, slides=slides), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("extra, where, words", [
    ('  date: "2026-13-45"\n', "3:9: deck.date", "'2026-13-45' is no day of the calendar"),
    ('  date: "2026-02-30"\n', "3:9: deck.date", "write the date as YYYY-MM-DD"),
    ("  language: english\n", "3:13: deck.language", "'english' is not a language tag (did you mean 'en'?)"),
    ("  language: Deutsch\n", "3:13: deck.language", "(did you mean 'de'?)"),
    ("  language: en_US\n", "3:13: deck.language", "(did you mean 'en-US'?)"),
    ("  language: xx-QQ\n", "3:13: deck.language", "no language has the code 'xx'"),
    ("  language: de-XX\n", "3:13: deck.language", "no region has the code 'XX'"),
])
def test_a_wrong_date_or_language_is_a_located_error(tmp_path, extra, where, words):
    outline = write(tmp_path, extra)
    done = deckgen("build", outline, "-o", str(tmp_path / "talk.pptx"))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{outline}:{where}: ") and words in done.stderr, done.stderr
    assert "^[" not in done.stderr and "Traceback" not in done.stderr  # no raw pattern, no crash
    assert not (tmp_path / "talk.pptx").exists()


@pytest.mark.parametrize("language", ["de", "ja", "fr-CA", "zh-Hant-TW", "sr-Latn", "pt-BR", "es-419", "de-CH-1996", "EN-us"])
def test_real_language_tags_pass(tmp_path, language):
    done = deckgen("check", write(tmp_path, f"  language: {language}\n"))
    assert done.returncode == 0, done.stderr


def test_free_text_dates_are_shown_as_written(tmp_path):
    done = deckgen("check", write(tmp_path, '  date: "3 December 2026"\n'))
    assert done.returncode == 0, done.stderr


def test_no_slot_warning_unless_the_speaker_sets_one(tmp_path):
    done = deckgen("check", "--strict", write(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "-minute slot" not in done.stdout + done.stderr
    outline = write(tmp_path, "  duration: 30\n")
    done = deckgen("check", "--strict", outline)
    assert done.returncode == 2 and f"{outline}:3:13: deck.duration: the talk runs 00:30 for a 30-minute slot: very short" in done.stderr
    assert "of a 30-minute slot" in deckgen("check", outline).stdout


def test_one_slide_is_one_slide(tmp_path):
    out = tmp_path / "x.pptx"
    done = deckgen("build", write(tmp_path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"wrote {out} (1 slide)"  # then the deck's size
    assert len(Presentation(str(out)).slides) == 1
    assert done.stderr == ""  # and no slot warning: none was set


def test_the_plan_shows_minutes_as_planned_and_marks_only_estimates(tmp_path):
    outline = write(tmp_path, slides="  - {kind: bullets, title: Two, bullets: [b], minutes: 1.25}\n")
    text = open(outline).read().replace("    bullets: [a point]\n", "    bullets: [a point]\n    minutes: 0.75\n")
    open(outline, "w").write(text)
    done = deckgen("check", outline)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    assert rows[1][:4] == ["1", "00:00", "0.75", "One"]
    assert rows[2][:4] == ["2", "00:45", "1.25", "Two"]
    total = next(line for line in done.stdout.splitlines() if line.startswith("total"))
    assert total == "total 02:00"  # no slot set, nothing estimated: nothing more to say
    # a slide without minutes is estimated from its notes, and the legend says so
    done = deckgen("check", write(tmp_path))
    assert "~ estimated from notes" in done.stdout and " 0.5~" in done.stdout


def test_lines_show_every_line_asked_for_and_highlight_names_shown_lines(tmp_path):
    (tmp_path / "c.py").write_text("".join(f"x = {n}\n" if n != 13 else "\n" for n in range(1, 21)))
    code = "  - {kind: code, title: Code, source: c.py, lines: \"6-13\", line_numbers: true%s}\n"
    out = tmp_path / "talk.pptx"
    done = deckgen("build", write(tmp_path, slides=code % ', highlight: "13"'), "-o", str(out))
    assert done.returncode == 0, done.stderr
    shown = next(s for s in Presentation(str(out)).slides[1].shapes if s.name == "Code").text_frame.text
    assert [line.split()[0] for line in shown.split("\n")] == [str(n) for n in range(6, 14)]
    outline = write(tmp_path, slides=code % ', highlight: "14"')
    done = deckgen("check", outline)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{outline}:7:91: slides[1].highlight:") and "slides[1].highlight: highlight '14' names line 14, which the block does not show (it shows lines 6-13)" in done.stderr
    outline = write(tmp_path, slides='  - kind: code\n    title: Inline\n    code: "a = 1\\nb = 2\\n"\n    highlight: "3"\n')
    done = deckgen("check", outline)
    assert done.returncode == 2 and done.stderr.startswith(f"{outline}:10:16: slides[1].highlight: highlight '3' names line 3"), done.stderr


def test_lines_with_a_gap_show_only_the_lines_asked_for_with_their_numbers(tmp_path):
    (tmp_path / "c.py").write_text("".join(f"x = {n}\n" for n in range(1, 21)))
    out = tmp_path / "talk.pptx"
    outline = write(tmp_path, slides='  - {kind: code, title: Code, source: c.py, lines: "6-8,12-13", line_numbers: true, highlight: "12"}\n')
    done = deckgen("build", outline, "-o", str(out))
    assert done.returncode == 0, done.stderr
    shown = next(s for s in Presentation(str(out)).slides[1].shapes if s.name == "Code").text_frame.text
    assert [line.split() for line in shown.split("\n")] == [[str(n), "x", "=", str(n)] for n in (6, 7, 8, 12, 13)]
    done = deckgen("check", write(tmp_path, slides='  - {kind: code, title: Code, source: c.py, lines: "6-8,12-13", highlight: "10"}\n'))
    assert done.returncode == 2 and "highlight '10' names line 10, which the block does not show (it shows lines 6-8,12-13)" in done.stderr


def test_a_language_in_capitals_is_the_language(tmp_path):
    out = tmp_path / "talk.pptx"
    done = deckgen("build", write(tmp_path, slides='  - {kind: code, title: Code, code: "def f(): pass", language: Python}\n'), "-o", str(out))
    assert done.returncode == 0, done.stderr
    code = next(s for s in Presentation(str(out)).slides[1].shapes if s.name == "Code")
    colours = {r.font.color.rgb for p in code.text_frame.paragraphs for r in p.runs}
    assert len(colours) > 1  # lexed as Python: the keyword is coloured apart from the name
