"""Handouts: a PDF of the talk for the organiser, through LibreOffice, like `--pdf`.

One slide a page with its notes under it (LibreOffice's notes pages), or 2, 3 or 6 slides a
page (the slides' own PDF pages placed on A4 with pypdf, so their text stays text); backup
slides left out or included; every build at its last state.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from .errors import DeckgenError, OutlineError, Problem
from .files import claim, write_output

LAYOUTS = (1, 2, 3, 6)
A4 = (595.28, 841.89)  # points
MARGIN = 40.0
NOTES_PAGES = '{"ExportNotesPages":{"type":"boolean","value":"true"},"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'


def handout_path(outline: str | Path, audience: str | None, output: str | Path | None) -> Path:
    """Return where the handout goes: `output`, else build/<stem>[-<audience>]-handout.pdf."""
    if output is not None:
        return Path(output)
    stem = Path(outline).stem
    return Path("build") / (f"{stem}-{audience}-handout.pdf" if audience else f"{stem}-handout.pdf")


def write_handout(loaded, out: Path, per_page: int = 1, hidden: bool = False, force: bool = False) -> tuple[Path, int]:
    """Write the handout of a loaded outline to `out`; return its path and its page count.

    `per_page` is 1 (each slide over its notes), 2, 3 (beside room to write) or 6; `hidden`
    includes the backup slides. A file at `out` that deckgen did not write is left alone
    unless `force`."""
    from .export import require_soffice  # deferred: LibreOffice is looked for only when a handout is asked for
    from .pipeline import deck_bytes, render_deck  # deferred: the pipeline loads python-pptx only when this runs
    from .pptx.handout import prepare_handout  # deferred: python-pptx loads only when this runs

    if per_page not in LAYOUTS:
        raise DeckgenError(f"a handout has 1, 2, 3 or 6 slides a page, not {per_page}")
    if out.suffix.lower() != ".pdf":
        raise OutlineError(Problem("the handout must end in .pdf", str(out)))
    claim(out, loaded.inputs(), force)
    soffice = require_soffice()
    prs = render_deck(loaded)
    if prepare_handout(prs, hidden, notes_pages=per_page == 1) == 0:
        raise OutlineError(Problem("every slide of this outline is a backup slide: add --hidden to print them", str(loaded.source.path)))
    with tempfile.TemporaryDirectory(prefix="deckgen-handout-") as work:
        deck = Path(work, "handout.pptx")
        deck.write_bytes(deck_bytes(prs, loaded))
        pdf = _convert(soffice, deck, Path(work), NOTES_PAGES if per_page == 1 else None)
        data = pdf.read_bytes() if per_page == 1 else _n_up(pdf, per_page)
    write_output(out, lambda stream: stream.write(data), loaded.inputs(), force)
    return out, _pages(data)


def _convert(soffice: str, deck: Path, work: Path, options: str | None) -> Path:
    """Return the PDF LibreOffice makes of `deck` in `work`, with PDF export `options` (JSON)."""
    from .export import SOFFICE_TIMEOUT  # deferred: as in write_handout

    target = "pdf:impress_pdf_Export:" + options if options else "pdf"
    profile = Path(work, "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", str(work), str(deck)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise DeckgenError(f"LibreOffice did not finish the handout within {SOFFICE_TIMEOUT} s") from None
    produced = work / (deck.stem + ".pdf")
    if not produced.is_file() or produced.read_bytes()[:5] != b"%PDF-":
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DeckgenError(f"LibreOffice did not produce the handout (exit {run.returncode}: {detail[0]})")
    return produced


def slots(per_page: int, aspect: float) -> list[tuple[float, float, float, float]]:
    """Return where each slide of an A4 page goes, as (left, bottom, width, height) in points
    from the page's lower left, top to bottom: 2 stacked, 3 down the left (room to write on
    the right), 6 in two columns; `aspect` is the slide's width over its height."""
    page_w, page_h = A4
    columns, rows = {2: (1, 2), 3: (1, 3), 6: (2, 3)}[per_page]
    cell_w = (page_w - 2 * MARGIN - (columns - 1) * 20) / columns
    if per_page == 3:
        cell_w = (page_w - 2 * MARGIN) * 0.52
    cell_h = (page_h - 2 * MARGIN - (rows - 1) * 24) / rows
    width = min(cell_w, cell_h * aspect)
    height = width / aspect
    out = []
    for row in range(rows):
        for column in range(columns):
            left = MARGIN + column * (cell_w + 20) + (0 if per_page == 3 else (cell_w - width) / 2)
            top = MARGIN + row * (cell_h + 24) + (cell_h - height) / 2
            out.append((left, page_h - top - height, width, height))
    return out


def _n_up(pdf: Path, per_page: int) -> bytes:
    """Return the slides of `pdf` placed `per_page` to an A4 page, each framed by a thin rule,
    with ruled lines beside each slide of a 3-a-page handout."""
    from pypdf import PdfReader, PdfWriter, Transformation  # deferred: pypdf loads only for handouts
    from pypdf.generic import ContentStream  # deferred: as above

    reader = PdfReader(str(pdf))
    pages = reader.pages
    first = pages[0].mediabox
    aspect = float(first.width) / float(first.height)
    places = slots(per_page, aspect)
    writer = PdfWriter()
    for start in range(0, len(pages), per_page):
        sheet = writer.add_blank_page(*A4)
        batch = list(zip(pages[start : start + per_page], places))
        for page, (left, bottom, width, _) in batch:
            scale = width / float(page.mediabox.width)
            sheet.merge_transformed_page(page, Transformation().scale(scale, scale).translate(left, bottom))
        drawing = ["Q q 0.6 G 0.75 w"]  # over the slides: each framed by a thin rule
        for _, (left, bottom, width, height) in batch:
            drawing.append(f"{left:.2f} {bottom:.2f} {width:.2f} {height:.2f} re S")
            if per_page == 3:
                x0, x1 = left + width + 18, A4[0] - MARGIN
                for k in range(1, 8):
                    y = bottom + height - k * height / 7.5
                    drawing.append(f"{x0:.2f} {y:.2f} m {x1:.2f} {y:.2f} l S")
        contents = sheet.get_contents()
        stream = ContentStream(None, writer)
        stream.set_data(b"q\n" + contents.get_data() + b"\n" + "\n".join(drawing).encode("ascii") + b" Q")
        sheet.replace_contents(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pages(data: bytes) -> int:
    """Return the page count of PDF `data`."""
    from pypdf import PdfReader  # deferred: as in _n_up

    return len(PdfReader(io.BytesIO(data)).pages)
