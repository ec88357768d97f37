"""Click-by-click builds: `reveal: true` writes PowerPoint entrance effects that survive a LibreOffice re-save."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from conftest import MINIMAL_DECK, notes

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
REVEAL = MINIMAL_DECK + """\
pyramid: {layers: [{id: a, label: Base}, {id: b, label: Top}]}
slides:
  - kind: bullets
    title: One at a time
    reveal: true
    bullets:
      - First point
      - text: Second point
        bullets: [its detail, another detail]
      - Third point
  - kind: columns
    title: Before and after
    reveal: true
    columns:
      - {heading: Before, bullets: [slow]}
      - {heading: After, language: bash, code: "deckgen build"}
  - {kind: layer, layer: b, reveal: true, bullets: [one, two]}
  - {kind: bullets, title: All at once, bullets: [x, y]}
"""


def effects(slide) -> list[list[tuple[int, tuple[str, str] | None]]]:
    """Return each click's targets: (shape id, paragraph range or None)."""
    return timing_effects(slide._element.find(f"{P}timing"))


def timing_effects(timing) -> list[list[tuple[int, tuple[str, str] | None]]]:
    """Return each click's targets in a p:timing element: (shape id, paragraph range or None)."""
    if timing is None:
        return []
    clicks = []
    for effect in timing.iter(f"{P}cTn"):
        if effect.get("nodeType") == "clickEffect":
            clicks.append([])
        if effect.get("presetClass") == "entr":
            target = next(effect.iter(f"{P}spTgt"))
            rng = target.find(f"{P}txEl/{P}pRg")
            clicks[-1].append((int(target.get("spid")), (rng.get("st"), rng.get("end")) if rng is not None else None))
    return clicks


def test_bullets_build_one_top_level_bullet_per_click(build_outline):
    prs, _ = build_outline(REVEAL)
    slide = prs.slides[0]
    body = slide.placeholders[1]
    # one effect per paragraph, as PowerPoint writes them: the sub-bullets "with previous"
    assert effects(slide) == [
        [(body.shape_id, ("0", "0"))],
        [(body.shape_id, ("1", "1")), (body.shape_id, ("2", "2")), (body.shape_id, ("3", "3"))],
        [(body.shape_id, ("4", "4"))],
    ]
    kinds = [c.get("nodeType") for c in slide._element.iter(f"{P}cTn") if c.get("presetClass") == "entr"]
    assert kinds == ["clickEffect", "clickEffect", "withEffect", "withEffect", "clickEffect"]
    assert [(b.get("spid"), b.get("build")) for b in slide._element.find(f"{P}timing/{P}bldLst")] == [(str(body.shape_id), "p")]
    assert notes(slide).splitlines()[0].endswith("3 clicks")
    assert effects(prs.slides[3]) == [] and "click" not in notes(prs.slides[3]).splitlines()[0]


def test_columns_build_one_column_per_click_and_layer_bullets_beside_the_pyramid(build_outline):
    prs, _ = build_outline(REVEAL)
    columns = effects(prs.slides[1])
    assert [len(step) for step in columns] == [3, 4]  # heading, rule, bullets | heading, rule, code panel, code
    ids = {shape.shape_id for shape in prs.slides[1].shapes}
    assert all(spid in ids and rng is None for step in columns for spid, rng in step)
    layer = effects(prs.slides[2])
    assert [[rng for _, rng in step] for step in layer] == [[("0", "0")], [("1", "1")]]
    assert notes(prs.slides[2]).splitlines()[0].endswith("2 clicks")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by .ci/run")
def test_builds_survive_a_libreoffice_resave(build_outline, tmp_path):
    _, result = build_outline(REVEAL)
    out = tmp_path / "resaved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pptx", "--outdir", str(out), str(result.path)], check=True, capture_output=True, timeout=240)
    with zipfile.ZipFile(out / result.path.name) as resaved:
        slide1 = resaved.read("ppt/slides/slide1.xml")
        slide2 = resaved.read("ppt/slides/slide2.xml").decode()
    # every paragraph still has its own effect in its click: the sub-bullets stay hidden
    # until their parent's click, and none shows from the start
    timing = etree.fromstring(slide1).find(f"{P}timing")
    assert [[rng for _, rng in click] for click in timing_effects(timing)] == [[("0", "0")], [("1", "1"), ("2", "2"), ("3", "3")], [("4", "4")]]
    assert slide2.count('nodeType="clickEffect"') == 2


def test_a_chart_builds_one_series_per_click(build_outline, tmp_path):
    (tmp_path / "lat.csv").write_text("P,Before,After,Target\np50,120,80,70\np95,340,150,100\n")
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: chart, title: L, data: lat.csv, reveal: true}\n")
    slide = prs.slides[0]
    timing = slide._element.find(f"{P}timing")
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    steps = [(c.get("seriesIdx"), c.get("bldStep")) for c in timing.iter(f"{A}chart")]
    assert steps == [("-3", "gridLegend"), ("0", "series"), ("1", "series"), ("2", "series")]
    assert len(effects(slide)) == 3  # the axes and legend come with the first series
    assert timing.find(f"{P}bldLst/{P}bldGraphic/{P}bldSub/{A}bldChart").get("bld") == "series"
    assert notes(slide).splitlines()[0].endswith("3 clicks")


def test_a_pyramid_of_shapes_builds_band_by_band_from_the_bottom_then_its_bullets(build_outline):
    outline = MINIMAL_DECK + """\
pyramid: {layers: [{id: a, label: Base, detail: chips}, {id: b, label: Middle}, {id: c, label: Top, detail: apps}]}
slides:
  - {kind: pyramid, title: P, render: shapes, reveal: true, bullets: [one, two]}
  - {kind: pyramid, title: Q, reveal: true}
"""
    prs, _ = build_outline(outline)
    slide = prs.slides[0]
    steps = effects(slide)
    groups = {shape.shape_id: shape for shape in slide.shapes if shape.shape_type == 6}  # groups
    bands = [step[0][0] for step in steps[:3]]
    assert [groups[spid].name for spid in bands] == ["Pyramid band 1: Base", "Pyramid band 2: Middle", "Pyramid band 3: Top"]
    assert len(groups[bands[0]].shapes) == 4 and len(groups[bands[1]].shapes) == 2  # band, label (+ leader, detail)
    assert [rng for step in steps[3:] for _, rng in step] == [("0", "0"), ("1", "1")]
    assert notes(slide).splitlines()[0].endswith("5 clicks")
    assert effects(prs.slides[1]) == []  # a picture pyramid with nothing beside it has nothing to build


def test_every_build_is_one_effect_per_paragraph_and_lists_its_shapes(build_outline):
    import openxml_audit

    prs, result = build_outline(REVEAL)
    checked = 0
    for slide in prs.slides:
        timing = slide._element.find(f"{P}timing")
        if timing is None:
            continue
        ranges = [(r.get("st"), r.get("end")) for r in timing.iter(f"{P}pRg")]
        assert all(st == end for st, end in ranges), ranges
        animated = {t.get("spid") for t in timing.iter(f"{P}spTgt")}
        text_shapes = {str(s.shape_id) for s in slide.shapes if s._element.tag == f"{P}sp"}
        assert animated & text_shapes <= {b.get("spid") for b in timing.iter(f"{P}bldP")}
        checked += 1
    assert checked == 3
    audit = openxml_audit.validate_pptx(result.path)
    assert audit.is_valid, [e.description for e in audit.errors][:5]
