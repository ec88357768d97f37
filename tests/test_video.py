"""Video slides, checked in the decks themselves: the video as PowerPoint writes it (p:pic with
a:videoFile and p14:media, its poster the blip, p:video in the slide's timing), the poster
taken from the video's frames or given, and files that are not videos refused where named."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image, ImageDraw

from conftest import MINIMAL_DECK, alt_text, pictures
from deckgen import pipeline as b
from deckgen.errors import OutlineError

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def clip(path, frames: int = 30) -> None:
    """Encode a real H.264 MP4, 640x360 at 10 frames a second: an orange ball on navy, moving right."""
    av = pytest.importorskip("av")
    with av.open(str(path), "w") as container:
        stream = container.add_stream("h264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 640, 360, "yuv420p"
        for k in range(frames):
            im = Image.new("RGB", (640, 360), (20, 30, 90))
            ImageDraw.Draw(im).ellipse((15 * k, 130, 15 * k + 100, 230), fill=(250, 160, 20))
            for packet in stream.encode(av.VideoFrame.from_image(im)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def test_a_video_is_written_as_powerpoint_writes_it_with_a_poster_from_its_frames(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4")
    prs, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: The demo, video: demo.mp4, alt: 'The demo, a ball rolling right', caption: Three seconds}\n")
    slide = prs.slides[0]
    [movie] = [s for s in slide.shapes if s._element.xpath("./p:nvPicPr/p:nvPr/a:videoFile")]
    assert alt_text(movie) == "The demo, a ball rolling right"
    [media] = movie._element.xpath("./p:nvPicPr/p:nvPr/p:extLst/p:ext/*")
    assert media.tag == f"{{{P14}}}media"
    part = slide.part.related_part(media.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
    assert part.content_type == "video/mp4" and part.blob == (tmp_path / "demo.mp4").read_bytes()
    targets = slide._element.xpath("./p:timing//p:video//p:spTgt/@spid")
    assert targets == [str(movie.shape_id)]
    poster = Image.open(io.BytesIO(slide.part.related_part(movie._element.xpath("./p:blipFill/a:blip/@r:embed")[0]).blob)).convert("RGB")
    assert poster.size == (640, 360)
    # the frame a second in: the ball has rolled about 150 px from the left edge
    assert poster.getpixel((15 * 10 + 50, 180))[0] > 200 and poster.getpixel((20, 180))[2] > 60
    assert movie.width / movie.height == pytest.approx(16 / 9, rel=0.01)
    assert "Three seconds" in [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_a_video_with_its_own_poster_shows_that_picture(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4", frames=5)
    Image.new("RGB", (800, 600), (200, 20, 20)).save(tmp_path / "poster.png")
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: The demo, poster: poster.png}\n")
    slide = prs.slides[0]
    [movie] = [s for s in slide.shapes if s._element.xpath("./p:nvPicPr/p:nvPr/a:videoFile")]
    blob = slide.part.related_part(movie._element.xpath("./p:blipFill/a:blip/@r:embed")[0]).blob
    assert Image.open(io.BytesIO(blob)).convert("RGB").getpixel((10, 10)) == (200, 20, 20)
    assert movie.width / movie.height == pytest.approx(4 / 3, rel=0.01)


def test_a_video_deck_passes_the_open_xml_checks(build_outline, tmp_path):
    openxml_audit = pytest.importorskip("openxml_audit")
    clip(tmp_path / "demo.mp4", frames=5)
    _, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: The demo}\n  - {kind: bullets, title: After, bullets: [x]}\n")
    verdict = openxml_audit.validate_pptx(str(result.path))
    assert verdict.is_valid, list(verdict.errors)[:5]


@pytest.mark.parametrize("content,says", [
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "is not an MP4 video"),
    (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "brand 'heic', not a video or sound file PowerPoint plays"),
])
def test_a_file_that_is_not_a_video_is_a_located_error(write_outline, tmp_path, content, says):
    (tmp_path / "demo.mp4").write_bytes(content)
    outline = write_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: A}\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert says in str(caught.value) and "talk.yaml:6:" in str(caught.value)


def test_a_video_needs_alt_text(write_outline, tmp_path):
    (tmp_path / "demo.mp4").write_bytes(b"\0\0\0\x18ftypisom\0\0\0\0isomavc1")
    outline = write_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4}\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert "alt" in str(caught.value) and "talk.yaml:6:" in str(caught.value)
