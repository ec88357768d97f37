"""Text measuring: the cached shortcuts give exactly what the plain computation gives; runs of mixed faces wrap as one text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from deckgen import text as textfit
from deckgen.text import Paragraph, Run, para, wrap

def _carlito_characters() -> list[str]:
    from deckgen import fonts
    from deckgen.theme import font_path

    have = fonts.charset(str(font_path(False))) & fonts.charset(str(font_path(True)))
    return sorted(chr(c) for c in have if not fonts.invisible(chr(c)))


# every character Carlito draws (the deck's own font); others are measured with a font that has them
words = st.text(st.sampled_from(_carlito_characters()), min_size=1, max_size=14)
latin_words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzAVTWY0123456789.,'’-–é"), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(word=st.one_of(words, latin_words), bold=st.booleans())
def test_word_width_from_cached_characters_equals_pillows_measure(word, bold):
    assert textfit._width_100(word, bold) == textfit._fonts(bold, ())[0][0].getlength(word)


def test_characters_the_font_lacks_are_measured_with_a_font_that_has_them():
    from PIL import ImageFont

    from deckgen import fonts

    carlito = fonts.charset(str(__import__("deckgen.theme", fromlist=["font_path"]).font_path(False)))
    for word in ("العتاد", "アプリケーション", "שכבות"):
        if fonts.covering(word) is None:
            continue  # no such font here: measured as a stand-in (below)
        width = textfit._width_100(word, False)
        expected = 0.0
        for char in word:
            assert ord(char) not in carlito
            path = fonts.covering(char)  # each character in the font that has it, whatever was measured before
            expected += ImageFont.truetype(path, 100, layout_engine=ImageFont.Layout.BASIC).getlength(char)
        assert width == pytest.approx(expected) and width > 40 * len(word) / 2
    assert textfit._width_100("\u200d\u200f", False) == 0  # joiners and direction marks take no room
    # characters no font here has: 1 em when East Asian wide, 0.6 em otherwise (at 100 px)
    assert fonts.covering("\U0010FFFD") is None
    assert textfit._width_100("\U0010FFFD", False) == 60.0


def _plain_block_height(paragraphs, size_pt, width_in):
    """block_height as first written: wrap every paragraph, then check every word."""
    inner = width_in - 2 * textfit.INSET_X
    height = 2 * textfit.INSET_Y
    for i, paragraph in enumerate(paragraphs):
        bold = paragraph.runs[0].bold
        size = size_pt * paragraph.scale * (textfit.SUB_SCALE if paragraph.level == 1 else 1.0)
        indent = textfit.LEVEL_INDENT[paragraph.level] if paragraph.level is not None else 0.0
        lines = wrap(paragraph.text, lambda t, s, bold=bold: textfit.text_width(t, s, bold), size, inner - indent) if paragraph.text else [""]
        line_h = size * textfit.LINE_SPACING / 72
        height += len(lines) * line_h
        if i and (paragraph.level or 0) <= 0:
            height += textfit.SPACE_BEFORE * line_h
        elif i:
            height += 0.2 * line_h
        if any(textfit.text_width(w, size, bold) > inner - indent for w in paragraph.text.split()):
            return float("inf")
    return height


paragraphs = st.lists(
    st.builds(
        lambda text, level, bold: para(text, bold=bold, level=level),
        text=st.lists(latin_words, min_size=0, max_size=25).map(" ".join) | st.lists(latin_words, max_size=8).map("\n".join),
        level=st.sampled_from([None, 0, 1]),
        bold=st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(paras=paragraphs, size=st.sampled_from([12.0, 20.0, 28.0, 40.0]), width=st.floats(1.0, 12.0))
def test_block_height_shortcut_matches_wrapping_every_paragraph(paras, size, width):
    assert textfit.block_height(paras, size, width) == _plain_block_height(paras, size, width)


def _lines_of_faces(paragraph: Paragraph, size: float, room: float) -> int:
    """Count lines by laying out words made of pieces, each piece measured in its run's face."""
    pieces = [(ch, run.bold) for run in paragraph.runs for ch in run.text]
    words, word = [], []
    for ch, bold in pieces + [(" ", False)]:
        if ch == " ":
            if word:
                words.append(word)
            word = []
        else:
            word.append((ch, bold))

    def width(ws) -> float:
        total = sum(textfit._width_100(ch, bold) for w in ws for ch, bold in w)
        total += sum(textfit._width_100(" ", w[-1][1]) for w in ws[:-1])
        return total * size / 100 / 72

    lines, current = 1, []
    for w in words:
        if current and width(current + [w]) > room:
            lines, current = lines + 1, [w]
        else:
            current = current + [w]
    return lines


@pytest.mark.parametrize(
    "runs, room",
    [
        ((Run("A "), Run("bold", bold=True), Run(" word, then plain text that goes on for a while")), 3.0),
        ((Run("Use "), Run("**strong**", bold=True), Run(", and more words after it to wrap")), 2.2),
        ((Run("glued", bold=True), Run("together and then some text to wrap around the box")), 2.6),
        ((Run("01   ", bold=True), Run("Why the pyramid matters for the people in the room")), 4.0),
    ],
)
def test_mixed_faces_wrap_like_words_measured_piece_by_piece(runs, room):
    paragraph = Paragraph(runs)
    size = 24.0
    expected = _lines_of_faces(paragraph, size, room)
    assert expected > 1 or room > 3.5
    line_h = size * textfit.LINE_SPACING / 72
    height = textfit.block_height([paragraph], size, room + 2 * textfit.INSET_X)
    assert round((height - 2 * textfit.INSET_Y) / line_h) == expected


def test_a_bold_run_is_measured_in_the_bold_face():
    words = "Measure every run in its own face"
    box = textfit.text_width(words, 28) + 2 * textfit.INSET_X + 0.01  # just wide enough for regular
    one_line = textfit.block_height([Paragraph((Run(words),))], 28, box)
    assert textfit.block_height([Paragraph((Run("Measure every run in its "), Run("own face", bold=True)))], 28, box) > one_line
    assert textfit.block_height([Paragraph((Run("Measure every run in its "), Run("own face", italic=True)))], 28, box) == one_line
