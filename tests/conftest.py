"""Shared fixtures: decks are built for real, checked as packages, and reopened with python-pptx."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
# diagrams are cached per test session, never in the user's cache
os.environ["DECKGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="deckgen-test-cache-")
# and the key that binds records and cache entries to this user is a test session's own
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="deckgen-test-state-")
os.environ.pop("SOURCE_DATE_EPOCH", None)

from pptx import Presentation  # noqa: E402

from deckgen import pipeline as b  # noqa: E402
from pptx_checks import check_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTLINE = ROOT / "outlines" / "four-layers.yaml"

MINIMAL_DECK = """\
deck:
  title: Test talk
  speaker: Tess Ter
  duration: 5
"""

PYRAMID = """\
pyramid:
  layers:
    - {id: hardware, label: Hardware, detail: "NVIDIA, AMD"}
    - {id: models, label: Models, detail: "OpenAI, Anthropic"}
    - {id: infrastructure, label: Infrastructure, detail: "Amazon Bedrock, EC2"}
    - {id: application, label: Application, detail: "Adobe Firefly, chatbots"}
  arrow: {label: Barrier to entry, direction: down}
"""


def open_deck(path: Path):
    """Return the deck at `path` reopened with python-pptx, after the package checks pass."""
    problems = check_package(path)
    assert problems == [], problems
    return Presentation(str(path))


@pytest.fixture
def write_outline(tmp_path):
    """Return a function writing outline text to tmp_path/talk.yaml (or `name`)."""

    def write(text: str, name: str = "talk.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def build_outline(tmp_path, write_outline):
    """Return a function building outline text into a deck: (Presentation, BuildResult)."""

    def build(text: str, audience: str | None = None, variables=None, name: str = "talk.yaml"):
        outline = write_outline(text, name)
        result = b.build(outline, audience=audience, variables=variables, output=tmp_path / "out" / f"{outline.stem}-{audience or 'general'}.pptx")
        return open_deck(result.path), result

    return build


@pytest.fixture(scope="session")
def default_deck(tmp_path_factory):
    """The default four-layer talk, built once for the session: (Presentation, path)."""
    out = tmp_path_factory.mktemp("default") / "four-layers.pptx"
    result = b.build(DEFAULT_OUTLINE, output=out)
    return open_deck(result.path), result.path


def texts(slide) -> list[str]:
    """Return every paragraph's text on a slide, in shape order, as a reader reads it: a line
    break inside a paragraph (python-pptx's vertical tab, deckgen's balanced breaks) is a space."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.extend(p.text.replace("\v", " ") for p in shape.text_frame.paragraphs if p.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                out.extend(cell.text for cell in row.cells)
    return out


def pictures(slide) -> list:
    """Return the picture shapes on a slide."""
    return [s for s in slide.shapes if s.shape_type == 13]


def alt_text(shape) -> str:
    """Return a shape's alt text."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")


def notes(slide) -> str:
    """Return a slide's speaker notes."""
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


class Watching:
    """`deckgen watch` on `outline` in a thread: what it said, and a way to wait for it."""

    def __init__(self, outline: Path, out: Path):
        import threading

        from deckgen.watch import watch_outline

        self.lines: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch_outline, args=(outline,), kwargs={"output": out, "echo": self.lines.append, "stop": self.stop}, daemon=True)

    def wait_for(self, predicate, timeout: float = 20.0) -> bool:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.lines):
                return True
            time.sleep(0.05)
        return False

    def __enter__(self) -> "Watching":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()
