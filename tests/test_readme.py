"""The README's promises that can be checked: its two commands, and what CI runs."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def two_commands() -> list[str]:
    section = README.split("## Two commands", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_has_exactly_two_commands_install_and_build_then_test():
    first, second = two_commands()
    assert first == "pip install . && deckgen build"
    assert second == "pip install -e '.[test]' && pytest"


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert two_commands()[1] in ci.splitlines()


def test_readme_pictures_exist():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).is_file(), path


def test_readme_lists_every_slide_kind():
    from deckgen.model import SLIDE_KINDS

    for kind in SLIDE_KINDS:
        assert f"| `{kind}` |" in README


def test_the_readme_outline_example_builds(tmp_path):
    from conftest import open_deck
    from deckgen import pipeline as b

    example = re.search(r"```yaml\n(.*?)```", README, re.S).group(1)
    outline = tmp_path / "talk.yaml"
    outline.write_text(example, encoding="utf-8")
    for audience in (None, "cloud"):
        result = b.build(outline, audience=audience, output=tmp_path / f"{audience}.pptx")
        assert len(open_deck(result.path).slides) == (5 if audience is None else 4)
