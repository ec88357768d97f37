"""Pictures: PNG, JPEG or GIF files, checked to be what they say and no larger than 40 megapixels."""

from __future__ import annotations

import io
import warnings

from . import FileReader

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG", "JPEG", "GIF"}


def checked_picture(data: bytes, name: str = "") -> bytes:
    """Return picture bytes `data`, checked: a real PNG, JPEG or GIF of no more than
    MAX_IMAGE_PIXELS (the first picture of a phone's two-picture JPEG); raise ValueError."""
    from PIL import Image  # deferred: only outlines with pictures need Pillow's decoders

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
    from PIL import Image  # deferred: as above

    with Image.open(io.BytesIO(data)) as im:
        width, height = im.size
        if width * height > MAX_IMAGE_PIXELS:
            raise ValueError(f"is {width}x{height} pixels; pictures are limited to {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
        im.seek(0)
        out = io.BytesIO()
        exif = im.info.get("exif")
        im.convert("RGB").save(out, format="JPEG", quality=95, **({"exif": exif} if exif else {}))
    return out.getvalue()


PICTURE = FileReader("picture", "picture file", "pictures", MAX_IMAGE_BYTES, checked_picture, called="picture")
