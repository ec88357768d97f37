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


TEMPLATED_SLIDE = """\
  - kind: bullets
    title: "Peak excitement, peak confusion {i}"
    minutes: "{{{{ 0.5 if audience.name is none else 0.4 }}}}"
    bullets:
      - Generative AI is at the top of the hype cycle
      - text: "The same three questions come up at every meetup:"
        bullets: [What should I study first?, How should I approach it?, Where are the jobs?]
      - text: Cloud people add a fourth one
        when: audience.name == 'cloud'
      - text: Leaders add a fourth one
        when: audience.name == 'leaders'
    notes: >-
      Everyone is talking about Gen AI, and the volume makes it hard to think, {{{{ speaker }}}}.
      {{% if audience.name == 'cloud' %}}If you run infrastructure today, it carries over.{{% elif audience.name == 'leaders' %}}Where to put money and people.{{% else %}}Raise your hand if you asked yourself one of these.{{% endif %}}
"""


def templated_outline(n: int) -> str:
    """Return an outline of `n` copies of the default talk's templated slide ("Peak excitement"):
    templated notes and minutes, `when:` on bullets, the same template text on every slide."""
    head = "deck: {title: Templated, duration: 600}\nvariables: {speaker: Ada}\nslides:\n"
    return head + "".join(TEMPLATED_SLIDE.format(i=i) for i in range(n))


def split_outline(folder: Path, n: int) -> Path:
    """Write a talk of `n` templated slides split over included files of 1000; return the main outline."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for k in range(0, n, 1000):
        part = folder / f"part-{k // 1000 + 1}.yaml"
        part.write_text("slides:\n" + "".join(TEMPLATED_SLIDE.format(i=i) for i in range(k, min(n, k + 1000))))
        parts.append(part.name)
    main_outline = folder / "talk.yaml"
    main_outline.write_text(
        "deck: {title: Split, duration: 600}\nvariables: {speaker: Ada}\nslides:\n"
        + "".join(f"  - include: {name}\n" for name in parts)
    )
    return main_outline


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
    parser.add_argument("--included", default="1000,3000", help="sizes of a templated deck split over included files of 1000 slides ('' for none)")
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
        included = []
        for n in (int(s) for s in args.included.split(",") if s):
            main_outline = split_outline(work / f"split-{n}", n)
            runs = [run_measured(deckgen + ["build", str(main_outline), "-o", str(work / "split.pptx")], env) for _ in range(args.repeat)]
            included.append((n, statistics.median(t for t, _ in runs), max(m for _, m in runs)))
            print(f"{n} slides over included files: {included[-1][1]:.2f} s / {included[-1][2]:.0f} MB", file=sys.stderr)
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
    if included:
        print("\n| templated slides, in included files of 1000 | deckgen build | peak memory |")
        print("|---:|---:|---:|")
        for n, t, m in included:
            print(f"| {n} | {t:.2f} s | {m:.0f} MB |")
        times = {n: t for n, t, _ in included}
        if 1000 in times and 3000 in times:
            print(f"\n- time(3000) / time(1000), included and templated: {times[3000] / times[1000]:.2f}")


if __name__ == "__main__":
    main()
