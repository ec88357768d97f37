"""Pictures as speakers use them, checked in the decks themselves: beside text, in a grid,
cropped around a focal point, full-bleed on a scrim, SVG with its PNG fallback, phone photos
upright, and every picture stored at about the pixels it is shown at."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pptx.util import Emu

from conftest import MINIMAL_DECK, alt_text, pictures, texts
from deckgen import pipeline as b
from deckgen.errors import OutlineError
from deckgen.kinds.pictures import grid, scrim_for
from deckgen.theme import Theme, contrast_ratio

THEME = Theme()
SLIDE_W = 12192000
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"><rect width="400" height="200" fill="#223344"/><circle cx="100" cy="100" r="60" fill="#ff9900"/></svg>'


def picture_file(path, size=(1600, 1200), colour="teal", **save):
    Image.new("RGB", size, colour).save(path, **save)
    return path.name


def inches(emu) -> float:
    return Emu(emu).inches


def box(shape) -> tuple[float, float, float, float]:
    return inches(shape.left), inches(shape.top), inches(shape.width), inches(shape.height)


def disjoint(a, b) -> bool:
    return a[0] + a[2] <= b[0] + 1e-3 or b[0] + b[2] <= a[0] + 1e-3 or a[1] + a[3] <= b[1] + 1e-3 or b[1] + b[3] <= a[1] + 1e-3


def inside_content(a) -> bool:
    left, top, width, height = a
    return left >= THEME.content_left - 0.01 and left + width <= THEME.content_left + THEME.content_width + 0.01 and top >= 1.2 and top + height <= THEME.content_bottom + 0.01


def body_shape(slide):
    return next(s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title and "One point" in s.text_frame.text)


def stored_pixels(prs, shape) -> tuple[int, int]:
    return Image.open(io.BytesIO(shape.image.blob)).size


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_picture_beside_bullets_and_the_bullets_side_by_side_inside_the_content_area(build_outline, tmp_path, side):
    name = picture_file(tmp_path / "shot.png")
    prs, result = build_outline(MINIMAL_DECK + f"slides:\n  - kind: bullets\n    title: Beside\n    bullets: [One point, Two points, Three]\n    image: {name}\n    alt: A teal screenshot\n    side: {side}\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    text = body_shape(slide)
    assert alt_text(pic) == "A teal screenshot"
    assert disjoint(box(pic), box(text))
    assert inside_content(box(pic)) and inside_content(box(text))
    assert (box(pic)[0] < box(text)[0]) == (side == "left")
    assert pic.width / pic.height == pytest.approx(1600 / 1200, rel=0.01)  # contain: never stretched
    sizes = [r.font.size.pt for p in text.text_frame.paragraphs for r in p.runs]
    assert min(sizes) >= 18  # the body floor
    assert not [w for w in result.warnings if "floor" in w]


def test_many_bullets_take_width_from_the_picture_down_to_its_floor(build_outline, tmp_path):
    name = picture_file(tmp_path / "shot.png", (1600, 1600))
    bullets = ", ".join(f"Point number {k} with a few more words to say" for k in range(7))
    prs, _ = build_outline(MINIMAL_DECK + f"slides:\n  - kind: bullets\n    title: Busy\n    bullets: [{bullets}]\n    image: {name}\n    alt: Square\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    body = next(s for s in slide.shapes if s.has_text_frame and "Point number 0" in s.text_frame.text)
    assert disjoint(box(pic), box(body))
    assert box(pic)[2] >= 0.24 * THEME.content_width  # the picture's own floor: a quarter of the width
    assert box(body)[2] > box(pic)[2]


def test_a_picture_beside_code(build_outline, tmp_path):
    name = picture_file(tmp_path / "tall.png", (600, 1200), "purple")
    prs, _ = build_outline(MINIMAL_DECK + f"slides:\n  - kind: code\n    title: Code\n    code: |\n      print('hi')\n    language: python\n    image: {name}\n    alt: Purple\n    side: left\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    code = next(s for s in slide.shapes if s.name == "Code")
    assert disjoint(box(pic), box(code)) and box(pic)[0] < box(code)[0]
    assert inside_content(box(pic)) and inside_content(box(code))


def test_a_picture_needs_its_alt_text_beside_bullets(write_outline, tmp_path):
    picture_file(tmp_path / "shot.png")
    outline = write_outline(MINIMAL_DECK + "slides:\n  - kind: bullets\n    title: B\n    bullets: [x]\n    image: shot.png\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert "alt:" in str(caught.value) and "talk.yaml:6" in str(caught.value)


@pytest.mark.parametrize("sizes,rows", [
    ([(1200, 800), (800, 800), (3000, 1000)], None),
    ([(1200, 800), (800, 1200), (1000, 1000), (1600, 900)], [2, 2]),
    ([(1000, 1000)] * 5, [2, 3]),
    ([(1600, 900)] * 6, None),
])
@pytest.mark.parametrize("fit", ["contain", "cover"])
def test_a_grid_of_pictures_is_disjoint_in_order_and_inside_the_content_area(build_outline, tmp_path, sizes, rows, fit):
    entries = ""
    for k, size in enumerate(sizes):
        picture_file(tmp_path / f"p{k}.png", size, (40 * k, 90, 160))
        entries += f"      - {{image: p{k}.png, alt: Picture {k}, caption: Caption {k}}}\n"
    rows_line = f"    rows: {rows}\n" if rows else ""
    prs, _ = build_outline(MINIMAL_DECK + f"slides:\n  - kind: pictures\n    title: Grid\n    fit: {fit}\n{rows_line}    pictures:\n{entries}")
    slide = prs.slides[0]
    shown = pictures(slide)
    assert [alt_text(p) for p in shown] == [f"Picture {k}" for k in range(len(sizes))]
    captions = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Caption")]
    boxes = [box(s) for s in shown + captions]
    assert all(disjoint(a, c) for i, a in enumerate(boxes) for c in boxes[i + 1 :])
    assert all(inside_content(a) for a in boxes)
    if rows:
        tops = sorted({round(box(p)[1], 2) for p in shown})
        assert [sum(1 for p in shown if round(box(p)[1], 2) == t) for t in tops] == rows
    for p, (w, h) in zip(shown, sizes):
        crop = (p.crop_left, p.crop_top, p.crop_right, p.crop_bottom)
        visible = (w * (1 - crop[0] - crop[2])) / (h * (1 - crop[1] - crop[3]))
        assert p.width / p.height == pytest.approx(visible, rel=0.01)  # never stretched


def test_the_grid_chooses_rows_from_the_pictures_shapes():
    tall = grid([0.5] * 4, (0.6, 1.65, 12.1, 5.1), [False] * 4)
    assert len({round(b[1], 3) for b, _ in tall}) == 1  # four tall pictures: one row
    wide = grid([3.0] * 4, (0.6, 1.65, 12.1, 5.1), [False] * 4)
    assert len({round(b[1], 3) for b, _ in wide}) == 2  # four wide ones: two rows of two


def slide_xml(path, n=1) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"ppt/slides/slide{n}.xml").decode()


@pytest.mark.parametrize("focus,edge", [("top", "t"), ("bottom", "b"), ("left", None), ("0.5,0.5", None)])
def test_cover_crops_with_a_src_rect_that_keeps_the_aspect_ratio(build_outline, tmp_path, focus, edge):
    size = (2000, 3000) if edge else (4000, 1000)
    picture_file(tmp_path / "p.jpg", size, "navy")
    prs, result = build_outline(MINIMAL_DECK + f"slides:\n  - kind: image\n    title: Cover\n    image: p.jpg\n    alt: A\n    fit: cover\n    focus: '{focus}'\n")
    [pic] = pictures(prs.slides[0])
    assert "<a:srcRect" in slide_xml(result.path)
    crop = (pic.crop_left, pic.crop_top, pic.crop_right, pic.crop_bottom)
    visible = size[0] * (1 - crop[0] - crop[2]) / (size[1] * (1 - crop[1] - crop[3]))
    assert pic.width / pic.height == pytest.approx(visible, rel=0.005)
    content = THEME.content_width / (THEME.content_bottom - THEME.content_top)
    assert pic.width / pic.height == pytest.approx(content, rel=0.01)  # it fills the content box
    if edge == "t":
        assert crop[1] == 0 and crop[3] > 0.3
    if edge == "b":
        assert crop[3] == 0 and crop[1] > 0.3
    if focus == "left":
        assert crop[0] == 0 and crop[2] > 0.3
    if focus == "0.5,0.5":
        assert crop[0] == pytest.approx(crop[2])


def test_a_focus_that_is_not_a_point_is_a_located_error(write_outline, tmp_path):
    picture_file(tmp_path / "p.png")
    outline = write_outline(MINIMAL_DECK + "slides:\n  - kind: image\n    title: I\n    image: p.png\n    alt: A\n    fit: cover\n    focus: middle-ish\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert "talk.yaml:11" in str(caught.value) and "focus 'middle-ish'" in str(caught.value)


def test_a_picture_shown_larger_than_its_pixels_allow_is_a_warning_naming_it(build_outline, tmp_path):
    picture_file(tmp_path / "tiny.png", (300, 200))
    picture_file(tmp_path / "big.png", (2400, 1600))
    _, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: image, title: Small, image: tiny.png, alt: A}\n  - {kind: image, title: Big, image: big.png, alt: B}\n")
    blurry = [w for w in result.warnings if "blurry" in w]
    assert len(blurry) == 1 and "'tiny.png'" in blurry[0] and "talk.yaml:" in blurry[0]


def test_svg_is_stored_as_vectors_with_a_png_fallback(build_outline, tmp_path):
    (tmp_path / "logo.svg").write_bytes(SVG)
    prs, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: image, title: Logo, image: logo.svg, alt: The logo}\n")
    [pic] = pictures(prs.slides[0])
    assert pic.width / pic.height == pytest.approx(2.0, rel=0.01)
    blip = pic._element.xpath(".//a:blip")[0]
    [ext] = blip.xpath("./a:extLst/a:ext")
    assert ext.get("uri") == SVG_EXT
    [svg_blip] = ext.findall(f"{{{ASVG}}}svgBlip")
    rid = svg_blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    part = prs.slides[0].part.related_part(rid)
    assert part.content_type == "image/svg+xml" and part.blob == SVG
    fallback = Image.open(io.BytesIO(pic.image.blob))
    assert fallback.format == "PNG" and fallback.width / fallback.height == pytest.approx(2.0, rel=0.02)
    assert fallback.convert("RGB").getpixel((fallback.width // 4, fallback.height // 2)) == (255, 153, 0)  # drawn: the circle
    with zipfile.ZipFile(result.path) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "image/svg+xml" in types


def exif_jpeg(path, orientation: int) -> None:
    """Write a JPEG stored on its side, as phones do: 400x200 pixels, red on its left, to be
    shown turned by its EXIF orientation."""
    im = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(im).rectangle((0, 0, 99, 199), fill="red")
    exif = Image.Exif()
    exif[0x0112] = orientation
    im.save(path, exif=exif, quality=95)


def test_an_exif_rotated_photo_is_shown_upright(build_outline, tmp_path):
    exif_jpeg(tmp_path / "phone.jpg", 6)  # turned 90 degrees clockwise to be viewed
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: image, title: Phone, image: phone.jpg, alt: A photo, caption: Upright}\n")
    [pic] = pictures(prs.slides[0])
    assert pic.height > pic.width  # shown portrait
    stored = Image.open(io.BytesIO(pic.image.blob))
    assert stored.height > stored.width
    assert stored.getexif().get(0x0112, 1) == 1  # no client turns it a second time
    top = stored.convert("RGB").getpixel((stored.width // 2, 5))
    assert top[0] > 200 and top[1] < 80  # the red side, turned clockwise, is on top


def test_a_heic_photo_is_read(build_outline, tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    Image.new("RGB", (640, 480), (20, 120, 200)).save(tmp_path / "phone.heic", format="HEIF")
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: image, title: HEIC, image: phone.heic, alt: A photo}\n")
    [pic] = pictures(prs.slides[0])
    assert Image.open(io.BytesIO(pic.image.blob)).format == "JPEG"
    assert pic.width / pic.height == pytest.approx(640 / 480, rel=0.01)


def test_pictures_are_stored_at_the_size_shown_unless_kept_original(build_outline, tmp_path, write_outline):
    im = Image.effect_noise((4000, 3000), 40).convert("RGB")
    im.save(tmp_path / "photo.jpg", quality=92)
    text = MINIMAL_DECK + "slides:\n  - {kind: image, title: Photo, image: photo.jpg, alt: Noise}\n  - {kind: bullets, title: Beside, bullets: [a, b], image: photo.jpg, alt: Noise}\n"
    prs, result = build_outline(text)
    for slide in prs.slides:
        [pic] = pictures(slide)
        shown_px = pic.width / SLIDE_W * 1920
        stored_w, stored_h = stored_pixels(prs, pic)
        assert 0.5 <= stored_w / shown_px <= 2.0
        assert stored_w / stored_h == pytest.approx(4 / 3, rel=0.01)
    assert result.size == result.path.stat().st_size and result.pictures_size < (tmp_path / "photo.jpg").stat().st_size
    original = b.build(write_outline(text), output=tmp_path / "original.pptx", pictures="original")
    with zipfile.ZipFile(original.path) as archive:
        blobs = [archive.read(n) for n in archive.namelist() if n.startswith("ppt/media/")]
    assert (tmp_path / "photo.jpg").read_bytes() in blobs
    assert original.size > result.size


def test_the_build_prints_the_decks_size(tmp_path):
    from click.testing import CliRunner

    from deckgen.cli import main

    picture_file(tmp_path / "p.png")
    (tmp_path / "t.yaml").write_text(MINIMAL_DECK + "slides:\n  - {kind: image, title: I, image: p.png, alt: A}\n")
    run = CliRunner().invoke(main, ["build", str(tmp_path / "t.yaml"), "-o", str(tmp_path / "t.pptx")])
    assert run.exit_code == 0, run.output
    size = (tmp_path / "t.pptx").stat().st_size
    assert f"deck size {size / 1000:.0f} kB" in run.output


def composite(pixel, scrim, alpha):
    return tuple(round(alpha * s + (1 - alpha) * c) for s, c in zip(scrim, pixel))


@pytest.mark.parametrize("colour", [(245, 240, 230), (20, 30, 40), "stripes"])
def test_a_full_bleed_picture_fills_the_slide_and_its_title_keeps_4_5_to_1(build_outline, tmp_path, colour):
    im = Image.new("RGB", (3200, 1800), (245, 240, 230) if colour == "stripes" else colour)
    if colour == "stripes":
        draw = ImageDraw.Draw(im)
        for x in range(0, 3200, 200):
            draw.rectangle((x, 0, x + 99, 1800), fill=(10, 10, 10))
    im.save(tmp_path / "stage.jpg", quality=95)
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: image, bleed: true, image: stage.jpg, alt: The stage, title: On stage, caption: One line}\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    assert (pic.left, pic.top, pic.width, pic.height) == (0, 0, prs.slide_width, prs.slide_height)
    assert slide.shapes.title.text == "On stage"  # a real title, for screen readers
    assert "One line" in texts(slide)
    order = list(slide.shapes)
    assert order.index(pic) < order.index(slide.shapes.title)  # the picture is behind the words
    assert not [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip() == "1"]  # no footer over it
    ink = slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb
    ink = tuple(int(str(ink)[i : i + 2], 16) for i in (0, 2, 4))
    scrims = [s for s in slide.shapes if s.name == "Scrim"]
    alpha, scrim = 0.0, (0, 0, 0)
    if scrims:
        fill = scrims[0]._element.xpath(".//a:solidFill/a:srgbClr")[0]
        alpha = int(fill.xpath("./a:alpha/@val")[0]) / 100000
        scrim = tuple(int(fill.get("val")[i : i + 2], 16) for i in (0, 2, 4))
    title_top = inches(slide.shapes.title.top) / inches(prs.slide_height)
    under = im.crop((0, int(title_top * 1800), 3200, 1800)).resize((64, 16))
    worst = min(contrast_ratio(ink, composite(p, scrim, alpha)) for p in under.convert("RGB").get_flattened_data())
    assert worst >= 4.5


def test_scrim_for_chooses_the_lighter_scrim():
    assert scrim_for([(250, 250, 250)])[2] == 0  # dark text on a light picture needs none
    text, scrim, opacity = scrim_for([(128, 128, 128), (255, 255, 255), (0, 0, 0)])
    assert 0 < opacity < 1


def test_a_deck_of_every_picture_layout_passes_the_package_checks(build_outline, tmp_path):
    openxml_audit = pytest.importorskip("openxml_audit")
    (tmp_path / "logo.svg").write_bytes(SVG)
    for k in range(3):
        picture_file(tmp_path / f"p{k}.jpg", (1600 + 400 * k, 1200), (60 * k, 80, 120))
    prs, result = build_outline(MINIMAL_DECK + """slides:
  - {kind: bullets, title: Beside, bullets: [a, b], image: p0.jpg, alt: A, fit: cover, focus: top}
  - {kind: code, title: Code, code: "x = 1", image: logo.svg, alt: Logo}
  - kind: pictures
    title: Grid
    pictures: [{image: p0.jpg, alt: A, caption: a}, {image: p1.jpg, alt: B}, {image: logo.svg, alt: C}]
  - {kind: image, bleed: true, image: p2.jpg, alt: Stage, title: Stage}
  - {kind: image, title: Cover, image: p1.jpg, alt: B, fit: cover}
""")
    verdict = openxml_audit.validate_pptx(str(result.path))
    assert verdict.is_valid, list(verdict.errors)[:5]


def hex_rgb(value) -> tuple[int, int, int]:
    return tuple(int(str(value)[i : i + 2], 16) for i in (0, 2, 4))


@pytest.mark.parametrize("kind", ["bullets", "title", "section"])
@pytest.mark.parametrize("look", ["stripes", "light", "dark"])
def test_a_background_picture_keeps_every_text_at_4_5_to_1_over_its_own_pixels(build_outline, tmp_path, kind, look):
    im = Image.new("RGB", (2400, 1350), {"light": (240, 236, 228), "dark": (16, 20, 32), "stripes": (240, 236, 228)}[look])
    if look == "stripes":
        draw = ImageDraw.Draw(im)
        for x in range(0, 2400, 160):
            draw.rectangle((x, 0, x + 79, 1350), fill=(20, 30, 50))
    im.save(tmp_path / "bg.png")
    body = {"bullets": "title: Over it\n    bullets: [One point, Two points]", "title": "title: A talk", "section": "title: Part one"}[kind]
    prs, _ = build_outline("deck: {title: T, event: {name: Meetup}, handle: '@me'}\nslides:\n" + f"  - kind: {kind}\n    background: bg.png\n    {body}\n")
    slide = prs.slides[0]
    [pic] = pictures(slide)
    assert (pic.left, pic.top, pic.width, pic.height) == (0, 0, prs.slide_width, prs.slide_height)
    assert list(slide.shapes).index(pic) == 0  # behind everything
    scrims = [(box(s), s._element.xpath(".//a:solidFill/a:srgbClr")[0]) for s in slide.shapes if s.name == "Scrim"]
    slide_w, slide_h = inches(prs.slide_width), inches(prs.slide_height)

    def under(area) -> list:
        l, t, w, h = area
        part = im.crop((int(l / slide_w * 2400), int(t / slide_h * 1350), max(int(l / slide_w * 2400) + 1, int((l + w) / slide_w * 2400)), max(int(t / slide_h * 1350) + 1, int((t + h) / slide_h * 1350))))
        return list(part.resize((48, 12), Image.NEAREST).get_flattened_data())

    checked = 0
    for shape in slide.shapes:
        if not shape.has_text_frame or shape.name == "Scrim" or not shape.text_frame.text.strip():
            continue
        inks = {hex_rgb(v) for v in shape._element.xpath(".//a:rPr/a:solidFill/a:srgbClr/@val")}  # runs and fields (the slide number)
        assert inks, shape.name
        on = [(area, fill) for area, fill in scrims if not disjoint(area, box(shape))]
        if on:  # on its scrim: every pixel under the scrim, through it
            for area, fill in on:
                alpha, scrim = int(fill.xpath("./a:alpha/@val")[0]) / 100000, hex_rgb(fill.get("val"))
                assert min(contrast_ratio(ink, composite(p, scrim, alpha)) for ink in inks for p in under(area)) >= 4.5, shape.name
        else:  # on the picture itself: every pixel under the whole box
            assert min(contrast_ratio(ink, p) for ink in inks for p in under(box(shape))) >= 4.5, shape.name
        checked += 1
    assert checked >= 2


def test_a_background_picture_is_an_input_no_output_may_replace(tmp_path):
    from click.testing import CliRunner

    from deckgen.cli import main

    picture_file(tmp_path / "bg.png")
    (tmp_path / "t.yaml").write_text(MINIMAL_DECK + "slides:\n  - {kind: bullets, title: B, bullets: [x], background: bg.png}\n")
    before = (tmp_path / "bg.png").read_bytes()
    run = CliRunner().invoke(main, ["notes", str(tmp_path / "t.yaml"), "-o", str(tmp_path / "bg.png")])
    assert run.exit_code == 2 and "is one of this command's inputs" in run.output
    assert (tmp_path / "bg.png").read_bytes() == before


def test_an_svg_background_colours_the_text_from_its_drawing(build_outline, tmp_path):
    (tmp_path / "bg.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900"><rect width="1600" height="900" fill="#101828"/></svg>')
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: bullets, title: Dark, bullets: [On a dark drawing], background: bg.svg}\n")
    slide = prs.slides[0]
    body = next(s for s in slide.shapes if s.has_text_frame and "On a dark drawing" in s.text_frame.text)
    assert hex_rgb(body.text_frame.paragraphs[0].runs[0].font.color.rgb) == (255, 255, 255)
    assert pictures(slide)[0]._element.xpath(".//a:ext/@uri") == [SVG_EXT]


ESRGB = Path("/usr/share/color/icc/ghostscript/esrgb.icc")  # a wider space than sRGB, shipped with Ghostscript


@pytest.mark.skipif(not ESRGB.exists(), reason="needs Ghostscript's esRGB colour profile")
@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_picture_in_another_colour_space_is_converted_to_srgb(build_outline, tmp_path, kind):
    from PIL import ImageCms

    Image.new("RGB", (400, 300), (120, 200, 40)).save(tmp_path / f"wide.{kind.lower()}", format=kind, icc_profile=ESRGB.read_bytes(), quality=95)
    expected = ImageCms.profileToProfile(Image.new("RGB", (1, 1), (120, 200, 40)), ImageCms.ImageCmsProfile(str(ESRGB)), ImageCms.createProfile("sRGB")).getpixel((0, 0))
    prs, _ = build_outline(MINIMAL_DECK + f"slides:\n  - {{kind: image, title: Wide, image: wide.{kind.lower()}, alt: Green}}\n")
    [pic] = pictures(prs.slides[0])
    stored = Image.open(io.BytesIO(pic.image.blob))
    assert "icc_profile" not in stored.info  # untagged: sRGB
    assert all(abs(a - b) <= 3 for a, b in zip(stored.convert("RGB").getpixel((200, 150)), expected))
    assert expected != (120, 200, 40)
