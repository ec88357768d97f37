"""The Marp, Slidev and Pandoc samples (tests/data/import/), imported and checked as drawn.

Each sample is imported and the outline is given to `deckgen check --render --strict`, both in a
subprocess as a speaker runs them: LibreOffice draws the deck and every finding is an error. A
finding not listed in EXPLAINED for its sample fails the test, and so does a listed one that no
longer appears (the list says what is really found, no more).

Emoji are text like any other: where this machine has no font that draws them in outline, or
LibreOffice would draw them with a font of colour pictures its PDF export leaves blank, the
check must say so, located; where it has one (`.ci/run` installs Symbola), no such finding.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from import_decks import DATA

DRAWS = shutil.which("soffice") is not None and shutil.which("gs") is not None
pytestmark = pytest.mark.skipif(not DRAWS, reason="LibreOffice and Ghostscript draw the deck")

# sample -> {finding's words: why it is right that the check says it}
EXPLAINED: dict[str, dict[str, str]] = {
    "marp/demo.md": {},
    "marp/whats-marp.md": {},
    "marp/heading-divider.md": {},
    "marp/takahashi.md": {},
    "slidev/slides.md": {
        "deck.duration: the talk runs 08:02 for a 35-minute slot: very short":
            "Slidev's starter sets `duration: 35min` for its presenter's timer, and its 16 slides have "
            "few notes: deckgen's estimate from them is 8 minutes, which is what the check reports",
    },
    "slidev/theme-example.md": {},
    "pandoc/habits.md": {},
    "pandoc/manual-examples.md": {},
    "pandoc/background.md": {},
}

FINDING = re.compile(r"^talk\.yaml:(\d+):(\d+): (.*)$")


def deckgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=dict(os.environ))


def emoji_findings(text: str) -> set[str]:
    """Return the words of the findings the check must give for the emoji in `text` on this
    machine: none where a font draws them in outline and LibreOffice picks it."""
    from deckgen.fonts import _emoji, blank_drawn, drawable

    chars = list(dict.fromkeys(c for c in text if _emoji(c)))
    out = set()
    if any(not drawable(c) for c in chars):
        out.add("no font on this machine draws")
    if blank_drawn("".join(c for c in chars if drawable(c))):
        out.add("a font of colour pictures its PDF export leaves blank")
    return out


@pytest.mark.parametrize("sample", sorted(EXPLAINED))
def test_an_imported_sample_passes_the_strict_render_check_but_for_what_is_explained(tmp_path, sample):
    source = DATA / sample
    if not source.exists():
        pytest.skip(f"{sample} is not in this copy of the tests")  # NOTICE.md: the GPL samples may be left out
    imported = deckgen("import", str(source), "-o", "talk.yaml", cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    checked = deckgen("check", "--render", "--strict", "talk.yaml", cwd=tmp_path)
    said = checked.stdout + checked.stderr
    assert "Traceback" not in said and "internal error" not in said, said
    findings = [m.group(3) for line in checked.stderr.splitlines() if (m := FINDING.match(line))]
    other = [line for line in checked.stderr.splitlines() if line.strip() and not FINDING.match(line)]
    assert not other, other  # every finding is located in the outline

    outline = (tmp_path / "talk.yaml").read_text(encoding="utf-8")
    expected = set(EXPLAINED[sample]) | emoji_findings(outline)
    unexplained = [f for f in findings if not any(words in f for words in expected)]
    assert not unexplained, unexplained
    missing = [words for words in expected if not any(words in f for f in findings)]
    assert not missing, (missing, findings)
    assert checked.returncode == (2 if findings else 0), said
    if not findings:
        assert "ok: talk.yaml" in checked.stdout
