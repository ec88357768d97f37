"""Output people can trust: reproducible bytes, metadata from the deck, atomic writes, sane part names."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import DEFAULT_OUTLINE, open_deck
from deckgen import pipeline as b
from deckgen.files import write_atomic
from deckgen.theme import template_path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_builds_are_byte_identical(tmp_path):
    one = b.build(DEFAULT_OUTLINE, output=tmp_path / "one.pptx").path
    time.sleep(1.1)  # a clock in the bytes would now differ
    two = b.build(DEFAULT_OUTLINE, output=tmp_path / "two.pptx").path
    assert sha(one) == sha(two)


def test_core_properties_come_from_the_deck(default_deck):
    prs, path = default_deck
    props = prs.core_properties
    assert props.title == "The Four Layers of Generative AI"
    assert props.author == "Your Name"
    assert props.subject == "Where the hype ends and your next step begins"
    assert props.created == dt.datetime(2026, 12, 3) == props.modified
    assert props.revision == 1
    for info in zipfile.ZipFile(path).infolist():
        assert info.date_time == (2026, 12, 3, 0, 0, 0)


def test_source_date_epoch_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = b.build(DEFAULT_OUTLINE, output=tmp_path / "d.pptx").path
    prs = open_deck(path)
    assert prs.core_properties.created == dt.datetime(2023, 11, 14, 22, 13, 20)
    assert {i.date_time for i in zipfile.ZipFile(path).infolist()} == {(2023, 11, 14, 22, 13, 20)}
    again = b.build(DEFAULT_OUTLINE, output=tmp_path / "e.pptx").path
    assert sha(path) == sha(again)


def test_zip_starts_with_content_types_and_has_no_duplicates(default_deck):
    _, path = default_deck
    names = zipfile.ZipFile(path).namelist()
    assert names[0] == "[Content_Types].xml"
    assert len(names) == len(set(names))


def test_failure_midway_leaves_the_previous_deck(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"last night's deck")

    def explode(stream):
        stream.write(b"half a deck")
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        write_atomic(target, explode)
    assert target.read_bytes() == b"last night's deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


BIG = """\
deck: {title: Big}
slides:
""" + "".join(f"  - kind: bullets\n    title: Slide {i}\n    bullets: [one, two, three]\n    notes: Notes for slide {i}.\n" for i in range(1200))


def _start_big_build(tmp_path):
    outline = tmp_path / "big.yaml"
    outline.write_text(BIG)
    target = tmp_path / "deck.pptx"
    old = b.build(DEFAULT_OUTLINE, output=target).path.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.Popen([sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(target)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)  # well into the build of 1200 slides, which takes seconds
    return proc, target, old


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_a_build_midway_leaves_the_old_deck_intact(tmp_path, how):
    proc, target, old = _start_big_build(tmp_path)
    proc.send_signal(how)
    proc.wait()
    assert proc.returncode in (-how, 128 + how), "the build finished before it could be stopped"
    assert target.read_bytes() == old
    open_deck(target)
    if how == signal.SIGTERM:  # unwound: nothing of the build is left
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_temporary_file_left_by_a_dead_run_is_removed_by_the_next_write(tmp_path):
    dead = tmp_path / ".deckgen-999999999-deadbeef.tmp"
    living = tmp_path / f".deckgen-{os.getppid()}-0badcafe.tmp"  # a run still going: left alone
    dead.write_bytes(b"half a deck")
    living.write_bytes(b"being written")
    write_atomic(tmp_path / "deck.pptx", lambda stream: stream.write(b"new"))
    assert not dead.exists() and living.exists()
    assert (tmp_path / "deck.pptx").read_bytes() == b"new"


def test_part_names_stay_unique_and_consecutive_for_hundreds_of_slides(build_outline):
    outline = "deck: {title: Many}\nslides:\n" + "".join(
        f"  - kind: bullets\n    title: S{i}\n    bullets: [x]\n    notes: n{i}\n" for i in range(300)
    ) + "  - kind: closing\n    qr: https://example.org\n"
    prs, result = build_outline(outline)  # build_outline runs the package checks
    names = zipfile.ZipFile(result.path).namelist()
    slides = sorted(int(m.group(1)) for n in names if (m := re.fullmatch(r"ppt/slides/slide(\d+)\.xml", n)))
    notes_ = sorted(int(m.group(1)) for n in names if (m := re.fullmatch(r"ppt/notesSlides/notesSlide(\d+)\.xml", n)))
    assert slides == list(range(1, 302)) and notes_ == list(range(1, 302))
    ids = [s.slide_id for s in prs.slides]
    assert ids == list(range(256, 256 + 301))
    assert [s.shapes.title.text for s in list(prs.slides)[:3]] == ["S0", "S1", "S2"]
    # the slide order in presentation.xml follows the outline
    assert prs.slides[299].shapes.title.text == "S299"


def test_pictures_are_numbered_consecutively_and_stored_once(build_outline, tmp_path):
    from PIL import Image

    slides = []
    for i in range(40):
        Image.new("RGB", (40, 20), (i * 6, 90, 200 - i * 4)).save(tmp_path / f"p{i}.png")
        slides.append(f"  - kind: image\n    title: P{i}\n    image: p{i}.png\n    alt: Picture {i}\n")
    # the same picture again on two more slides: one media part serves all three
    slides += [f"  - kind: image\n    title: Again {k}\n    image: p0.png\n    alt: Picture 0 again\n" for k in range(2)]
    prs, result = build_outline("deck: {title: Pictures}\nslides:\n" + "".join(slides))
    names = zipfile.ZipFile(result.path).namelist()
    media = sorted(int(m.group(1)) for n in names if (m := re.fullmatch(r"ppt/media/image(\d+)\.\w+", n)))
    template_media = sum(n.startswith("ppt/media/") for n in zipfile.ZipFile(template_path()).namelist())
    assert media == list(range(1, template_media + 41))  # the template's own, then 40 of ours, no gap
    blobs = [next(s.shapes[k] for k in range(len(s.shapes)) if s.shapes[k].shape_type == 13).image.blob for s in prs.slides]
    assert blobs[40] == blobs[41] == blobs[0] and len(set(blobs[:40])) == 40
