"""Instructions executed by `deckgen build`, counted by valgrind: a figure that does not drift.

Usage: python bench/instructions.py [--sizes 100,1000]

Wall time on a shared machine moves by a fifth from one run to the next; the number of
instructions a build executes does not (valgrind's cachegrind counts them, at about forty
times the run time). Use it to compare two versions of deckgen on the same machine. It reports
`python -c pass`, the default deck (diagram cache warm, as on a rebuild) and bench outlines of
the given sizes (the same outlines as bench/scale.py).
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
from scale import compile_deckgen, outline


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
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    compile_deckgen()
    # the interpreter itself, not a launcher script such as a pyenv shim
    python = os.path.realpath(sys.executable)
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
    print("| build | instructions |")
    print("|---|---:|")
    for name, count in rows:
        print(f"| {name} | {count / 1e9:.2f} billion |")


if __name__ == "__main__":
    main()
