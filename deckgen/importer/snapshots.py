"""Pictures of the slides import could not map in full, drawn by LibreOffice, kept as image slides."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..export import pdf_to_pngs, to_pdf
from ..pptx.opening import open_deck
from ..pptx.reading import Imported


def add_snapshots(imported: Imported, source: Path, stem: str) -> None:
    """Insert after each slide with unmapped content an image slide showing it as it was."""
    prs = open_deck(source)
    hidden = [s._element.get("show") in ("0", "false") for s in prs.slides]
    with tempfile.TemporaryDirectory(prefix="deckgen-snapshots-") as work:
        pdf = to_pdf(source, Path(work), force=True)
        pages = pdf_to_pngs(pdf, Path(work) / "pages", width=1600, force=True)
        # LibreOffice leaves hidden slides out of the PDF: page k is the k-th shown slide
        shown = [n for n, h in enumerate(hidden, start=1) if not h]
        page_of = {number: pages[k] for k, number in enumerate(shown) if k < len(pages)}
        slides = imported.data["slides"]
        comments = dict(imported.comments)
        for number in sorted(imported.snapshots, reverse=True):
            if number not in page_of or number > len(slides):
                imported.report.append(f"{source}: slide {number}: hidden, so LibreOffice draws no picture of it: no snapshot")
                continue
            name = f"{stem}-slide{number}-snapshot.png"
            imported.files[name] = page_of[number].read_bytes()
            title = slides[number - 1].get("title") or f"Slide {number}"
            slides.insert(number, {
                "kind": "image",
                "title": title,
                "image": name,
                "alt": f"Slide {number} of {source.name} as it was, with what could not be imported as outline text",
            })
            comments = {(k + 1 if k >= number else k): v for k, v in comments.items()}
            comments[number] = [f"slide {number}: a picture of slide {number} as it was (`--snapshots`): what it shows could not be mapped"]
        imported.comments = comments
