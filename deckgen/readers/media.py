"""Video files: MP4 (H.264 and AAC, as phones and screen recorders write it) or QuickTime,
checked by their container's own header and no larger than 200 MiB."""

from __future__ import annotations

import io

from . import FileReader

MAX_VIDEO_BYTES = 200 * 1024 * 1024
BRANDS = {b"isom": "video/mp4", b"iso2": "video/mp4", b"mp41": "video/mp4", b"mp42": "video/mp4", b"avc1": "video/mp4", b"M4V ": "video/mp4", b"qt  ": "video/quicktime"}


def checked_video(data: bytes, name: str = "") -> tuple[bytes, str]:
    """Return (bytes, MIME type) of video `data`: an MP4 or QuickTime file by its `ftyp` box;
    raise ValueError."""
    brand = data[8:12] if data[4:8] == b"ftyp" else None
    if brand is None:
        raise ValueError("is not an MP4 video (it has no `ftyp` header); export it as MP4 (H.264 and AAC)")
    if brand not in BRANDS:
        raise ValueError(f"is an MP4-family file of brand {brand.decode('latin-1')!r}, not a video PowerPoint plays; export it as MP4 (H.264 and AAC)")
    return data, BRANDS[brand]


VIDEO = FileReader("video", "video file", "videos", MAX_VIDEO_BYTES, checked_video, called="video")


MAX_FRAME_PIXELS = 40_000_000
FRAMES_SOUGHT = 60  # frames decoded at most to find the poster: bounded work on any file


def poster_frame(data: bytes) -> bytes | None:
    """Return a PNG of the video's frame about a second in (its first, if shorter), decoded by
    PyAV; None when PyAV is not installed or the video has no frame it can decode."""
    try:
        import av  # deferred: PyAV (FFmpeg) loads only for videos without a poster, where it is installed
    except ImportError:
        return None

    try:
        with av.open(io.BytesIO(data), "r") as container:
            stream = next((s for s in container.streams if s.type == "video"), None)
            if stream is None or stream.codec_context.width * stream.codec_context.height > MAX_FRAME_PIXELS:
                return None
            chosen = None
            for k, frame in enumerate(container.decode(stream)):
                chosen = frame
                if k >= FRAMES_SOUGHT or (frame.time is not None and frame.time >= 1.0):
                    break
            if chosen is None:
                return None
            out = io.BytesIO()
            chosen.to_image().save(out, format="PNG")
            return out.getvalue()
    except Exception:  # FFmpeg raises many kinds for a file it cannot decode: the play sign stands in
        return None
