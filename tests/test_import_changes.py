"""`deckgen import --changes`: edits made to a built deck come back into the outline, located.

The edits are made with python-pptx (as PowerPoint would save them) and in LibreOffice
Impress; `--apply` keeps the outline's comments.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import pipeline as b
from test_import import run

OUTLINE = """\
# A talk with comments that --apply must keep
deck:
  title: Edits Come Back
  speaker: Ada Lovelace   # the speaker
slides:
  - kind: title
    notes: Hello.
  - kind: bullets
    title: Thre things           # a typo the speaker fixes in the deck
    bullets:
      - The first point, with one **strong** word
      - text: The second point
        bullets: [a detail]
    notes: >-
      Say why it matters.
      Then move on.
  - kind: table
    title: Numbers
    columns: [Name, Value]
    rows:
      - [alpha, "1"]
  - kind: closing
"""


@pytest.fixture
def built(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    result = b.build(outline, output=tmp_path / "build" / "talk.pptx")
    return outline, result.path


def edit_with_python_pptx(deck: Path, out: Path) -> Path:
    prs = Presentation(str(deck))
    slide = prs.slides[1]
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Three things"
    body = [s for s in slide.shapes if s.is_placeholder and s.placeholder_format.idx == 1][0]
    first = body.text_frame.paragraphs[0]
    first.runs[0].text = "The first point, with a single "  # ...**strong** word stays
    notes = prs.slides[0].notes_slide.notes_text_frame
    notes.add_paragraph().text = "Then ask who has edited a deck the night before."
    prs.save(str(out))
    return out


def check_three(out: str, err: str, outline: Path) -> None:
    located = [line for line in out.splitlines() if line.startswith(f"{outline}:")]
    assert len(located) == 3, out + err
    assert any(":9:12: slide 2 (bullets), title: 'Thre things' -> 'Three things'" in line for line in located), located
    assert any("slide 2 (bullets), bullets[0]: 'The first point, with one **strong** word' -> 'The first point, with a single **strong** word'" in line for line in located), located
    assert any("slide 1 (title), notes:" in line for line in located), located
    removed = [l for l in out.splitlines() if l.startswith("-") and not l.startswith("---")]
    added = [l for l in out.splitlines() if l.startswith("+") and not l.startswith("+++")]
    assert removed == ["-    notes: Hello.", "-    title: Thre things           # a typo the speaker fixes in the deck", "-      - The first point, with one **strong** word"], out
    # the comment stays where it was, at its column
    assert added[-2:] == ["+    title: Three things          # a typo the speaker fixes in the deck", "+      - The first point, with a single **strong** word"], out
    assert added[:-2] == ["+    notes: |-", "+      Hello.", "+      Then ask who has edited a deck the night before."], out


def test_edits_made_with_python_pptx(built, tmp_path):
    outline, deck = built
    edited = edit_with_python_pptx(deck, tmp_path / "edited.pptx")
    code, out, err = run("import", "--changes", str(outline), str(edited))
    assert code == 0, out + err
    check_three(out, err, outline)
    assert "not placed" not in err, err
    assert outline.read_text() == OUTLINE  # only printed


def test_apply_writes_a_new_outline_keeping_comments_or_in_place_with_force(built, tmp_path):
    outline, deck = built
    edited = edit_with_python_pptx(deck, tmp_path / "edited.pptx")
    code, _, err = run("import", "--changes", "--apply", str(outline), str(edited))
    assert code == 2 and "--apply writes a new outline given with --output, or with --force" in err
    new = tmp_path / "talk-edited.yaml"
    code, out, err = run("import", "--changes", "--apply", str(outline), str(edited), "-o", str(new))
    assert code == 0, err
    text = new.read_text()
    assert "# A talk with comments that --apply must keep" in text and "# the speaker" in text
    assert "title: Three things          # a typo the speaker fixes in the deck" in text
    assert "    notes: >-\n      Say why it matters.\n      Then move on.\n" in text  # untouched, as folded
    # the new outline builds the edited deck's text: nothing more to carry over
    b.build(new, output=tmp_path / "again.pptx")
    code, out, err = run("import", "--changes", str(new), str(edited))
    assert code == 0 and "no changes to carry into the outline" in out, out + err
    code, _, _ = run("import", "--changes", "--apply", "--force", str(outline), str(edited))
    assert code == 0 and outline.read_text() == text


def test_edits_it_cannot_place_are_listed(built, tmp_path):
    outline, deck = built
    prs = Presentation(str(deck))
    table = [s for s in prs.slides[2].shapes if s.has_table][0]
    table.left += 914400  # moved an inch
    cell = table.table.cell(1, 1).text_frame.paragraphs[0].runs[0]
    cell.text = "2"
    from io import BytesIO

    from PIL import Image

    png = BytesIO()
    Image.new("RGB", (20, 20), (200, 0, 0)).save(png, format="PNG")
    prs.slides[1].shapes.add_picture(BytesIO(png.getvalue()), 914400, 914400)
    prs.save(str(tmp_path / "edited.pptx"))
    code, out, err = run("import", "--changes", str(outline), str(tmp_path / "edited.pptx"))
    assert code == 0, err
    assert "slide 3 (table), rows[0][1]: '1' -> '2'" in out
    assert "shape 'Table' moved or resized: not placed" in err
    assert "a new picture 'Picture" in err


@pytest.mark.skipif(not shutil.which("soffice") or subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0, reason="needs LibreOffice and its Python (python3-uno)")
def test_edits_made_in_libreoffice(built, tmp_path):
    outline, deck = built
    edited = tmp_path / "edited.pptx"
    helper = Path(__file__).parent / "libreoffice_edit.py"
    # LibreOffice retypes the whole title and first bullet: the same three edits, as Impress saves them
    subprocess.run(
        ["/usr/bin/python3", str(helper), str(deck), str(edited), "2", "Three things", "The first point, with a single strong word", "Ask who has edited a deck the night before."],
        check=True, capture_output=True, timeout=120,
    )
    prs = Presentation(str(edited))
    assert "LibreOffice" in (prs.core_properties.last_modified_by or "") or prs.slides[1].slide_layout.name != "Title and Content"
    code, out, err = run("import", "--changes", str(outline), str(edited))
    assert code == 0, out + err
    located = [line for line in out.splitlines() if line.startswith(f"{outline}:")]
    assert any("title: 'Thre things' -> 'Three things'" in line for line in located), out
    assert any("bullets[0]: 'The first point, with one **strong** word' -> 'The first point, with a single strong word'" in line for line in located), out
    assert any("slide 2 (bullets), notes: 'Say why it matters. Then move on.' -> 'Say why it matters. Then move on. Ask who has edited a deck" in line for line in located), out
    assert len(located) == 3, out + err
    assert "+      Ask who has edited a deck the night before." in out, out
    # the diff names those three edits and nothing else, the comments where they were
    removed = [l for l in out.splitlines() if l.startswith("-") and not l.startswith("---")]
    added = [l for l in out.splitlines() if l.startswith("+") and not l.startswith("+++")]
    assert removed == ["-    title: Thre things           # a typo the speaker fixes in the deck", "-      - The first point, with one **strong** word"], out
    assert added == [
        "+    title: Three things          # a typo the speaker fixes in the deck", "+      - The first point, with a single strong word",
        "+", "+      Ask who has edited a deck the night before.",
    ], out
    assert "not placed" not in err, err
    new = tmp_path / "talk-edited.yaml"
    code, _, err = run("import", "--changes", "--apply", str(outline), str(edited), "-o", str(new))
    assert code == 0, err
    assert "# A talk with comments that --apply must keep" in new.read_text() and "# the speaker" in new.read_text()
    code, out, err = run("import", "--changes", str(new), str(edited))
    assert code == 0 and "no changes to carry into the outline" in out, out + err


def test_the_shipped_talk_places_plain_text_and_lists_templated_text(tmp_path):
    from conftest import DEFAULT_OUTLINE

    outline = tmp_path / "four-layers.yaml"
    shutil.copy(DEFAULT_OUTLINE, outline)
    deck = b.build(outline, output=tmp_path / "build" / "four-layers.pptx").path
    prs = Presentation(str(deck))
    slide = prs.slides[3]  # after `when:` dropped the audience slides: the 4th slide of the outline
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Peak excitement, peak confusions"
    notes = slide.notes_slide.notes_text_frame
    notes.add_paragraph().text = "Pause here."
    prs.save(str(tmp_path / "edited.pptx"))
    code, out, err = run("import", "--changes", str(outline), str(tmp_path / "edited.pptx"))
    assert code == 0, err
    assert f"{outline}:107:12: slide 4 (bullets), title: 'Peak excitement, peak confusion' -> 'Peak excitement, peak confusions'" in out
    # its notes hold `{% if %}`: the edit is listed with where it would go, not guessed
    assert f"not placed: {outline}:124:12: slide 4 (bullets), notes:" in err and "the outline writes it with a template" in err


def test_an_outline_changed_since_its_deck_was_built_is_said(built, tmp_path):
    outline, deck = built
    edited = edit_with_python_pptx(deck, tmp_path / "edited.pptx")
    outline.write_text(OUTLINE.replace("title: Numbers", "title: Figures"), encoding="utf-8")
    code, out, err = run("import", "--changes", str(outline), str(edited))
    assert code == 0, err
    assert "the outline changed since the deck was last built (.deckgen-written records another deck)" in err
    assert "slide 3 (table), title: 'Figures' -> 'Numbers'" in out  # compared with what it builds now


def test_a_moved_slide_is_listed_not_mistaken_for_edits(built, tmp_path):
    outline, deck = built
    prs = Presentation(str(deck))
    order = prs.slides._sldIdLst
    slides = list(order)
    order.remove(slides[2])
    order.insert(1, slides[2])  # the table before the bullets
    prs.save(str(tmp_path / "edited.pptx"))
    code, out, err = run("import", "--changes", str(outline), str(tmp_path / "edited.pptx"))
    assert code == 0, err
    assert "no changes to carry into the outline" in out, out
    assert "moved to" in err and "not placed; move it in the outline" in err, err
