"""Hostile decks given to `deckgen import`: one located message each, exit 2, nothing written.

Each runs in its own process, held to 1 GiB of memory and 10 seconds.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from deckgen.theme import template_path
from import_decks import DATA
from test_hostile import run_limited

SLIDE = "ppt/slides/slide1.xml"


def deck_with(tmp_path: Path, name: str, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> Path:
    """Write a copy of deckgen's built-in template (a real .pptx) with members added or replaced."""
    source = zipfile.ZipFile(template_path())
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, (replace or {}).get(info.filename, source.read(info)))
        for member, data in (extra or {}).items():
            out.writestr(member, data)
    return path


def refused(tmp_path: Path, deck: str, says: str) -> None:
    run = run_limited(["import", deck, "-o", "talk.yaml"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2, output[-2000:]
    assert "Traceback" not in output and "internal error" not in output
    lines = [line for line in run.stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith(f"{deck}: ") and says in lines[0], lines
    assert not (tmp_path / "talk.yaml").exists()


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path):
    # 400 MiB of zeros compress to a few hundred KiB: the declared size gives it away
    path = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        with out.open("ppt/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(400):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    refused(tmp_path, "bomb.pptx", "unpacks to 400 MiB: refusing it as a zip bomb")


def test_a_member_whose_header_lies_is_inflated_within_the_budget(tmp_path):
    path = deck_with(tmp_path, "liar.pptx", extra={"ppt/media/padding.bin": b"\0" * (64 << 20)})
    data = bytearray(path.read_bytes())
    name = b"ppt/media/padding.bin"
    start = 0
    while (offset := bytes(data).find(name, start)) >= 0:
        header = offset - (46 if data[offset - 46: offset - 42] == b"PK\x01\x02" else 30)
        if data[header: header + 4] == b"PK\x01\x02":
            data[header + 24: header + 28] = (10).to_bytes(4, "little")
        elif data[header: header + 4] == b"PK\x03\x04":
            data[header + 22: header + 26] = (10).to_bytes(4, "little")
        start = offset + 1
    path.write_bytes(bytes(data))
    refused(tmp_path, "liar.pptx", "is damaged: ppt/media/padding.bin does not inflate to what its header declares")


def test_an_external_entity_is_refused_before_any_xml_is_parsed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret")
    xxe = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
    ).encode()
    deck_with(tmp_path, "xxe.pptx", extra={"docProps/custom.xml": xxe})
    refused(tmp_path, "xxe.pptx", "part docProps/custom.xml declares a DTD")


def test_a_billion_laughs_is_refused(tmp_path):
    lol = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" * 1}{("&lol" + str(i - 1) + ";") * 9}">' for i in range(1, 10)]
    xml = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [' + "".join(lol) + ']>\n<lolz>&lol9;</lolz>').encode()
    source = zipfile.ZipFile(template_path())
    core = "docProps/core.xml"
    deck_with(tmp_path, "lol.pptx", replace={core: xml} if core in source.namelist() else None, extra=None if core in source.namelist() else {core: xml})
    refused(tmp_path, "lol.pptx", "declares a DTD")


def test_python_pptx_parses_without_resolving_entities():
    """The check above comes first; python-pptx's own parser would not expand entities either."""
    from lxml import etree
    from pptx.oxml import oxml_parser

    xml = b'<!DOCTYPE r [<!ENTITY e "expanded">]><r xmlns="urn:x">&e;</r>'
    element = etree.fromstring(xml, oxml_parser)
    assert "expanded" not in (element.text or "") and "expanded" not in "".join(element.itertext())


def test_too_many_slides_are_refused_before_reading_them(tmp_path):
    extra = {f"ppt/slides/slide{i}.xml": b"<x/>" for i in range(2, 2003)}
    deck_with(tmp_path, "huge.pptx", extra=extra)
    refused(tmp_path, "huge.pptx", "has 2001 slides; decks to import are limited to 2000")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    (tmp_path / "fake.pptx").write_bytes(b"%PDF-1.4 not a deck")
    refused(tmp_path, "fake.pptx", "is not a .pptx file (not a zip archive)")


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.pptx")
    refused(tmp_path, "pipe.pptx", "is a named pipe (FIFO)")


def test_a_huge_markdown_file_is_refused(tmp_path):
    (tmp_path / "big.md").write_bytes(b"# x\n" + b"- item\n" * (200_000))
    refused(tmp_path, "big.md", "is larger than 1 MiB")


def test_a_broken_part_is_one_message_not_a_traceback(tmp_path):
    deck_with(tmp_path, "broken.pptx", replace={"ppt/presentation.xml": b"<not xml"})
    refused(tmp_path, "broken.pptx", "is not a readable .pptx")


def test_a_deck_with_more_text_than_an_outline_holds_is_refused(tmp_path):
    """Slide XML of 3 MB of text compresses to a few KB: refused by its text as it is read."""
    para = '<a:p><a:r><a:rPr lang="en-US"/><a:t>' + "word " * 40 + "</a:t></a:r></a:p>"
    source = zipfile.ZipFile(DATA / "python-pptx" / "test.pptx")
    xml = source.read(SLIDE).decode()
    at = xml.index("<a:p>")
    deck_with_base(tmp_path, "wordy.pptx", source, {SLIDE: (xml[:at] + para * 15_000 + xml[at:]).encode()})
    refused(tmp_path, "wordy.pptx", "holds more than 1 MiB of text, more than an outline may hold (2 MiB)")


def deck_with_base(tmp_path: Path, name: str, source: zipfile.ZipFile, replace: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, replace.get(info.filename, source.read(info)))
    return path


def test_markdown_of_too_many_slides_is_refused(tmp_path):
    (tmp_path / "many.md").write_text("# a\n\n" + "---\n\n# b\n\n" * 2500, encoding="utf-8")
    refused(tmp_path, "many.md", "has 2501 slides; files to import are limited to 2000")


def test_markdown_of_too_many_bullets_keeps_what_a_slide_holds(tmp_path):
    (tmp_path / "long.md").write_text("# Long\n\n" + "".join(f"- item {i}\n" for i in range(300)), encoding="utf-8")
    run = run_limited(["import", "long.md", "-o", "talk.yaml"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert "long.md:1: slide 1: 300 bullets: those after the 200th not mapped" in run.stderr


def test_slidev_files_that_bring_each_other_in_are_held_to_one_budget(tmp_path):
    # each file is under the limit, and brings the next in twice: together they would be 2**8 MiB
    chunk = "# Padding\n\n" + "- " + "x" * 900 + "\n" * 1
    for k in range(8):
        body = "---\ntheme: default\n---\n\n" + chunk * 500 + f"\n---\nsrc: ./f{k + 1}.md\n---\n\n---\nsrc: ./f{k + 1}.md\n---\n"
        (tmp_path / f"f{k}.md").write_text(body, encoding="utf-8")
    (tmp_path / "f8.md").write_text("# End\n", encoding="utf-8")
    run = run_limited(["import", "f0.md", "-o", "talk.yaml"], tmp_path)
    assert run.returncode == 2, run.stderr[-2000:]
    lines = [line for line in run.stderr.splitlines() if line]
    # said at the `src:` of the file given, which brought the others in
    assert lines == ["f0.md:1507:1: brings the Markdown files it imports past 1 MiB together; files to import are limited to that"], lines
    assert not (tmp_path / "talk.yaml").exists()


def test_a_slidev_src_outside_the_deck_s_folder_is_not_read(tmp_path):
    (tmp_path / "secret.md").write_text("# Secret\n\n- do not copy me\n", encoding="utf-8")
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "slides.md").write_text("---\ntheme: default\n---\n\n# Hello\n\n---\nsrc: ../secret.md\n---\n", encoding="utf-8")
    run = run_limited(["import", "slides.md", "-o", "talk.yaml"], deck)
    assert run.returncode == 0, run.stderr
    assert "`src: ../secret.md` is not a Markdown file in the folder of slides.md" in run.stderr
    assert "do not copy me" not in (deck / "talk.yaml").read_text()


# --- Markdown whose pieces, not its bytes, are the cost ---------------------------------------
# Each file is under the 1 MiB limit; markdown-it's time goes by the pieces it makes, a million
# of them in each (10 s and more of CPU time before). The parser counts them as it goes.

def refused_at(tmp_path: Path, name: str, text: str, line: int, says: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert (tmp_path / name).stat().st_size <= 1024 * 1024
    run = run_limited(["import", name, "-o", "talk.yaml"], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 2, output[-2000:]
    assert "Traceback" not in output and "internal error" not in output
    lines = [x for x in run.stderr.splitlines() if x]
    assert lines == [f"{name}:{line}:1: {says}; files to import are limited to that"], lines
    assert not (tmp_path / "talk.yaml").exists()


BLOCKS = "holds more than 20000 blocks (headings, paragraphs, list items, rules, table rows)"
PIECES = "holds more than 200000 pieces of text, emphasis, links and code"


def test_markdown_of_100k_slides_between_rules_is_refused_where_it_passes_the_limit(tmp_path):
    # Marp's and Slidev's slides: a heading each, between `---`; the 20001st block is at line 30001
    refused_at(tmp_path, "many.md", "# a\n" + "\n---\n# b\n" * 100_000, 30001, BLOCKS)


def test_markdown_of_100k_empty_slides_is_refused(tmp_path):
    refused_at(tmp_path, "empty.md", "---\nmarp: true\n---\n\n" + "---\n\n" * 100_000, 40003, BLOCKS)


def test_markdown_of_100k_heading_slides_is_refused(tmp_path):
    # Pandoc's slides (one a heading) and Marp's `headingDivider`
    refused_at(tmp_path, "pandoc.md", "# b\n" * 100_000, 20001, BLOCKS)
    refused_at(tmp_path, "marp.md", "---\nmarp: true\nheadingDivider: 1\n---\n" + "# b\n" * 100_000, 20004, BLOCKS)  # its front matter the first block


def test_a_mib_of_tiny_paragraphs_or_bullets_is_refused(tmp_path):
    refused_at(tmp_path, "paragraphs.md", "a\n\n" * 300_000, 40001, BLOCKS)
    refused_at(tmp_path, "bullets.md", "# x\n\n" + "- a\n" * 200_000, 20001, BLOCKS)


def test_a_table_of_170k_rows_is_refused_at_the_table(tmp_path):
    refused_at(tmp_path, "table.md", "# x\n\n|a|b|\n|-|-|\n" + "|a|b|\n" * 170_000, 3, BLOCKS)


def test_a_mib_of_emphasis_is_refused_at_its_paragraph(tmp_path):
    refused_at(tmp_path, "emphasis.md", "# x\n\n" + "*a* " * 250_000, 3, PIECES)


def test_markdown_within_the_limits_imports(tmp_path):
    """Under the limits the same shapes import (run in process: a legitimate deck is not timed)."""
    from test_import import run

    (tmp_path / "slides.md").write_text("# a\n" + "\n---\n# b\n\n- c\n- d\n" * 1998, encoding="utf-8")
    code, out, err = run("import", str(tmp_path / "slides.md"), "-o", str(tmp_path / "talk.yaml"))
    assert code == 0, err[-2000:]
    assert "(1999 slides)" in out
    (tmp_path / "table.md").write_text("# x\n\n|a|b|\n|-|-|\n" + "|a|b|\n" * 19_000, encoding="utf-8")
    code, out, err = run("import", str(tmp_path / "table.md"), "-o", str(tmp_path / "table.yaml"))
    assert code == 0, err[-2000:]
    assert "limited" not in err


def test_an_edited_deck_given_to_changes_is_held_to_the_same_limits(tmp_path):
    """`--changes` reads a deck that came back from someone else: the same checks come first,
    and the outline beside it is left as it was."""
    outline = tmp_path / "talk.yaml"
    outline.write_text("# the speaker's comment\ndeck: {title: Talk}\nslides:\n  - kind: bullets\n    title: A\n    bullets: [b]\n", encoding="utf-8")
    before = outline.read_bytes()
    with zipfile.ZipFile(tmp_path / "bomb.pptx", "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        with out.open("ppt/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(400):
                member.write(b"\0" * (1 << 20))
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
    deck_with(tmp_path, "xxe.pptx", extra={"docProps/custom.xml": xxe})
    for deck, says in (("bomb.pptx", "unpacks to 400 MiB: refusing it as a zip bomb"), ("xxe.pptx", "part docProps/custom.xml declares a DTD")):
        for apply in ((), ("--apply", "--force")):
            run = run_limited(["import", "--changes", *apply, "talk.yaml", deck], tmp_path)
            output = run.stdout + run.stderr
            assert run.returncode == 2, output[-2000:]
            assert "Traceback" not in output and "internal error" not in output
            lines = [x for x in run.stderr.splitlines() if x]
            assert len(lines) == 1 and lines[0].startswith(f"{deck}: ") and says in lines[0], lines
            assert outline.read_bytes() == before


def test_import_works_under_the_kernels_budgets(tmp_path):
    """However the deck or Markdown gets past the importer's own caps, the work is bounded by
    the budgets the kernel enforces: a deck too big for a tiny CPU budget stops with exit 2 and
    says which budget, and no outline is written."""
    from pptx import Presentation

    prs = Presentation()
    for k in range(400):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Slide {k}"
        slide.placeholders[1].text_frame.text = "\n".join(f"point {k}.{j} with **some** words" for j in range(8))
        slide.notes_slide.notes_text_frame.text = f"notes for slide {k}"
    prs.save(str(tmp_path / "big.pptx"))
    run = run_limited(["import", "big.pptx", "-o", "talk.yaml"], tmp_path, {"DECKGEN_TIME_BUDGET": "0.3"})
    output = run.stdout + run.stderr
    assert run.returncode == 2, output[-2000:]
    assert "Traceback" not in output and "internal error" not in output
    assert "stopped:" in run.stderr and "DECKGEN_TIME_BUDGET" in run.stderr, run.stderr
    assert not (tmp_path / "talk.yaml").exists()
    run = run_limited(["import", "big.pptx", "-o", "talk.yaml"], tmp_path)
    assert run.returncode == 0, (run.stdout + run.stderr)[-2000:]
    assert "(400 slides)" in run.stdout
