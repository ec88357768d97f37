"""Files a hostile case lays out before it runs, and what a folder holds, to compare after."""

from __future__ import annotations

import io
import os
from pathlib import Path


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def mpo() -> bytes:
    """Return a multi-picture JPEG, as phone cameras write (a picture and a depth map, say)."""
    from PIL import Image

    out = io.BytesIO()
    first, second = Image.new("RGB", (16, 12), (20, 90, 160)), Image.new("RGB", (16, 12), (0, 0, 0))
    first.save(out, format="MPO", save_all=True, append_images=[second])
    return out.getvalue()


def make(folder: Path, files: dict[str, str | bytes]) -> None:
    from deckgen.theme import template_path

    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "<fifo>":
            os.mkfifo(path)
        elif isinstance(content, str) and content.startswith("-> "):
            path.symlink_to(content[3:])
        elif content == "<png>":
            path.write_bytes(png())
        elif content == "<mpo>":
            path.write_bytes(mpo())
        elif content == "<template>":
            path.write_bytes(template_path().read_bytes())
        else:
            path.write_bytes(content.encode() if isinstance(content, str) else content)


def snapshot(folder: Path, dirs: bool = False) -> dict[str, bytes | str]:
    """Return what `folder` holds: bytes of files, "-> target" of links, "<fifo>", and with `dirs` "<dir>"."""
    out: dict[str, bytes | str] = {}
    for path in folder.rglob("*"):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_fifo():
            out[rel] = "<fifo>"
        elif path.is_dir():
            if dirs:
                out[rel] = "<dir>"
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out
