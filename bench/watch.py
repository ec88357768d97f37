"""Time `deckgen watch` from a save to the rebuilt deck, for the default talk.

Usage: python bench/watch.py [--saves 10]
Starts `deckgen watch` on a copy of the default outline in a temporary folder, then saves
the outline (a changed notes line) repeatedly and measures, for each save, the time until
the deck on disk is replaced. Beside it, the same build as a fresh `deckgen build` process
(what a speaker would run by hand) as a baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deckgen.pipeline import default_outline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckgen-watch-") as work:
        folder = Path(work)
        outline = folder / "talk.yaml"
        shutil.copy(default_outline(), outline)
        out = folder / "out" / "talk.pptx"
        env = dict(os.environ)
        proc = subprocess.Popen([sys.executable, "-m", "deckgen", "watch", str(outline), "-o", str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 60
            while not out.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(1.0)
            original = outline.read_text()
            delays = []
            for i in range(args.saves):
                before = out.stat().st_mtime_ns
                outline.write_text(original.replace("Welcome, and thanks for coming", f"Welcome ({i}), and thanks for coming"))
                saved = time.perf_counter()
                while out.stat().st_mtime_ns == before:
                    if time.perf_counter() - saved > 30:
                        raise SystemExit("no rebuild within 30 s")
                    time.sleep(0.002)
                delays.append((time.perf_counter() - saved) * 1000)
                time.sleep(0.5)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        fresh = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(folder / "fresh.pptx")], env=env, check=True, capture_output=True)
            fresh.append((time.perf_counter() - start) * 1000)
    print(f"save -> rebuilt deck on disk (deckgen watch): median {statistics.median(delays):.0f} ms, max {max(delays):.0f} ms over {len(delays)} saves")
    print(f"baseline, a fresh `deckgen build` process:     median {statistics.median(fresh):.0f} ms")


if __name__ == "__main__":
    main()
