"""Pictures: PNG, JPEG, GIF, HEIC (phone photos) or SVG files, checked to be what they say and
no larger than 40 megapixels; phone photos made upright and sRGB once, when they are read."""

from __future__ import annotations

import io
import warnings

from . import FileReader
from .svg import MAX_SVG_BYTES, checked_svg, is_svg, svg_size

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG", "JPEG", "GIF"}
SHOWN_WIDTH_PX = 1920  # the screen a picture is sized for: a projector's, or a laptop's at full HD
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def checked_picture(data: bytes, name: str = "") -> bytes:
    """Return picture bytes `data`, checked: a real PNG, JPEG or GIF of no more than
    MAX_IMAGE_PIXELS (the first picture of a phone's two-picture JPEG), or a safe SVG; a HEIC
    photo becomes a JPEG, and a photo turned by its EXIF orientation or in another colour
    space than sRGB is made upright and sRGB; raise ValueError."""
    from PIL import Image  # deferred: only outlines with pictures need Pillow's decoders

    if is_svg(data):
        if len(data) > MAX_SVG_BYTES:
            raise ValueError(f"is larger than {MAX_SVG_BYTES // (1024 * 1024)} MiB; SVG pictures are limited to that")
        return checked_svg(data)
    if _is_heif(data):
        try:
            import pillow_heif  # deferred: only HEIC photos need libheif
        except ImportError:
            raise ValueError("is a HEIC photo and pillow-heif is not installed: `pip install pillow-heif`, or export it as JPEG") from None
        pillow_heif.register_heif_opener()
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
            width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValueError(f"is {width}x{height} pixels; pictures are limited to {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
            if im.format == "MPO":  # a phone camera's JPEG with a second picture: keep the first
                return _normalised(_first_jpeg(data))
            if im.format == "HEIF":
                return _normalised(data, force=True)
            if im.format not in IMAGE_FORMATS:
                raise ValueError(f"is a {im.format} picture; use PNG, JPEG, GIF, HEIC or SVG")
            im.verify()
    except ValueError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken file
        raise ValueError(f"is not a readable picture ({type(exc).__name__})") from None
    return _normalised(data) if im.format != "GIF" else data


def _first_jpeg(data: bytes) -> bytes:
    """Return the first picture of a multi-picture (MPO) JPEG as a plain JPEG."""
    from PIL import Image  # deferred: as above

    with Image.open(io.BytesIO(data)) as im:
        im.seek(0)
        out = io.BytesIO()
        exif = im.info.get("exif")
        icc = im.info.get("icc_profile")
        extra = ({"exif": exif} if exif else {}) | ({"icc_profile": icc} if icc else {})
        im.convert("RGB").save(out, format="JPEG", quality=95, **extra)
    return out.getvalue()


def _is_srgb(icc: bytes | None) -> bool:
    """Return whether an embedded colour profile draws as sRGB (or is absent, which means
    sRGB): eight colours taken through it to sRGB come out as they went in. A name is not
    enough: "esRGB" and many a camera's profile say sRGB and are not."""
    from PIL import Image, ImageCms  # deferred: as above

    if not icc:
        return True
    try:
        probe = Image.new("RGB", (8, 1))
        probe.putdata([(r, g, b) for r in (30, 220) for g in (30, 220) for b in (30, 220)])
        drawn = ImageCms.profileToProfile(probe, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"), outputMode="RGB")
    except Exception:  # a profile lcms cannot read or apply (CMYK, Lab): drawn as sRGB by most clients anyway
        return True
    return all(abs(a - b) <= 2 for p, q in zip(_pixels(probe), _pixels(drawn)) for a, b in zip(p, q))


def _pixels(im) -> list:
    """Return an image's pixels in order (Pillow 12 renamed getdata)."""
    return list(im.get_flattened_data()) if hasattr(im, "get_flattened_data") else list(im.getdata())


def _normalised(data: bytes, force: bool = False) -> bytes:
    """Return `data` upright (its EXIF orientation applied) and in sRGB (its colour profile
    converted), re-encoded once; unchanged when it already is both (and `force` is off)."""
    from PIL import Image, ImageCms, ImageOps  # deferred: as above

    with Image.open(io.BytesIO(data)) as im:
        orientation = im.getexif().get(0x0112, 1)
        icc = im.info.get("icc_profile")
        if not force and orientation in (0, 1) and _is_srgb(icc):
            return data
        kind = "PNG" if im.format == "PNG" else "JPEG"
        im.load()
        picture = ImageOps.exif_transpose(im)
        if not _is_srgb(icc):  # _is_srgb has applied it once: it applies
            mode = "RGBA" if "A" in picture.getbands() else "RGB"
            picture = ImageCms.profileToProfile(picture.convert(mode), ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"), outputMode=mode)
            picture.info.pop("icc_profile", None)  # its pixels are sRGB now: untagged means sRGB
        out = io.BytesIO()
        if kind == "JPEG":
            picture.convert("RGB").save(out, format="JPEG", quality=92)
        else:
            picture.save(out, format="PNG")
    return out.getvalue()


def pixel_size(data: bytes) -> tuple[int, int]:
    """Return a checked picture's width and height in pixels (an SVG's: its own size)."""
    from PIL import Image  # deferred: as above

    if is_svg(data):
        return svg_size(data)
    with Image.open(io.BytesIO(data)) as im:
        return im.size


def shown_picture(data: bytes, width_px: int, height_px: int) -> bytes:
    """Return picture bytes for a picture stored at no more than `width_px` x `height_px`:
    downscaled and recompressed in its own format family (JPEG stays JPEG, PNG stays PNG)
    when it is larger, else `data` unchanged; an animated GIF always unchanged."""
    from PIL import Image  # deferred: as above

    width_px, height_px = max(1, int(width_px)), max(1, int(height_px))
    with Image.open(io.BytesIO(data)) as im:
        w, h = im.size
        if im.format == "GIF" or (w <= width_px * 1.05 and h <= height_px * 1.05):
            return data
        scale = max(width_px / w, height_px / h)
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        jpeg = im.format == "JPEG"
        if jpeg:
            im.draft("RGB", size)  # decode at a fraction of the size: far faster for a 12 MP photo
        small = im.convert("RGB" if jpeg else ("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")).resize(size, Image.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        if jpeg:
            small.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
        else:
            small.save(out, format="PNG", optimize=True)
    return out.getvalue() if out.tell() < len(data) else data


def region_colours(data: bytes, box: tuple[float, float, float, float]) -> list[tuple[int, int, int]]:
    """Return the colours of the picture's pixels in `box` (fractions of its width and height:
    left, top, right, bottom), sampled at no more than 64x64."""
    from PIL import Image  # deferred: as above

    if is_svg(data):  # an SVG's pixels: as its PNG fallback draws them
        from .svg import fallback_png  # deferred: resvg loads only for SVG pictures

        width, height = svg_size(data)
        scale = 512 / max(width, height)
        data = fallback_png(data, width * scale, height * scale)
    with Image.open(io.BytesIO(data)) as im:
        im.draft("RGB", (256, 256))
        small = im.convert("RGB")
    w, h = small.size
    left, top, right, bottom = box
    area = small.crop((int(left * w), int(top * h), max(int(left * w) + 1, int(right * w)), max(int(top * h) + 1, int(bottom * h))))
    area.thumbnail((64, 64), Image.NEAREST)  # sampled, not averaged: a thin light stripe stays light
    return _pixels(area)


PICTURE = FileReader("picture", "picture file", "pictures", MAX_IMAGE_BYTES, checked_picture, called="picture")
