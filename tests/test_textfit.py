"""Text measuring: the cached shortcuts give exactly what the plain computation gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen import textfit
from deckgen.diagrams.geometry import wrap

words = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=" "), min_size=1, max_size=14)
latin_words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzAVTWY0123456789.,'’-–é"), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(word=st.one_of(words, latin_words), bold=st.booleans())
def test_word_width_from_cached_characters_equals_pillows_measure(word, bold):
    assert textfit._width_100(word, bold) == textfit._font(bold).getlength(word)


def _plain_block_height(paragraphs, size_pt, width_in):
    """block_height as first written: wrap every paragraph, then check every word."""
    inner = width_in - 2 * textfit.INSET_X
    height = 2 * textfit.INSET_Y
    for i, para in enumerate(paragraphs):
        size = size_pt * para.scale * (textfit.SUB_SCALE if para.level == 1 else 1.0)
        indent = textfit.LEVEL_INDENT[para.level] if para.level >= 0 else 0.0
        lines = wrap(para.text, lambda t, s, bold=para.bold: textfit.text_width(t, s, bold), size, inner - indent) if para.text else [""]
        line_h = size * textfit.LINE_SPACING / 72
        height += len(lines) * line_h
        if i and para.level <= 0:
            height += textfit.SPACE_BEFORE * line_h
        elif i:
            height += 0.2 * line_h
        if any(textfit.text_width(w, size, para.bold) > inner - indent for w in para.text.split()):
            return float("inf")
    return height


paragraphs = st.lists(
    st.builds(
        textfit.Paragraph,
        text=st.lists(latin_words, min_size=0, max_size=25).map(" ".join) | st.lists(latin_words, max_size=8).map("\n".join),
        level=st.sampled_from([-1, 0, 1]),
        bold=st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(paras=paragraphs, size=st.sampled_from([12.0, 20.0, 28.0, 40.0]), width=st.floats(1.0, 12.0))
def test_block_height_shortcut_matches_wrapping_every_paragraph(paras, size, width):
    assert textfit.block_height(paras, size, width) == _plain_block_height(paras, size, width)
