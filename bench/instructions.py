"""Instructions executed by `deckgen build`, counted by valgrind: a figure that does not drift.

Usage: python bench/instructions.py [--sizes 100,1000]

Wall time on a shared machine moves by a fifth from one run to the next; the number of
instructions a build executes does not (valgrind's cachegrind counts them, at about forty
times the run time). Use it to compare two versions of deckgen on the same machine. It reports
`python -c pass`, the default deck (diagram cache warm, as on a rebuild), bench outlines of
the given sizes (the same outlines as bench/scale.py), and the benchmark outline with inline
markup in every bullet (the same three bullets on every slide), and an outline whose bullets
differ on every slide, with markup and without.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import compile_deckgen, outline, outline_text, templated_outline


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Return the instructions `command` executes, as counted by cachegrind."""
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"{' '.join(command)} failed under valgrind: {proc.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--markup", default="1000", help="sizes of the markup outline and its plain twin ('' for none)")
    parser.add_argument("--templated", default="200,1000", help="sizes of the templated outline and its rendered twin ('' for none)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    compile_deckgen()
    # the interpreter itself, not a launcher script such as a pyenv shim; in a virtual
    # environment its own link, which is what makes the environment's packages visible
    python = sys.executable if sys.prefix != sys.base_prefix else os.path.realpath(sys.executable)
    rows = []
    with tempfile.TemporaryDirectory(prefix="deckgen-instr-") as work:
        work = Path(work)
        env = dict(os.environ, DECKGEN_CACHE_DIR=str(work / "cache"))
        env.pop("SOURCE_DATE_EPOCH", None)
        rows.append(("python -c pass", instructions([python, "-c", "pass"], env)))
        subprocess.run([python, "-m", "deckgen", "build", "-o", str(work / "d.pptx")], env=env, check=True, capture_output=True)
        rows.append(("default deck, diagram cache warm", instructions([python, "-m", "deckgen", "build", "-o", str(work / "d.pptx")], env)))
        for n in (int(s) for s in args.sizes.split(",")):
            src = work / f"bench-{n}.yaml"
            src.write_text(outline(n))
            rows.append((f"{n} slides", instructions([python, "-m", "deckgen", "build", str(src), "-o", str(work / "b.pptx")], env)))
        for n in (int(s) for s in args.markup.split(",") if s):
            def plain_and_marked(make, stem: str) -> list[int]:
                """Return the instructions of the outline `make` writes, plain then with markup."""
                counts = []
                for markup in (False, True):
                    src = work / f"{stem}-{n}-{markup}.yaml"
                    src.write_text(make(n, markup))
                    counts.append(instructions([python, "-m", "deckgen", "build", str(src), "-o", str(work / "t.pptx")], env))
                return counts

            counts = plain_and_marked(outline, "bench")
            rows.append((f"{n} slides, the benchmark outline with markup in every bullet ({counts[1] / counts[0]:.3f}x)", counts[1]))
            counts = plain_and_marked(outline_text, "text")
            rows.append((f"{n} slides, plain text (distinct bullets)", counts[0]))
            rows.append((f"{n} slides, markup in every bullet ({counts[1] / counts[0]:.3f}x)", counts[1]))
        for n in (int(s) for s in args.templated.split(",") if s):
            templated = work / f"templated-{n}.yaml"
            templated.write_text(templated_outline(n))
            rendered = work / f"rendered-{n}.yaml"
            twin = subprocess.run([python, "-m", "deckgen", "render", str(templated)], env=env, check=True, capture_output=True, text=True).stdout
            rendered.write_text(twin)
            counts = [instructions([python, "-m", "deckgen", "build", str(src), "-o", str(work / "t.pptx")], env) for src in (rendered, templated)]
            rows.append((f"{n} slides, rendered (no templates left)", counts[0]))
            rows.append((f"{n} slides, templated ({counts[1] / counts[0]:.3f}x)", counts[1]))
    print("| build | instructions |")
    print("|---|---:|")
    for name, count in rows:
        print(f"| {name} | {count / 1e9:.2f} billion |")


if __name__ == "__main__":
    main()
