"""Files an outline names (pictures, a template): confined to the outline's folder, size-checked."""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from pathlib import Path

from .errors import OutlineError, Problem, did_you_mean
from .files import confine, read_limited, regular_file, similar_file  # noqa: F401 (confine: the inputs' rule)
from .kinds import KINDS
from .source import Source

MAX_SOURCE_BYTES = 256 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 300 * 1024 * 1024
MAX_TEMPLATE_ENTRIES = 5000
IMAGE_FORMATS = {"PNG", "JPEG", "GIF"}


def read_in_folder(name: str, base: Path, limit: int, what: str, plural: str) -> bytes:
    """Return the bytes of file `name` of the outline's folder `base`: confined to it, a regular
    file, read no further than `limit`; raise ValueError saying what is wrong (with a suggestion
    for a name that is not there)."""
    path = confine(name, base)
    if not os.path.lexists(path):
        raise ValueError(f"does not exist in the outline's folder{similar_file(path)}")
    return read_limited(path, limit, what, plural)


def read_image(name: str, base: Path) -> bytes:
    """Return the bytes of picture `name`, checked: inside `base`, not too big, a real PNG/JPEG/GIF."""
    from PIL import Image

    data = read_in_folder(name, base, MAX_IMAGE_BYTES, "picture file", "pictures")
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past its own limit: both mean "too many pixels" here
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValueError(f"has too many pixels; pictures are limited to {MAX_IMAGE_PIXELS // 1_000_000} megapixels") from None
    except Exception as exc:  # Pillow raises many kinds for a broken file
        raise ValueError(f"is not a readable picture ({type(exc).__name__})") from None
    try:
        with im:
            if im.format == "MPO":  # a phone camera's JPEG with a second picture: keep the first
                return _first_jpeg(data)
            if im.format not in IMAGE_FORMATS:
                raise ValueError(f"is a {im.format} picture; use PNG, JPEG or GIF")
            width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValueError(f"is {width}x{height} pixels; pictures are limited to {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
            im.verify()
    except ValueError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken file
        raise ValueError(f"is not a readable picture ({type(exc).__name__})") from None
    return data


def _first_jpeg(data: bytes) -> bytes:
    """Return the first picture of a multi-picture (MPO) JPEG as a plain JPEG."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        width, height = im.size
        if width * height > MAX_IMAGE_PIXELS:
            raise ValueError(f"is {width}x{height} pixels; pictures are limited to {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
        im.seek(0)
        out = io.BytesIO()
        exif = im.info.get("exif")
        im.convert("RGB").save(out, format="JPEG", quality=95, **({"exif": exif} if exif else {}))
    return out.getvalue()


def _pictures(slides: list) -> list[tuple[int, str, str]]:
    """Return (slide index, field, file name) of every picture file `slides` name.

    Works on validated slides and on raw mappings alike, so that a picture missing from an
    outline with other mistakes is reported with them, in the same run.
    """
    out = []
    for i, slide in enumerate(slides):
        raw = isinstance(slide, dict)
        kind_name = slide.get("kind") if raw else getattr(slide, "kind", None)
        kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
        for field_name in kind.picture_fields if kind else ():
            name = slide.get(field_name) if raw else getattr(slide, field_name)
            if isinstance(name, str) and name:
                out.append((i, field_name, name))
    return out


def read_source(name: str, base: Path) -> str:
    """Return the text of code file `name`, checked: inside `base`, a regular file, not too big, UTF-8."""
    data = read_in_folder(name, base, MAX_SOURCE_BYTES, "code file", "code files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return text.replace("\r\n", "\n")


def load_sources(slides: list, source: Source) -> dict[str, str]:
    """Return the text of every code file `slides` read, or raise OutlineError listing every problem."""
    from .kinds.code import line_set

    base = source.path.parent
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for i, slide in enumerate(slides):
        find = KINDS[slide.kind].code_files
        for path, block in find(slide) if find else ():
            where = ("slides", i, *path)
            if block.source not in texts:
                try:
                    texts[block.source] = read_source(block.source, base)
                except ValueError as exc:
                    problems.append(source.problem(where + ("source",), f"code file {block.source!r} {exc}"))
                    continue
            count = len(texts[block.source].rstrip("\n").split("\n"))
            wanted = line_set(block.lines)
            if wanted and (min(wanted) < 1 or max(wanted) > count):
                problems.append(source.problem(where + ("lines",), f"lines {block.lines!r}: {block.source!r} has {count} lines"))
    if problems:
        raise OutlineError(problems)
    return texts


def load_tables(slides: list, source: Source) -> dict[str, tuple]:
    """Return the data of every CSV file `slides` chart, or raise OutlineError listing every
    problem; a bad cell is reported at the CSV file's own line."""
    from .kinds.chart import MAX_CSV_BYTES, read_csv

    base = source.path.parent
    tables: dict[str, tuple] = {}
    problems: list[Problem] = []
    for i, slide in enumerate(slides):
        for field_name in KINDS[slide.kind].table_fields:
            name = getattr(slide, field_name)
            if not name or name in tables:
                continue
            try:
                text = read_in_folder(name, base, MAX_CSV_BYTES, "data file", "data files").decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(source.problem(("slides", i, field_name), f"data file {name!r} is not UTF-8 text"))
                continue
            except ValueError as exc:
                problems.append(source.problem(("slides", i, field_name), f"data file {name!r} {exc}"))
                continue
            try:
                tables[name] = read_csv(text, name)
            except ValueError as exc:
                line, _, why = str(exc).partition(": ")
                problems.append(Problem(why, str(confine(name, base)), int(line), 1))
    if problems:
        raise OutlineError(problems)
    return tables


def load_images(slides: list, source: Source) -> dict[str, bytes]:
    """Return the bytes of every picture `slides` show, or raise OutlineError listing every problem."""
    base = source.path.parent
    images: dict[str, bytes] = {}
    problems: list[Problem] = []
    for i, field_name, name in _pictures(slides):
        if name in images:
            continue
        try:
            images[name] = read_image(name, base)
        except ValueError as exc:
            problems.append(source.problem(("slides", i, field_name), f"picture {name!r} {exc}"))
    if problems:
        raise OutlineError(problems)
    return images


def check_template(path: Path, where: Problem) -> None:
    """Raise OutlineError if `path` is not a reasonable .pptx (missing, huge, a zip bomb)."""
    def fail(message: str) -> None:
        raise OutlineError(Problem(f"template {message}", where.file, where.line, where.column, where.field))

    if not os.path.lexists(path):
        fail(f"{path.name!r} does not exist{similar_file(path)}")
    try:
        status = regular_file(path, "template file")
    except ValueError as exc:
        fail(f"{path.name!r} {exc}")
    if status.st_size > MAX_TEMPLATE_BYTES:
        fail(f"is larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MiB")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_TEMPLATE_ENTRIES:
                fail(f"holds {len(entries)} files; a .pptx template holds far fewer")
            declared = sum(e.file_size for e in entries)
            if declared > MAX_TEMPLATE_UNPACKED:
                fail(f"unpacks to {declared // (1024 * 1024)} MiB: refusing it as a zip bomb")
            if "[Content_Types].xml" not in archive.namelist():
                fail("is a zip file but not a .pptx (no [Content_Types].xml)")
            _inflate_within(archive, entries, fail)
    except zipfile.BadZipFile:
        fail("is not a .pptx file (not a zip archive)")
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        fail(f"is not a readable .pptx ({type(exc).__name__})")


def _inflate_within(archive: zipfile.ZipFile, entries: list, fail) -> None:
    """Inflate every member, counting the bytes it really gives; fail past the limit or on a lie.

    A header may declare 10 bytes for a member that inflates to gigabytes: the declared sizes
    prove nothing, so each member is read in chunks and its CRC checked, within a total budget.
    """
    total = 0
    for entry in entries:
        try:
            with archive.open(entry) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_TEMPLATE_UNPACKED:
                        fail(f"unpacks to more than {MAX_TEMPLATE_UNPACKED // (1024 * 1024)} MiB: refusing it as a zip bomb")
        except zipfile.BadZipFile as exc:
            fail(f"is damaged: {entry.filename} does not inflate to what its header declares ({exc})")
