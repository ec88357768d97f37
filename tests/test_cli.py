"""The command line through click's CliRunner, and once as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from conftest import DEFAULT_OUTLINE, ROOT, open_deck
from deckgen.cli import main


def invoke(*args, **kw):
    return CliRunner().invoke(main, list(args), **kw)


def test_build_with_no_outline_builds_the_default_talk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "wrote build/four-layers.pptx (16 slides)"
    assert len(open_deck(tmp_path / "build" / "four-layers.pptx").slides) == 16


def test_build_output_option_and_folders(tmp_path):
    out = tmp_path / "a" / "b" / "talk.pptx"
    result = invoke("build", str(DEFAULT_OUTLINE), "-o", str(out))
    assert result.exit_code == 0 and out.is_file()


def test_build_with_audience_names_the_file_after_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("build", str(DEFAULT_OUTLINE), "--audience", "students")
    assert result.exit_code == 0, result.output
    assert "wrote build/four-layers-students.pptx (17 slides)" in result.output


def test_output_must_be_pptx(tmp_path):
    result = invoke("build", str(DEFAULT_OUTLINE), "-o", str(tmp_path / "deck.pdf"))
    assert result.exit_code == 2 and "the output must end in .pptx" in result.output


def test_check_prints_the_timing_plan_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(DEFAULT_OUTLINE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["#", "start", "min", "title"]
    assert lines[1].split()[:3] == ["1", "00:00", "1.0"]
    assert "total 20:00 of a 20-minute slot" in result.output
    assert lines[-1] == f"ok: {DEFAULT_OUTLINE} (16 slides)"
    assert not (tmp_path / "build").exists()


def test_schema_is_json_schema_for_editors(tmp_path):
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "deckgen outline" and "slides" in schema["properties"]
    shipped = json.loads((ROOT / "docs" / "outline.schema.json").read_text())
    assert shipped == schema, "docs/outline.schema.json is stale: run `deckgen schema -o docs/outline.schema.json --force`"


def test_internal_errors_exit_1_without_a_traceback(monkeypatch, tmp_path):
    import dataclasses

    from deckgen.kinds import KINDS

    def broken(*a, **k):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(KINDS, "title", dataclasses.replace(KINDS["title"], write=broken))
    result = invoke("build", str(DEFAULT_OUTLINE), "-o", str(tmp_path / "x.pptx"))
    assert result.exit_code == 1
    assert result.output.startswith("internal error: ZeroDivisionError: boom")
    assert "Traceback" not in result.output


def test_python_dash_m_runs_the_cli(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "deckgen", "check", str(DEFAULT_OUTLINE)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("(16 slides)")
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: {title: x}\nslides:\n  - kind: nope\n")
    run = subprocess.run([sys.executable, "-m", "deckgen", "build", str(bad)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith(f"{bad}:3:5: slides[0]: unknown slide kind 'nope'")
    assert "Traceback" not in run.stderr


def test_version_and_help():
    assert invoke("--version").output.startswith("deckgen, version ")
    help_text = invoke("--help").output
    for command in ("build", "check", "schema", "audiences", "render", "diagram", "notes", "preview", "watch", "new"):
        assert command in help_text
