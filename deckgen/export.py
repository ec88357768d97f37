"""Things made from a deck besides the .pptx: PDF and PNG previews, a contact sheet, diagrams, the script."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable

from .budget import release
from .cachedir import default_cache_dir
from .diagrams.cache import DiagramCache
from .errors import DeckgenError, OutlineError, Problem, ToolMissingError
from .files import claim, forget, write_output
from .theme import DEFAULT_THEME, font_bytes
from .timing import clock, slot_set, total_minutes

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


def require_soffice() -> str:
    """Return the LibreOffice command; raise ToolMissingError saying how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(INSTALL_LIBREOFFICE)
    return soffice


def to_pdf(pptx: Path, out_dir: Path | None = None, force: bool = False, hidden: bool = False, inputs: Iterable[Path] = ()) -> Path:
    """Convert `pptx` to a PDF beside it (or in `out_dir`) with LibreOffice (`convert`); return the PDF's path.

    A PDF that exists and was not written by deckgen is left alone unless `force`; one that is
    an input of the outline (`inputs`) always. With `hidden`, backup slides are drawn too, so
    that page N is slide N.
    """
    inputs = [Path(pptx), *inputs]
    pptx = Path(pptx)
    if not pptx.is_file():
        raise OutlineError(Problem("no such deck to convert", str(pptx)))
    target = (out_dir or pptx.parent) / (pptx.stem + ".pdf")
    claim(target, inputs, force)
    release()
    with tempfile.TemporaryDirectory(prefix="deckgen-soffice-") as work:
        with convert(pptx, Path(work), hidden=hidden).open("rb") as pdf:
            write_output(target, lambda stream: shutil.copyfileobj(pdf, stream), inputs, force)
    return target


def convert(pptx: Path, work: Path, hidden: bool = False) -> Path:
    """Draw `pptx` into a PDF in the folder `work` with LibreOffice; return the PDF's path.

    Each run uses a private LibreOffice profile, so it neither collides with an open
    LibreOffice nor with another run; the PDF is checked, since soffice exits 0 on failure too.
    With `hidden`, hidden slides are drawn too, so each slide has its page.
    """
    soffice = require_soffice()
    release()  # LibreOffice runs outside the work budget: the deck it converts is deckgen's own
    profile = Path(work, "profile").as_uri()
    target = "pdf:impress_pdf_Export:{\"ExportHiddenSlides\":{\"type\":\"boolean\",\"value\":\"true\"}}" if hidden else "pdf"
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", str(work), str(pptx)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise DeckgenError(f"LibreOffice did not finish converting {pptx} within {SOFFICE_TIMEOUT} s") from None
    produced = Path(work, pptx.stem + ".pdf")
    if not produced.is_file() or not produced.read_bytes()[:5] == b"%PDF-":
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DeckgenError(f"LibreOffice did not produce a PDF from {pptx} (exit {run.returncode}: {detail[0]})")
    return produced


def pdf_to_pngs(pdf: Path, folder: Path, width: int = 1920, force: bool = False, inputs: Iterable[Path] = ()) -> list[Path]:
    """Render each page of `pdf` to folder/slide-NN.png, `width` pixels wide; return the paths in order.

    pdftoppm draws into a private folder; each picture is then moved into `folder` only where
    no file of the speaker's stands (see files.claim), and pictures of an earlier preview that
    no longer have a slide are removed, but only those deckgen wrote.
    """
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ToolMissingError(INSTALL_POPPLER)
    with tempfile.TemporaryDirectory(prefix="deckgen-pages-") as work:
        subprocess.run([pdftoppm, "-png", "-scale-to-x", str(width), "-scale-to-y", "-1", str(pdf), str(Path(work, "slide"))], check=True, capture_output=True, timeout=SOFFICE_TIMEOUT)
        drawn = sorted(Path(work).glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        digits = max(2, len(str(len(drawn))))
        targets = [folder / f"slide-{k:0{digits}d}.png" for k in range(1, len(drawn) + 1)]
        protected = [pdf, *inputs]
        for target in targets:
            claim(target, protected, force)
        for page, target in zip(drawn, targets):
            write_output(target, lambda stream, page=page: stream.write(page.read_bytes()), protected, force)
    for old in folder.glob("slide-*.png"):
        if old not in targets:
            forget(old)
    return targets


def contact_sheet(pages: list[Path], out: Path, columns: int = 4, thumb_width: int = 480, force: bool = False, inputs: Iterable[Path] = ()) -> Path:
    """Draw the slides as a grid of numbered thumbnails (Pillow) into `out`; return it."""

    from PIL import Image, ImageDraw, ImageFont  # deferred: Pillow loads only when this runs


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
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", optimize=True)
    write_output(out, lambda stream: stream.write(buffer.getvalue()), inputs, force=force)
    return out


def preview_deck(pptx: Path, folder: Path, width: int = 1920, force: bool = False, inputs: Iterable[Path] = (), slides: int = 0) -> tuple[list[Path], Path]:
    """Render `pptx` to one PNG per slide, `width` pixels wide, and a contact sheet in `folder`;
    return both. No picture replaces one of `inputs` (the outline's own files), even with `force`;
    the pictures of a deck of `slides` slides are claimed before LibreOffice starts."""
    sheet = folder / "contact-sheet.png"
    inputs = [Path(pptx), *inputs]
    claim(sheet, inputs, force)
    digits = max(2, len(str(slides)))
    for k in range(1, slides + 1):
        claim(folder / f"slide-{k:0{digits}d}.png", inputs, force)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as work:
        pdf = to_pdf(pptx, Path(work), hidden=True)
        pages = pdf_to_pngs(pdf, folder, width, force, inputs)
    return pages, contact_sheet(pages, sheet, force=force, inputs=inputs)


def speaker_script(loaded) -> str:
    """Return the speaker script as Markdown: each slide's title, time window and notes."""

    deck = loaded.deck
    info = deck.deck
    words = deck.words
    lines = [f"# {info.title}: {words('speaker_script')}", ""]
    audience = loaded.resolved.audience
    meta = [words("slot", minutes=info.duration)] * slot_set(deck) + [words("planned", time=clock(total_minutes(loaded.plan)))]
    if audience:
        meta.insert(0, words("audience", label=loaded.resolved.context["audience"]["label"]))
    lines += ["_" + " · ".join(meta) + "_", ""]
    for entry, slide in zip(loaded.plan, deck.slides):
        estimated = f" ({words('estimated')})" if entry.estimated else ""
        when = f"_{words('backup')}_" if entry.hidden else f"**{entry.window}**"
        lines += [f"## {entry.number}. {deck.slide_title(slide)}", "", f"{when} · {words.duration(entry.minutes)}{estimated}", ""]
        lines += [slide.notes.strip() or f"_({words('no_notes')})_", ""]
    return "\n".join(lines)


def write_diagrams(loaded, out_dir: Path, stem: str, force: bool = False) -> list[tuple[Path, float, float]]:
    """Write each distinct diagram of the deck as a PNG in `out_dir`; return the paths, each
    with the size in inches it is drawn for (its size on a 16:9 slide 7.5 inches high, written
    in the file as 288 pixels an inch): shown at that size, its text is 14 pt or more.

    Every name is checked before any picture is drawn: a file of the speaker's that shares a
    name, or one of the outline's own pictures, is never replaced (unless `force`, and inputs never).
    """

    diagrams = loaded.pictured()
    if not diagrams:
        raise OutlineError(Problem("this outline has no pyramid or layer slide drawn as a picture, so no diagram to write", str(loaded.source.path)))
    targets: dict[str, tuple[Path, object]] = {}
    for index, spec in diagrams.items():
        key = spec.key()
        if key in targets:
            continue
        slide = loaded.deck.slides[index]
        name = slide.id or (f"layer-{slide.layer}" if getattr(slide, "layer", None) else f"slide{index + 1}")
        targets[key] = (Path(out_dir) / f"{stem}-{name}.png", spec)
    inputs = loaded.inputs()
    for path, _ in targets.values():
        claim(path, inputs, force)
    cache = DiagramCache(default_cache_dir())
    cache.prefetch(spec for _, spec in targets.values())
    for path, spec in targets.values():
        png = cache.png(spec)
        write_output(path, lambda stream, data=png: stream.write(data), inputs, force)
    return [(path, spec.width_in, spec.height_in) for path, spec in targets.values()]
