"""Time one pyramid picture end to end (geometry, drawing, PNG bytes) at 1900 px wide, and the
search for each pyramid slide's layout.

Usage: python bench/diagram.py [--runs 30]
Prints the median and quartiles of `render_png` for the default talk's opportunities pyramid
(four layers, two in focus, details and arrow), beside Pillow's own PNG encoder on the same
picture as a baseline, and the cost of a cached lookup (what a rebuild pays). Then the cost of
laying out every pyramid slide of the shipped talk and of the seven- and eight-layer examples
(the layout search, with its remembered layouts and line breaks forgotten before each run),
per pyramid slide, in wall-clock and in processor time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from PIL import Image

from pathlib import Path

from deckgen.diagrams import labels
from deckgen.kinds import plan_diagrams, pyramid as pyramid_kind
from deckgen.pipeline import default_outline, load
from deckgen.diagrams.cache import DiagramCache
from deckgen.diagrams.pyramid import render_png


def timed(func, runs: int, clock=time.perf_counter) -> list[float]:
    out = []
    for _ in range(runs):
        start = clock()
        func()
        out.append((clock() - start) * 1000)
    return out


def summary(name: str, ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=4)
    return f"{name:<44} median {statistics.median(ms):6.1f} ms  (quartiles {q[0]:.1f}-{q[2]:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    loaded = load(default_outline())
    spec = [s for i, s in loaded.pictured().items() if loaded.deck.slides[i].id == "opportunities"][0]
    render_png(spec)  # warm fonts
    png = render_png(spec)
    picture = Image.open(io.BytesIO(png))
    picture.load()
    print(f"pyramid {picture.width}x{picture.height} px, {len(png) // 1024} KiB")
    print(summary("render_png (draw + encode)", timed(lambda: render_png(spec), args.runs)))
    print(summary("baseline: Pillow PNG encoder, same picture", timed(lambda: picture.save(io.BytesIO(), format="PNG"), args.runs)))
    cache = DiagramCache(None)
    cache.png(spec)
    print(summary("cached lookup (rebuild, unchanged diagram)", timed(lambda: cache.png(spec), args.runs)))
    examples = Path(__file__).resolve().parents[1] / "docs" / "examples"
    for outline in (default_outline(), examples / "seven-layers.yaml", examples / "eight-layers.yaml"):
        talk = load(outline)
        count = len(talk.diagrams)

        def search(talk=talk):
            pyramid_kind._SEARCHED.clear()  # every slide searched afresh, its line breaks measured again
            labels.splits.cache_clear()
            plan_diagrams(talk.deck, talk.theme)

        print(summary(f"layout search, {outline.name} ({count} slides)", [ms / count for ms in timed(search, args.runs)]) + " per slide")
        # the processor time it takes, whatever else the machine is doing
        print(summary("  the same, processor time", [ms / count for ms in timed(search, args.runs, time.process_time)]) + " per slide")


if __name__ == "__main__":
    main()
