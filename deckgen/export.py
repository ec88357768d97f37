"""Things made from a deck besides the .pptx: PDF and PNG previews, a contact sheet, diagrams, the script."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DeckgenError, OutlineError, Problem, ToolMissingError
from .files import write_atomic

SOFFICE_TIMEOUT = 240
INSTALL_LIBREOFFICE = (
    "LibreOffice is needed for this: install it (Debian/Ubuntu: `sudo apt-get install libreoffice-impress`; "
    "macOS: `brew install --cask libreoffice`; Windows: libreoffice.org) and make sure `soffice` is on PATH"
)
INSTALL_POPPLER = "pdftoppm is needed for this: install poppler (Debian/Ubuntu: `sudo apt-get install poppler-utils`; macOS: `brew install poppler`)"


def find_soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(pptx: Path, out_dir: Path | None = None) -> Path:
    """Convert `pptx` to a PDF beside it (or in `out_dir`) with LibreOffice; return the PDF's path.

    Each run uses a private LibreOffice profile, so it neither collides with an open
    LibreOffice nor with another run; the PDF is checked, since soffice exits 0 on failure too.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(INSTALL_LIBREOFFICE)
    pptx = Path(pptx)
    if not pptx.is_file():
        raise OutlineError(Problem("no such deck to convert", str(pptx)))
    target = (out_dir or pptx.parent) / (pptx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="deckgen-soffice-") as work:
        profile = Path(work, "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, str(pptx)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise DeckgenError(f"LibreOffice did not finish converting {pptx} within {SOFFICE_TIMEOUT} s") from None
        produced = Path(work, pptx.stem + ".pdf")
        if not produced.is_file() or not produced.read_bytes()[:5] == b"%PDF-":
            detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            raise DeckgenError(f"LibreOffice did not produce a PDF from {pptx} (exit {run.returncode}: {detail[0]})")
        with produced.open("rb") as pdf:
            write_atomic(target, lambda stream: shutil.copyfileobj(pdf, stream))
    return target


def pdf_to_pngs(pdf: Path, folder: Path, dpi: int = 80) -> list[Path]:
    """Render each page of `pdf` to folder/slide-NN.png with pdftoppm; return the paths in order."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ToolMissingError(INSTALL_POPPLER)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("slide-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(folder / "slide")], check=True, capture_output=True, timeout=SOFFICE_TIMEOUT)
    return sorted(folder.glob("slide-*.png"))


def contact_sheet(pages: list[Path], out: Path, columns: int = 4, thumb_width: int = 480) -> Path:
    """Draw the slides as a grid of numbered thumbnails (Pillow) into `out`; return it."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from .theme import DEFAULT_THEME, font_bytes

    if not pages:
        raise DeckgenError("no slide images to put on a contact sheet")
    thumbs = []
    for page in pages:
        with Image.open(page) as im:
            im = im.convert("RGB")
            ratio = thumb_width / im.width
            thumbs.append(im.resize((thumb_width, round(im.height * ratio)), Image.Resampling.LANCZOS))
    gap, label_h = 24, 34
    th = max(t.height for t in thumbs)
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new("RGB", (gap + columns * (thumb_width + gap), gap + rows * (th + label_h + gap)), (0xEE, 0xF1, 0xF5))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(io.BytesIO(font_bytes(True)), 20)
    for i, thumb in enumerate(thumbs):
        x = gap + (i % columns) * (thumb_width + gap)
        y = gap + (i // columns) * (th + label_h + gap)
        draw.rectangle([x - 1, y - 1, x + thumb.width, y + thumb.height], outline=DEFAULT_THEME.palette.rule)
        sheet.paste(thumb, (x, y))
        draw.text((x, y + thumb.height + 6), str(i + 1), font=font, fill=DEFAULT_THEME.palette.ink)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, format="PNG", optimize=True)
    return out


def preview_deck(pptx: Path, folder: Path) -> tuple[list[Path], Path]:
    """Render `pptx` to one PNG per slide and a contact sheet in `folder`; return both."""
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as work:
        pdf = to_pdf(pptx, Path(work))
        pages = pdf_to_pngs(pdf, folder)
    return pages, contact_sheet(pages, folder / "contact-sheet.png")


def speaker_script(loaded) -> str:
    """Return the speaker script as Markdown: each slide's title, time window and notes."""
    from .timing import clock, duration, total_minutes

    deck = loaded.deck
    info = deck.deck
    lines = [f"# {info.title}: speaker script", ""]
    audience = loaded.resolved.audience
    meta = [f"slot {info.duration} min", f"planned {clock(total_minutes(loaded.plan))}"]
    if audience:
        meta.insert(0, f"audience: {loaded.resolved.context['audience']['label']}")
    lines += ["_" + " · ".join(meta) + "_", ""]
    for entry, slide in zip(loaded.plan, deck.slides):
        estimated = " (estimated)" if entry.estimated else ""
        lines += [f"## {entry.number}. {deck.slide_title(slide)}", "", f"**{entry.window}** · {duration(entry.minutes)}{estimated}", ""]
        lines += [slide.notes.strip() or "_(no notes)_", ""]
    return "\n".join(lines)


def write_diagrams(loaded, out_dir: Path, stem: str) -> list[Path]:
    """Write each distinct diagram of the deck as a PNG in `out_dir`; return the paths."""
    from .diagrams.cache import DiagramCache, default_cache_dir

    cache = DiagramCache(default_cache_dir())
    written: dict[str, Path] = {}
    diagrams = loaded.pictured()
    cache.prefetch(diagrams.values())
    for index, spec in diagrams.items():
        key = spec.key()
        if key in written:
            continue
        slide = loaded.deck.slides[index]
        name = slide.id or (f"layer-{slide.layer}" if getattr(slide, "layer", None) else f"slide{index + 1}")
        path = Path(out_dir) / f"{stem}-{name}.png"
        png = cache.png(spec)
        write_atomic(path, lambda stream, data=png: stream.write(data))
        written[key] = path
    if not written:
        raise DeckgenError(Problem("this outline has no pyramid or layer slide, so no diagram to write", str(loaded.source.path)))
    return list(written.values())
