"""Build the reference decks and compare them with an earlier build, part by part.

Usage:
    python bench/reference_decks.py build DIR        # write the eight decks into DIR
    python bench/reference_decks.py compare OLD NEW  # which decks, and which parts, differ
    python bench/reference_decks.py reimport OLD NEW # each deck of OLD imported, then built into NEW

A change that should not change the output (a refactoring, a speed-up) is checked by
building the references before and after it: the default talk, its four audiences, the
starter of `deckgen new` (every kind, a picture, a QR code), a stress deck (shapes pyramid,
escapes, blank note lines, a link holding `& " < >`, every kind on a 6-layer inverted
pyramid) and the 1000-slide benchmark outline.

`reimport` checks the round trip of `deckgen import`: each deck of OLD is imported into an
outline (its pictures beside it) and that outline built into NEW; `compare OLD NEW` then
names the decks whose import does not give back the same deck.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

STRESS = """\
deck:
  title: "Stress & <escapes> \\"quoted\\""
  subtitle: A subtitle long enough to wrap over more than one line of the title slide's box
  speaker: Ada <Lovelace> & Co
  handle: "@ada"
  event: {name: "Meetup & Friends", hashtag: "#Stress"}
  date: "2026-12-03"
  duration: 30
pyramid:
  shape: inverted
  detail_side: left
  layers:
    - {id: a, label: Alpha, detail: "first & <least>"}
    - {id: b, label: Beta, detail: second}
    - {id: c, label: Gamma, detail: third one with a longer detail text}
    - {id: d, label: Delta}
    - {id: e, label: Epsilon, detail: fifth}
    - {id: f, label: Zeta, detail: sixth}
  arrow: {label: Up it goes, direction: up}
slides:
  - kind: title
    notes: "Line one\\n\\nLine three after a blank line\\n  indented <tag> & amp"
  - kind: agenda
  - kind: section
    title: First part
  - kind: bullets
    title: Escapes <b>not bold</b> & "quotes"
    bullets:
      - "A < B & C > D"
      - text: Parent
        bullets: [child one, "child & two"]
  - kind: pyramid
    title: Shapes pyramid
    render: shapes
    highlight: [b, d]
    caption: A caption under the shapes
  - kind: pyramid
    title: Picture pyramid beside bullets
    bullets: [one, two]
    caption: and a caption
  - kind: layer
    layer: c
    render: shapes
    bullets: [about gamma]
  - kind: section
    title: Second part
    subtitle: With its own subtitle
  - kind: table
    title: A table
    columns: [Name, Value, Note]
    rows:
      - [one, "1", short]
      - [two, "22", a much longer note that should take the room it needs]
  - kind: columns
    title: Three columns
    columns:
      - {heading: Left, bullets: [a, b]}
      - {heading: Middle, bullets: [c]}
      - {heading: Right}
  - kind: quote
    title: A label
    quote: "Quotes & <marks> stay as typed"
    attribution: Someone
  - kind: closing
    message: Thanks & bye
    links:
      - {label: Odd, url: "https://example.org/?a=1&b=\\"2\\"<x>"}
      - {label: Mail, url: "mailto:ada@example.org"}
    qr: https://example.org/slides
"""


def build_all(folder: Path) -> list[Path]:
    """Write the reference decks into `folder`; return their paths."""
    sys.path.insert(0, str(HERE))
    from scale import outline as bench_outline

    from deckgen import pipeline as b
    from deckgen.starter import starter_files, starter_outline

    folder.mkdir(parents=True, exist_ok=True)
    default = ROOT / "outlines" / "four-layers.yaml"
    out = [b.build(default, output=folder / "default.pptx").path]
    for audience in ("cloud", "developers", "students", "leaders"):
        out.append(b.build(default, audience=audience, output=folder / f"default-{audience}.pptx").path)
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        for name, data in starter_files("talk").items():
            (work_path / name).write_bytes(data)
        (work_path / "talk.yaml").write_text(starter_outline(), encoding="utf-8")
        out.append(b.build(work_path / "talk.yaml", output=folder / "starter.pptx").path)
        (work_path / "stress.yaml").write_text(STRESS, encoding="utf-8")
        out.append(b.build(work_path / "stress.yaml", output=folder / "stress.pptx").path)
        (work_path / "big.yaml").write_text(bench_outline(1000), encoding="utf-8")
        out.append(b.build(work_path / "big.yaml", output=folder / "big-1000.pptx").path)
    return out


_digits = re.compile(rb"\d+")


def compare(old: Path, new: Path) -> int:
    """Print the decks of `old` and `new` that differ, and their differing parts; return that count."""
    differing = 0
    for deck in sorted(old.glob("*.pptx")):
        twin = new / deck.name
        if not twin.exists():
            print(f"{deck.name}: missing in {new}")
            differing += 1
            continue
        if deck.read_bytes() == twin.read_bytes():
            print(f"{deck.name}: identical")
            continue
        differing += 1
        with zipfile.ZipFile(deck) as a, zipfile.ZipFile(twin) as b:
            names = sorted(set(a.namelist()) | set(b.namelist()))
            parts = [n for n in names if n not in a.namelist() or n not in b.namelist() or a.read(n) != b.read(n)]
            # a part whose XML differs only in numbers has moved or resized, not changed its structure
            numbers_only = [n for n in parts if n in a.namelist() and n in b.namelist() and _digits.sub(b"0", a.read(n)) == _digits.sub(b"0", b.read(n))]
        others = [p for p in parts if p not in numbers_only]
        shown = ", ".join(others[:8]) + (f" (+{len(others) - 8} more)" if len(others) > 8 else "")
        print(f"{deck.name}: differs in {len(parts)} parts, {len(numbers_only)} of them only in numbers; the others: {shown or 'none'}")
    return differing


def reimport(old: Path, new: Path) -> list[Path]:
    """Import each deck of `old`, build the outline into `new`; return the decks written."""
    from deckgen import pipeline as b
    from deckgen.importer import read_source
    from deckgen.importer.outline import write_imported

    new.mkdir(parents=True, exist_ok=True)
    out = []
    for deck in sorted(old.glob("*.pptx")):
        with tempfile.TemporaryDirectory() as work:
            outline = Path(work) / f"{deck.stem}.yaml"
            imported = read_source(deck, deck.stem)
            write_imported(imported, outline, deck)
            out.append(b.build(outline, output=new / deck.name).path)
    return out


def main() -> None:
    os.environ.setdefault("DECKGEN_CACHE_DIR", "")
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        for path in build_all(Path(sys.argv[2])):
            print(path)
    elif len(sys.argv) == 4 and sys.argv[1] == "reimport":
        for path in reimport(Path(sys.argv[2]), Path(sys.argv[3])):
            print(path)
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 0)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
