"""Draw every corpus talk on every corpus template and make a contact sheet per template.

    python docs/corpus_sheets.py [--out build/corpus] [--sheets docs/corpus] [TEMPLATE ...]

Each talk of tests/corpus is built on each template (deckgen's three built-in themes,
python-pptx's default, LibreOffice's own Impress templates converted to .pptx and one with
a cover master, a logo band and renamed layouts), drawn by
LibreOffice into PNG pages 1920 px wide under --out (to look at one by one), and put on one
sheet per template under --sheets: a row per talk, its slides left to right, with what
`check --render --strict` says of the deck under it (nothing, when it passes).
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus_talks import TALKS, THEMES, branded_template, build, convert_libreoffice_templates, draw, python_pptx_default, render_findings, talk_in  # noqa: E402

THUMB = 240


def templates(folder: Path, soffice: str) -> dict[str, tuple[Path | None, str | None]]:
    found: dict[str, tuple[Path | None, str | None]] = {f"theme-{t}": (None, t) for t in THEMES}
    found["python-pptx-default"] = (python_pptx_default(folder), None)
    for name, path in convert_libreoffice_templates(folder, soffice).items():
        found[name] = (path, None)
    found["branded"] = (branded_template(folder / "branded"), None)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/corpus"))
    parser.add_argument("--sheets", type=Path, default=HERE / "corpus")
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed")
    from PIL import Image, ImageDraw, ImageFont

    from deckgen.theme import font_bytes

    args.sheets.mkdir(parents=True, exist_ok=True)
    font = ImageFont.truetype(io.BytesIO(font_bytes(True)), 18)
    small = ImageFont.truetype(io.BytesIO(font_bytes(False)), 13)
    for name, (template, theme) in templates(args.out / "templates", soffice).items():
        if args.only and name not in args.only:
            continue
        folder = args.out / name
        shutil.rmtree(folder, ignore_errors=True)
        built, said = {}, {}
        for talk in TALKS:
            outline = talk_in(folder / talk, talk, template, theme)
            loaded, problems = build(outline, folder / f"{talk}.pptx")
            said[talk] = [p.split(": ", 1)[-1] if "yaml:" in p else p for p in problems]
            if loaded is not None:
                built[folder / f"{talk}.pptx"] = loaded
        pdfs = draw(list(built), folder, soffice)
        rows = []
        for talk in TALKS:
            deck = folder / f"{talk}.pptx"
            pages: list[Path] = []
            if deck in pdfs:
                said[talk] += render_findings(built[deck], pdfs[deck])
                subprocess.run(["pdftoppm", "-png", "-scale-to-x", "1920", "-scale-to-y", "-1", str(pdfs[deck]), str(folder / talk / "slide")], check=True)
                pages = sorted((folder / talk).glob("slide-*.png"))
            rows.append((talk, pages, said[talk]))
        sheet = contact(rows, font, small, Image, ImageDraw)
        sheet.save(args.sheets / f"{name}.png", optimize=True)
        print(f"{name}: {sum(1 for _, _, s in rows if not s)} of {len(rows)} talks clean; {args.sheets / (name + '.png')}")
        for talk, _, found in rows:
            for line in found:
                print(f"  {talk}: {line}")
    return 0


def contact(rows, font, small, Image, ImageDraw):
    """Return one sheet: per talk a label, its slides as thumbnails, and what the checks said."""
    heights = []
    thumbs = []
    for talk, pages, found in rows:
        row = []
        for page in pages:
            with Image.open(page) as im:
                im = im.convert("RGB")
                row.append(im.resize((THUMB, round(im.height * THUMB / im.width)), Image.Resampling.LANCZOS))
        thumbs.append(row)
        heights.append(max([t.height for t in row], default=THUMB * 9 // 16))
    columns = max([len(r) for r in thumbs], default=1)
    gap, label = 12, 28
    notes = [min(len(found), 4) * 16 for _, _, found in rows]
    height = gap + sum(h + label + n + gap for h, n in zip(heights, notes))
    sheet = Image.new("RGB", (gap + columns * (THUMB + gap), height), (0xEE, 0xF1, 0xF5))
    draw = ImageDraw.Draw(sheet)
    y = gap
    for (talk, _, found), row, h, n in zip(rows, thumbs, heights, notes):
        draw.text((gap, y), f"{talk}: {'clean' if not found else f'{len(found)} finding(s)'}", fill=(0x1B, 0x24, 0x33) if not found else (0xB0, 0x1E, 0x1E), font=font)
        y += label
        for k, thumb in enumerate(row):
            sheet.paste(thumb, (gap + k * (THUMB + gap), y))
        for j, line in enumerate(found[:4]):
            draw.text((gap, y + h + 2 + j * 16), line[:260], fill=(0xB0, 0x1E, 0x1E), font=small)
        y += h + n + gap
    return sheet


if __name__ == "__main__":
    sys.exit(main())
