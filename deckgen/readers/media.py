"""Video and sound files: MP4 video (H.264, with AAC sound or none), M4A (AAC) or MP3 sound,
checked by their containers' own structure (read with mutagen) and within their size limits."""

from __future__ import annotations

import io
import struct
from typing import NamedTuple

from . import FileReader

MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_AUDIO_BYTES = 50 * 1024 * 1024
VIDEO_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"M4VP", b"qt  ", b"3gp4", b"3gp5", b"dash"}
AUDIO_BRANDS = VIDEO_BRANDS | {b"M4A ", b"M4B "}
H264 = {b"avc1", b"avc3"}
AAC = {b"mp4a"}
EXPORT = "export it as MP4 (H.264 video, AAC sound)"


class Media(NamedTuple):
    """A checked video or sound file: its bytes, MIME type and file extension, and for a video
    its frame's size in pixels (0, 0 for sound)."""

    data: bytes
    mime: str
    ext: str
    width: int = 0
    height: int = 0

    @property
    def is_video(self) -> bool:
        return self.mime.startswith("video/")


class _Track(NamedTuple):
    handler: bytes  # b"vide", b"soun", ...
    codec: bytes  # the sample entry's four-character code: b"avc1", b"mp4a", ...
    width: int
    height: int


def _mp4_tracks(data: bytes, brands: set[bytes]) -> list[_Track]:
    """Return the tracks of MP4-family file `data`, its structure checked whole: an `ftyp`
    header of a brand in `brands`, every top-level box inside the file (a cut-off download
    ends inside one), and a `moov` box naming the tracks; raise ValueError saying what the
    file "is" or "has" wrong."""
    from mutagen.mp4 import Atoms  # deferred: only outlines with video or sound read MP4 boxes

    if data[4:8] != b"ftyp":
        raise ValueError("has no `ftyp` header")
    brand = data[8:12]
    if brand not in brands:
        raise ValueError(f"is an MP4-family file of brand {brand.decode('latin-1')!r}, not a video or sound file PowerPoint plays")
    stream = io.BytesIO(data)
    try:
        atoms = Atoms(stream)
    except Exception as exc:  # mutagen raises its AtomError, struct errors and more on a broken file
        raise ValueError(f"is broken or cut off: its boxes do not parse ({exc})") from None
    for atom in atoms.atoms:
        if atom.offset + atom.length > len(data):
            raise ValueError(f"is cut off: its {atom.name.decode('latin-1')!r} box needs {atom.offset + atom.length - len(data)} bytes more than the file holds (an unfinished download or recording?)")
    if b"moov" not in atoms:
        raise ValueError("has no `moov` box: its recording was not finished, or the file is cut off")
    tracks = []
    for trak in (a for a in atoms[b"moov"].children or [] if a.name == b"trak"):
        try:
            hdlr = _payload(stream, atoms, trak, b"mdia", b"hdlr")
            stsd = _payload(stream, atoms, trak, b"mdia", b"minf", b"stbl", b"stsd")
        except (KeyError, ValueError):
            continue  # a track without a sample description: neither picture nor sound
        handler = hdlr[8:12]
        codec = stsd[12:16] if len(stsd) >= 16 else b""
        width, height = struct.unpack(">HH", stsd[40:44]) if handler == b"vide" and len(stsd) >= 44 else (0, 0)
        tracks.append(_Track(handler, codec, width, height))
    return tracks


def _payload(stream, atoms, trak, *path: bytes) -> bytes:
    """Return the bytes inside box `path` below `trak` (after its header), at most 64 KiB."""
    atom = trak
    for name in path:
        atom = next((a for a in atom.children or () if a.name == name), None)
        if atom is None:
            raise KeyError(name)
    stream.seek(atom.offset + 8)
    return stream.read(min(atom.length - 8, 65536))


def checked_video(data: bytes, name: str = "") -> Media:
    """Return video `data` checked: an MP4 (or QuickTime) file, whole, with an H.264 picture
    track and, if it has sound, AAC sound; raise ValueError."""
    if data[4:8] == b"ftyp" and data[8:12] in AUDIO_BRANDS - VIDEO_BRANDS:
        raise ValueError("is an M4A sound file, not a video: it holds no picture track; play it with `kind: audio` (or `audio:` in a column)")
    try:
        tracks = _mp4_tracks(data, VIDEO_BRANDS)
    except ValueError as exc:
        raise ValueError(f"is not an MP4 video: it {exc}; {EXPORT}") from None
    pictures = [t for t in tracks if t.handler == b"vide"]
    if not pictures:
        raise ValueError("holds no picture track: a sound file? play it with `kind: audio` (or `audio:` in a column)")
    if pictures[0].codec not in H264:
        raise ValueError(f"is a video in {pictures[0].codec.decode('latin-1').strip()!r}, which PowerPoint and LibreOffice do not all play; {EXPORT}")
    sounds = [t for t in tracks if t.handler == b"soun"]
    if sounds and sounds[0].codec not in AAC:
        raise ValueError(f"has sound in {sounds[0].codec.decode('latin-1').strip()!r}, which PowerPoint does not play; {EXPORT}")
    mime = "video/quicktime" if data[8:12] == b"qt  " else "video/mp4"
    return Media(data, mime, "mov" if mime == "video/quicktime" else "mp4", pictures[0].width, pictures[0].height)


def checked_audio(data: bytes, name: str = "") -> Media:
    """Return sound `data` checked: an M4A (AAC) file, whole, or an MP3; raise ValueError."""
    if data[4:8] == b"ftyp":
        try:
            tracks = _mp4_tracks(data, AUDIO_BRANDS)
        except ValueError as exc:
            raise ValueError(f"is not an M4A sound file: it {exc}; export it as M4A (AAC) or MP3") from None
        sounds = [t for t in tracks if t.handler == b"soun"]
        if any(t.handler == b"vide" for t in tracks):
            raise ValueError("is a video: show it with `kind: video` (or `video:` in a column)")
        if not sounds or sounds[0].codec not in AAC:
            raise ValueError("holds no AAC sound; export it as M4A (AAC) or MP3")
        return Media(data, "audio/mp4", "m4a")
    from mutagen.mp3 import MP3  # deferred: only outlines with sound read MP3 frames

    try:
        MP3(io.BytesIO(data))
    except Exception:  # mutagen's HeaderNotFoundError and others: no MPEG audio frames found
        raise ValueError("is neither an MP3 nor an M4A sound file; export it as M4A (AAC) or MP3") from None
    return Media(data, "audio/mpeg", "mp3")


VIDEO = FileReader("video", "video file", "videos", MAX_VIDEO_BYTES, checked_video, called="video")
AUDIO = FileReader("audio", "sound file", "sound files", MAX_AUDIO_BYTES, checked_audio, called="sound file")


MAX_FRAME_PIXELS = 40_000_000
FRAMES_SOUGHT = 60  # frames decoded at most to find the poster: bounded work on any file


def poster_frame(data: bytes) -> bytes | None:
    """Return a PNG of the video's frame about a second in (its last, if shorter), decoded by
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
