"""Other people's talks on other people's templates: every deck builds, passes `check --strict`
and, drawn by LibreOffice, `check --render --strict`; the Open XML SDK validator's checks
(openxml-audit) find nothing on any of them.

The corpus (tests/corpus_talks.py) is built on each template in turn; LibreOffice draws each
template's decks in one run. Where LibreOffice is not installed this module is skipped, and
the rest of the suite does not depend on it.
"""

from __future__ import annotations

import shutil

import pytest

from corpus_talks import TALKS, THEMES, branded_template, build, convert_libreoffice_templates, draw, python_pptx_default, render_findings, talk_in

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None or shutil.which("gs") is None, reason="LibreOffice and Ghostscript draw the corpus")
# Every template of the corpus: the three built-in themes, python-pptx's 4:3 default, the
# branded template (a cover master, a logo band, renamed layouts) and LibreOffice's own Impress
# templates converted to .pptx: Metropolis, Focus (shards), Lights (a gradient with translucent
# bubbles), Vintage (4:3, paper pictures) and Nature_Illustration (trees painted into its
# background picture). The assertion lists every finding.
CLEAN = ("python-pptx default", "Metropolis", "branded", "Focus", "Lights", "Vintage", "Nature_Illustration")
TEMPLATES = [*(f"theme:{t}" for t in THEMES), *CLEAN]


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    found = convert_libreoffice_templates(folder, SOFFICE)
    found["python-pptx default"] = python_pptx_default(folder)
    found["branded"] = branded_template(folder / "branded")
    return found


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_corpus_talk_builds_strictly_and_draws_clean(tmp_path, templates, template):
    if template.startswith("theme:"):
        theme, source = template.split(":", 1)[1], None
    else:
        theme, source = None, templates.get(template)
        if source is None:
            pytest.skip(f"LibreOffice has no {template} template here")
    import openxml_audit

    wrong, built = {}, {}
    for talk in TALKS:
        outline = talk_in(tmp_path / talk, talk, source, theme)
        loaded, problems = build(outline, tmp_path / f"{talk}.pptx")
        if problems:
            wrong[talk] = problems
        if loaded is not None:
            built[tmp_path / f"{talk}.pptx"] = loaded
            audit = openxml_audit.validate_pptx(tmp_path / f"{talk}.pptx")
            if not audit.is_valid:
                wrong.setdefault(talk, []).extend(f"openxml-audit: {e.description}" for e in audit.errors[:5])
    pdfs = draw(list(built), tmp_path, SOFFICE)
    for deck, loaded in built.items():
        if deck not in pdfs:
            wrong.setdefault(deck.stem, []).append("LibreOffice drew no PDF")
            continue
        found = render_findings(loaded, pdfs[deck])
        if found:
            wrong.setdefault(deck.stem, []).extend(found)
    assert not wrong, "\n".join(f"{talk}: {p}" for talk, problems in wrong.items() for p in problems)
