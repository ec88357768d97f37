"""The corpus: talks written as strangers write them, and the templates other people made.

`tests/corpus/*.yaml` are twelve and more talks on other topics than deckgen's own (charts,
code, 2, 7 and 8 layers, German, Japanese, Chinese, Arabic, long bullets, a workshop, a
lightning talk, tables); each is built on deckgen's built-in themes and on third-party
templates: LibreOffice's own Impress templates converted to .pptx (16:9 and 4:3),
python-pptx's default (4:3) and one with a cover master, a logo band and renamed layouts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
TALKS = sorted(p.stem for p in CORPUS.glob("*.yaml"))
LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
LIBREOFFICE_NAMES = ("Metropolis", "Focus", "Lights", "Vintage", "Nature_Illustration")  # 16:9 and, the last two, 4:3
THEMES = ("light", "dark", "contrast")


def talk_in(folder: Path, name: str, template: Path | None = None, theme: str | None = None) -> Path:
    """Copy the corpus talk `name` (and the files it reads) into `folder`, on `template` (copied
    beside it) or the built-in `theme`; return the outline's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for picture in CORPUS.glob("*.png"):
        shutil.copy(picture, folder / picture.name)
    text = (CORPUS / f"{name}.yaml").read_text(encoding="utf-8")
    if template is not None:
        shutil.copy(template, folder / template.name)
        text = text.replace("deck:\n", f"deck:\n  template: {template.name}\n", 1)
    elif theme is not None and theme != "light":
        text = text.replace("deck:\n", f"deck:\n  theme: {theme}\n", 1)
    outline = folder / f"{name}.yaml"
    outline.write_text(text, encoding="utf-8")
    return outline


def convert_libreoffice_templates(folder: Path, soffice: str, names=LIBREOFFICE_NAMES) -> dict[str, Path]:
    """Convert LibreOffice's own Impress templates `names` to .pptx in `folder`, in one run;
    return the ones converted, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [LIBREOFFICE_TEMPLATES / f"{n}.otp" for n in names if (LIBREOFFICE_TEMPLATES / f"{n}.otp").is_file()]
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pptx", "--outdir", str(folder), *map(str, sources)],
                   capture_output=True, timeout=600, check=False)
    return {n: folder / f"{n}.pptx" for n in names if (folder / f"{n}.pptx").is_file()}


def python_pptx_default(folder: Path) -> Path:
    """Write python-pptx's own default template (4:3, Calibri) to `folder`; return its path."""
    from pptx import Presentation

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "python-pptx-default.pptx"
    Presentation().save(str(path))
    return path


def branded_template(folder: Path) -> Path:
    """Write the template with a cover master, a logo band and renamed layouts
    (tests/template_factory.py) to `folder`; return its path."""
    from template_factory import branded

    folder.mkdir(parents=True, exist_ok=True)
    return branded(folder)


def build(outline: Path, deck: Path):
    """Build `outline` into `deck` in this process; return (the loaded outline, its problems as
    a speaker reads them: errors, or the warnings `--strict` refuses)."""
    from deckgen import pipeline
    from deckgen.errors import OutlineError

    try:
        loaded = pipeline.load(outline)
        data = pipeline.deck_bytes(pipeline.render_deck(loaded), loaded)
    except OutlineError as exc:
        return None, [str(p) for p in exc.problems]
    deck.write_bytes(data)
    return loaded, [str(p) for p in loaded.diagnostics]


def draw(decks: list[Path], folder: Path, soffice: str) -> dict[Path, Path]:
    """Draw every deck of `decks` into a PDF in `folder` with one LibreOffice run (hidden slides
    too); return the PDFs by deck."""
    profile = (folder / "profile").as_uri()
    target = 'pdf:impress_pdf_Export:{"ExportHiddenSlides":{"type":"boolean","value":"true"}}'
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", str(folder), *map(str, decks)],
                   capture_output=True, timeout=1800, check=False)
    return {deck: folder / f"{deck.stem}.pdf" for deck in decks if (folder / f"{deck.stem}.pdf").is_file()}


def render_findings(loaded, pdf: Path) -> list[str]:
    """Return what the render check finds on the drawing `pdf` of a built outline."""
    from deckgen.drawn import read_pdf
    from deckgen.render_check import plan_drawings, rendered_problems

    slides = plan_drawings(loaded.planned.slides, loaded.planned.template)
    pages = read_pdf(pdf)
    if len(pages) != len(slides):
        return [f"{len(pages)} pages drawn of {len(slides)} slides"]
    return [f"slide {f.index + 1}: {f.message}" for f in rendered_problems(slides, pages)]
