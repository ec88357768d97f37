"""The fonts a template asks for, found on this machine, so text is measured as it will be drawn.

A template names its fonts (the theme's heading and body typefaces). deckgen looks for each in
the system's font folders, reading every font file's names with fontTools; where a family is
not installed, its metric-compatible twin does (Carlito for Calibri, Liberation Sans for
Arial, ...): same advance widths, so the same line breaks. Calibri, deckgen's own font, is
measured with the Carlito it ships. Where neither is found, one warning says that fitting
measures the text with Carlito, a stand-in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import unicodedata
from array import array
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from .cachedir import default_cache_dir
from .errors import DeckgenError
from .files import read_regular, write_atomic
from .theme import Face, font_path

# families whose metrics another, freely licensed family matches glyph for glyph
TWINS = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "arial narrow": "Liberation Sans Narrow",
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "courier new": "Liberation Mono",
    "courier": "Liberation Mono",
}
SHIPPED = {"calibri", "carlito"}  # measured with the Carlito in assets/fonts
MAX_FONT_FILES = 5000  # folders past this many files are not scanned further
MAX_FONT_BYTES = 64 * 1024 * 1024

Faces = dict[tuple[bool, bool], Path]  # (bold, italic) -> font file


def font_dirs() -> list[Path]:
    """Return the folders fonts are installed in on this system."""
    home = Path.home()
    if sys.platform == "darwin":
        dirs = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    elif sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts", Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft/Windows/Fonts"]
    else:
        data = os.environ.get("XDG_DATA_HOME", str(home / ".local/share"))
        dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", Path(data) / "fonts"]
    return [d for d in dirs if d.is_dir()]


def _names(path: Path) -> tuple[str, bool, bool] | None:
    """Return (family, bold, italic) of a font file, from its name and OS/2 tables."""
    from fontTools.ttLib import TTFont  # deferred: fontTools loads only when this runs

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        try:
            table = font["name"]
            family = table.getDebugName(16) or table.getDebugName(1)
            style = (table.getDebugName(17) or table.getDebugName(2) or "").casefold()
            weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
        finally:
            font.close()
    except Exception:  # not a font fontTools can read: skipped
        return None
    if not family:
        return None
    return family, weight >= 600 or "bold" in style, "italic" in style or "oblique" in style


@lru_cache(maxsize=1)
def installed() -> dict[str, Faces]:
    """Return the installed families by folded name, each face's file (scanned once per process)."""
    found: dict[str, Faces] = {}
    seen = 0
    for folder in font_dirs():
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                if not name.lower().endswith((".ttf", ".otf", ".ttc")):
                    continue
                seen += 1
                if seen > MAX_FONT_FILES:
                    return found
                path = Path(root) / name
                try:
                    if path.stat().st_size > MAX_FONT_BYTES:
                        continue
                except OSError:
                    continue
                names = _names(path)
                if names is not None:
                    family, bold, italic = names
                    found.setdefault(family.casefold(), {}).setdefault((bold, italic), path)
    return found


def shipped() -> Faces:
    """Return the Carlito faces deckgen ships."""
    return {(b, i): font_path((b, i, False)) for b in (False, True) for i in (False, True)}


def find(family: str) -> tuple[Faces | None, str]:
    """Return the faces to measure `family` with and the family they are: itself, its twin,
    or (None, "") when neither is installed."""
    key = family.casefold().strip()
    if key in SHIPPED:
        return shipped(), "Carlito"
    families = installed()
    if key in families:
        return families[key], family
    twin = TWINS.get(key)
    if twin and twin.casefold() in SHIPPED:
        return shipped(), twin
    if twin and twin.casefold() in families:
        return families[twin.casefold()], twin
    return None, ""


def face_file(faces: dict, face: Face):
    """Return the file of `face` (bold, italic, mono) among `faces`, the nearest one if missing."""
    bold, italic, _ = face
    for key in ((bold, italic), (bold, False), (False, italic), (False, False)):
        if key in faces:
            return faces[key]
    return next(iter(faces.values()))


def substitute(family: str) -> str | None:
    """Return the family this machine draws instead of `family`, as fontconfig (which
    LibreOffice uses on Linux) chooses it; None where fontconfig is not there to ask."""
    import subprocess  # deferred: subprocess loads only when this runs

    tool = shutil.which("fc-match")
    if tool is None:
        return None
    try:
        done = subprocess.run([tool, "-f", "%{family[0]}", family], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.strip()
    return name if done.returncode == 0 and name else None


def measuring_faces(family: str) -> tuple[Faces, str | None]:
    """Return the faces to measure text set in `family` with, and a warning when they are a
    stand-in's: the font this machine draws instead (fontconfig), else the shipped Carlito."""
    faces, name = find(family)
    if faces is not None:
        return faces, None
    instead = substitute(family)
    if instead:
        faces, name = find(instead)
        if faces is not None:
            return faces, (
                f"the template's font {family!r} is not installed here: text is fitted with the metrics of "
                f"{name!r}, the font this machine draws instead; install {family!r} for an exact fit"
            )
    return shipped(), (
        f"the template's font {family!r} is not installed here: text is fitted with the metrics of "
        f"'Carlito', a stand-in; install {family!r} for an exact fit"
    )


# --- which font draws a character -----------------------------------------------------------------

@lru_cache(maxsize=256)
def charset(path: str) -> frozenset[int]:
    """Return the code points font file `path` has glyphs for (its first face, for collections).

    Reading a font's character map with fontTools takes tens of milliseconds, so the answer is
    kept in deckgen's cache folder, keyed by the file's path, size and time (best effort). An
    entry starts with the MAC, under this user's key (deckgen.localkey), of its key and its
    points, and is read only if it is a regular file (no link, FIFO or device) of at most
    MAX_CHARSET_BYTES whose MAC verifies: one planted in a shared cache is read again from the
    font.
    """
    from .localkey import mac, same  # deferred: only a cache with a folder needs the key

    key = None
    folder = default_cache_dir()
    try:
        status = os.stat(path)
        key = hashlib.sha256(f"{CHARSET_VERSION}|{path}|{status.st_size}|{status.st_mtime_ns}".encode()).hexdigest()[:32]
        if folder is not None:
            stored = read_regular(folder / "charsets" / key, MAX_CHARSET_BYTES)
            if stored is not None and len(stored) >= 64:
                tag, body = stored[:64].decode("ascii", "replace"), stored[64:]
                if same(tag, mac("charset/1", key, body)):
                    points = array("I")
                    points.frombytes(body)
                    return frozenset(points)
    except (OSError, ValueError):
        pass
    found = _read_charset(path)
    if key is not None and folder is not None:
        body = array("I", sorted(found)).tobytes()
        tag = mac("charset/1", key, body).encode("ascii")
        try:
            target = folder / "charsets" / key
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, lambda stream: (stream.write(tag), stream.write(body)))
        except (OSError, DeckgenError):
            pass  # a cache that cannot be written is only slower
    return found


MAX_CHARSET_BYTES = 8 * 1024 * 1024  # every code point Unicode has, four bytes each, and more
CHARSET_VERSION = "2"  # entries carry a MAC


def _read_charset(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # deferred: fontTools loads only when this runs

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        try:
            return frozenset(font.getBestCmap() or {})
        finally:
            font.close()
    except Exception:  # not a font fontTools can read: it draws nothing deckgen can count on
        return frozenset()


def invisible(char: str) -> bool:
    """Return whether `char` needs no glyph: spaces, joiners, marks of direction."""

    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def missing(text: str, path: str) -> list[str]:
    """Return the characters of `text` the font at `path` has no glyph for, in order, once each."""
    have = charset(path)
    return list(dict.fromkeys(c for c in text if ord(c) not in have and not invisible(c)))


@lru_cache(maxsize=512)
def covering(chars: str, bold: bool = False) -> str | None:
    """Return a font file on this machine with glyphs for every one of `chars`, bold if asked
    and there is one; None when no installed font has them all.

    Where fontconfig is there, it knows every installed font's coverage (`fontconfig_fonts`):
    of the fonts that cover `chars`, the one fontconfig would pick for them comes first, then
    any other, bold or regular as asked. Elsewhere the installed fonts are read one by one."""
    wanted = {ord(c) for c in chars}
    table = fontconfig_fonts()
    if table is not None:
        covered = [font for font in table if font.covers(wanted) and not bitmap_only(font.file)]
        if not covered:
            return None
        files = {font.file: font for font in covered}
        order = [files[path] for path in _fontconfig_order(chars, bold) if path in files]
        order += sorted(covered, key=lambda font: (font.italic, font.file))
        return min(order, key=lambda font: (font.bold != bold, font.italic)).file  # min keeps the first of equals
    for faces in installed().values():
        for (is_bold, italic), path in sorted(faces.items(), key=lambda kv: (kv[0][1], kv[0][0] != bold)):
            if not italic and wanted <= charset(str(path)) and not bitmap_only(str(path)):
                return str(path)
    return None


class FontconfigFont:
    """One installed font face as fontconfig lists it: its file, weight, slant and coverage."""

    __slots__ = ("file", "bold", "italic", "starts", "ends")

    def __init__(self, file: str, weight: int, slant: int, ranges: str):
        self.file = file
        self.bold = weight >= 200  # fontconfig's FC_WEIGHT_BOLD
        self.italic = slant > 0
        starts, ends = array("I"), array("I")
        for piece in ranges.split():
            first, _, last = piece.partition("-")
            starts.append(int(first, 16))
            ends.append(int(last or first, 16))
        self.starts, self.ends = starts, ends

    def has(self, point: int) -> bool:
        """Return whether the font has a glyph for code point `point`."""
        k = bisect_right(self.starts, point) - 1
        return k >= 0 and point <= self.ends[k]

    def covers(self, points: set[int]) -> bool:
        """Return whether the font has a glyph for each of `points`."""
        return all(self.has(p) for p in points)


@lru_cache(maxsize=1)
def fontconfig_fonts() -> tuple[FontconfigFont, ...] | None:
    """Return every font fontconfig knows with its coverage, asked once (`fc-list`, a tenth of a
    second for a few hundred fonts), or None where there is no fontconfig. Every font counts:
    the one that draws a character may come after dozens that do not (Droid Sans Fallback)."""
    import subprocess  # deferred: subprocess loads only when this runs

    tool = shutil.which("fc-list")
    if tool is None:
        return None
    try:
        done = subprocess.run([tool, "--format", "%{file}\\t%{weight}\\t%{slant}\\t%{charset}\\n"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = []
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0].lower().endswith((".ttf", ".otf", ".ttc")):
            continue
        try:
            out.append(FontconfigFont(parts[0], int(float(parts[1] or 80)), int(float(parts[2] or 0)), parts[3]))
        except ValueError:  # a weight listed as a range ("[80 200]"): a variable font
            out.append(FontconfigFont(parts[0], 200 if "200" in parts[1] else 80, 0, parts[3]))
    return tuple(out) if out else None


def _fontconfig_order(chars: str, bold: bool) -> list[str]:
    """Return the font files fontconfig would pick for `chars`, best first (`fc-match -s`)."""
    import subprocess  # deferred: subprocess loads only when this runs

    tool = shutil.which("fc-match")
    if tool is None:
        return []
    points = " ".join(f"{ord(c):x}" for c in sorted(set(chars))[:64])
    pattern = f":charset={points}" + (":weight=bold" if bold else "")
    try:
        done = subprocess.run([tool, "-s", "-f", "%{file}\\n", pattern], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return done.stdout.splitlines()


@lru_cache(maxsize=512)
def bold_drawn(chars: str) -> bool | None:
    """Return whether the font fontconfig picks for `chars` in bold has a bold face (None where
    there is no fontconfig). LibreOffice draws such characters, which the deck's fonts lack,
    with that font (where the East Asian font the run asks for, Office's, is not installed),
    and draws them regular when it has no bold: it does not embolden CJK text itself."""
    import subprocess  # deferred: subprocess loads only when this runs

    tool = shutil.which("fc-match")
    if tool is None:
        return None
    points = " ".join(f"{ord(c):x}" for c in sorted(set(chars))[:64])
    try:
        done = subprocess.run([tool, "-f", "%{weight}", f":weight=bold:charset={points}"], capture_output=True, text=True, timeout=10, check=False)
        return float(done.stdout.strip().strip("[]").split()[-1]) >= 200  # a variable font lists its range
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def drawing_font(text: str, bold: bool = False) -> str:
    """Return the font file to draw `text` with in a picture: the shipped Carlito where it has
    every glyph, else an installed font that has them all, else Carlito (see `undrawable`)."""
    own = str(font_path((bold, False, False)))
    lacking = missing(text, own)
    if not lacking:
        return own
    every = "".join(dict.fromkeys(c for c in text if not invisible(c)))
    return covering(every, bold) or own


def undrawable(text: str, bold: bool = False) -> list[str]:
    """Return the characters of `text` no font deckgen can find draws (each would be a box)."""
    return missing(text, drawing_font(text, bold))


@lru_cache(maxsize=8192)
def drawable(char: str) -> bool:
    """Return whether some font deckgen uses or finds on this machine draws `char`: has a glyph
    for it drawn as an outline (a font of colour pictures only draws nothing in a PDF)."""
    if invisible(char) or ord(char) in charset(str(font_path((False, False, False)))):
        return True
    table = fontconfig_fonts()
    if table is not None:  # asked of the table alone: no process per character
        return any(font.has(ord(char)) and not bitmap_only(font.file) for font in table)
    return covering(char) is not None


@lru_cache(maxsize=256)
def bitmap_only(path: str) -> bool:
    """Return whether the font at `path` draws its glyphs as colour pictures only (CBDT or sbix
    tables and no outlines: Noto Color Emoji). LibreOffice embeds such a font in the PDFs it
    exports but draws its glyphs blank there, so the text shows as nothing in the PDF, in
    `deckgen preview` and in `check --render`; Pillow cannot draw it at any size either."""
    from fontTools.ttLib import TTFont  # deferred: fontTools loads only when this runs

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        try:
            tables = set(font.keys())
        finally:
            font.close()
    except Exception:  # not a font fontTools can read: charset() counts no glyph of it either
        return False
    return bool(tables & {"CBDT", "sbix"}) and not tables & {"glyf", "CFF ", "CFF2"}


def blank_drawn(text: str) -> dict[str, str]:
    """Return the characters of `text` LibreOffice draws blank on this machine, each with the
    family of the font it draws them with: characters the deck's font lacks that some outline
    font has, but for which LibreOffice picks a font of colour pictures (`bitmap_only`). For an
    emoji it asks fontconfig for the emoji language (`und-zsye`), which a colour emoji font
    matches before any other, so an installed Symbola does not help while Noto Color Emoji is
    there. Characters no font has at all are `drawable`'s."""
    out: dict[str, str] = {}
    for char in dict.fromkeys(text):
        if not char.isascii():
            family = _blank_family(char)
            if family is not None:
                out[char] = family
    return out


@lru_cache(maxsize=8192)
def pictured_only(char: str) -> str | None:
    """Return the family of an installed font of colour pictures that has `char`, which no
    font draws in outline (`drawable` is False for it), or None."""
    table = fontconfig_fonts()
    if table is None:
        return None
    return next((_family(font.file) for font in table if font.has(ord(char)) and bitmap_only(font.file)), None)


@lru_cache(maxsize=8192)
def _blank_family(char: str) -> str | None:
    """Return the family of the colour font LibreOffice draws `char` blank with (`blank_drawn`),
    or None; asked once a character, however many slides hold it."""
    table = fontconfig_fonts()
    if table is None or invisible(char) or ord(char) in charset(str(font_path((False, False, False)))):
        return None
    having = [font for font in table if font.has(ord(char))]
    if not any(bitmap_only(font.file) for font in having) or all(bitmap_only(font.file) for font in having):
        return None  # no colour font to pick, or none but colour fonts (no font draws it: `drawable`)
    picked = _libreoffice_pick(char)
    return _family(picked) if picked is not None and bitmap_only(picked) else None


@lru_cache(maxsize=1024)
def _libreoffice_pick(char: str) -> str | None:
    """Return the font file fontconfig gives LibreOffice for `char`, which the deck's font
    lacks: asked with the emoji language for an emoji, as LibreOffice asks."""
    import subprocess  # deferred: subprocess loads only when this runs

    tool = shutil.which("fc-match")
    if tool is None:
        return None
    pattern = f":charset={ord(char):x}" + (":lang=und-zsye" if _emoji(char) else "")
    try:
        done = subprocess.run([tool, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _emoji(char: str) -> bool:
    """Return whether `char` is an emoji of its own (the emoji package's table of them)."""
    import emoji  # deferred: its table loads only for a character the deck's font lacks

    return char in emoji.EMOJI_DATA


def _family(path: str) -> str:
    """Return the family name of the font at `path` (its file name where it has none)."""
    names = _names(Path(path))
    return names[0] if names else Path(path).name
