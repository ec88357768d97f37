"""Deck size with phone photos: thirty 12-megapixel photos (4032x3024 JPEG, the size a phone
camera writes, with noise and detail so they compress like photos), built as full-bleed slides
and beside bullets, stored at the size shown and as the files hold them (`--pictures original`).

Usage: python bench/pictures.py [FOLDER]   (default: a temporary folder; the photos are made there)
Prints the photos' total size, each deck's size and its build time.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

COUNT, SIZE = 30, (4032, 3024)


def photo(path: Path, k: int) -> None:
    """Write a 12 MP photo-like JPEG: a gradient sky, shapes, and sensor-like noise."""
    small = Image.linear_gradient("L").resize((SIZE[0] // 4, SIZE[1] // 4)).convert("RGB")
    draw = ImageDraw.Draw(small)
    for j in range(12):
        x, y = (k * 97 + j * 181) % small.width, (k * 53 + j * 127) % small.height
        draw.ellipse((x, y, x + 120 + j * 9, y + 90 + j * 7), fill=((k * 40 + j * 20) % 256, (j * 60) % 256, (k * 25) % 256))
    big = small.resize(SIZE, Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(SIZE, 24).convert("RGB")
    Image.blend(big, noise, 0.12).save(path, quality=92)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="deckgen-pictures-"))
    folder.mkdir(parents=True, exist_ok=True)
    slides = []
    for k in range(COUNT):
        path = folder / f"photo-{k:02}.jpg"
        if not path.exists():
            photo(path, k)
        if k % 2:
            slides.append(f"  - {{kind: image, bleed: true, image: {path.name}, alt: Photo {k}, title: Photo {k}}}\n")
        else:
            slides.append(f"  - {{kind: bullets, title: Photo {k}, bullets: [What it shows, Why it matters], image: {path.name}, alt: Photo {k}}}\n")
    outline = folder / "photos.yaml"
    outline.write_text("deck: {title: Thirty photos}\nslides:\n" + "".join(slides))
    total = sum(p.stat().st_size for p in folder.glob("photo-*.jpg"))
    print(f"{COUNT} photos of {SIZE[0]}x{SIZE[1]}: {total / 1e6:.1f} MB")
    for how in ("shown", "original"):
        out = folder / f"photos-{how}.pptx"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(out), "--force", "--pictures", how], check=True, capture_output=True)
        print(f"--pictures {how:8}: deck {out.stat().st_size / 1e6:6.1f} MB, built in {time.perf_counter() - started:5.1f} s")


if __name__ == "__main__":
    main()
