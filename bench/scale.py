"""Whole-process time and peak memory of `deckgen build` against plain python-pptx, side by side.

Usage: python bench/scale.py [--sizes 10,100,1000,3000] [--repeat 3]

For each size it writes an outline of N slides (title, three bullets, notes), then runs,
alternately and in the same session, `deckgen build` and bench/baseline_pptx.py (the same
content written with plain python-pptx) as separate processes. It reports the median wall
time, the peak resident memory of each, and their ratio, plus the default deck's cold
build and `deckgen --help`. Ratios matter more than absolute seconds on a noisy machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def outline(n: int, markup: bool = False) -> str:
    """Return the benchmark outline of `n` slides (title, three bullets, notes); with `markup`,
    each bullet holds inline markup (bold, code, a link)."""
    bullets = '["**one** point", "two `points`", "three [points](https://example.org/docs)"]' if markup else "[one point, two points, three points]"
    lines = ["deck: {title: Benchmark, duration: 600}", "slides:"]
    for i in range(n):
        lines += [
            "  - kind: bullets",
            f"    title: Slide {i}",
            f"    bullets: {bullets}",
            f"    notes: Notes for slide {i}, a sentence or two.",
        ]
    return "\n".join(lines) + "\n"


def outline_text(n: int, markup: bool) -> str:
    """Return an outline of `n` bullets slides whose bullets differ from slide to slide, with
    inline markup in every bullet (`markup`) or the same words without it (its plain twin)."""

    def mark(text: str, marked: str) -> str:
        return marked if markup else text

    lines = ["deck: {title: Benchmark, duration: 600}", "slides:"]
    for i in range(n):
        lines += [
            "  - kind: bullets",
            f"    title: Slide {i}",
            "    bullets:",
            f"      - \"{mark(f'point {i} comes first', f'**point {i}** comes first')}\"",
            f"      - \"{mark(f'then run deckgen build {i}', f'then run `deckgen build {i}`')}\"",
            f"      - \"{mark(f'see the docs page {i} now', f'see [the docs](https://example.org/{i}) *now*')}\"",
            f"    notes: Notes for slide {i}, a sentence or two.",
        ]
    return "\n".join(lines) + "\n"


def compile_deckgen() -> None:
    """Write deckgen's bytecode before timing, as an install does: in a source checkout with
    PYTHONDONTWRITEBYTECODE set (or a read-only tree) every run would compile it again."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("deckgen")
    for folder in spec.submodule_search_locations or []:
        compileall.compile_dir(folder, quiet=1)


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {err[-500:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,3000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compile_deckgen()
    env = dict(os.environ, DECKGEN_CACHE_DIR="")
    env.pop("SOURCE_DATE_EPOCH", None)
    deckgen = [sys.executable, "-m", "deckgen"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as work:
        work = Path(work)
        for n in sizes:
            src = work / f"bench-{n}.yaml"
            src.write_text(outline(n))
            ours, base = [], []
            for _ in range(args.repeat):
                ours.append(run_measured(deckgen + ["build", str(src), "-o", str(work / "ours.pptx")], env))
                base.append(run_measured([sys.executable, str(HERE / "baseline_pptx.py"), str(n), str(work / "base.pptx")], env))
            t_ours = statistics.median(t for t, _ in ours)
            t_base = statistics.median(t for t, _ in base)
            m_ours = max(m for _, m in ours)
            m_base = max(m for _, m in base)
            rows.append((n, t_ours, m_ours, t_base, m_base))
            print(f"{n} slides: deckgen {t_ours:.2f} s / {m_ours:.0f} MB, python-pptx {t_base:.2f} s / {m_base:.0f} MB", file=sys.stderr)
        default = [run_measured(deckgen + ["build", "-o", str(work / "default.pptx")], env) for _ in range(args.repeat)]
        # a rebuild, as a speaker makes them: the diagram cache holds the pyramids already
        warm_env = dict(env, DECKGEN_CACHE_DIR=str(work / "cache"))
        run_measured(deckgen + ["build", "-o", str(work / "default.pptx")], warm_env)
        warm = [run_measured(deckgen + ["build", "-o", str(work / "default.pptx")], warm_env) for _ in range(args.repeat)]
        helps = [run_measured(deckgen + ["--help"], env) for _ in range(args.repeat)]
        python = [run_measured([sys.executable, "-c", "pass"], env) for _ in range(args.repeat)]
    print("| slides | deckgen build | peak memory | plain python-pptx | peak memory | time ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, t_ours, m_ours, t_base, m_base in rows:
        print(f"| {n} | {t_ours:.2f} s | {m_ours:.0f} MB | {t_base:.2f} s | {m_base:.0f} MB | {t_ours / t_base:.2f} |")
    by_size = {n: t for n, t, *_ in rows}
    if 1000 in by_size and 3000 in by_size:
        print(f"\n- time(3000) / time(1000): deckgen {by_size[3000] / by_size[1000]:.2f}, python-pptx {[r[3] for r in rows if r[0] == 3000][0] / [r[3] for r in rows if r[0] == 1000][0]:.2f}")
    print(f"- the default deck (16 slides, 7 pictures), new process, diagram cache warm: {statistics.median(t for t, _ in warm):.2f} s; diagram cache off (every pyramid drawn): {statistics.median(t for t, _ in default):.2f} s")
    print(f"- `deckgen --help`: {statistics.median(t for t, _ in helps):.2f} s; `python -c pass`: {statistics.median(t for t, _ in python):.2f} s")


if __name__ == "__main__":
    main()
