"""Chinese and Japanese text: line breaks deckgen puts in itself fall between words, every
installed font counts when asking what draws a character, and bold that would be drawn regular is said."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_DECK, ROOT, texts
from deckgen import fonts
from deckgen.text import phrase_units, two_line_splits

JAPANESE_WORDS = ["分解", "問題", "解決", "部分"]
CHINESE_WORDS = ["问题", "分解", "部分", "解决"]


def _inside_a_word(line_end: str, line_start: str, words: list[str]) -> bool:
    return any(w[:k] and line_end.endswith(w[:k]) and line_start.startswith(w[k:]) for w in words for k in range(1, len(w)))


@pytest.mark.parametrize("text, words", [
    ("問題をいちばん小さな部分に分解してから、一つずつ解決していきましょう", JAPANESE_WORDS),
    ("把问题分解成最小的部分，然后逐一解决它们", CHINESE_WORDS),
])
def test_deckgen_never_offers_a_break_inside_a_cjk_word(text, words):
    splits = two_line_splits(text)
    assert splits and all(not _inside_a_word(a, b, words) for a, b in splits)
    assert "".join(phrase_units(text)) == text


def test_korean_breaks_only_at_its_spaces():
    assert phrase_units("생성형인공지능") == ["생성형인공지능"]


QUOTES = MINIMAL_DECK.replace("deck:\n", "deck:\n  language: ja\n") + """\
slides:
  - kind: quote
    quote: 問題をいちばん小さな部分に分解してから、一つずつ解決していきましょう
  - kind: quote
    quote: 把问题分解成最小的部分，然后逐一解决它们
  - kind: bullets
    title: 最初に学ぶこと
    bullets: [問題を**小さな部分に分解**する, モデルの選び方とコストの見積もり]
"""


def test_quotes_break_between_words_never_inside_one(build_outline):
    prs, _ = build_outline(QUOTES)
    for slide, words in ((prs.slides[0], JAPANESE_WORDS), (prs.slides[1], CHINESE_WORDS)):
        quote = next(s for s in slide.shapes if s.has_text_frame and "「" in s.text_frame.text)
        lines = quote.text_frame.text.split("\x0b")
        assert len(lines) >= 2, lines  # balanced, where the box is narrower than the quote
        for a, b in zip(lines, lines[1:]):
            assert not _inside_a_word(a, b, words), lines
            assert len(b) > 2, lines  # no character left alone on a line
    assert "問題を小さな部分に分解する" in texts(prs.slides[2])


def test_every_font_fontconfig_knows_counts():
    """What fontconfig itself says covers a character is what deckgen finds: all of its fonts,
    not the first dozen it ranks for the character."""
    if shutil.which("fc-list") is None:
        pytest.skip("no fontconfig")
    for char in "分解한ا😀ᚠ𝔸":
        listed = subprocess.run(["fc-list", f":charset={ord(char):x}", "file"], capture_output=True, text=True, check=True).stdout.split()
        has_one = any(line.rstrip(":").lower().endswith((".ttf", ".otf", ".ttc")) for line in listed)
        assert fonts.drawable(char) == has_one, char
        if has_one:
            assert fonts.covering(char) in {line.rstrip(":") for line in listed}


def _fontconfig_without_bold_cjk(tmp_path: Path) -> dict | None:
    """Return an environment whose fontconfig knows Carlito, DejaVu and IPA Gothic only (a CJK font with no bold)."""
    ipa = next((p for p in (Path("/usr/share/fonts/opentype/ipafont-gothic"), Path("/usr/share/fonts/truetype/fonts-ipafont-gothic")) if p.is_dir()), None)
    if ipa is None or shutil.which("fc-match") is None:
        return None
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{ipa}</dir><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "DECKGEN_CACHE_DIR": str(tmp_path / "cache")}


def test_bold_cjk_that_would_be_drawn_regular_is_a_warning_and_an_error_under_strict(tmp_path, write_outline):
    env = _fontconfig_without_bold_cjk(tmp_path)
    if env is None:
        pytest.skip("needs fontconfig and IPA Gothic")
    outline = write_outline(QUOTES)
    done = subprocess.run([sys.executable, "-m", "deckgen", "check", "--strict", str(outline)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert f"{outline}:11:5: slides[2]: the bold text '最初に学ぶこと' is drawn regular by LibreOffice on this machine" in done.stderr
    # where a bold CJK face is installed, nothing is said
    if fonts.bold_drawn("最初に学ぶこと"):
        done = subprocess.run([sys.executable, "-m", "deckgen", "check", "--strict", str(outline)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert "drawn regular" not in done.stderr, done.stderr
