"""The talk's language: every run tagged (spelling is checked in it), deckgen's own words in it,
its dates and quotation marks, right-to-left paragraphs, CJK line breaks, every script drawn."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import PYRAMID
from deckgen import pipeline as b
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
    # with its region, as PowerPoint tags runs: LibreOffice picks fonts by it
    assert all(found == {"de-DE"} for name, found in tags.items() if found), tags
    assert prs.core_properties.language == "de"
    with zipfile.ZipFile(result.path) as z:
        assert 'type="slidenum"><a:rPr sz="1200" lang="de-DE"' in z.read("ppt/slides/slide2.xml").decode()


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


GERMAN_TALK = """\
deck: {title: "Die vier Schichten", speaker: Ada, language: de, date: "2026-12-03", event: {name: Treffen}, duration: 20}
slides:
  - {kind: title}
  - {kind: agenda}
  - {kind: section, title: Warum Schichten?}
  - {kind: bullets, title: Fragen, bullets: [Was zuerst?], reveal: true, notes: Erste Frage.}
  - {kind: quote, quote: Zerlege das Problem in seine kleinsten Teile}
  - {kind: section, title: Die Schichten}
  - {kind: closing, qr: https://example.org}
"""


def test_a_german_deck_speaks_german(build_outline, tmp_path):
    from click.testing import CliRunner

    from conftest import notes, texts
    from deckgen.cli import main

    prs, result = build_outline(GERMAN_TALK)
    slides = [texts(s) for s in prs.slides]
    assert "Treffen · 3. Dezember 2026" in slides[0]  # the date in German's long form (CLDR)
    assert slides[1][0] == "Agenda"
    assert "Teil 1 von 2" in slides[2]
    assert any(t == "„Zerlege das Problem in seine kleinsten Teile“" for t in slides[4])  # German quotation marks
    assert slides[6][0] == "Fragen?" and "Zum Link scannen" in slides[6]
    qr = next(s for s in prs.slides[6].shapes if s.name == "QR code")
    assert qr._element.xpath("./*[1]/p:cNvPr")[0].get("descr") == "QR-Code mit Link zu https://example.org"
    assert notes(prs.slides[3]).startswith("[") and "] Folie 4 von 7, 30 s, 1 Klick" in notes(prs.slides[3]).splitlines()[0]
    script = tmp_path / "script.md"
    outline = tmp_path / "talk.yaml"
    assert CliRunner().invoke(main, ["notes", str(outline), "-o", str(script)]).exit_code == 0
    text = script.read_text()
    assert text.startswith("# Die vier Schichten: Sprechertext\n") and "Zeitfenster 20 min" in text and "_(keine Notizen)_" in text


def test_each_shipped_language_has_every_word_and_keeps_its_names():
    from deckgen.words import LOCALE_DIR, PLURALS, WORDS, Words, catalogue, placeholders

    languages = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "deckgen.po").is_file())
    assert languages == ["ar", "de", "es", "fr", "he", "ja", "pt_BR", "zh", "zh_TW"]
    for tag in ("ar", "de", "es", "fr", "he", "ja", "pt-BR", "zh", "zh-TW"):
        words = Words(tag)
        for key, english in WORDS.items():
            if key in PLURALS.values():
                continue
            if key in PLURALS:
                one, many = words.counted(key, 1), words.counted(key, 5)
                assert one.startswith("1 ") and many.startswith("5 ") and one[2:] != "click", (tag, one, many)
                continue
            translated = words(key)
            assert placeholders(translated) == placeholders(english), (tag, key)
            if key not in ("agenda", "seconds", "minutes", "minutes_seconds"):  # the same word in some languages
                assert translated != english or tag == "pt-BR" and key == "agenda", (tag, key)
        assert catalogue(tag).gettext("Scan for the link") != "Scan for the link"
    assert Words("fr").counted("click", 1) == "1 clic" and Words("fr").counted("click", 2) == "2 clics"
    assert Words("ja").counted("click", 3) == "3 クリック"
    assert Words("pt")("questions") == "Perguntas?"  # Portuguese without a region is Brazil's, as in CLDR
    # Chinese in Traditional characters never takes the Simplified words, whichever way it is tagged
    assert Words("zh")("questions") == "有问题吗？" and Words("zh-CN")("agenda") == "议程"
    assert {Words(t)("questions") for t in ("zh-TW", "zh-Hant", "zh-HK", "zh-Hant-MO")} == {"有問題嗎？"}
    assert Words("ar")("questions") == "أسئلة؟" and Words("ar").counted("click", 3) == "3 نقرات"
    assert Words("he")("agenda") == "סדר היום" and Words("he").counted("click", 2) == "2 לחיצות" and Words("he-IL")("questions") == "שאלות?"


def test_other_languages_fall_back_to_english_with_their_own_dates_and_quotes():
    from deckgen.words import Words

    italian = Words("it")
    assert italian("scan") == "Scan for the link" and italian("part", number=1, total=2) == "Part 1 of 2"
    assert italian.date("2026-12-03") == "3 dicembre 2026" and italian.quoted("x") == "«x»"
    assert Words("ja").date("2026-12-03") == "2026年12月3日" and Words("ja").quoted("x") == "「x」"
    assert Words("en-US").date("Thursday evening") == "Thursday evening"  # not a date: shown as typed
    assert Words("ar").rtl and not Words("de").rtl


def test_strings_override_any_word_and_are_checked(build_outline, write_outline):
    from click.testing import CliRunner

    from conftest import texts
    from deckgen.cli import main

    prs, _ = build_outline(GERMAN_TALK + 'strings: {part: "Kapitel {number}/{total}", questions: "Danke!"}\n')
    assert "Kapitel 1/2" in texts(prs.slides[2])
    assert texts(prs.slides[6])[0] == "Danke!"
    outline = write_outline(GERMAN_TALK + 'strings: {part: "Teil {nummer}", scna: x}\n')
    result = CliRunner().invoke(main, ["check", str(outline)])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"{outline}:10:17: strings.part: may use {{number}}, {{total}}; {{nummer}} is not one",
        f"{outline}:10:34: strings.scna: unknown key 'scna' (did you mean 'scan'?)",
    ]


A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

JAPANESE = """\
deck: {title: 生成AIの4つのレイヤー, speaker: 山田 花子, language: ja, date: "2026-12-03", event: {name: クラウド勉強会}}
slides:
  - {kind: title}
  - kind: bullets
    title: よくある質問
    bullets:
      - 生成AIは今、ハイプ・サイクルの頂点にあり、多くの人が何から学べばよいのか迷っています。
      - 上のレイヤーほど参入障壁は低く、アプリケーション層は最も始めやすい場所です。
  - {kind: quote, quote: 問題を最小の単位に分解する}
  - {kind: closing}
"""


def test_a_japanese_deck_breaks_lines_inside_cjk_text_and_asks_for_an_east_asian_font(build_outline):
    from conftest import texts
    from deckgen.text import block_height, rich, text_width, wrap

    prs, _ = build_outline(JAPANESE)
    bullets = next(s for s in prs.slides[1].placeholders if s.placeholder_format.idx == 1)
    size = bullets.text_frame.paragraphs[0].runs[0].font.size.pt
    # the sentence, with no space in it, is set large: it wraps between characters where
    # Unicode allows, rather than shrinking until it stands on one line
    assert size >= 24
    sentence = "生成AIは今、ハイプ・サイクルの頂点にあり、多くの人が何から学べばよいのか迷っています。"
    lines = wrap(sentence, lambda t, s: text_width(t, s), 28, 6.0)
    assert len(lines) > 1 and "".join(lines) == sentence
    assert not any(line.startswith(("、", "。", "ー")) for line in lines[1:])  # no line starts with them
    assert block_height([rich(sentence, (0, 0, 0))], 28, 6.0) < float("inf")
    runs = [r for s in prs.slides for shape in s.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    east_asian = [r._r.find(f"{A_NS}rPr/{A_NS}ea") for r in runs if not r.text.isascii()]
    assert east_asian and all(ea is not None and ea.get("typeface") == "Yu Gothic" for ea in east_asian)
    assert "クラウド勉強会 · 2026年12月3日" in texts(prs.slides[0])
    assert "「問題を最小の単位に分解する」" in texts(prs.slides[2])
    assert texts(prs.slides[3])[0] == "ご質問はありますか？"


ARABIC = """\
deck: {title: الطبقات الأربع, speaker: أحمد, language: ar}
pyramid:
  layers:
    - {id: hw, label: العتاد, detail: "رقائق NVIDIA و AMD"}
    - {id: models, label: النماذج, detail: نماذج لغوية كبيرة}
    - {id: app, label: التطبيقات, detail: روبوتات المحادثة}
slides:
  - kind: bullets
    title: أسئلة شائعة
    bullets: [ماذا أتعلم أولاً؟, {text: كيف أبدأ؟, bullets: [خطوة صغيرة كل أسبوع]}]
  - {kind: pyramid, title: الطبقات الأربع}
  - {kind: closing, title: شكراً, qr: "https://example.org"}
"""


def test_an_arabic_deck_is_right_to_left_and_its_pyramid_draws_arabic(build_outline):
    from deckgen import fonts
    from deckgen.diagrams.spec import undrawable
    from deckgen.kinds import pictured

    prs, result = build_outline(ARABIC)
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                if p.runs and any("\u0600" <= c <= "\u06ff" for c in "".join(r.text for r in p.runs)):
                    ppr = p._p.find(f"{A_NS}pPr")
                    # right to left, set at the right; the QR code's label centred under the code
                    centred = p.text == "امسح الرمز لفتح الرابط"
                    assert ppr is not None and ppr.get("rtl") == "1" and ppr.get("algn") == ("ctr" if centred else "r"), p.text
                    assert all(r._r.find(f"{A_NS}rPr/{A_NS}cs") is not None for r in p.runs if not r.text.isascii())
    if fonts.covering("العتاد") is None:
        pytest.skip("no font with Arabic glyphs is installed here")
    loaded = b.load(result.path.parent.parent / "talk.yaml")
    spec = loaded.diagrams[1]
    assert spec.detail_side == "left"  # the right-to-left pyramid's details stand on the mirrored side
    assert undrawable(spec) == [] and 1 in pictured(loaded.deck, loaded.diagrams)  # drawn as a picture, no boxes
    assert not [w for w in result.warnings if "no font" in w]


def test_an_arabic_table_reads_from_the_right_and_imports_in_its_order(build_outline, tmp_path):
    from click.testing import CliRunner
    import yaml

    from deckgen.cli import main

    prs, result = build_outline(
        "deck: {title: نماذج, language: ar}\n"
        "slides:\n"
        "  - kind: table\n    title: نماذج الخدمة\n"
        "    columns: [النموذج, من يدير الخوادم, السعر]\n"
        "    rows: [[IaaS, أنت, 10], [SaaS, المزود, 30]]\n"
    )
    frame = next(s for s in prs.slides[0].shapes if s.has_table)
    header = [c.text for c in frame.table.rows[0].cells]
    # drawn in the order it reads in every client: the first column at the right
    assert header == ["السعر", "من يدير الخوادم", "النموذج"]
    assert [c.text for c in frame.table.rows[1].cells] == ["10", "أنت", "IaaS"]
    # the model column (the first one, bold) keeps its emphasis where it now stands
    assert all(r.font.bold for r in frame.table.cell(1, 2).text_frame.paragraphs[0].runs)
    assert not any(r.font.bold for r in frame.table.cell(1, 1).text_frame.paragraphs[0].runs)
    outline = tmp_path / "back" / "talk.yaml"
    outline.parent.mkdir()
    code = CliRunner().invoke(main, ["import", str(result.path), "-o", str(outline)]).exit_code
    assert code == 0
    table = yaml.safe_load(outline.read_text(encoding="utf-8"))["slides"][0]
    assert table["columns"] == ["النموذج", "من يدير الخوادم", "السعر"]
    assert table["rows"] == [["IaaS", "أنت", "10"], ["SaaS", "المزود", "30"]]


def test_an_arabic_talks_columns_read_from_the_right_and_import_in_their_order(build_outline, tmp_path):
    from click.testing import CliRunner
    import yaml

    from deckgen.cli import main

    prs, result = build_outline(
        "deck: {title: قبل وبعد, language: ar}\n"
        "slides:\n"
        "  - kind: columns\n    title: قبل وبعد\n    columns:\n"
        "      - {heading: قبل, bullets: [خوادم يدوية]}\n"
        "      - {heading: بعد, bullets: [منصة مُدارة]}\n"
    )
    lefts = {s.text_frame.text: s.left for s in prs.slides[0].shapes if s.has_text_frame and s.text_frame.text in ("قبل", "بعد")}
    assert lefts["قبل"] > lefts["بعد"]  # the first column stands at the right
    outline = tmp_path / "back" / "talk.yaml"
    outline.parent.mkdir()
    assert CliRunner().invoke(main, ["import", str(result.path), "-o", str(outline)]).exit_code == 0
    columns = yaml.safe_load(outline.read_text(encoding="utf-8"))["slides"][0]["columns"]
    assert [c["heading"] for c in columns] == ["قبل", "بعد"]
    assert columns[0]["bullets"] == ["خوادم يدوية"]


def test_a_mixed_script_slide_and_characters_no_font_draws(build_outline):
    prs, result = build_outline(
        "deck: {title: Mixed}\n"
        "slides:\n"
        "  - kind: bullets\n    title: Three scripts\n    bullets:\n"
        "      - \"A private character \\U0010FFFD\"\n"
        "      - English first, then العربية من اليمين\n"
        "      - طبقة التطبيقات هي الأسهل\n"
        "      - 日本語の文は行の途中で折り返せます。\n"
    )
    paragraphs = next(s for s in prs.slides[0].placeholders if s.placeholder_format.idx == 1).text_frame.paragraphs
    directions = [(p._p.find(f"{A_NS}pPr") is not None and p._p.find(f"{A_NS}pPr").get("rtl") == "1") for p in paragraphs]
    assert directions == [False, False, True, False]  # each paragraph by the script it starts in
    lost = [w for w in result.warnings if "no font on this machine draws" in w]
    assert len(lost) == 1 and "U+10FFFD" in lost[0] and "'A private character" in lost[0] and "slides[0]" in lost[0]


@pytest.mark.parametrize("name", ["german", "japanese", "arabic"])
def test_the_documented_language_examples_build(tmp_path, name):
    from pathlib import Path

    from conftest import open_deck

    outline = Path(__file__).resolve().parents[1] / "docs" / "examples" / f"{name}.yaml"
    built = b.build(outline, output=tmp_path / f"{name}.pptx")
    prs = open_deck(built.path)
    assert len(prs.slides) == 7
    language = {"german": "de", "japanese": "ja", "arabic": "ar"}[name]
    assert prs.core_properties.language == language


@pytest.mark.parametrize("tag, written", [("zh", "zh-CN"), ("zh-Hant", "zh-TW"), ("zh-TW", "zh-TW"), ("ar", "ar-EG"), ("ja", "ja-JP"), ("en-GB", "en-GB"), ("es-419", "es-419")])
def test_runs_carry_the_language_with_its_region(tag, written):
    from deckgen.pptx.language import run_tag

    assert run_tag(tag) == written


def test_a_chinese_talk_tags_its_runs_with_a_region(build_outline):
    prs, result = build_outline("deck: {title: 企业采用率, language: zh}\nslides:\n  - {kind: bullets, title: 企业采用率, bullets: [容器编排]}\n")
    assert {t for found in languages(result.path).values() for t in found if t} == {"zh-CN"}
    assert prs.core_properties.language == "zh"
