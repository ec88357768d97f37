"""Text no font on this machine draws is said, located, emoji included: never silent boxes.

Each test gives `deckgen check` (in a subprocess, as a speaker runs it) a fontconfig of its own,
FONTCONFIG_FILE naming the only folders of fonts it sees, so the machine's fonts are set by the
test and not by where it runs. LibreOffice, fc-list and fc-match all read that same file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "assets" / "fonts"
pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None or shutil.which("fc-match") is None, reason="fontconfig says which fonts draw what")

OUTLINE = (
    "deck: {title: Emoji}\n"
    "slides:\n"
    "  - kind: bullets\n"
    "    title: Reactions\n"
    "    bullets:\n"
    "      - Plain words first\n"
    "      - \"Thumbs up \\U0001F44D and a memo \\U0001F4DD\"\n"
)


def fontconfig(tmp_path: Path, *folders: Path) -> dict[str, str]:
    """Return an environment whose fontconfig sees only `folders`, with the machine's rules of
    which font to prefer (/etc/fonts/conf.d: a colour emoji font first for emoji, as installed)."""
    conf = tmp_path / "fonts.conf"
    dirs = "".join(f"<dir>{folder}</dir>" for folder in folders)
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        '<fontconfig><include ignore_missing="yes">/etc/fonts/conf.d</include>'
        f"{dirs}<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "XDG_CACHE_HOME": str(tmp_path / "cache")}


def check(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "talk.yaml").write_text(OUTLINE, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "deckgen", "check", *args, "talk.yaml"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def installed_font(wanted) -> Path | None:
    """Return an installed font file (as this machine's fontconfig lists them) `wanted` accepts."""
    listed = subprocess.run(["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True, check=False).stdout.splitlines()
    return next((Path(f) for f in sorted(set(listed)) if f.endswith((".ttf", ".otf")) and wanted(f)), None)


def colour_emoji_font() -> Path | None:
    from deckgen.fonts import bitmap_only, charset

    return installed_font(lambda f: bitmap_only(f) and 0x1F44D in charset(f))


def outline_emoji_font() -> Path | None:
    from deckgen.fonts import bitmap_only, charset

    return installed_font(lambda f: not bitmap_only(f) and 0x1F44D in charset(f))


def test_emoji_no_installed_font_draws_are_a_located_warning(tmp_path):
    env = fontconfig(tmp_path, SHIPPED)  # Carlito and Liberation Mono: no emoji
    done = check(tmp_path, env)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if "no font on this machine draws" in x)
    assert line.startswith("warning: talk.yaml:3:5: slides[0]: no font on this machine draws '\N{THUMBS UP SIGN}' (U+1F44D), '\N{MEMO}' (U+1F4DD) in 'Thumbs up")
    assert "it may show as a box; install a font that has it, such as Symbola (fonts-symbola) for emoji" in line
    strict = check(tmp_path, env, "--strict")
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    assert "talk.yaml:3:5: slides[0]: no font on this machine draws" in strict.stderr


def test_a_font_of_colour_pictures_alone_draws_nothing_and_is_said(tmp_path):
    colour = colour_emoji_font()
    if colour is None:
        pytest.skip("no font of colour pictures (fonts-noto-color-emoji) is installed here")
    env = fontconfig(tmp_path, SHIPPED, colour.parent)
    done = check(tmp_path, env)
    assert done.returncode == 0, done.stderr
    # LibreOffice's PDF export leaves its glyphs blank: for the check, it draws nothing
    from deckgen.fonts import _family

    assert "talk.yaml:3:5: slides[0]: no font on this machine draws '\N{THUMBS UP SIGN}' (U+1F44D)" in done.stderr
    assert f"only {_family(str(colour))} has them, as colour pictures LibreOffice's PDF export leaves blank, so they show as nothing; install a font that draws them in outline, such as Symbola (fonts-symbola) for emoji" in done.stderr


def test_a_colour_emoji_font_beside_an_outline_one_is_said_as_the_one_libreoffice_picks(tmp_path):
    colour, outline = colour_emoji_font(), outline_emoji_font()
    if colour is None or outline is None:
        pytest.skip("needs both a colour emoji font (fonts-noto-color-emoji) and one in outline (fonts-symbola)")
    env = fontconfig(tmp_path, SHIPPED, colour.parent, outline.parent)
    done = check(tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert "no font on this machine draws" not in done.stderr
    line = next(x for x in done.stderr.splitlines() if "leaves blank" in x)
    assert line.startswith("warning: talk.yaml:3:5: slides[0]: LibreOffice draws '\N{THUMBS UP SIGN}' (U+1F44D), '\N{MEMO}' (U+1F4DD) in 'Thumbs up")
    from deckgen.fonts import _family

    assert f"with {_family(str(colour))}, a font of colour pictures its PDF export leaves blank" in line
    assert "remove that font" in line


def pdf_fonts(pdf: Path) -> set[str]:
    """Return the names of the fonts a PDF's pages draw with (subset prefixes taken off)."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice draws the deck")
def test_libreoffice_draws_emoji_with_the_colour_font_when_both_are_there(tmp_path):
    """What the warning above rests on: given both, LibreOffice's PDF draws the emoji with the
    font of colour pictures (whose glyphs come out blank), and with the outline font without it."""
    colour, outline = colour_emoji_font(), outline_emoji_font()
    if colour is None or outline is None:
        pytest.skip("needs both a colour emoji font (fonts-noto-color-emoji) and one in outline (fonts-symbola)")
    (tmp_path / "talk.yaml").write_text(OUTLINE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "deckgen", "build", "talk.yaml", "-o", "talk.pptx"], cwd=tmp_path, check=True, capture_output=True, timeout=300)
    from deckgen.fonts import _family

    drawn = {}
    for name, folders in {"both": (colour.parent, outline.parent), "outline": (outline.parent,)}.items():
        (tmp_path / name).mkdir()
        env = fontconfig(tmp_path / name, SHIPPED, *folders)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path / name / 'profile'}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / name), str(tmp_path / "talk.pptx")],
            env=env, check=True, capture_output=True, timeout=300,
        )
        drawn[name] = pdf_fonts(tmp_path / name / "talk.pdf")
    colour_name, outline_name = _family(str(colour)).replace(" ", ""), _family(str(outline)).replace(" ", "")
    assert colour_name in drawn["both"] and outline_name not in drawn["both"], drawn
    assert outline_name in drawn["outline"], drawn


def test_an_outline_emoji_font_draws_them_and_nothing_is_said(tmp_path):
    outline = outline_emoji_font()
    if outline is None:
        pytest.skip("no font draws emoji in outline here (.ci/run installs fonts-symbola)")
    env = fontconfig(tmp_path, SHIPPED, outline.parent)
    done = check(tmp_path, env, "--strict")
    assert done.returncode == 0, done.stderr
    assert "no font" not in done.stderr and "leaves blank" not in done.stderr


def test_a_font_of_colour_pictures_only_is_told_apart_from_outline_fonts():
    from deckgen.fonts import bitmap_only

    assert not bitmap_only(str(SHIPPED / "Carlito-Regular.ttf"))
    assert not bitmap_only(str(SHIPPED / "OFL.txt"))  # not a font: no glyphs of any kind
    colour = colour_emoji_font()
    if colour is None:
        pytest.skip("no font of colour pictures (fonts-noto-color-emoji) is installed here")
    assert bitmap_only(str(colour))
