"""deckgen handout: the PDF for the organiser, in each layout, with or without the backup slides."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "backup-slides.yaml"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
VISIBLE, ALL = 8, 10  # the example's slides without and with its two backup slides

needs_libreoffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by .ci/run")


def test_the_handout_deck_shows_every_build_at_its_last_state():
    from deckgen import pipeline
    from deckgen.pptx.handout import prepare_handout

    loaded = pipeline.load(EXAMPLE)
    prs = pipeline.render_deck(loaded)
    code = prs.slides[5]
    assert [s.name for s in code.shapes if s.name.startswith("Code step")] == [f"Code step {k}" for k in range(4)]
    assert prepare_handout(prs, hidden=False, notes_pages=True) == VISIBLE
    assert all(s._element.find(f"{P}timing") is None and s._element.get("show") is None for s in prs.slides)
    # the walkthrough's last step is the one layer left over the dimmed code
    assert [s.name for s in prs.slides[5].shapes if s.name.startswith("Code step")] == ["Code step 3"]
    # the reveal's bullets are all there, and the notes page lost the timing cue
    assert len(prs.slides[3].placeholders[1].text_frame.paragraphs) == 5
    notes = prs.slides[3].notes_slide.notes_text_frame.text
    assert notes.startswith("Start from the pain") and "[" not in notes.splitlines()[0]
    assert prs.part._element.find(f"{P}extLst/{P}ext[@uri='{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}']") is None


def test_backup_slides_are_kept_and_shown_with_hidden():
    from deckgen import pipeline
    from deckgen.pptx.handout import prepare_handout

    prs = pipeline.render_deck(pipeline.load(EXAMPLE))
    assert prepare_handout(prs, hidden=True, notes_pages=False) == ALL
    assert [s.shapes.title.text for s in prs.slides][-2:] == ["The numbers", "How stale is stale?"]
    assert all(s._element.get("show") is None for s in prs.slides)


def test_the_slots_of_a_page_stay_inside_it_and_apart():
    from deckgen.handout import A4, slots

    for per_page in (2, 3, 6):
        places = slots(per_page, 16 / 9)
        assert len(places) == per_page
        for left, bottom, width, height in places:
            assert 0 < left and left + width < A4[0] and 0 < bottom and bottom + height < A4[1]
            assert abs(width / height - 16 / 9) < 1e-6
        for k, a in enumerate(places):
            for b in places[k + 1 :]:
                apart = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
                assert apart, (per_page, a, b)
        if per_page == 3:
            assert all(left + width < A4[0] * 0.65 for left, _, width, _ in places)  # room to write on the right


@needs_libreoffice
@pytest.mark.parametrize("per_page, hidden, pages", [("1", False, VISIBLE), ("2", False, 4), ("3", True, 4), ("6", False, 2), ("6", True, 2)])
def test_a_handout_in_each_layout(tmp_path, per_page, hidden, pages):
    from pypdf import PdfReader

    out = tmp_path / "handout.pdf"
    args = ["handout", str(EXAMPLE), "--per-page", per_page, "-o", str(out)] + (["--hidden"] if hidden else [])
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    assert f"({pages} pages)" in run.output
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == pages
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Caching without tears" in text and "What to take home" in text  # slides' text stays text
    assert ("How stale is stale?" in text) == hidden
    if per_page == "1":
        page = reader.pages[3].extract_text()
        assert "The page is slow" in page and "Start from the pain" in page and "slide 4 of" not in page
    else:
        assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.1)


def test_a_handout_asks_for_a_pdf_name_and_keeps_others_files(tmp_path):
    bad = CliRunner().invoke(main, ["handout", str(EXAMPLE), "-o", str(tmp_path / "handout.pptx")])
    assert bad.exit_code == 2 and "must end in .pdf" in bad.output
    mine = tmp_path / "mine.pdf"
    mine.write_bytes(b"%PDF-1.4 the speaker's own")
    kept = CliRunner().invoke(main, ["handout", str(EXAMPLE), "-o", str(mine)])
    assert kept.exit_code != 0 and mine.read_bytes() == b"%PDF-1.4 the speaker's own"
