"""Backup slides, links between slides, PowerPoint sections and transitions, in the decks
written and after LibreOffice saves them again."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import MINIMAL_DECK, notes

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
SLIDE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"

TALK = """\
deck:
  title: On stage and after
  speaker: Tess Ter
  duration: 5
  transition: fade
slides:
  - {kind: title}
  - {kind: agenda}
  - {kind: section, id: why, title: Why}
  - kind: bullets
    title: The claim
    transition: {effect: push, duration: 0.4}
    bullets: ["It is cheaper: [see the numbers](#costs)", "and **faster** ([proof](#bench))"]
    notes: Say it slowly.
  - {kind: section, title: How, transition: morph}
  - {kind: bullets, title: Steps, bullets: [one, two], transition: wipe, minutes: 2}
  - {kind: bullets, id: bench, title: The benchmark, bullets: [fast], hidden: true, back: true, transition: cover}
  - {kind: bullets, title: Done, bullets: [bye], transition: none}
  - {kind: closing}
appendix:
  - {kind: bullets, id: costs, title: The numbers, bullets: [cheap], back: true, minutes: 3}
  - {kind: section, title: Spare part}
"""


def audited(path):
    import openxml_audit

    result = openxml_audit.validate_pptx(path)
    assert result.is_valid, [e.description for e in result.errors][:5]


def jumps(prs) -> list[tuple[int, str, int | None]]:
    """Return each link of the deck as (slide number, action, number of the slide it lands on)."""
    numbers = {slide.part.partname: n for n, slide in enumerate(prs.slides, start=1)}
    out = []
    for n, slide in enumerate(prs.slides, start=1):
        for paragraph in slide._element.iter(f"{A}p"):
            last = None  # a link of several words is written one run per word: those runs are one link
            for child in paragraph:
                link = child.find(f"{A}rPr/{A}hlinkClick")
                if link is None:
                    last = None
                    continue
                rid = link.get(f"{R}id")
                target = None
                if rid:
                    rel = slide.part.rels[rid]
                    assert rel.reltype == SLIDE_REL
                    target = numbers[rel.target_part.partname]
                if (link.get("action"), target) != last:
                    out.append((n, link.get("action"), target))
                last = (link.get("action"), target)
    return out


def test_hidden_and_appendix_slides_are_hidden_and_take_no_time(build_outline, tmp_path):
    from deckgen import pipeline
    from deckgen.timing import format_plan, total_minutes

    prs, result = build_outline(TALK)
    audited(result.path)
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    assert titles[-3:] == ["Questions?", "The numbers", "Spare part"]  # the appendix after the closing slide
    shown = [s._element.get("show") for s in prs.slides]
    assert shown == [None] * 6 + ["0", None, None, "0", "0"]  # show="0" on the hidden slides, nowhere else
    loaded = pipeline.load(result.path.parent.parent / "talk.yaml")
    plan = loaded.plan
    assert [e.hidden for e in plan] == [s == "0" for s in shown]
    visible_end = max(e.end for e in plan if not e.hidden)
    assert total_minutes(plan) == visible_end and plan[7].start == plan[6].start  # a backup moves no start
    table = format_plan(loaded.deck, plan)
    assert table.count("backup") == 4 and "backup slides not counted" in table  # 3 rows and the legend
    assert notes(prs.slides[9]).startswith("[backup slide] slide 10 of 11")
    # the agenda lists the visible sections only, each entry a jump to its section slide
    agenda = [p.text for p in prs.slides[1].placeholders[1].text_frame.paragraphs]
    assert [t.split()[-1] for t in agenda] == ["Why", "How"]
    assert [(n, t) for n, _, t in jumps(prs) if n == 2] == [(2, 3), (2, 5)]
    script = tmp_path / "script.md"
    from deckgen.cli import main

    run = CliRunner().invoke(main, ["notes", str(result.path.parent.parent / "talk.yaml"), "-o", str(script)])
    assert run.exit_code == 0, run.output
    text = script.read_text()
    assert text.count("_backup slide_") == 3 and "## 10. The numbers" in text


def test_links_jump_to_their_slides_and_back(build_outline):
    prs, result = build_outline(TALK)
    audited(result.path)
    links = jumps(prs)
    assert (4, "ppaction://hlinksldjump", 10) in links and (4, "ppaction://hlinksldjump", 7) in links
    assert all(t is not None and 1 <= t <= len(prs.slides) for _, action, t in links if action == "ppaction://hlinksldjump")
    back = [(n, t) for n, action, t in links if action == "ppaction://hlinkshowjump?jump=lastslideviewed"]
    assert back == [(7, None), (10, None)]
    # the link text stays the speaker's, the bold inside it too
    runs = [r for p in prs.slides[3].placeholders[1].text_frame.paragraphs for r in p.runs]
    # a jump to a slide is one run (LibreOffice draws one over several runs in the look of the runs before it)
    assert [r.text for r in runs if r._r.find(f"{A}rPr/{A}hlinkClick") is not None] == ["see the numbers", "proof"]


def test_an_agenda_entry_of_several_words_is_one_run_jumping_to_its_section(build_outline):
    prs, _ = build_outline(
        "deck: {title: T}\nslides:\n  - {kind: agenda}\n"
        "  - {kind: section, title: Pods and Services}\n  - {kind: section, title: Performance tuning at scale}\n"
    )
    entries = [p for s in prs.slides[0].shapes if s.has_text_frame for p in s.text_frame.paragraphs if "Pods" in p.text or "Performance" in p.text]
    assert len(entries) == 2
    for paragraph in entries:
        linked = [r for r in paragraph.runs if r._r.find(f"{A}rPr/{A}hlinkClick") is not None]
        assert [r.text for r in linked] in (["Pods and Services"], ["Performance tuning at scale"])
        # the entry's number is no link, and the title its only link: one look, one run
        assert len(linked) == 1 and linked[0]._r.find(f"{A}rPr/{A}hlinkClick").get("action") == "ppaction://hlinksldjump"


@pytest.mark.parametrize("link, message", [
    ("[numbers](#cost)", "link #cost: no slide has the id 'cost' (did you mean 'costs'?)"),
    ("[numbers](#nowhere)", "link #nowhere: no slide has the id 'nowhere': give the slide you mean `id: nowhere`"),
    ("[numbers](#1st)", "a link to a slide is #id"),
])
def test_a_link_to_no_slide_is_a_located_error(write_outline, link, message):
    from deckgen.cli import main

    outline = write_outline(MINIMAL_DECK + f"""\
slides:
  - {{kind: bullets, title: A, bullets: ["{link}"]}}
  - {{kind: bullets, id: costs, title: B, bullets: [b]}}
""")
    run = CliRunner().invoke(main, ["build", str(outline), "-o", str(outline.with_suffix(".pptx"))])
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert f"{outline.name}:6:" in run.output and message in run.output, run.output
    assert not outline.with_suffix(".pptx").exists()


def test_each_section_slide_starts_a_powerpoint_section(build_outline):
    prs, result = build_outline(TALK)
    audited(result.path)
    ids = [s.slide_id for s in prs.slides]
    listed = prs.part._element.find(f"{P}extLst/{P}ext/{P14}sectionLst")
    sections = [(s.get("name"), [int(i.get("id")) for i in s.iter(f"{P14}sldId")]) for s in listed]
    assert sections == [
        ("On stage and after", ids[0:2]),  # the slides before the first section, named after the talk
        ("Why", ids[2:4]),
        ("How", ids[4:10]),
        ("Spare part", ids[10:]),
    ]
    assert len({s.get("id") for s in listed}) == 4


def test_a_deck_without_section_slides_has_no_sections(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: bullets, title: A, bullets: [a]}\n")
    assert prs.part._element.find(f"{P}extLst/{P}ext/{P14}sectionLst") is None
    assert prs.slides[0]._element.find(f"{MC}AlternateContent") is None and prs.slides[0]._element.find(f"{P}transition") is None


def transition_of(slide) -> tuple[str | None, str | None, str | None]:
    """Return (the effect PowerPoint 2010 plays, its p14:dur, the fallback's effect)."""
    sld = slide._element
    plain = sld.find(f"{P}transition")
    if plain is not None:
        return ("none" if len(plain) == 0 else etree.QName(plain[0]).localname, None, None)
    alternate = sld.find(f"{MC}AlternateContent")
    chosen = alternate.find(f"{MC}Choice/{P}transition")
    fallback = alternate.find(f"{MC}Fallback/{P}transition")
    name = etree.QName(chosen[0]).localname if len(chosen) else "none"
    return name, chosen.get(f"{P14}dur"), etree.QName(fallback[0]).localname if len(fallback) else "none"


def test_transitions_are_powerpoints_own_with_a_fallback(build_outline):
    prs, result = build_outline(TALK)
    audited(result.path)
    found = [transition_of(s) for s in prs.slides]
    assert found[0] == ("fade", "700", "fade")  # the deck's
    assert found[3] == ("push", "400", "push")
    assert found[4] == ("morph", "700", "fade")  # older clients fade instead
    assert found[5] == ("wipe", "700", "wipe") and found[6] == ("cover", "700", "cover")
    assert found[7] == ("none", None, None)
    order = [etree.QName(e).localname for e in prs.slides[3]._element]
    assert order.index("clrMapOvr") < order.index("AlternateContent")
    assert prs.slides[4]._element.find(f"{MC}AlternateContent/{MC}Choice").get("Requires") == "p159"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by .ci/run")
def test_a_libreoffice_resave_keeps_hidden_slides_links_and_the_transitions_it_knows(build_outline, tmp_path):
    prs, result = build_outline(TALK)
    out = tmp_path / "resaved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pptx", "--outdir", str(out), str(result.path)], check=True, capture_output=True, timeout=240)
    from pptx import Presentation

    again = Presentation(str(out / result.path.name))
    assert [s._element.get("show") for s in again.slides] == [s._element.get("show") for s in prs.slides]
    assert jumps(again) == jumps(prs)
    found = [transition_of(s) for s in again.slides]
    assert found[0][0] == "fade" and found[3][0] == "push" and found[5][0] == "wipe" and found[6][0] == "cover"
    assert found[4][0] == "fade"  # LibreOffice has no morph: it keeps the fallback
    assert found[7][0] == "none"
    # LibreOffice has no sections: it drops them
    assert again.part._element.find(f".//{P14}sectionLst") is None


def test_an_include_in_the_appendix_brings_backup_slides_and_mistakes_keep_their_place(build_outline, write_outline, tmp_path):
    from deckgen.cli import main

    write_outline("slides:\n  - {kind: bullets, id: spare, title: Spare, bullets: [s]}\n", "spares.yaml")
    talk = MINIMAL_DECK + """\
slides:
  - {kind: bullets, title: A, bullets: ["[the spare](#spare)"]}
appendix:
  - include: spares.yaml
  - {kind: bullets, title: Own, bullets: [o], hidden: false}
"""
    prs, _ = build_outline(talk)
    assert [s._element.get("show") for s in prs.slides] == [None, "0", None]  # `hidden: false` is the speaker's word
    assert [(n, t) for n, _, t in jumps(prs)] == [(1, 2)]
    bad = write_outline(talk.replace("title: Own", "title: Own, nonsense: 1"), "bad.yaml")
    run = CliRunner().invoke(main, ["check", str(bad)])
    assert run.exit_code == 2 and f"{bad.name}:9:" in run.output and "unknown key 'nonsense'" in run.output, run.output


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by .ci/run")
def test_previews_draw_the_backup_slides_so_page_n_is_slide_n(build_outline, tmp_path):
    from pypdf import PdfReader

    from deckgen.export import to_pdf

    prs, result = build_outline(TALK)
    every = to_pdf(result.path, tmp_path / "all", hidden=True)
    assert every == tmp_path / "all" / "talk-general.pdf"
    assert len(PdfReader(str(every)).pages) == len(prs.slides) == 11
    assert len(PdfReader(str(to_pdf(result.path, tmp_path / "shown"))).pages) == 8  # the talk's PDF: as the slide show runs


def test_deckgen_serve_draws_a_backup_slide(build_outline, tmp_path):
    from deckgen.errors import ToolMissingError
    from deckgen.serve.office import Office, require_tools

    try:
        tools = require_tools()
    except ToolMissingError:
        pytest.skip("LibreOffice's Python bridge is installed by .ci/run")
    _, result = build_outline(TALK)
    office = Office(tools, width=320)
    try:
        out = [tmp_path / "backup.png", tmp_path / "after.png"]
        office.draw(result.path, [10, 11], out)  # the two slides of the appendix, both hidden
    finally:
        office.close()
    assert all(p.stat().st_size > 0 for p in out)
