"""Every Impress template LibreOffice installs, with its sample slides, saved as .pptx by
LibreOffice and imported: each gives an outline that builds, and every paragraph of text on its
slides comes over (on a slide, in the notes) or is named in the report of what was not mapped.

tests/test_import.py reads two of them kept in tests/data/import/; this reads all that are
installed here (/usr/lib/libreoffice/share/template/common/presnt/*.otp), converted in one
LibreOffice run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen import pipeline as b
from test_import import run

PRESNT = Path("/usr/lib/libreoffice/share/template/common/presnt")
TEMPLATES = sorted(p.stem for p in PRESNT.glob("*.otp")) if PRESNT.is_dir() else []
# placeholders LibreOffice fills in itself (today's date, the slide's number, the footer): a
# deckgen deck writes its own footer, so these are not the speaker's text
FIELDS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER}


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    if shutil.which("soffice") is None or not TEMPLATES:
        pytest.skip("needs LibreOffice and its Impress templates")
    out = tmp_path_factory.mktemp("impress")
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pptx", "--outdir", str(out), *(str(PRESNT / f"{n}.otp") for n in TEMPLATES)],
                   check=True, capture_output=True, timeout=600)
    return out


def plain(text: str) -> str:
    """Return text as words alone: markup (`**`, `_`, escapes) and line breaks taken off."""
    return " ".join(re.sub(r"[*_\\]", "", text).split())


def strings(value) -> str:
    if isinstance(value, dict):
        return " ".join(strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(strings(v) for v in value)
    return str(value)


@pytest.mark.parametrize("name", TEMPLATES or ["(none installed)"])
def test_an_impress_template_s_sample_slides_import_and_build(converted, tmp_path, name):
    deck = converted / f"{name}.pptx"
    assert deck.is_file(), f"LibreOffice did not convert {name}.otp"
    outline = tmp_path / "talk.yaml"
    code, out, err = run("import", str(deck), "-o", str(outline))
    assert code == 0, out + err
    assert "Traceback" not in out + err
    data = yaml.safe_load(outline.read_text(encoding="utf-8"))
    result = b.build(outline, output=tmp_path / "talk.pptx")
    assert result.slides == len([s for s in data["slides"] if s.get("when") is not False])

    said, report = plain(strings(data)), plain(err)
    source = Presentation(str(deck))
    lost = []
    for number, slide in enumerate(source.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or (shape.is_placeholder and shape.placeholder_format.type in FIELDS):
                continue
            for paragraph in shape.text_frame.paragraphs:
                text = plain(paragraph.text)
                if text and text not in said and text[:30] not in report:
                    lost.append((number, shape.name, text[:60]))
    assert not lost, lost
    # what has no place in an outline is named, with the slide it is on
    for line in (x for x in err.splitlines() if x.startswith("not mapped: ")):
        assert re.match(rf"^not mapped: {re.escape(str(deck))}: slide \d+[:,] ", line), line
