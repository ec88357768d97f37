"""Code slides: highlighted native runs in the monospace font, exact lines, never shrunk below 14 pt."""

from __future__ import annotations

from click.testing import CliRunner
from pptx.util import Emu

from conftest import MINIMAL_DECK
from deckgen.cli import main
from deckgen.kinds.code import MIN_PT, STYLES
from deckgen.theme import contrast_ratio

PYTHON = '''\
import pytest


def test_total():
    cart = {"apples": 3, "pears": 2}
    assert sum(cart.values()) == 5  # {{ stays }}
\tif True:
        pass
'''


def code_slide(extra: str = "", code: str = PYTHON, language: str = "python") -> str:
    body = "".join(f"      {line}\n" if line else "\n" for line in code.split("\n"))
    return MINIMAL_DECK + f"slides:\n  - kind: code\n    title: Tests\n    language: {language}\n{extra}    code: |\n{body}"


def code_shape(slide):
    return next(s for s in slide.shapes if s.name == "Code")


def panel_colour(slide):
    panel = next(s for s in slide.shapes if s.name == "Code panel")
    return tuple(panel.fill.fore_color.rgb)


def test_code_is_native_monospace_runs_with_token_colours(build_outline):
    prs, _ = build_outline(code_slide())
    slide = prs.slides[0]
    frame = code_shape(slide).text_frame
    lines = [p.text for p in frame.paragraphs]
    assert lines == PYTHON.expandtabs(4).rstrip("\n").split("\n")  # every line, blank ones and indentation kept
    runs = [r for p in frame.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Courier New"}
    colours = {tuple(r.font.color.rgb) for r in runs}
    assert len(colours) >= 3
    panel = panel_colour(slide)
    assert panel == STYLES["light"].panel
    assert all(contrast_ratio(c, panel) >= 4.5 for c in colours)
    assert "{{ stays }}" in lines[5]
    assert frame._txBody.bodyPr.get("wrap") == "none"  # never wrapped
    sizes = {r.font.size.pt for r in runs}
    assert len(sizes) == 1 and min(sizes) >= MIN_PT
    blank = frame.paragraphs[1]
    assert blank.runs == () or not blank.runs
    assert blank._p.find("{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr").get("sz") == str(int(min(sizes) * 100))


def test_dark_style_line_numbers_and_highlight(build_outline):
    prs, _ = build_outline(code_slide("    style: dark\n    line_numbers: true\n    highlight: \"4-6\"\n"))
    slide = prs.slides[0]
    panel = panel_colour(slide)
    assert panel == STYLES["dark"].panel
    paragraphs = code_shape(slide).text_frame.paragraphs
    assert [p.runs[0].text.strip() for p in paragraphs] == ["1", "2", "3", "4", "5", "6", "7", "8"]  # blank lines numbered too
    assert paragraphs[0].runs[0].text == "1  "
    focus = [tuple(r.font.color.rgb) for p in paragraphs[3:6] for r in p.runs]
    dimmed = [tuple(r.font.color.rgb) for p in (paragraphs[0], paragraphs[6]) for r in p.runs]
    assert all(contrast_ratio(c, panel) >= 4.5 for c in focus)
    assert max(contrast_ratio(c, panel) for c in dimmed) < min(contrast_ratio(c, panel) for c in focus)


def test_every_token_colour_reaches_four_and_a_half_to_one():
    for style in STYLES.values():
        for colour in [style.text, style.numbers, *style.tokens.values()]:
            assert contrast_ratio(colour, style.panel) >= 4.5, (style, colour)


def test_source_file_with_lines(build_outline, tmp_path):
    (tmp_path / "snippet.py").write_text("".join(f"line_{n} = {n}\n" for n in range(1, 31)))
    outline = MINIMAL_DECK + "slides:\n  - {kind: code, title: S, language: python, source: snippet.py, lines: 10-12, line_numbers: true}\n"
    prs, _ = build_outline(outline)
    assert [p.text for p in code_shape(prs.slides[0]).text_frame.paragraphs] == ["10  line_10 = 10", "11  line_11 = 11", "12  line_12 = 12"]


def run(outline_text: str, write_outline, tmp_path, *files: tuple[str, str]):
    for name, content in files:
        (tmp_path / name).write_text(content)
    outline = write_outline(outline_text)
    out = tmp_path / "d.pptx"
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(out)])
    assert not out.exists() or result.exit_code == 0
    return outline, result


def test_a_language_typo_is_located_with_a_suggestion(write_outline, tmp_path):
    outline, result = run(code_slide(language="pyhton"), write_outline, tmp_path)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{outline}:8:15: slides[0].language: no language 'pyhton' (did you mean 'python'?); use a Pygments name such as python, bash, yaml, json, or text for none"
    ]


def test_source_stays_in_the_outline_folder(write_outline, tmp_path):
    outside = tmp_path.parent / "secret.py"
    outside.write_text("token = 'x'\n")
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: code, title: S, source: ../secret.py}\n", write_outline, tmp_path)
    assert result.exit_code == 2
    assert result.output.strip() == f"{outline}:6:36: slides[0].source: code file '../secret.py' points outside the outline's folder (through '..' or a link)"
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: code, title: S, source: snipet.py, lines: 1-2}\n", write_outline, tmp_path, ("snippet.py", "a\nb\n"))
    assert result.exit_code == 2 and "(did you mean 'snippet.py'?)" in result.output
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: code, title: S, source: snippet.py, lines: 2-9}\n", write_outline, tmp_path, ("snippet.py", "a\nb\n"))
    assert result.exit_code == 2 and "slides[0].lines: lines '2-9': 'snippet.py' has 2 lines" in result.output


def test_code_that_cannot_fit_at_14_pt_names_the_line(write_outline, tmp_path):
    long_line = "x = " + "1 + " * 40 + "1"
    outline, result = run(code_slide(code=f"a = 1\n{long_line}\n"), write_outline, tmp_path)
    assert result.exit_code == 2
    assert f"slides[0].code: line 2 of the code is {len(long_line)} characters wide; at 14 pt the box holds" in result.output
    tall = "\n".join(f"v{n} = {n}" for n in range(60))
    outline, result = run(code_slide(code=tall), write_outline, tmp_path)
    assert result.exit_code == 2 and "the code has 60 lines; at 14 pt the box holds" in result.output


def test_code_and_bullets_side_by_side_in_columns(build_outline):
    outline = MINIMAL_DECK + """\
slides:
  - kind: columns
    title: Config and meaning
    columns:
      - heading: The config
        language: yaml
        code: |
          deck:
            title: My Talk
      - heading: What it does
        bullets: ["`title` is on the *first* slide"]
"""
    prs, _ = build_outline(outline)
    slide = prs.slides[0]
    code = code_shape(slide)
    assert [p.text for p in code.text_frame.paragraphs] == ["deck:", "  title: My Talk"]
    bullet = next(s for s in slide.shapes if s.has_text_frame and "first" in s.text_frame.text)
    assert Emu(code.left).inches < Emu(bullet.left).inches


def test_a_column_holds_bullets_or_code_not_both(write_outline, tmp_path):
    outline, result = run(MINIMAL_DECK + "slides:\n  - kind: columns\n    title: C\n    columns:\n      - {heading: A, bullets: [x], code: y}\n      - {heading: B}\n", write_outline, tmp_path)
    assert result.exit_code == 2 and "a column holds one of bullets, a code block, a video or a sound, not bullets and a code block" in result.output


def test_a_code_slide_needs_code(write_outline, tmp_path):
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: code, title: Nothing}\n", write_outline, tmp_path)
    assert result.exit_code == 2 and "a code slide needs its code" in result.output


WALKTHROUGH = MINIMAL_DECK + """\
slides:
  - kind: code
    title: A walkthrough
    language: python
    line_numbers: true
    steps: ["1-2", "4,5", "all"]
    code: |
      def load(path):
          return open(path).read()

      def main():
          print(load("x"))
"""


def test_a_code_walkthrough_moves_its_highlight_one_click_per_step_in_one_slide(build_outline):
    import openxml_audit

    from conftest import notes

    prs, result = build_outline(WALKTHROUGH)
    assert len(prs.slides) == 1
    slide = prs.slides[0]
    P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    by_id = {s.shape_id: s for s in slide.shapes}
    layers = [s for s in slide.shapes if s.name.startswith("Code step ")]
    assert [s.name for s in layers] == [f"Code step {k}" for k in range(4)]
    base = next(s for s in slide.shapes if s.name == "Code")
    assert all((s.left, s.top, s.width, s.height) == (base.left, base.top, base.width, base.height) for s in layers)

    def full_lines(shape) -> list[int]:
        return [k + 1 for k, p in enumerate(shape.text_frame.paragraphs) if p.text]  # its number, at least

    assert [full_lines(s) for s in layers] == [[1, 2, 3, 4, 5], [1, 2], [4, 5], [1, 2, 3, 4, 5]]
    assert len(base.text_frame.paragraphs) == len(layers[0].text_frame.paragraphs) == 5
    # one click per step: the next layer appears, the one before disappears
    clicks = []
    for effect in slide._element.iter(f"{P}cTn"):
        if effect.get("nodeType") == "clickEffect":
            clicks.append([])
        if effect.get("presetClass") in ("entr", "exit"):
            spid = int(next(effect.iter(f"{P}spTgt")).get("spid"))
            clicks[-1].append((effect.get("presetClass"), by_id[spid].name))
    assert clicks == [
        [("entr", "Code step 1"), ("exit", "Code step 0")],
        [("entr", "Code step 2"), ("exit", "Code step 1")],
        [("entr", "Code step 3"), ("exit", "Code step 2")],
    ]
    built = {(b.get("spid"), b.get("grpId")) for b in slide._element.iter(f"{P}bldP")}
    assert (str(layers[1].shape_id), "0") in built and (str(layers[1].shape_id), "1") in built
    assert notes(slide).splitlines()[0].endswith("3 clicks")
    assert not any("overlaps" in w for w in result.warnings)  # the layers lie over their block by design
    audit = openxml_audit.validate_pptx(result.path)
    assert audit.is_valid, [e.description for e in audit.errors][:5]


def test_a_walkthrough_step_past_the_code_is_a_located_error(write_outline):
    outline = write_outline(WALKTHROUGH.replace('"4,5"', '"4-9"'))
    run = CliRunner().invoke(main, ["build", str(outline), "-o", str(outline.with_suffix(".pptx"))])
    assert run.exit_code == 2 and "step '4-9': the code shows lines 1-5, not 6" in run.output, run.output
    assert f"{outline.name}:" in run.output and not outline.with_suffix(".pptx").exists()


def test_a_walkthrough_survives_a_libreoffice_resave(build_outline, tmp_path):
    import shutil
    import subprocess
    import zipfile

    import pytest
    from lxml import etree

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is installed by .ci/run")
    _, result = build_outline(WALKTHROUGH)
    out = tmp_path / "resaved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pptx", "--outdir", str(out), str(result.path)], check=True, capture_output=True, timeout=240)
    with zipfile.ZipFile(out / result.path.name) as resaved:
        slide = etree.fromstring(resaved.read("ppt/slides/slide1.xml"))
    P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    clicks = []
    for effect in slide.iter(f"{P}cTn"):
        if effect.get("nodeType") == "clickEffect":
            clicks.append([])
        if effect.get("presetClass") in ("entr", "exit"):
            clicks[-1].append(effect.get("presetClass"))
    assert clicks == [["entr", "exit"]] * 3
