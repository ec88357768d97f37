"""Time `deckgen serve` from a save to the redrawn slide in the browser, beside `deckgen preview`.

Usage: python bench/serve.py [--edits 10] [--no-preview]
Needs LibreOffice with python3-uno, pdftoppm, and Debian's chromium with chromium-driver.
For two decks, a 30-slide one and the default 16-slide talk, it starts `deckgen serve` on a
copy in a temporary folder, opens the page in headless Chromium, then saves one-slide edits
one after another (a different slide of the 30 each time; the first slide of the default talk,
through its subtitle) and measures each from the save to the moment the new picture of that
slide has loaded in the page. Beside it, a fresh `deckgen preview` of the same deck (what a
speaker runs without serve), in the same run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deckgen.pipeline import default_outline


def thirty_slides() -> str:
    lines = ["deck:", "  title: A thirty-slide talk", "  speaker: Ben Chmark", "  duration: 45", "slides:"]
    for i in range(1, 31):
        lines += ["  - kind: bullets", f"    title: Point {i}", f"    bullets: [\"The first thing about {i}\", \"A second thing\", \"And a third\"]", f"    notes: What to say on slide {i}."]
    return "\n".join(lines) + "\n"


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


LOADED = "return [...document.querySelectorAll('#strip .thumb img')].map(i => i.complete && i.naturalWidth > 0 ? i.getAttribute('src') : '')"


def wait_for(driver, condition, seconds: float = 120):
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        value = condition(driver.execute_script(LOADED))
        if value:
            return value
        time.sleep(0.01)
    raise SystemExit("the page did not show the edit within 120 s")


def measure(driver, outline: Path, count: int, edits: list[tuple[int, str]]) -> tuple[float, list[float]]:
    """Start serve on `outline`; return the first full draw's seconds and each edit's seconds."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "deckgen", "serve", str(outline)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = ""
        while not url:
            line = proc.stdout.readline()
            if not line:
                raise SystemExit("deckgen serve stopped before it printed its address")
            m = re.search(r"at (http://\S+/)", line)
            url = m.group(1) if m else ""
        driver.get(url)
        shown = wait_for(driver, lambda s: s if len(s) == count and all(s) else None)
        first = time.perf_counter() - started
        delays = []
        for index, text in edits:
            before = shown[index]
            outline.write_text(text)
            saved = time.perf_counter()
            shown = wait_for(driver, lambda s: s if len(s) == count and all(s) and s[index] != before else None)
            delays.append(time.perf_counter() - saved)
            time.sleep(0.3)  # let the editor's save settle, as between a speaker's saves
        return first, delays
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def preview(outline: Path, folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "deckgen", "preview", str(outline), "-o", str(folder / "preview")], cwd=folder, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--no-preview", action="store_true", help="Skip the `deckgen preview` baselines.")
    args = parser.parse_args()
    driver = browser()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="deckgen-bench-serve-") as work:
            folder = Path(work, "thirty")
            folder.mkdir()
            outline = folder / "talk.yaml"
            original = thirty_slides()
            outline.write_text(original)
            edits = []
            for k in range(args.edits):
                index = (k * 7 + 3) % 30  # a different slide each time, spread over the deck
                edits.append((index, original.replace(f"title: Point {index + 1}\n", f"title: Point {index + 1}, edited {k}\n")))
            first, delays = measure(driver, outline, 30, edits)
            outline.write_text(original)
            rows.append(("30 slides, one-slide edits", first, delays, None if args.no_preview else preview(outline, folder)))

            folder = Path(work, "default")
            folder.mkdir()
            outline = folder / "four-layers.yaml"
            shutil.copy(default_outline(), outline)
            original = outline.read_text()
            assert "  subtitle: Where the hype ends" in original
            edits = [(0, original.replace("  subtitle: Where the hype ends", f"  subtitle: Where the hype ({k}) ends")) for k in range(args.edits)]
            first, delays = measure(driver, outline, 16, edits)
            outline.write_text(original)
            rows.append(("default talk (16 slides), first slide", first, delays, None if args.no_preview else preview(outline, folder)))
    finally:
        driver.quit()
    for name, first, delays, baseline in rows:
        line = f"{name}: save -> new picture in the page: median {statistics.median(delays):.2f} s, max {max(delays):.2f} s over {len(delays)} edits"
        line += f"; first full draw {first:.1f} s"
        if baseline is not None:
            line += f"; a fresh `deckgen preview` {baseline:.1f} s"
        print(line)


if __name__ == "__main__":
    main()
