"""Video near its limit: a deck with a 190 MiB MP4 (the starter's clip followed by 190 MiB that
do not compress, in a top-level `free` box, as a long recording's frames would), on a slide and
again in a column, built in a process of its own; then a 2 GiB file given as a video, refused.

Usage: python bench/media.py [FOLDER]   (default: a temporary folder; the files are made there)
Prints each run's wall time, the process's peak memory and the deck's size.
"""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deckgen.resources import asset

PADDING = 190 * 1024 * 1024


def run(args: list[str], folder: Path) -> tuple[float, int, int]:
    """Return (seconds, peak kilobytes, exit code) of `deckgen ARGS` run in `folder`, alone."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "deckgen", *args], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss, child.returncode


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="deckgen-media-"))
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / "long.mp4"
    if not big.exists():
        noise = random.Random(0)
        with open(big, "wb") as handle:
            handle.write(asset("media", "starter-video.mp4").read_bytes())
            handle.write(struct.pack(">I", PADDING + 8) + b"free")
            for _ in range(PADDING // (1 << 20)):
                handle.write(noise.randbytes(1 << 20))
    (folder / "long.yaml").write_text("deck: {title: A long video}\nslides:\n  - {kind: video, title: The recording, video: long.mp4, alt: The whole recording}\n"
                                      "  - {kind: columns, title: Beside it, columns: [{heading: Notes, bullets: [x]}, {heading: Video, video: long.mp4, alt: The recording}]}\n")
    seconds, peak, code = run(["build", "long.yaml", "-o", "long.pptx", "--force"], folder)
    print(f"{big.stat().st_size / 2**20:.0f} MiB video, twice: exit {code}, {seconds:.1f} s, peak {peak / 1024:.0f} MiB, deck {(folder / 'long.pptx').stat().st_size / 2**20:.0f} MiB")
    sparse = folder / "huge.mp4"
    with open(sparse, "wb") as handle:
        handle.truncate(2 * 1024**3)
    (folder / "huge.yaml").write_text("deck: {title: Huge}\nslides:\n  - {kind: video, title: Huge, video: huge.mp4, alt: Nothing}\n")
    seconds, peak, code = run(["build", "huge.yaml", "-o", "huge.pptx", "--force"], folder)
    print(f"2 GiB sparse file as a video: exit {code}, {seconds:.1f} s, peak {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
