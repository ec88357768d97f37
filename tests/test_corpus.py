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
# Third-party templates the corpus does not yet pass on: the assertion lists every finding.
# Seen on them (13 talks each): Focus, the security talk's table across a shard and its
# closing link set at 11 pt (LibreOffice draws a linked run as one field and breaks it between
# any two letters, so the line is fitted whole); Lights, the Arabic talk's speaker line, set at
# the right, over a translucent bubble; Vintage, the Chinese talk's bar labels of one series
# left off (one warning for the chart); Nature_Illustration, a chart's axis and a closing link
# over the trees painted into the master's background picture, which is read as one colour.
# Strict: a template that comes out clean must move to the passing ones.
STILL_WRONG = ("Focus", "Lights", "Vintage", "Nature_Illustration")
CLEAN = ("python-pptx default", "Metropolis", "branded")
TEMPLATES = [*(f"theme:{t}" for t in THEMES), *CLEAN] + [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="not yet clean on this template: see STILL_WRONG")) for name in STILL_WRONG
]


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
