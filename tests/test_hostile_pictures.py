"""Hostile pictures: each case runs deckgen in its own process within 10 s and 1 GiB (as
test_hostile.py does) and must end in a located exit 2 with no traceback, the files unchanged."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

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


def test_a_two_gigabyte_video_is_refused_unread(tmp_path: Path):
    big = tmp_path / "demo.mp4"
    with open(big, "wb") as handle:  # sparse: two gigabytes that take no disk
        handle.write(b"\0\0\0\x18ftypisom\0\0\0\0isomavc1")
        handle.truncate(2 * 1024**3)
    (tmp_path / "t.yaml").write_text(HEAD + "  - {kind: video, title: V, video: demo.mp4, alt: A}\n")
    run = run_limited(["build", "t.yaml", "-o", "d.pptx"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2 and "Traceback" not in output, output
    assert "t.yaml:3:" in output and "larger than 200 MiB" in output, output
    assert not (tmp_path / "d.pptx").exists()
