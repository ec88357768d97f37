"""Code pasted into a bullet reaches the slide as code, or gets a located answer saying where it goes."""

from __future__ import annotations

import subprocess
import sys

from pptx.oxml.ns import qn

from conftest import MINIMAL_DECK, ROOT
from deckgen.markup import parse, pieces

A = qn("a:t")


def _body(slide):
    """Return the slide's bullet placeholder's paragraphs (lxml a:p elements)."""
    shape = next(s for s in slide.shapes if s.is_placeholder and s.placeholder_format.idx == 1)
    return shape.text_frame._txBody.findall(qn("a:p"))


def _lines(p) -> list[tuple[str, str | None]]:
    """Return a paragraph's lines as written: (text, typeface of its runs or None), split at a:br."""
    lines, text, faces = [], "", set()
    for child in p:
        if child.tag == qn("a:br"):
            lines.append((text, faces.pop() if len(faces) == 1 else None))
            text, faces = "", set()
        elif child.tag == qn("a:r"):
            text += child.find(A).text or ""
            latin = child.find(qn("a:rPr")).find(qn("a:latin"))
            faces.add(latin.get("typeface") if latin is not None else None)
    lines.append((text, faces.pop() if len(faces) == 1 else None))
    return lines


def refused(outline) -> str:
    """Build `outline` as a speaker would; return its one message, after checking the build was
    refused (exit 2, no traceback, one problem one line, no deck written)."""
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(outline.with_suffix(".pptx"))],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message  # one problem, one message
    assert not outline.with_suffix(".pptx").exists()
    return message


FENCED = MINIMAL_DECK + """\
slides:
  - kind: bullets
    title: Install it
    reveal: true
    bullets:
      - |
        ```bash
        pip install deckgen
        deckgen new talk.yaml
        ```
      - text: |
          Run it:
          ```
          docker run -p 8080:80 \\
            nginx:latest
          ```
        bullets: ["then open **localhost**"]
      - |
        def f(x):
            if x:
                return x + 1
      - |
        First line
        second line
"""


def test_a_fenced_block_and_indented_lines_in_bullets_are_drawn_as_code(build_outline):
    prs, _ = build_outline(FENCED)
    slide = prs.slides[0]
    paragraphs = _body(slide)
    # one paragraph per bullet and sub-bullet: no stray empty bullet from a `|` block's last line
    assert len(paragraphs) == 5
    assert _lines(paragraphs[0]) == [("pip install deckgen", "Courier New"), ("deckgen new talk.yaml", "Courier New")]
    assert _lines(paragraphs[1]) == [("Run it:", None), ("docker run -p 8080:80 \\", "Courier New"), ("  nginx:latest", "Courier New")]
    assert _lines(paragraphs[3]) == [("def f(x):", "Courier New"), ("    if x:", "Courier New"), ("        return x + 1", "Courier New")]
    # lines without indentation are prose: lines kept, proportional
    assert _lines(paragraphs[4]) == [("First line", None), ("second line", None)]
    assert "bash" not in "".join(t.text or "" for t in slide.shapes._spTree.iter(A))
    # code runs are upright and regular, whatever the bullet's look
    assert all(r.find(qn("a:rPr")).get("b") in (None, "0") for r in paragraphs[0].findall(qn("a:r")))


def test_code_pieces_follow_commonmark_fences():
    assert pieces("```python\nx = 1\n\n  y = 2\n```\n") == [("x = 1\n\n  y = 2", True)]
    assert pieces("  ~~~\n  a\n    b\n  ~~~") == [("a\n  b", True)]  # the fence's own indent is not the code's
    assert pieces("Before\n```\nunclosed\n") == [("Before", False), ("unclosed", True)]
    assert pieces("one line ```inline``` code") == [("one line ```inline``` code", False)]
    # a blank code line stays, as its own line
    assert [s.text for s in parse("```\na\n\nb\n```")] == ["a", "\n\n", "b"]
    assert all(s.verbatim for s in parse("```\n**not bold**\n```"))
    assert parse("a\nb\n") == parse("a\nb")  # a `|` block's final line break is not a line


def test_a_line_of_code_too_wide_for_a_bullet_is_a_located_error_with_the_way_out(write_outline):
    outline = write_outline(MINIMAL_DECK + """\
slides:
  - kind: bullets
    title: Too wide
    bullets:
      - fine
      - |
        ```
        kubectl get pods --all-namespaces --field-selector=status.phase=Running -o wide --sort-by=.metadata.name
        ```
""")
    message = refused(outline)
    assert message.startswith(f"{outline}:10:9: slides[0].bullets[1]: a line of the code in this bullet is 104 characters wide")
    assert "`kind: code`" in message and "never wrapped" in message and "Traceback" not in message


def test_code_in_a_bullet_is_measured_unbroken_so_the_bullets_shrink_to_fit_it(build_outline):
    line = "x = compute(alpha, beta, gamma, delta, epsilon)"
    prs, result = build_outline(MINIMAL_DECK + f"""\
slides:
  - kind: bullets
    title: Long code line
    bullets:
      - |
        ```
        {line}
        ```
""")
    p = _body(prs.slides[0])[0]
    assert _lines(p) == [(line, "Courier New")]
    size = int(p.find(qn("a:r")).find(qn("a:rPr")).get("sz")) / 100
    from deckgen.text import LEVEL_INDENT, INSET_X, text_width
    shape = next(s for s in prs.slides[0].shapes if s.is_placeholder and s.placeholder_format.idx == 1)
    room = shape.width / 914400 - 2 * INSET_X - LEVEL_INDENT[0]
    assert text_width(line, size, (False, False, True)) <= room  # fits on one line: never wrapped by the client
    assert text_width(line, size + 4, (False, False, True)) > room  # and was made smaller to fit it


def test_code_too_wide_for_a_column_is_located_at_its_bullet(write_outline):
    outline = write_outline(MINIMAL_DECK + """\
slides:
  - kind: columns
    title: Two ways
    columns:
      - heading: Pip
        bullets:
          - |
            ```
            pip install --upgrade --force-reinstall --no-cache-dir deckgen
            ```
      - {heading: Code, code: "x = 1"}
""")
    done = subprocess.run([sys.executable, "-m", "deckgen", "check", str(outline)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{outline}:11:13: slides[0].columns[0].bullets[0]: a line of the code in this bullet is 62 characters wide")
    assert len(done.stderr.strip().splitlines()) == 1


ARABIC_CODE = """\
deck: {title: أوامر, language: ar}
slides:
  - kind: bullets
    title: أوامر
    bullets:
      - |
        ثبّت الأداة:
        ```bash
        $ pip install deckgen
        deckgen build --pdf;
        ```
      - "استخدم `print(x);` للطباعة"
      - |
        ```python
        if x:
            y = 1
        ```
  - kind: code
    title: مثال
    language: python
    code: |
      # تعليق بالعربية
      print("مرحبا");
"""


def test_code_in_a_right_to_left_talk_keeps_its_characters_order_and_reads_left_to_right(build_outline):
    prs, _ = build_outline(ARABIC_CODE)
    mixed, inline, alone = _body(prs.slides[0])
    # code inside a right-to-left bullet: each code run guarded by left-to-right marks, so that
    # "$ " and ";" at its ends are drawn where they were typed, not moved to the other end
    assert mixed.find(qn("a:pPr")).get("rtl") == "1"
    assert _lines(mixed)[1:] == [("\u200e$ pip install deckgen\u200e", "Courier New"), ("\u200edeckgen build --pdf;\u200e", "Courier New")]
    code_runs = [r.find(A).text for r in inline.findall(qn("a:r")) if r.find(qn("a:rPr")).find(qn("a:latin")) is not None]
    assert code_runs == ["\u200eprint(x);\u200e"]
    # a bullet of code alone is set left to right, from the left, its indentation kept
    ppr = alone.find(qn("a:pPr"))
    assert ppr.get("rtl") in (None, "0") and ppr.get("algn") in (None, "l")
    assert _lines(alone) == [("if x:", "Courier New"), ("    y = 1", "Courier New")]
    # a code slide's lines too, even one that starts with an Arabic comment
    code = next(s for s in prs.slides[1].shapes if s.has_text_frame and "print" in s.text_frame.text)
    for p in code.text_frame.paragraphs:
        assert p._p.find(qn("a:pPr")) is None or (p._p.find(qn("a:pPr")).get("rtl") in (None, "0") and p._p.find(qn("a:pPr")).get("algn") != "r")


def test_indented_code_inside_a_right_to_left_bullet_is_a_located_error_with_the_way_out(write_outline):
    outline = write_outline("""\
deck: {title: أوامر, language: ar}
slides:
  - kind: bullets
    title: أوامر
    bullets:
      - |
        مثال:
        ```python
        if x:
            y = 1
        ```
""")
    message = refused(outline)
    assert message.startswith(f"{outline}:6:9: slides[0].bullets[0]: the code in this bullet is indented")
    assert "`kind: code`" in message and "a bullet of its own" in message and "Traceback" not in message


def test_code_in_bullets_imports_back_as_a_fenced_block_and_builds_the_same(build_outline, tmp_path):
    import yaml
    from click.testing import CliRunner

    from deckgen.cli import main

    for name, outline in (("ltr", FENCED), ("rtl", ARABIC_CODE)):
        prs, result = build_outline(outline)
        back = tmp_path / name / "talk.yaml"
        back.parent.mkdir()
        done = CliRunner().invoke(main, ["import", str(result.path), "-o", str(back)])
        assert done.exit_code == 0, done.output
        assert f"wrote {back} ({'1 slide' if name == 'ltr' else '2 slides'})" in done.output  # not "1 slides"
        bullets = yaml.safe_load(back.read_text(encoding="utf-8"))["slides"][0]["bullets"]
        texts = [b if isinstance(b, str) else b["text"] for b in bullets]
        if name == "ltr":
            assert texts[0] == "```\npip install deckgen\ndeckgen new talk.yaml\n```"
            assert texts[1] == "Run it:\n```\ndocker run -p 8080:80 \\\n  nginx:latest\n```"
            assert texts[2] == "```\ndef f(x):\n    if x:\n        return x + 1\n```"
            assert texts[3] == "First line\nsecond line\n"  # lines of prose kept as lines
        else:
            assert texts[0] == "ثبّت الأداة:\n```\n$ pip install deckgen\ndeckgen build --pdf;\n```"  # no marks brought back
            assert texts[1] == "استخدم `print(x);` للطباعة"
        again = tmp_path / name / "again.pptx"
        assert CliRunner().invoke(main, ["build", str(back), "-o", str(again)]).exit_code == 0
        from pptx import Presentation

        first, second = _body(prs.slides[0]), _body(Presentation(again).slides[0])
        assert [_lines(p) for p in first] == [_lines(p) for p in second]  # drawn as it was, line by line
