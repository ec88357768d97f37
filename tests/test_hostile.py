"""Hostile input and faults: every case ends in its own process within 10 s and 1 GiB, with exit 0
or a located exit 2, no traceback, and every input byte-identical afterwards.

Each case is a folder of files, a deckgen command and what must come out. The classes: work
a template could make unbounded (sandbox), inputs that are not plain files, outputs that would
replace an input or a file deckgen did not make, values that used to end in an internal error,
and files written outside what a command owns.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hostile_files import make, snapshot

ROOT = Path(__file__).resolve().parents[1]
HEAD = "deck: {title: Talk}\nslides:\n"
PYR = "pyramid: {layers: [{id: a, label: A}, {id: b, label: B}]}\n"
MEMORY = 1024 * 1024 * 1024
SECONDS = 10


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]  # name -> content; "<fifo>" makes a named pipe, "-> target" a link
    args: list[str]
    code: int = 2
    says: str = ""  # a substring of the output
    where: str = ""  # "LINE:COL" the message must name, after the outline's name
    outputs: tuple[str, ...] = ()  # files the command may create
    env: dict[str, str] = field(default_factory=dict)


def notes_of(text: str) -> str:
    return HEAD + f"  - kind: title\n    notes: \"{text}\"\n"


SANDBOX = [
    Case("multiply-string", {"t.yaml": notes_of("{{ 'a' * 10**9 }}")}, ["check", "t.yaml"], says="at most 100000 characters", where="4:12"),
    Case("multiply-list", {"t.yaml": notes_of("{{ ([1] * 10**8)|length }}")}, ["check", "t.yaml"], says="at most 100000", where="4:12"),
    Case("center-filter", {"t.yaml": notes_of("{{ 'x'|center(10**9) }}")}, ["check", "t.yaml"], says="center() is limited", where="4:12"),
    Case("format-filter-width", {"t.yaml": notes_of("{{ '%0999999999d'|format(1) }}")}, ["check", "t.yaml"], says="format width", where="4:12"),
    Case("percent-width", {"t.yaml": notes_of("{{ '%0999999999d' % 1 }}")}, ["check", "t.yaml"], says="format width", where="4:12"),
    Case("center-method", {"t.yaml": notes_of("{{ 'a'.center(10**9) }}")}, ["check", "t.yaml"], says="center() is limited", where="4:12"),
    Case("ljust-method", {"t.yaml": notes_of("{{ 'a'.ljust(999999999) }}")}, ["check", "t.yaml"], says="ljust() is limited", where="4:12"),
    Case("zfill-method", {"t.yaml": notes_of("{{ '1'.zfill(999999999) }}")}, ["check", "t.yaml"], says="zfill() is limited", where="4:12"),
    Case("format-method", {"t.yaml": notes_of("{{ '{:>999999999}'.format(1) }}")}, ["check", "t.yaml"], says="format width", where="4:12"),
    Case("expandtabs", {"t.yaml": notes_of("{{ 'a\\\\tb'.expandtabs(100000000) }}")}, ["check", "t.yaml"], says="expandtabs()", where="4:12"),
    Case("replace-amplifies", {"t.yaml": notes_of("{{ ('a' * 50000)|replace('a', 'aaaaaaaaaa') }}")}, ["check", "t.yaml"], says="replace() would make", where="4:12"),
    Case("replace-method", {"t.yaml": notes_of("{{ ('a' * 50000).replace('a', 'aaaaaaaaaa') }}")}, ["check", "t.yaml"], says="replace() would make", where="4:12"),
    Case("power", {"t.yaml": notes_of("{{ 7 ** 9999999 }}")}, ["check", "t.yaml"], says="at most 100000 digits", where="4:12"),
    Case("nested-format-width", {"t.yaml": notes_of("{{ '{:>{}}'.format(1, 999999999) }}")}, ["check", "t.yaml"], says="format width", where="4:12"),
    Case("star-width", {"t.yaml": notes_of("{{ '%*d' % (999999999, 1) }}")}, ["check", "t.yaml"], says="format width", where="4:12"),
    Case(
        "silent-nested-loops",
        {"t.yaml": notes_of("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}")},
        ["check", "t.yaml"], says="at most 200000 loop steps", where="4:12",
    ),
    Case(
        "doubling-macro",
        {"t.yaml": notes_of("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('ab', 40) }}")},
        ["check", "t.yaml"], says="at most 100000 characters", where="4:12",
    ),
    Case("concat-in-set", {"t.yaml": notes_of("{% set s = 'a' * 90000 %}{{ s ~ s }}")}, ["check", "t.yaml"], says="at most 100000 characters", where="4:12"),
    Case("range-cap", {"t.yaml": notes_of("{{ range(10**9)|list|length }}")}, ["check", "t.yaml"], says="range() is limited to 1000 items", where="4:12"),
    Case("when-multiply", {"t.yaml": HEAD + "  - kind: title\n    when: \"('a' * 10**9) != ''\"\n"}, ["check", "t.yaml"], says="at most 100000 characters", where="4:11"),
    Case("mro-escape", {"t.yaml": notes_of("{{ ''.__class__.__mro__ }}")}, ["check", "t.yaml"], says="not allowed in outlines", where="4:12"),
    Case("globals-escape", {"t.yaml": notes_of("{{ self.__init__.__globals__ }}")}, ["check", "t.yaml"], says="", where="4:12"),
    Case("namespace-absent", {"t.yaml": notes_of("{% set ns = namespace(s='a') %}{{ ns.s }}")}, ["check", "t.yaml"], says="undefined variable 'namespace'", where="4:12"),
    Case(
        "text-cap",
        {"t.yaml": "deck: {title: T}\nslides:\n" + "".join("  - {kind: title, notes: \"{{ 'x' * 19000 }}\"}\n" for _ in range(260))},
        ["check", "t.yaml"], says="passes 4,000,000 characters",
    ),
]

INPUTS = [
    Case("outline-fifo", {"t.yaml": "<fifo>"}, ["check", "t.yaml"], says="is a named pipe (FIFO), not a regular outline file"),
    Case("outline-dev-zero", {"t.yaml": "-> /dev/zero"}, ["check", "t.yaml"], says="is a device or socket"),
    Case("outline-folder", {"t.yaml/x": "x"}, ["check", "t.yaml"], says="is a directory"),
    Case("vars-fifo", {"t.yaml": HEAD + "  - kind: title\n", "v.yaml": "<fifo>"}, ["check", "t.yaml", "--vars", "v.yaml"], says="named pipe"),
    Case("vars-dev-zero", {"t.yaml": HEAD + "  - kind: title\n", "v.yaml": "-> /dev/zero"}, ["check", "t.yaml", "--vars", "v.yaml"], says="device"),
    Case("picture-fifo", {"t.yaml": HEAD + "  - {kind: image, title: I, image: p.png, alt: A}\n", "p.png": "<fifo>"}, ["check", "t.yaml"], says="named pipe", where="3:36"),
    Case("picture-dev-zero", {"t.yaml": HEAD + "  - {kind: image, title: I, image: p.png, alt: A}\n", "p.png": "-> /dev/zero"}, ["check", "t.yaml"], says="points outside"),
    Case("code-fifo", {"t.yaml": HEAD + "  - {kind: code, title: C, source: s.py}\n", "s.py": "<fifo>"}, ["check", "t.yaml"], says="named pipe", where="3:36"),
    Case("template-fifo", {"t.yaml": "deck: {title: T, template: c.pptx}\nslides:\n  - kind: title\n", "c.pptx": "<fifo>"}, ["check", "t.yaml"], says="named pipe", where="1:28"),
    Case("huge-outline", {"t.yaml": HEAD + "  - kind: title\n" + "#" * (3 << 20) + "\n"}, ["check", "t.yaml"], says="outlines are limited to 2 MiB"),
]

VALUES = [
    Case("long-number", {"t.yaml": "deck: {title: T, duration: " + "9" * 5000 + "}\nslides:\n  - kind: title\n"}, ["check", "t.yaml"], says="a number of 5000 digits", where="1:28"),
    Case("far-date", {"t.yaml": "deck: {title: T, date: '2200-01-01'}\nslides:\n  - kind: title\n"}, ["build", "t.yaml", "-o", "d.pptx"], code=0, outputs=("d.pptx",)),
    Case("bad-epoch", {"t.yaml": HEAD + "  - kind: title\n"}, ["build", "t.yaml", "-o", "d.pptx"], says="SOURCE_DATE_EPOCH must be a whole number", env={"SOURCE_DATE_EPOCH": "yesterday"}),
    Case("far-epoch", {"t.yaml": HEAD + "  - kind: title\n"}, ["build", "t.yaml", "-o", "d.pptx"], code=0, env={"SOURCE_DATE_EPOCH": "99999999999"}, outputs=("d.pptx",)),
    Case("noncharacter-escape", {"t.yaml": HEAD + "  - {kind: section, title: \"a\\uFFFE\"}\n"}, ["check", "t.yaml"], says="noncharacter (U+FFFE)", where="3:28"),
    Case("bell-escape", {"t.yaml": HEAD + "  - {kind: section, title: \"a\\x07\"}\n"}, ["check", "t.yaml"], says="control character (U+0007)", where="3:28"),
    Case("template-makes-control", {"t.yaml": HEAD + "  - {kind: section, title: \"{{ '\\\\x07' }}\"}\n"}, ["check", "t.yaml"], says="control character (U+0007)", where="3:28"),
    Case("var-control", {"t.yaml": HEAD + "  - {kind: section, title: '{{ x }}'}\n"}, ["check", "t.yaml", "--var", "x=a\x07b"], says="control character"),
    Case("line-separator-label", {"t.yaml": "deck: {title: T}\npyramid: {layers: [{id: a, label: \"A\\u2029B\"}, {id: b, label: B}]}\nslides:\n  - {kind: pyramid, title: P}\n"}, ["check", "t.yaml"], says="line separator (U+2029)", where="2:35"),
    Case("deep-var", {"t.yaml": HEAD + "  - kind: title\n"}, ["check", "t.yaml", "--var", ".".join(["k"] * 3000) + "=1"], says="nests 3000 levels"),
    Case("blank-title", {"t.yaml": "deck: {title: '   '}\nslides:\n  - kind: title\n"}, ["check", "t.yaml"], says="only blank space", where="1:15"),
    Case("yes-title", {"t.yaml": HEAD + "  - {kind: section, title: yes}\n"}, ["check", "t.yaml"], says="quote it", where="3:28"),
    Case("newline-in-name", {"a\nb.yaml": "deck: {title: T}\nslides: 3\n"}, ["check", "a\nb.yaml"], says="a\\x0ab.yaml:2:9"),
    Case("diagram-without-pyramid", {"t.yaml": HEAD + "  - kind: title\n"}, ["diagram", "t.yaml", "-o", "out"], says="no pyramid"),
    Case("long-output-name", {"t.yaml": HEAD + "  - kind: title\n"}, ["build", "t.yaml", "-o", "d" * 245 + ".pptx"], code=0, outputs=("d" * 245 + ".pptx",)),
    Case("mpo-picture", {"t.yaml": HEAD + "  - {kind: image, title: I, image: p.jpg, alt: A}\n", "p.jpg": "<mpo>"}, ["build", "t.yaml", "-o", "d.pptx"], code=0, outputs=("d.pptx",)),
    Case("null-var", {"t.yaml": "deck: {title: T, subtitle: 'by {{ who }}'}\nslides:\n  - kind: title\n"}, ["render", "t.yaml", "--var", "who=null"], code=0, says="subtitle: 'by '"),
]

OUTPUTS = [
    Case("notes-over-outline", {"t.yaml": HEAD + "  - kind: title\n"}, ["notes", "t.yaml", "-o", "t.yaml"], says="is one of this command's inputs"),
    Case("notes-over-picture", {"t.yaml": HEAD + "  - {kind: image, title: I, image: p.png, alt: A}\n", "p.png": "<png>"}, ["notes", "t.yaml", "-o", "p.png"], says="is one of this command's inputs"),
    Case("notes-over-vars", {"t.yaml": HEAD + "  - kind: title\n", "v.yaml": "x: 1\n"}, ["notes", "t.yaml", "--vars", "v.yaml", "-o", "v.yaml"], says="is one of this command's inputs"),
    Case("notes-over-code", {"t.yaml": HEAD + "  - {kind: code, title: C, source: s.py}\n", "s.py": "print(1)\n"}, ["notes", "t.yaml", "-o", "s.py"], says="is one of this command's inputs"),
    Case("build-over-template", {"t.yaml": "deck: {title: T, template: c.pptx}\nslides:\n  - kind: title\n", "c.pptx": "<template>"}, ["build", "t.yaml", "-o", "c.pptx"], says="is one of this command's inputs"),
    Case("build-over-hand-made-deck", {"t.yaml": HEAD + "  - kind: title\n", "mine.pptx": "<template>"}, ["build", "t.yaml", "-o", "mine.pptx"], says="was not written by deckgen"),
    Case("build-hand-made-forced", {"t.yaml": HEAD + "  - kind: title\n", "mine.pptx": "<template>"}, ["build", "t.yaml", "-o", "mine.pptx", "--force"], code=0, outputs=("mine.pptx",)),
    Case("notes-over-own-file", {"t.yaml": HEAD + "  - kind: title\n", "script.md": "my own script\n"}, ["notes", "t.yaml", "-o", "script.md"], says="was not written by deckgen"),
    Case("schema-over-own-file", {"s.json": "{}"}, ["schema", "-o", "s.json"], says="was not written by deckgen"),
    Case("diagram-over-own-picture", {"t.yaml": PYR + HEAD + "  - {kind: pyramid, id: p, title: P}\n", "t-p.png": "<png>"}, ["diagram", "t.yaml", "-o", "."], says="was not written by deckgen"),
    Case("diagram-over-input-picture", {"t.yaml": PYR + HEAD + "  - {kind: pyramid, id: p, title: P}\n  - {kind: image, title: I, image: t-p.png, alt: A}\n", "t-p.png": "<png>"}, ["diagram", "t.yaml", "-o", "."], says="is one of this command's inputs"),
    Case(
        "all-audiences-one-broken",
        {"t.yaml": "deck: {title: T}\naudiences:\n  a: {label: A}\n  b: {label: B}\nslides:\n  - kind: title\n  - {kind: image, title: I, image: \"{{ 'p.png' if audience.name == 'a' else 'missing.png' }}\", alt: A}\n", "p.png": "<png>"},
        ["build", "t.yaml", "--audience", "all"], says="(audience 'b') picture 'missing.png' does not exist",
    ),
    Case("schema-under-a-file", {"f.txt": "x"}, ["schema", "-o", "f.txt/s.json"], says="cannot write here"),
    Case("preview-own-pages", {"t.yaml": HEAD + "  - kind: title\n", "pics/slide-01.png": "<png>"}, ["preview", "t.yaml", "-o", "pics"], says="was not written by deckgen", outputs=("build/t.pptx", "build/.deckgen-written")),
    Case("pdf-without-libreoffice", {"t.yaml": HEAD + "  - kind: title\n"}, ["build", "t.yaml", "-o", "d.pptx", "--pdf"], says="LibreOffice is needed", env={"PATH": "/nonexistent"}),
]

CASES = SANDBOX + INPUTS + VALUES + OUTPUTS


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run deckgen in its own process, within 1 GiB of address space and 10 seconds."""
    full = dict(os.environ, PYTHONPATH=str(ROOT), DECKGEN_CACHE_DIR="", **(env or {}))
    if env and "PATH" in env:
        full["PATH"] = env["PATH"]
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=SECONDS, preexec_fn=_limits)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path):
    make(tmp_path, case.files)
    before = snapshot(tmp_path)
    run = run_limited(case.args, tmp_path, case.env)
    output = run.stdout + run.stderr
    assert run.returncode == case.code, output[-2000:]
    assert "Traceback" not in output and "internal error" not in output
    assert case.says in output, output[-2000:]
    if case.code == 2:
        lines = [line for line in run.stderr.splitlines() if line and not line.startswith("warning:")]
        assert lines, "exit 2 says why"
        if case.where:
            outline = case.args[1]
            assert any(line.startswith(f"{outline}:{case.where}: ") for line in lines), lines
    after = snapshot(tmp_path)
    for name, content in before.items():
        if name not in case.outputs:
            assert after.get(name) == content, f"{name} changed"
    made = set(after) - set(before)
    allowed = set(case.outputs) | ({".deckgen-written"} if case.outputs else set()) | {str(Path(o).parent) for o in case.outputs if "/" in o}
    assert made <= allowed, made - allowed


def test_a_template_whose_member_inflates_past_its_header_is_refused(tmp_path: Path):
    from deckgen.theme import template_path

    source = zipfile.ZipFile(template_path())
    bomb = tmp_path / "c.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("ppt/media/padding.bin", b"\0" * (64 << 20))
    data = bytearray(bomb.read_bytes())
    # make the padding's headers declare 10 bytes: only inflating it shows its real size
    name = b"ppt/media/padding.bin"
    for offset in _find_all(bytes(data), name):
        header = offset - (46 if data[offset - 46 : offset - 42] == b"PK\x01\x02" else 30)
        if data[header : header + 4] == b"PK\x01\x02":
            data[header + 24 : header + 28] = (10).to_bytes(4, "little")
        elif data[header : header + 4] == b"PK\x03\x04":
            data[header + 22 : header + 26] = (10).to_bytes(4, "little")
    bomb.write_bytes(bytes(data))
    (tmp_path / "t.yaml").write_text("deck: {title: T, template: c.pptx}\nslides:\n  - kind: title\n")
    run = run_limited(["check", "t.yaml"], tmp_path)
    assert run.returncode == 2, run.stderr
    assert "t.yaml:1:28: deck.template: template is damaged: ppt/media/padding.bin does not inflate to what its header declares" in run.stderr


def _find_all(data: bytes, needle: bytes):
    start = 0
    while (found := data.find(needle, start)) >= 0:
        yield found
        start = found + 1


def test_the_corpus_covers_every_class():
    assert len(SANDBOX) >= 20 and len(INPUTS) >= 10 and len(VALUES) >= 15 and len(OUTPUTS) >= 12
