"""On stage: timing plan, cue lines, the speaker script, the starter outline, QR, PDF, preview, watch."""

from __future__ import annotations

import io
import shutil
import time

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import DEFAULT_OUTLINE, MINIMAL_DECK, Watching, notes, open_deck, pictures
from deckgen import pipeline as b
from deckgen import timing
from deckgen.cli import main

HAVE_SOFFICE = shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


# --- timing ---------------------------------------------------------------------------------------

def test_estimate_is_words_over_130_plus_a_pause_with_a_floor():
    assert timing.estimate_minutes("") == timing.FLOOR_MINUTES
    words = " ".join(["word"] * 260)
    assert timing.estimate_minutes(words) == pytest.approx(2 + timing.PAUSE_MINUTES)
    assert timing.spoken_words("Don't panic: it's 20-minute talk.") == 5


@pytest.mark.parametrize("minutes,said", [(0.75, "45 s"), (1, "1 min"), (2.25, "2 min 15 s"), (0.5, "30 s")])
def test_durations_read_as_a_speaker_says_them(minutes, said):
    assert timing.duration(minutes) == said


def test_plan_mixes_declared_and_estimated_minutes(write_outline):
    outline = write_outline(
        "deck: {title: T, duration: 10}\nslides:\n"
        "  - kind: title\n    minutes: 1.5\n"
        "  - kind: section\n    title: S\n    notes: " + " ".join(["word"] * 130) + "\n"
        "  - kind: section\n    title: Last\n    minutes: 2\n"
    )
    loaded = b.load(outline)
    plan = loaded.plan
    assert [(p.start, p.minutes, p.estimated) for p in plan] == [(0, 1.5, False), (1.5, 1.25, True), (2.75, 2.0, False)]
    assert plan[1].window == "01:30-02:45"
    assert timing.total_minutes(plan) == pytest.approx(4.75)
    assert loaded.warnings == [f"{outline}:1:28: deck.duration: the talk runs 04:45 for a 10-minute slot: very short; add notes or slides"]
    assert [(p.field, p.line, p.severity) for p in loaded.diagnostics] == [("deck.duration", 1, "warning")]


def test_overrun_is_warned(write_outline):
    outline = write_outline("deck: {title: T, duration: 3}\nslides:\n  - kind: title\n    minutes: 2\n  - kind: closing\n    minutes: 2\n")
    assert b.load(outline).warnings == [f"{outline}:1:28: deck.duration: the talk runs 04:00 for a 3-minute slot: 01:00 over; trim notes or slides"]
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 0 and f"warning: {outline}:1:28: deck.duration: the talk runs 04:00 for a 3-minute slot: 01:00 over" in result.output


def test_each_slides_notes_start_with_its_time_window(default_deck):
    prs, _ = default_deck
    loaded = b.load(DEFAULT_OUTLINE)
    for slide, entry in zip(prs.slides, loaded.plan):
        assert notes(slide).splitlines()[0] == f"[{entry.window}] slide {entry.number} of 16, {timing.duration(entry.minutes)}"


# --- speaker script and starter ---------------------------------------------------------------

def test_notes_command_writes_the_speaker_script(tmp_path):
    out = tmp_path / "script.md"
    result = CliRunner().invoke(main, ["notes", str(DEFAULT_OUTLINE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# The Four Layers of Generative AI: speaker script")
    assert "## 8. Hardware\n\n**07:45-09:15** · 1 min 30 s\n\nAt the foundation is hardware" in text
    assert "## 2. Agenda\n\n**01:00-01:45** · 45 s\n" in text
    assert text.count("\n## ") == 16


def test_new_writes_a_starter_that_builds_with_every_kind(tmp_path):
    from deckgen.model import SLIDE_KINDS

    outline = tmp_path / "talk.yaml"
    result = CliRunner().invoke(main, ["new", str(outline)])
    assert result.exit_code == 0, result.output
    text = outline.read_text()
    assert text.startswith("# yaml-language-server: $schema=outline.schema.json")
    import json

    assert json.loads((tmp_path / "outline.schema.json").read_text())["title"] == "deckgen outline"
    for kind in SLIDE_KINDS:
        assert f"kind: {kind}" in text
    built = b.build(outline, output=tmp_path / "talk.pptx")
    prs = open_deck(built.path)
    assert len(prs.slides) == len(SLIDE_KINDS)
    assert built.warnings == []
    again = CliRunner().invoke(main, ["new", str(outline)])
    assert again.exit_code == 2 and "already exists" in again.output


# --- QR code ----------------------------------------------------------------------------------------

def test_qr_code_decodes_back_to_the_link(default_deck):
    zxingcpp = pytest.importorskip("zxingcpp")
    prs, _ = default_deck
    [qr] = pictures(prs.slides[-1])
    image = Image.open(io.BytesIO(qr.image.blob)).convert("L")
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == "https://example.org/four-layers"
    assert found.format == zxingcpp.BarcodeFormat.QRCode


# --- LibreOffice: PDF and preview -----------------------------------------------------------------

@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice and poppler are installed by .ci/run")
def test_default_deck_converts_to_one_pdf_page_per_slide(default_deck, tmp_path):
    from deckgen.export import pdf_to_pngs, to_pdf

    prs, path = default_deck
    pdf = to_pdf(path, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = pdf_to_pngs(pdf, tmp_path / "pages", width=400)
    assert len(pages) == len(prs.slides) == 16
    with Image.open(pages[0]) as first:
        assert first.width == 400


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice and poppler are installed by .ci/run")
def test_build_pdf_and_preview_contact_sheet(tmp_path, write_outline, monkeypatch):
    monkeypatch.chdir(tmp_path)  # preview builds its deck under ./build
    outline = write_outline(MINIMAL_DECK + "slides:\n  - kind: title\n  - kind: bullets\n    title: B\n    bullets: [x]\n  - kind: closing\n")
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "deck.pdf").read_bytes().startswith(b"%PDF-")
    result = CliRunner().invoke(main, ["preview", str(outline), "-o", str(tmp_path / "preview")])
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "preview").glob("slide-*.png"))
    assert len(pages) == 3
    with Image.open(pages[0]) as first:
        assert first.width == 1920  # large enough to judge small text
    with Image.open(tmp_path / "preview" / "contact-sheet.png") as sheet:
        assert sheet.width > sheet.height  # one row of three thumbnails


@pytest.mark.parametrize("command", ["build --pdf", "preview"])
def test_missing_libreoffice_gets_a_clear_answer_before_anything_is_written(tmp_path, monkeypatch, write_outline, command):
    outline = write_outline(MINIMAL_DECK + "slides:\n  - kind: title\n")
    deck = tmp_path / "d.pptx"
    assert CliRunner().invoke(main, ["build", str(outline), "-o", str(deck)]).exit_code == 0
    before = deck.read_bytes()
    write_outline(MINIMAL_DECK + "slides:\n  - kind: title\n    title: Changed\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    words = command.split()
    result = CliRunner().invoke(main, [words[0], str(outline), "-o", str(deck if words[0] == "build" else tmp_path / "preview"), *words[1:]])
    assert result.exit_code == 2
    assert "LibreOffice is needed for this: install it (Debian/Ubuntu: `sudo apt-get install libreoffice-impress`" in result.output
    assert "Traceback" not in result.output
    assert deck.read_bytes() == before  # not replaced by a build whose PDF could never be made
    assert not (tmp_path / "build").exists() and not (tmp_path / "preview").exists()


def test_soffice_that_produces_nothing_is_an_error(tmp_path, monkeypatch, default_deck):
    from deckgen.errors import DeckgenError
    from deckgen.export import to_pdf

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "soffice").write_text("#!/bin/sh\nexit 0\n")
    (fake / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    with pytest.raises(DeckgenError, match="LibreOffice did not produce a PDF"):
        to_pdf(default_deck[1], tmp_path)


# --- watch ------------------------------------------------------------------------------------------

def test_watch_rebuilds_on_save_and_survives_a_broken_save(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(MINIMAL_DECK + "slides:\n  - kind: title\n")
    out = tmp_path / "out" / "talk.pptx"
    with Watching(outline, out) as watching:
        assert watching.wait_for(lambda lines: any(l.startswith("watching") for l in lines)), watching.lines
        assert len(open_deck(out).slides) == 1
        time.sleep(0.3)
        outline.write_text(MINIMAL_DECK + "slides:\n  - kind: bulets\n")
        assert watching.wait_for(lambda lines: any("unknown slide kind 'bulets'" in l for l in lines)), watching.lines
        assert len(open_deck(out).slides) == 1  # the last good deck stays
        outline.write_text(MINIMAL_DECK + "slides:\n  - kind: title\n  - kind: closing\n")
        assert watching.wait_for(lambda lines: sum(l.startswith("rebuilt") for l in lines) >= 2), watching.lines
        assert len(open_deck(out).slides) == 2


def test_watch_keeps_going_after_an_internal_error(tmp_path, monkeypatch):
    from deckgen import watch
    from deckgen.diagrams.cache import DiagramCache

    said = []
    monkeypatch.setattr(watch, "build", lambda *a, **k: 1 / 0)
    assert watch.rebuild(tmp_path / "talk.yaml", None, None, DiagramCache(None), said.append) is False
    assert said == ["internal error: ZeroDivisionError: division by zero", "not rebuilt: this is a bug in deckgen; watching goes on"]


def test_a_rehearsal_file_times_the_next_build(tmp_path):
    """The file `deckgen serve --rehearsal` writes gives the slides without `minutes:` the time
    they took; declared minutes stay; an entry that matches no slide is a located warning."""
    from pptx import Presentation

    from deckgen.serve.rehearsal import times_yaml

    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "deck: {title: T, duration: 10}\nslides:\n"
        "  - kind: title\n    minutes: 1\n"
        "  - {kind: bullets, id: why, title: Why, bullets: [a], notes: short}\n"
        "  - {kind: bullets, title: How, bullets: [b], notes: short}\n"
        "  - kind: closing\n"
    )
    rehearsal = tmp_path / "times.yaml"
    rehearsal.write_text(times_yaml(outline, None, [
        {"slide": 1, "id": "", "title": "T", "minutes": 0.5},
        {"slide": 2, "id": "why", "title": "Why", "minutes": 3.25},
        {"slide": 3, "id": "", "title": "How", "minutes": 2.0},
        {"slide": 9, "id": "", "title": "Gone", "minutes": 1.0},
    ]))
    loaded = b.load(outline, rehearsal=rehearsal)
    assert [(p.minutes, p.estimated, p.rehearsed) for p in loaded.plan][:3] == [(1.0, False, False), (3.25, False, True), (2.0, False, True)]
    assert any("('Gone') matches no slide" in w and w.startswith(str(rehearsal)) for w in loaded.warnings)
    result = CliRunner().invoke(main, ["build", str(outline), "--rehearsal", str(rehearsal), "-o", str(tmp_path / "t.pptx")])
    assert result.exit_code == 0, result.output
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(tmp_path / "t.pptx")).slides]
    assert notes[1].startswith("[01:00-04:15]") and notes[2].startswith("[04:15-06:15]")
    checked = CliRunner().invoke(main, ["check", str(outline), "--rehearsal", str(rehearsal)])
    assert "3.25r" in checked.output and "r as rehearsed" in checked.output
    rehearsal.write_text("slides: nope\n")
    broken = CliRunner().invoke(main, ["build", str(outline), "--rehearsal", str(rehearsal), "-o", str(tmp_path / "u.pptx")])
    assert broken.exit_code == 2 and "has no `slides:` list" in broken.output and not (tmp_path / "u.pptx").exists()
