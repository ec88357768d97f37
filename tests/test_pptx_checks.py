"""The package checker itself: it must catch what it claims to, or every green deck means nothing."""

from __future__ import annotations

import zipfile

import pytest

from pptx_checks import check_package


def rewrite(source, target, edit):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            blob = src.read(name)
            result = edit(name, blob)
            if result is not None:
                out.writestr(name, result)


@pytest.mark.parametrize(
    "edit,expected",
    [
        (lambda n, b: b.replace(b"<p:spTree>", b"<p:spTree><p:bogus/>", 1) if n == "ppt/slides/slide2.xml" else b, "bogus"),
        (lambda n, b: b.replace(b'r:embed="rId', b'r:embed="rIdX', 1) if n == "ppt/slides/slide8.xml" else b, "has no relationship"),
        (lambda n, b: None if n == "ppt/media/image1.png" else b, "targets missing part"),
        (lambda n, b: b.replace(b'id="3"', b'id="2"', 1) if n == "ppt/slides/slide4.xml" else b, "duplicate shape ids"),
        (lambda n, b: b.replace(b'<Default Extension="png" ContentType="image/png"/>', b"") if n == "[Content_Types].xml" else b, "no content type"),
        (lambda n, b: b.replace(b'<p:sldId id="256"', b'<p:sldId id="12"', 1) if n == "ppt/presentation.xml" else b, "out of range"),
    ],
    ids=["schema", "dangling-rid", "missing-target", "duplicate-shape-id", "content-type", "slide-id-range"],
)
def test_the_checker_catches_corruption(default_deck, tmp_path, edit, expected):
    _, path = default_deck
    broken = tmp_path / "broken.pptx"
    rewrite(path, broken, edit)
    problems = check_package(broken)
    assert any(expected in p for p in problems), problems


def test_the_checker_reads_alternate_content_through_its_fallback(build_outline, tmp_path):
    from conftest import MINIMAL_DECK

    _, result = build_outline(MINIMAL_DECK + "  transition: push\nslides:\n  - {kind: bullets, title: A, bullets: [a]}\n")
    assert check_package(result.path) == []
    slide = "ppt/slides/slide1.xml"
    for edit, expected in (
        (lambda b: b.replace(b'<mc:Fallback><p:transition spd="med"><p:push dir="l"/>', b'<mc:Fallback><p:transition spd="med"><p:bogus/>'), "bogus"),
    ):
        broken = tmp_path / "broken.pptx"
        rewrite(result.path, broken, lambda n, b: edit(b) if n == slide else b)
        problems = check_package(broken)
        assert any(expected in p for p in problems), problems
