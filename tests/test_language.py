"""The talk's language: every run of the slides and notes tagged, so spelling is checked in it."""

from __future__ import annotations

import re
import zipfile

from conftest import PYRAMID
from deckgen.templating import Variables

GERMAN = """\
deck: {title: "Die vier Schichten", speaker: Ada, language: "{{ sprache }}", event: {name: Treffen, hashtag: "#KI"}}
variables: {sprache: de}
""" + PYRAMID + """\
slides:
  - {kind: title, notes: "Willkommen! **Schön**, dass ihr da seid."}
  - {kind: bullets, title: Fragen, bullets: ["Was soll ich *zuerst* lernen?", {text: Wie fange ich an?, bullets: [klein]}], notes: Erste Frage.}
  - {kind: pyramid, title: Übersicht, render: shapes}
  - {kind: closing, links: [{label: Folien, url: "https://example.org"}], qr: https://example.org}
"""


def languages(path) -> dict[str, set[str]]:
    """Return, per part, the set of `lang` values of its runs (None for a run without one)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
                xml = z.read(name).decode()
                runs = re.findall(r"<a:r>(<a:rPr[^>]*>)?", xml)
                out[name] = {(re.search(r'lang="([^"]+)"', rpr) or [None, None])[1] if rpr else None for rpr in runs}
    return out


def test_every_run_of_slides_and_notes_is_tagged_with_the_talks_language(build_outline):
    prs, result = build_outline(GERMAN)
    tags = languages(result.path)
    assert any(name.startswith("ppt/notesSlides") for name in tags)
    assert all(found == {"de"} for name, found in tags.items() if found), tags
    assert prs.core_properties.language == "de"
    with zipfile.ZipFile(result.path) as z:
        assert 'type="slidenum"><a:rPr sz="1200" lang="de"' in z.read("ppt/slides/slide2.xml").decode()


def test_a_variable_or_an_audience_changes_the_language(build_outline):
    prs, result = build_outline(GERMAN, variables=Variables(command_line={"sprache": "en-GB"}))
    assert prs.core_properties.language == "en-GB"
    assert all(found == {"en-GB"} for found in languages(result.path).values() if found)


def test_a_language_tag_that_is_not_bcp47_is_located(write_outline):
    from click.testing import CliRunner

    from deckgen.cli import main

    outline = write_outline("deck: {title: T, language: 'German!'}\nslides:\n  - kind: title\n")
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2 and result.output.startswith(f"{outline}:1:28: deck.language:")
