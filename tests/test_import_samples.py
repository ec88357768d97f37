"""`deckgen import` on the sample decks of Marp's, Slidev's and Pandoc's own documentation.

The decks are theirs, copied unchanged into tests/data/import/ (NOTICE.md there names each
source, commit and licence). Each imports to an outline that builds; what it holds that deckgen
cannot show is reported, located; the assertions below are what each sample really contains.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import open_deck
from deckgen import pipeline as b
from import_decks import DATA
from test_import import run


def imported(tmp_path: Path, sample: str, folder: Path | None = None) -> tuple[dict, str, object]:
    """Import `sample` (a path under tests/data/import/, or inside `folder`), build the outline:
    return its data, what the import said, and the built deck reopened."""
    source = (folder or DATA) / sample
    if not source.exists():
        pytest.skip(f"{sample} is not in this copy of the tests")  # NOTICE.md: the GPL samples may be left out
    out = tmp_path / "out" / "talk.yaml"
    out.parent.mkdir(exist_ok=True)
    code, stdout, err = run("import", str(source), "-o", str(out))
    assert code == 0, stdout + err
    assert "Traceback" not in stdout + err and "internal error" not in err
    result = b.build(out, output=tmp_path / "talk.pptx")
    return yaml.safe_load(out.read_text(encoding="utf-8")), err, open_deck(result.path)


def texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


# --- Marp ---------------------------------------------------------------------------------------


def test_marp_cli_s_demo(tmp_path):
    data, err, prs = imported(tmp_path, "marp/demo.md")
    deck, slides = data["deck"], data["slides"]
    assert deck["title"] == "Hello, I'm Marp CLI!"
    assert deck["subtitle"] == "Write and convert your presentation deck with just a plain Markdown!"
    assert slides[0] == {"kind": "title", "notes": "You can also write down presenter notes in HTML comments."}
    assert slides[1] == {"kind": "bullets", "title": "Watch and preview", "bullets": ["Marp CLI is supported watch mode and preview window."]}
    # `# <!--fit--> :+1:`: the fitting comment goes, the shortcode is the emoji Marp draws
    assert slides[2] == {"kind": "section", "title": "\N{THUMBS UP SIGN}"}
    assert "demo.md:13: slide 2: directive `backgroundColor: beige`: deckgen has no such setting; not mapped" in err
    assert "demo.md:22: slide 3: an HTML comment '<!--fit-->'" in err
    assert "front matter `theme: uncover`" in err
    assert deck["footer"] is False  # no `paginate`
    assert len(prs.slides) == 3
    assert prs.slides[2].shapes.title.text == "\N{THUMBS UP SIGN}"


def test_marp_s_what_is_marp_deck(tmp_path):
    data, err, prs = imported(tmp_path, "marp/whats-marp.md")
    deck, slides = data["deck"], data["slides"]
    assert deck["title"] == "**Marp**" and deck["subtitle"] == "Markdown Presentation Ecosystem · https://marp.app/"
    assert [s["kind"] for s in slides] == ["title", "code"]
    code = slides[1]
    assert code["title"] == "What's Marp?" and code["language"] == "markdown"
    assert code["code"] == "# Slide 1\n\nfoo\n\n---\n\n# Slide 2\n\nbar\n"
    assert code["caption"] == "Marp provides a great experience for _writing_ presentations with Markdown. \N{MEMO}"
    # the logo is an SVG at the web site's root: said, and the slide keeps its text
    assert "whats-marp.md:6: slide 1: picture size w:240" in err
    assert "picture '/assets/marp-logo.svg' must be a path relative to the outline's folder" in err
    # `<!-- paginate: true -->` on slide 2: the deck is numbered
    assert "footer" not in deck and "slide 2: `paginate: true` from this slide on" in err
    assert prs.slides[0].shapes.title.text == "Marp"
    assert "https://marp.app/" in texts(prs.slides[0])


def test_marp_s_heading_divider_sample(tmp_path):
    """No `marp: true` (Marp's site renders it as Marp): its `headingDivider` directive says so,
    and splits the slides at headings of level 1 and 2."""
    data, err, prs = imported(tmp_path, "marp/heading-divider.md")
    deck, slides = data["deck"], data["slides"]
    assert deck["title"] == "Markdown document" and deck["subtitle"] == "The article of Markdown"
    assert [s["kind"] for s in slides] == ["title", "quote", "bullets"]
    assert slides[1] == {
        "kind": "quote", "title": "What is Markdown?",
        "quote": "Markdown is a lightweight markup language for creating formatted text using a plain-text editor.",
        "attribution": "https://en.wikipedia.org/wiki/Markdown",
    }
    # the level-3 headings inside the slide head the text under them
    assert slides[2] == {"kind": "bullets", "title": "History", "bullets": [
        {"text": "Origin", "bullets": ["Markdown was created by John Gruber in 2004.", "https://daringfireball.net/projects/markdown/"]},
        {"text": "Standardization", "bullets": ["CommonMark is a project for a standardization of Markdown launched in 2012."]},
    ]}
    assert "headingDivider" not in err and "not mapped" not in err, err
    assert len(prs.slides) == 3


def test_marp_s_takahashi_sample(tmp_path):
    data, err, prs = imported(tmp_path, "marp/takahashi.md")
    assert data["deck"]["title"] == "Takahashi-style presentation"  # `<br />` is a space
    assert data["slides"] == [{"kind": "title"}, {"kind": "section", "title": "Feature"}, {"kind": "section", "title": "Huge text"}, {"kind": "section", "title": "A few words"}]
    assert err.count("an HTML comment '<!--fit-->'") == 4
    assert "front matter `headingDivider" not in err
    assert [s.shapes.title.text for s in prs.slides] == ["Takahashi-style presentation", "Feature", "Huge text", "A few words"]


# --- Slidev -------------------------------------------------------------------------------------


def test_slidev_s_starter_deck(tmp_path):
    data, err, prs = imported(tmp_path, "slidev/slides.md")
    deck, slides = data["deck"], data["slides"]
    assert deck["title"] == "Welcome to Slidev" and deck["subtitle"] == "Presentation slides for developers"
    assert deck["duration"] == 35  # `duration: 35min`
    assert [s.get("title") for s in slides] == [
        None, "What is Slidev?", "Navigation", "Table of contents", "Code", "Shiki Magic Move", "Components", "Themes",
        "Clicks Animations", "Motions", "LaTeX", "Diagrams", "Draggable Elements", "Imported Slides", "Monaco Editor", "Learn More",
    ]
    assert [s["kind"] for s in slides] == ["title", "bullets", "table"] + ["code"] * 7 + ["bullets"] + ["code"] * 4 + ["bullets"]
    # notes: a slide's last comment (Slidev's rule), written as they are
    assert slides[0]["notes"].startswith("The last comment block of each slide will be treated as slide notes.")
    assert slides[1]["notes"] == "Here is another comment."
    assert slides[4]["notes"].startswith("Notes can also sync with clicks\n\n[click] This will be highlighted after the first click")
    # bold, links and emoji come over as markup; `<br>` after the list is said
    assert slides[1]["bullets"][1] == "\N{MEMO} **Text-based** - focus on the content with Markdown, and then style them later"
    assert slides[1]["bullets"][-1] == "Read more about [Why Slidev?](https://sli.dev/guide/why)"
    # the key table: its header row is empty, so its first row heads it; <kbd> keys keep their text
    assert slides[2]["columns"] == ["right / space", "next animation or slide"]
    assert slides[2]["rows"][0] == ["left / shift space", "previous animation or slide"]
    # two columns, the right one a Vue component: the slide is the left one's code and text
    assert slides[3]["code"] == '<Toc minDepth="1" maxDepth="1" />\n' and slides[3]["language"] == "html"
    # `layout: image-right` with a picture on the web: the code stays; its click steps are said
    code = slides[4]
    assert code["language"] == "typescript" and code["code"].startswith("// TwoSlash enables TypeScript hover information\n")
    assert code["caption"] == "Use code snippets and get the highlighting directly, and even types hover!" and "highlight" not in code
    assert "slide 5: highlight steps `{all|4|6|6-7|9|all}`" in err and "slide 5: the file name `[filename-example.ts]`" in err
    assert "slide 5: a paragraph '<<< @/snippets/external.ts#snippet' beside the slide's fence: not mapped" in err
    assert "slide 5: picture 'https://cover.sli.dev' is on the web" in err
    # the magic move ends on its fourth block, a Vue component
    assert slides[5]["language"] == "vue" and slides[5]["code"].startswith("<!-- step 4 -->\n<script setup>")
    assert "slide 6: a magic move through 4 code blocks" in err
    # `$\LaTeX$` is the name; other TeX is said
    assert slides[10]["bullets"][0] == "LaTeX is supported out-of-box. Powered by [KaTeX](https://katex.org/)."
    assert "slide 11: a TeX math block 'Block $$ {1|3|all}" in err and not any("$$" in str(b) for b in slides[10]["bullets"])
    assert "slide 12: language 'mermaid' unknown to Pygments" in err
    # `src: ./pages/imported-slides.md` brings that file's slide in, in place
    assert slides[13]["language"] == "markdown" and slides[13]["code"].startswith("# Page 1\n")
    assert "imported-slides.md:21: slide 14: a code block of 3 lines beside the slide's fence: not mapped" in err
    assert "slide 15: a live editor (`{monaco}`)" in err
    # Vue components and styles are HTML deckgen does not draw: each is said, located
    assert "slides.md:73: slide 2: HTML '<style>" in err and "slides.md:289: slide 7: HTML '<Tweet" in err
    assert "front matter `info` (the deck's description, 4 lines of Markdown): not mapped" in err
    assert len(prs.slides) == 16
    assert prs.slides[4].shapes.title.text == "Code" and "const doubled = computed(() => count.value * 2)" in texts(prs.slides[4])


def test_slidev_s_theme_example(tmp_path):
    data, err, prs = imported(tmp_path, "slidev/theme-example.md")
    slides = data["slides"]
    assert data["deck"]["title"] == "Slidev Theme Starter"
    assert [s["kind"] for s in slides] == ["title", "bullets", "table", "code", "bullets"]
    assert slides[2]["columns"] == ["space / tab / right", "next animation or slide"]
    assert slides[3]["code"].startswith("interface User {\n  id: number\n") and slides[3]["language"] == "typescript"
    assert slides[4]["bullets"] == ["[Documentation](https://sli.dev) / [GitHub Repo](https://github.com/slidevjs/slidev)"]
    assert "theme-example.md:51: slide 4: picture 'https://cover.sli.dev' is on the web" in err
    assert "directive `image:" not in err  # said once, as the picture
    assert len(prs.slides) == 5


def test_a_slidev_src_that_brings_itself_in_is_said_not_followed(tmp_path):
    (tmp_path / "a.md").write_text("---\ntheme: default\n---\n\n# A\n\n- one\n\n---\nsrc: ./b.md\n---\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n- two\n\n---\nsrc: ./a.md\n---\n", encoding="utf-8")
    data, err, prs = imported(tmp_path, "a.md", folder=tmp_path)
    assert [s.get("title") for s in data["slides"]] == ["A", "B"]
    assert "`src: ./a.md` brings in a file that brings this one in" in err


# --- Pandoc -------------------------------------------------------------------------------------


def habits_with_its_picture(tmp_path: Path) -> Path:
    """The habits sample beside the picture it names, which Pandoc's repository does not hold."""
    source = DATA / "pandoc" / "habits.md"
    if not source.exists():
        pytest.skip("the Pandoc samples are not in this copy of the tests")
    folder = tmp_path / "src"
    (folder / "images").mkdir(parents=True)
    shutil.copy(source, folder / "habits.md")
    Image.new("RGB", (320, 240), (230, 200, 90)).save(folder / "images" / "spaghetti.jpg")
    return folder


def test_pandoc_s_habits(tmp_path):
    data, err, prs = imported(tmp_path, "habits.md", folder=habits_with_its_picture(tmp_path))
    deck, slides = data["deck"], data["slides"]
    # the `%` title block: title, author, date
    assert deck == {"title": "Habits", "speaker": "John Doe", "date": "March 22, 2005"}
    # slide level 2: level-1 headings are section slides; `----` starts an untitled slide
    assert slides == [
        {"kind": "title"},
        {"kind": "section", "title": "In the morning"},
        {"kind": "bullets", "title": "Getting up", "bullets": ["Turn off alarm", "Get out of bed"]},
        {"kind": "bullets", "title": "Breakfast", "bullets": ["Eat eggs", "Drink coffee"]},
        {"kind": "section", "title": "In the evening"},
        {"kind": "bullets", "title": "Dinner", "bullets": ["Eat spaghetti", "Drink wine"]},
        {"kind": "image", "title": "Dinner", "image": "spaghetti.jpg", "alt": "picture of spaghetti"},
        {"kind": "bullets", "title": "Going to sleep", "bullets": ["Get in bed", "Count sheep"]},
    ]
    assert "habits.md:24: slide 7: the slide has no heading: titled 'Dinner', as the slide before" in err
    assert "not mapped" not in err, err
    assert len(prs.slides) == 8
    assert prs.slides[0].shapes.title.text == "Habits" and "John Doe" in texts(prs.slides[0])
    assert any(s.shape_type == 13 for s in prs.slides[6].shapes)  # the picture


def test_pandoc_s_habits_without_its_picture_says_so(tmp_path):
    data, err, prs = imported(tmp_path, "pandoc/habits.md")
    assert [s.get("title") for s in data["slides"]] == [None, "In the morning", "Getting up", "Breakfast", "In the evening", "Dinner", "Going to sleep"]
    assert "habits.md:24: slide 7: picture 'images/spaghetti.jpg' does not exist in the outline's folder: not mapped" in err
    assert "habits.md:24: slide 7: an empty slide: left out" in err


def test_pandoc_s_manual_examples(tmp_path):
    data, err, prs = imported(tmp_path, "pandoc/manual-examples.md")
    deck, slides = data["deck"], data["slides"]
    assert deck == {"title": "My Presentation", "speaker": "Jane Doe"}
    # the `notes:` metadata are the title slide's notes
    assert slides[0] == {"kind": "title", "notes": "Welcome everyone to this presentation.\n\nRemember to introduce yourself and mention the key topics."}
    eat = ["Eat spaghetti", "Drink wine"]
    assert slides[1] == {"kind": "bullets", "title": "Incremental lists", "bullets": eat, "reveal": True}
    assert slides[2] == {"kind": "bullets", "title": "Nonincremental lists", "bullets": eat}
    assert slides[3] == {"kind": "bullets", "title": "Incremental lists in a block quote", "bullets": eat, "reveal": True}
    # a list in a fenced div in a block quote: shown all at once (the manual's workaround)
    assert slides[4] == {"kind": "bullets", "title": "A block-quoted list", "bullets": ["a", "list in a quote"]}
    assert slides[5] == {"kind": "bullets", "title": "Slide with a pause", "bullets": ["content before the pause", "content after the pause"], "reveal": True}
    assert slides[6] == {"kind": "section", "title": "Speaker notes", "notes": "This is my note.\n\n- It can contain Markdown\n- like this list"}
    assert slides[7] == {"kind": "columns", "title": "Columns", "columns": [{"heading": "contents..."}, {"heading": "contents..."}]}
    assert [s["title"] for s in slides[8:]] == ["Fragile slide", "References", "Heading"]
    assert "manual-examples.md:70: slide 9: heading attributes `{.fragile}`" in err
    assert "slide 11: heading attributes `{frameoptions=\"squeeze,shrink,customoption=foobar\"}`" in err
    assert "front matter `notes" not in err
    assert len(prs.slides) == 11
    assert "Remember to introduce yourself" in prs.slides[0].notes_slide.notes_text_frame.text
    assert "This is my note." in prs.slides[6].notes_slide.notes_text_frame.text
    assert "{" not in "".join(s.shapes.title.text for s in list(prs.slides)[8:])


def test_pandoc_s_background_example(tmp_path):
    data, err, prs = imported(tmp_path, "pandoc/background.md")
    slides = data["slides"]
    assert data["deck"] == {"title": "My Slide Show"}
    assert slides[1] == {"kind": "section", "title": "Slide One", "subtitle": "Slide 1 has background_image.png as its background."}
    # `## {background-image=…}`: a heading of attributes only is no title
    assert slides[2]["title"] == "Slide One" and slides[2]["bullets"] == ["Slide 2 has a special image for its background, even though the heading has no content."]
    assert "background.md:13: slide 3: heading attributes `{background-image=\"/path/to/special_image.jpg\"}`" in err
    assert "front matter `parallaxBackgroundImage" in err and "front matter `title-slide-attributes" in err
    assert len(prs.slides) == 3
