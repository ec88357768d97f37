"""Hostile pictures: each case runs deckgen in its own process within 10 s and 1 GiB (as
test_hostile.py does) and must end in a located exit 2 with no traceback, the files unchanged."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from hostile_files import png as hostile_png
from test_hostile import run_limited

HEAD = "deck: {title: Talk}\nslides:\n"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">'


def image_slide(name: str) -> str:
    return HEAD + f"  - {{kind: image, title: I, image: {name}, alt: A}}\n"


def beside_slide(name: str) -> str:
    return HEAD + f"  - {{kind: bullets, title: B, bullets: [x], image: {name}, alt: A}}\n"


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{k} "{("&lol" + (str(k - 1) if k > 1 else "") + ";") * 10}">' for k in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE svg [{entities}]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>'.encode()


def png_bomb() -> bytes:
    """Return a PNG whose header says 100000x100000 pixels (its data a few bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


def deflate_png_bomb() -> bytes:
    """Return a real PNG of 30000x30000 black pixels: about 1 MB of file, 2.7 GB decoded."""
    rows = zlib.compressobj(9)
    out = bytearray()
    line = b"\0" + b"\0" * 30000 * 3
    for _ in range(30000):
        out += rows.compress(line)
    out += rows.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)) + chunk(b"IDAT", bytes(out)) + chunk(b"IEND", b"")


def heic_bomb() -> bytes:
    """Return a small HEIC photo whose image size box (ispe) says 100000x100000."""
    pillow_heif = pytest.importorskip("pillow_heif")
    from PIL import Image

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 100, 200)).save(out, format="HEIF")
    data = bytearray(out.getvalue())
    at = data.find(b"ispe")
    assert at > 0
    data[at + 8 : at + 16] = struct.pack(">II", 100000, 100000)  # after the box's version and flags
    return bytes(data)


CASES = [
    ("svg-external-href", "p.svg", (SVG_OPEN + '<use xlink:href="https://example.org/a.svg#x"/></svg>').encode(), "links to"),
    ("svg-file-href", "p.svg", (SVG_OPEN + '<use href="file:///etc/passwd"/></svg>').encode(), "links to"),
    ("svg-image", "p.svg", (SVG_OPEN + '<image href="#x" width="10" height="10"/></svg>').encode(), "embedded or linked picture"),
    ("svg-script", "p.svg", (SVG_OPEN + "<script>alert(1)</script></svg>").encode(), "a script"),
    ("svg-onload", "p.svg", (SVG_OPEN + '<rect onload="alert(1)" width="1" height="1"/></svg>').encode(), "a script"),
    ("svg-css-import", "p.svg", (SVG_OPEN + "<style>@import url(https://example.org/x.css);</style></svg>").encode(), "style sheet"),
    ("svg-url-fill", "p.svg", (SVG_OPEN + '<rect fill="url(https://example.org/p.svg#g)" width="1" height="1"/></svg>').encode(), "url(...)"),
    ("svg-entity", "p.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg">&e;</svg>', "DTD or entities"),
    ("svg-external-entity", "p.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&e;</svg>', "DTD or entities"),
    ("svg-billion-laughs", "p.svg", billion_laughs(), "DTD or entities"),
    ("svg-million-elements", "p.svg", (SVG_OPEN + "<g/>" * 1_000_000 + "</svg>").encode(), "more than 20000 elements"),
    ("svg-huge-viewbox", "p.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 100000"><rect width="100000" height="100000"/></svg>', "limited to 10000 units"),
    ("svg-not-svg", "p.svg", b"<html><svg></svg></html>", "not an SVG document"),
    ("png-header-bomb", "p.png", png_bomb(), "pixels"),
    ("png-deflate-bomb", "p.png", deflate_png_bomb(), "pixels"),
]


@pytest.mark.parametrize("name,file,content,says", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("slide", [image_slide, beside_slide], ids=["image", "beside"])
def test_a_hostile_picture_is_refused_located_within_limits(tmp_path: Path, name, file, content, says, slide):
    (tmp_path / "t.yaml").write_text(slide(file))
    (tmp_path / file).write_bytes(content)
    run = run_limited(["build", "t.yaml", "-o", "d.pptx"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert "Traceback" not in output
    assert says in output and f"t.yaml:3:" in output and file in output, output
    assert not (tmp_path / "d.pptx").exists()
    assert (tmp_path / file).read_bytes() == content


def test_a_heic_decompression_bomb_is_refused(tmp_path: Path):
    content = heic_bomb()
    (tmp_path / "t.yaml").write_text(image_slide("p.heic"))
    (tmp_path / "p.heic").write_bytes(content)
    run = run_limited(["build", "t.yaml", "-o", "d.pptx"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2 and "Traceback" not in output, output
    assert "t.yaml:3:" in output and "p.heic" in output and "too many pixels" in output, output


def test_a_two_gigabyte_file_given_as_a_picture_is_refused_unread(tmp_path: Path):
    big = tmp_path / "clip.png"
    with open(big, "wb") as handle:  # sparse: two gigabytes that take no disk
        handle.truncate(2 * 1024**3)
    (tmp_path / "t.yaml").write_text(image_slide("clip.png"))
    run = run_limited(["build", "t.yaml", "-o", "d.pptx"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2 and "Traceback" not in output, output
    assert "t.yaml:3:" in output and "larger than 20 MiB" in output, output


def video_slide(name: str) -> str:
    return HEAD + f"  - {{kind: video, title: V, video: {name}, alt: A}}\n"


def video_column(name: str) -> str:
    return HEAD + f"  - {{kind: columns, title: C, columns: [{{heading: H, bullets: [x]}}, {{heading: V, video: {name}, alt: A}}]}}\n"


def audio_slide(name: str) -> str:
    return HEAD + f"  - {{kind: audio, title: S, audio: {name}, alt: A}}\n"


def audio_column(name: str) -> str:
    return HEAD + f"  - {{kind: columns, title: C, columns: [{{heading: H, bullets: [x]}}, {{heading: S, audio: {name}, alt: A}}]}}\n"


def shipped(name: str) -> bytes:
    from deckgen.resources import asset

    return asset("media", name).read_bytes()


CLIP, SOUND = shipped("starter-video.mp4"), shipped("starter-sound.m4a")
MEDIA_CASES = [
    ("mp4-a-picture", "demo.mp4", hostile_png(), "is not an MP4 video: it has no `ftyp` header", (video_slide, video_column)),
    ("mp4-text", "demo.mp4", b"<html>not a video</html>" * 100, "is not an MP4 video", (video_slide, video_column)),
    ("mp4-a-heic-photo", "demo.mp4", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64, "brand 'heic'", (video_slide, video_column)),
    ("mp4-cut-in-half", "demo.mp4", CLIP[: len(CLIP) // 2], "is cut off", (video_slide, video_column)),
    ("mp4-cut-at-the-end", "demo.mp4", CLIP[:-100], "is cut off", (video_slide, video_column)),
    ("mp4-only-its-header", "demo.mp4", CLIP[:40], "is not an MP4 video", (video_slide, video_column)),
    ("mp4-a-sound", "demo.mp4", SOUND, "holds no picture track", (video_slide, video_column)),
    ("mp3-text", "s.mp3", b"no sound here\n" * 500, "is neither an MP3 nor an M4A", (audio_slide, audio_column)),
    ("m4a-cut-in-half", "s.m4a", SOUND[: len(SOUND) // 2], "is not an M4A sound file", (audio_slide, audio_column)),
    ("m4a-a-video", "s.m4a", CLIP, "is a video", (audio_slide, audio_column)),
]


@pytest.mark.parametrize("name,file,content,says,slides", MEDIA_CASES, ids=[c[0] for c in MEDIA_CASES])
@pytest.mark.parametrize("where", [0, 1], ids=["slide", "column"])
def test_a_hostile_video_or_sound_is_refused_located_within_limits(tmp_path: Path, name, file, content, says, slides, where):
    (tmp_path / "t.yaml").write_text(slides[where](file))
    (tmp_path / file).write_bytes(content)
    run = run_limited(["build", "t.yaml", "-o", "d.pptx"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert "Traceback" not in output
    assert says in output and "t.yaml:3:" in output and file in output, output
    assert not (tmp_path / "d.pptx").exists()
    assert (tmp_path / file).read_bytes() == content


@pytest.mark.parametrize("file,slide,limit", [
    ("demo.mp4", video_slide, "larger than 200 MiB"),
    ("demo.mp4", video_column, "larger than 200 MiB"),
    ("s.m4a", audio_slide, "larger than 50 MiB"),
])
def test_a_two_gigabyte_video_or_sound_is_refused_unread(tmp_path: Path, file, slide, limit):
    big = tmp_path / file
    with open(big, "wb") as handle:  # sparse: two gigabytes that take no disk
        handle.write(CLIP[:64])
        handle.truncate(2 * 1024**3)
    (tmp_path / "t.yaml").write_text(slide(file))
    (tmp_path / "d.pptx").write_bytes(b"the deck built before")
    run = run_limited(["build", "t.yaml", "-o", "d.pptx", "--force"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2 and "Traceback" not in output, output
    assert "t.yaml:3:" in output and limit in output and file in output, output
    assert (tmp_path / "d.pptx").read_bytes() == b"the deck built before"
