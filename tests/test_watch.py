"""`deckgen watch` follows every file the outline reads, whatever its name: a CSV, a code file."""

from __future__ import annotations

import time

from conftest import Watching, open_deck

HEAD = "deck: {title: Watched}\nslides:\n"


def _chart_values(deck) -> list[float]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                return list(shape.chart.plots[0].series[0].values)
    raise AssertionError("no chart")


def _text(deck) -> str:
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


def test_watch_rebuilds_when_the_csv_or_the_code_file_changes(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(HEAD + "  - {kind: chart, title: C, data: numbers.csv}\n  - {kind: code, title: K, source: snippet.py, language: python}\n")
    (tmp_path / "numbers.csv").write_text("label,value\na,1\nb,2\n")
    (tmp_path / "snippet.py").write_text("first = 1\n")
    out = tmp_path / "out" / "talk.pptx"
    with Watching(outline, out) as watching:
        assert watching.wait_for(lambda lines: any(l.startswith("watching") for l in lines)), watching.lines
        assert _chart_values(open_deck(out)) == [1.0, 2.0]
        time.sleep(0.3)
        (tmp_path / "numbers.csv").write_text("label,value\na,10\nb,20\n")
        assert watching.wait_for(lambda lines: sum(l.startswith("rebuilt") for l in lines) >= 2), watching.lines
        assert _chart_values(open_deck(out)) == [10.0, 20.0]
        time.sleep(0.3)
        (tmp_path / "snippet.py").write_text("second = 2\n")
        assert watching.wait_for(lambda lines: sum(l.startswith("rebuilt") for l in lines) >= 3), watching.lines
        assert "second = 2" in _text(open_deck(out))


def test_watch_rebuilds_when_a_broken_csv_is_fixed(tmp_path):
    """A build that failed on its CSV is tried again when the CSV is saved, though deckgen
    could not learn from it which files the outline reads."""
    outline = tmp_path / "talk.yaml"
    outline.write_text(HEAD + "  - {kind: chart, title: C, data: numbers.csv}\n")
    (tmp_path / "numbers.csv").write_text("label,value\na,\"1,5\"\n")
    out = tmp_path / "talk.pptx"
    with Watching(outline, out) as watching:
        assert watching.wait_for(lambda lines: any(l.startswith("watching") for l in lines)), watching.lines
        assert any("decimal comma; write 1.5" in line for line in watching.lines), watching.lines
        assert not out.exists()
        time.sleep(0.3)
        (tmp_path / "numbers.csv").write_text("label,value\na,1.5\n")
        assert watching.wait_for(lambda lines: any(l.startswith("rebuilt") for l in lines)), watching.lines
        assert _chart_values(open_deck(out)) == [1.5]
