"""Draw docs/pictures.png: the talk of docs/examples/pictures.yaml built, converted to PDF by
LibreOffice, and its slides laid two to a row.

Run from the repository with LibreOffice and poppler installed: `python docs/pictures_sheet.py`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
GAP, ACROSS, WIDTH = 12, 2, 470  # pixels between slides, slides to a row, pixels a slide is drawn across


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="deckgen-sheet-") as scratch:
        work = Path(scratch)
        deck = work / "pictures.pptx"
        subprocess.run([sys.executable, "-m", "deckgen", "build", str(HERE / "examples" / "pictures.yaml"), "-o", str(deck)], check=True)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(deck)], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-scale-to-x", str(WIDTH), "-scale-to-y", "-1", str(work / "pictures.pdf"), str(work / "p")], check=True)
        pages = [Image.open(p).convert("RGB") for p in sorted(work.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))]
        w, h = pages[0].size
        rows = (len(pages) + ACROSS - 1) // ACROSS
        sheet = Image.new("RGB", (ACROSS * w + (ACROSS + 1) * GAP, rows * h + (rows + 1) * GAP), (200, 200, 200))
        for k, page in enumerate(pages):
            sheet.paste(page, (GAP + (k % ACROSS) * (w + GAP), GAP + (k // ACROSS) * (h + GAP)))
        sheet.save(HERE / "pictures.png", optimize=True)


if __name__ == "__main__":
    main()
