"""Video and sound, checked in the decks themselves: each as PowerPoint writes it (p:pic with
a:videoFile or a:audioFile and p14:media, its poster the blip, p:video or p:audio in the slide's
timing), the poster taken from the video's frames or given, in a column too; the decks pass the
Open XML checks, LibreOffice finds the media in them, import brings them back, and `include:`,
audiences and `watch` keep them; files that are not what they claim are refused where named."""

from __future__ import annotations

import io
import json
import math
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageDraw
from pptx import Presentation

from conftest import MINIMAL_DECK, Watching, alt_text, open_deck
from deckgen import pipeline as b
from deckgen.errors import OutlineError
from deckgen.resources import asset

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
AUDIO_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/audio"
VIDEO_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/video"
HERE = Path(__file__).parent


def clip(path, frames: int = 30, sound: bool = True, faststart: bool = False, scale: int = 1) -> None:
    """Encode a real H.264 MP4 (with an AAC tone), 640x360 (times `scale`) at 10 frames a
    second: an orange ball on navy, moving right."""
    av = pytest.importorskip("av")
    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"} if faststart else {}) as container:
        stream = container.add_stream("h264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 640 * scale, 360 * scale, "yuv420p"
        audio = container.add_stream("aac", rate=22050, layout="mono") if sound else None
        for k in range(frames):
            im = Image.new("RGB", (640, 360), (20, 30, 90))
            ImageDraw.Draw(im).ellipse((15 * k, 130, 15 * k + 100, 230), fill=(250, 160, 20))
            im = im.resize((640 * scale, 360 * scale))
            for packet in stream.encode(av.VideoFrame.from_image(im)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
        if audio is not None:
            _tone(av, audio, container, 22050 * frames // 10)


def sound(path, fmt: str) -> None:
    """Encode a second of a 440 Hz tone as M4A (AAC, fmt "ipod") or MP3 (fmt "mp3")."""
    av = pytest.importorskip("av")
    with av.open(str(path), "w", format=fmt) as container:
        stream = container.add_stream("libmp3lame" if fmt == "mp3" else "aac", rate=22050, layout="mono")
        _tone(av, stream, container, 22050)


def _tone(av, stream, container, count: int) -> None:
    step = stream.codec_context.frame_size or 1152
    planar = "s16p" if stream.codec_context.name in ("libmp3lame", "mp3") else "s16"
    for start in range(0, count, step):
        frame = av.AudioFrame(format=planar, layout="mono", samples=step)
        frame.planes[0].update(struct.pack(f"<{step}h", *(int(6000 * math.sin(2 * math.pi * 440 * (start + j) / 22050)) for j in range(step))))
        frame.sample_rate, frame.pts = 22050, start
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def media_shapes(slide) -> list:
    return [s for s in slide.shapes if s._element.xpath("./p:nvPicPr/p:nvPr/a:videoFile | ./p:nvPicPr/p:nvPr/a:audioFile")]


def poster_of(slide, shape) -> Image.Image:
    return Image.open(io.BytesIO(slide.part.related_part(shape._element.xpath("./p:blipFill/a:blip/@r:embed")[0]).blob)).convert("RGB")


def played(slide, shape):
    """Return (media part, the a:videoFile/a:audioFile link's relationship type) of a media shape."""
    [media] = shape._element.xpath("./p:nvPicPr/p:nvPr/p:extLst/p:ext/*")
    assert media.tag == f"{{{P14}}}media"
    part = slide.part.related_part(media.get(f"{{{R}}}embed"))
    [link] = shape._element.xpath("./p:nvPicPr/p:nvPr/*[self::a:videoFile or self::a:audioFile]/@r:link")
    assert slide.part.related_part(link) is part
    return part, slide.part.rels[link].reltype


# --- video -----------------------------------------------------------------------------------------

def test_a_video_is_written_as_powerpoint_writes_it_with_a_poster_from_its_frames(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4")
    prs, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: The demo, video: demo.mp4, alt: 'The demo, a ball rolling right', caption: Three seconds}\n")
    slide = prs.slides[0]
    [movie] = media_shapes(slide)
    assert movie._element.xpath("./p:nvPicPr/p:nvPr/a:videoFile")
    assert alt_text(movie) == "The demo, a ball rolling right" and movie.name == "demo.mp4"
    part, link = played(slide, movie)
    assert part.content_type == "video/mp4" and part.blob == (tmp_path / "demo.mp4").read_bytes() and link == VIDEO_REL
    assert slide._element.xpath("./p:timing//p:video//p:spTgt/@spid") == [str(movie.shape_id)]
    poster = poster_of(slide, movie)
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
    [movie] = media_shapes(slide)
    assert poster_of(slide, movie).getpixel((10, 10)) == (200, 20, 20)
    assert movie.width / movie.height == pytest.approx(4 / 3, rel=0.01)


def test_a_large_video_s_poster_is_stored_at_the_size_shown_and_import_knows_it_for_deckgen_s_own(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4", frames=12, sound=False, scale=3)  # 1920x1080
    prs, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: The demo}\n")
    slide = prs.slides[0]
    [movie] = media_shapes(slide)
    shown_px = movie.width / prs.slide_width * 1920
    assert 0.5 <= poster_of(slide, movie).size[0] / shown_px <= 2.0
    imported = tmp_path / "imported" / "talk.yaml"
    run = subprocess.run([sys.executable, "-m", "deckgen", "import", str(result.path), "-o", str(imported)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert yaml.safe_load(imported.read_text())["slides"][0] == {"kind": "video", "title": "Demo", "video": "demo.mp4", "alt": "The demo"}


def test_without_pyav_a_video_shows_a_play_sign_at_its_own_shape(build_outline, tmp_path, monkeypatch):
    (tmp_path / "demo.mp4").write_bytes(asset("media", "starter-video.mp4").read_bytes())
    monkeypatch.setitem(sys.modules, "av", None)  # PyAV not installed: `import av` fails
    prs, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: The demo}\n")
    slide = prs.slides[0]
    [movie] = media_shapes(slide)
    poster = poster_of(slide, movie)
    assert poster.size == (640, 360)  # the video's frame size, read from its sample description
    # a light disc (left of the dark triangle in its middle) on a dark panel
    assert poster.getpixel((320 - 55, 180)) == (246, 248, 250) and poster.getpixel((10, 10)) == (31, 35, 40)
    assert [w for w in result.warnings if "deck.duration" not in w] == []


# --- sound -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("file,fmt,mime", [("talk.m4a", "ipod", "audio/mp4"), ("talk.mp3", "mp3", "audio/mpeg")])
def test_a_sound_is_written_as_powerpoint_writes_it_with_a_loudspeaker(build_outline, tmp_path, file, fmt, mime):
    sound(tmp_path / file, fmt)
    prs, result = build_outline(MINIMAL_DECK + f"slides:\n  - {{kind: audio, title: Listen, audio: {file}, alt: A 440 Hz tone, caption: One second}}\n")
    slide = prs.slides[0]
    [speaker] = media_shapes(slide)
    assert speaker._element.xpath("./p:nvPicPr/p:nvPr/a:audioFile") and not speaker._element.xpath(".//a:videoFile")
    assert alt_text(speaker) == "A 440 Hz tone" and speaker.name == file
    part, link = played(slide, speaker)
    assert part.content_type == mime and part.blob == (tmp_path / file).read_bytes() and link == AUDIO_REL
    assert str(part.partname).endswith("." + file.rsplit(".", 1)[1])
    assert slide._element.xpath("./p:timing//p:audio//p:spTgt/@spid") == [str(speaker.shape_id)]
    assert not slide._element.xpath("./p:timing//p:video")
    poster = poster_of(slide, speaker)
    assert poster.size[0] == poster.size[1] and poster.getpixel((5, 5)) == (31, 35, 40)  # the drawn loudspeaker
    assert speaker.width == speaker.height and speaker.width <= 914400 * 1.6 + 1
    assert [w for w in result.warnings if "deck.duration" not in w] == []


def test_a_sound_with_a_picture_shows_it(build_outline, tmp_path):
    sound(tmp_path / "talk.m4a", "ipod")
    Image.new("RGB", (600, 600), (10, 120, 60)).save(tmp_path / "cover.png")
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: audio, title: Listen, audio: talk.m4a, alt: A tone, poster: cover.png}\n")
    slide = prs.slides[0]
    [speaker] = media_shapes(slide)
    assert poster_of(slide, speaker).getpixel((300, 300)) == (10, 120, 60)


# --- in a column, with builds ----------------------------------------------------------------------

COLUMNS = MINIMAL_DECK + """\
slides:
  - kind: columns
    title: Before and after
    reveal: true
    columns:
      - {heading: Before, bullets: [slow, manual]}
      - {heading: After, video: demo.mp4, alt: The ball rolling}
      - {heading: Hear it, audio: talk.mp3, alt: A tone}
"""


def test_a_video_and_a_sound_in_columns_play_beside_the_bullets_and_build_with_them(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4", frames=5)
    sound(tmp_path / "talk.mp3", "mp3")
    prs, result = build_outline(COLUMNS)
    slide = prs.slides[0]
    movie, speaker = sorted(media_shapes(slide), key=lambda s: s.left)
    assert movie._element.xpath(".//a:videoFile") and speaker._element.xpath(".//a:audioFile")
    headings = {s.text_frame.text: s for s in slide.shapes if s.has_text_frame and s.text_frame.text in ("Before", "After", "Hear it")}
    for shape, heading in ((movie, headings["After"]), (speaker, headings["Hear it"])):
        assert heading.left - 1 <= shape.left and shape.left + shape.width <= heading.left + heading.width + 1  # in its column
        assert shape.top >= heading.top + heading.height
    # one timing: the three columns' clicks, then the two media nodes
    [timing] = slide._element.xpath("./p:timing")
    assert len(timing.xpath(".//p:cTn[@nodeType='clickEffect']")) == 3
    assert timing.xpath(".//p:video//p:spTgt/@spid") == [str(movie.shape_id)] and timing.xpath(".//p:audio//p:spTgt/@spid") == [str(speaker.shape_id)]
    ids = timing.xpath(".//p:cTn/@id")
    assert len(ids) == len(set(ids))
    assert [w for w in result.warnings if "deck.duration" not in w] == []


@pytest.mark.parametrize("column,says", [
    ("{heading: V, video: demo.mp4}", "needs `alt:`"),
    ("{heading: V, video: demo.mp4, alt: A, bullets: [x]}", "not bullets and a video"),
    ("{heading: V, alt: A, bullets: [x]}", "`alt:` describes a column's `video:` or `audio:`"),
    ("{heading: V, video: demo.mp4, audio: s.mp3, alt: A}", "not a video and a sound"),
])
def test_a_column_s_media_needs_its_alt_text_and_stands_alone(write_outline, tmp_path, column, says):
    outline = write_outline(MINIMAL_DECK + f"slides:\n  - {{kind: columns, title: C, columns: [{{heading: H, bullets: [x]}}, {column}]}}\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert says in str(caught.value) and "talk.yaml:6:" in str(caught.value), str(caught.value)


# --- the checks others make ------------------------------------------------------------------------

def media_deck(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4", frames=5)
    sound(tmp_path / "talk.mp3", "mp3")
    sound(tmp_path / "talk.m4a", "ipod")
    return build_outline(COLUMNS + "  - {kind: video, title: Demo, video: demo.mp4, alt: The demo}\n  - {kind: audio, title: Sound, audio: talk.m4a, alt: A tone}\n  - {kind: bullets, title: After, bullets: [x]}\n")


def test_the_media_decks_pass_the_open_xml_checks(build_outline, tmp_path):
    from pptx_checks import check_package

    openxml_audit = pytest.importorskip("openxml_audit")
    _, result = media_deck(build_outline, tmp_path)
    assert check_package(result.path) == []  # the schemas, every relationship resolving, every part typed
    verdict = openxml_audit.validate_pptx(str(result.path))
    assert verdict.is_valid, list(verdict.errors)[:5]


@pytest.mark.skipif(not shutil.which("soffice") or subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0, reason="needs LibreOffice and its Python (python3-uno)")
def test_libreoffice_loads_the_video_and_sound_as_media_it_plays_and_keeps_them(build_outline, tmp_path):
    """Impress, loading the deck, makes each video and sound a MediaShape playing the deck's
    own media part, and takes out to play exactly the bytes of the speaker's file; saved by
    Impress, the deck still holds them as a:videoFile and a:audioFile."""
    import hashlib

    _, result = media_deck(build_outline, tmp_path)
    saved = tmp_path / "saved.pptx"
    run = subprocess.run(["/usr/bin/python3", str(HERE / "libreoffice_media.py"), str(result.path), str(saved)], capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    found = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    digest = {name: hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() for name in ("demo.mp4", "talk.mp3", "talk.m4a")}
    assert [(f["slide"], f["name"]) for f in found] == [(1, "demo.mp4"), (1, "talk.mp3"), (2, "demo.mp4"), (3, "talk.m4a")]
    for f in found:
        assert f["type"] == "com.sun.star.presentation.MediaShape"
        assert f["url"].startswith("vnd.sun.star.Package:ppt/media/") and f["url"].endswith(f["name"].rsplit(".", 1)[1])
        assert f["sha256"] == digest[f["name"]], f
    assert f["alt"] == "A tone"
    again = Presentation(str(saved))  # Impress orders the package its own way
    assert len(media_shapes(again.slides[0])) == 2 and media_shapes(again.slides[1])[0]._element.xpath(".//a:videoFile")
    assert media_shapes(again.slides[2])[0]._element.xpath(".//a:audioFile")


# --- import, include, audiences, watch --------------------------------------------------------------

def test_import_brings_video_and_sound_back_and_builds_the_same_deck(build_outline, tmp_path):
    clip(tmp_path / "demo.mp4", frames=5)
    sound(tmp_path / "talk.mp3", "mp3")
    Image.new("RGB", (800, 450), (200, 20, 20)).save(tmp_path / "poster.png")
    outline_text = COLUMNS + "  - {kind: video, title: Demo, video: demo.mp4, alt: The demo, poster: poster.png, caption: Watch the ball}\n  - {kind: audio, title: Sound, audio: talk.mp3, alt: A tone}\n"
    _, first = build_outline(outline_text)
    imported = tmp_path / "imported" / "talk.yaml"
    run = subprocess.run([sys.executable, "-m", "deckgen", "import", str(first.path), "-o", str(imported)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    slides = yaml.safe_load(imported.read_text())["slides"]
    assert slides[0]["columns"][1:] == [{"heading": "After", "video": "demo.mp4", "alt": "The ball rolling"}, {"heading": "Hear it", "audio": "talk.mp3", "alt": "A tone"}]
    poster = slides[1].pop("poster")
    assert slides[1] == {"kind": "video", "title": "Demo", "video": "demo.mp4", "alt": "The demo", "caption": "Watch the ball"}
    assert slides[2] == {"kind": "audio", "title": "Sound", "audio": "talk.mp3", "alt": "A tone"}
    assert (imported.parent / "demo.mp4").read_bytes() == (tmp_path / "demo.mp4").read_bytes()
    assert Image.open(imported.parent / poster).convert("RGB").getpixel((5, 5)) == (200, 20, 20)
    again = b.build(imported, output=tmp_path / "again.pptx")
    before, after = open_deck(first.path), open_deck(again.path)
    for x, y in zip(before.slides, after.slides):
        assert [(s.name, alt_text(s), played(x, s)[0].blob, s.left, s.top, s.width, s.height) for s in media_shapes(x)] == [(s.name, alt_text(s), played(y, s)[0].blob, s.left, s.top, s.width, s.height) for s in media_shapes(y)]


def test_pictures_and_media_in_an_included_file_reach_each_audience(tmp_path):
    (tmp_path / "clips").mkdir()
    clip(tmp_path / "clips" / "demo.mp4", frames=5)
    sound(tmp_path / "clips" / "talk.m4a", "ipod")
    Image.new("RGB", (800, 450), (30, 90, 160)).save(tmp_path / "clips" / "shot.png")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "demo.yaml").write_text(
        "slides:\n"
        "  - {kind: video, id: demo, title: Demo, video: clips/demo.mp4, alt: The demo}\n"
        "  - {kind: audio, title: Sound, audio: clips/talk.m4a, alt: A tone, when: \"audience.name != 'short'\"}\n"
        "  - {kind: image, title: Shot, image: clips/shot.png, alt: A blue screen}\n"
    )
    (tmp_path / "talk.yaml").write_text(MINIMAL_DECK + "audiences:\n  short: {label: Short, skip: [intro]}\n  none: {label: None, skip: [demo]}\nslides:\n  - {kind: bullets, id: intro, title: Intro, bullets: [x]}\n  - include: shared/demo.yaml\n")
    shown = {}
    for audience in (None, "short", "none"):
        result = b.build(tmp_path / "talk.yaml", audience=audience, output=tmp_path / f"{audience}.pptx")
        prs = open_deck(result.path)
        shown[audience] = [[(s.name, alt_text(s), played(slide, s)[0].content_type) for s in media_shapes(slide)] + [(s.name, alt_text(s), s.image.content_type) for s in slide.shapes if s.shape_type == 13 and not media_shapes(slide)] for slide in prs.slides]
    video, audio, image = [("demo.mp4", "The demo", "video/mp4")], [("talk.m4a", "A tone", "audio/mp4")], [("shot.png", "A blue screen", "image/png")]
    assert shown[None] == [[], video, audio, image]
    assert shown["short"] == [video, image]
    assert shown["none"] == [[], audio, image]


def test_watch_rebuilds_when_the_video_changes(tmp_path):
    folder, scratch = tmp_path / "talk", tmp_path / "scratch"
    folder.mkdir(), scratch.mkdir()
    clip(folder / "demo.mp4", frames=5)
    outline = folder / "talk.yaml"
    outline.write_text(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: The demo}\n")
    out = tmp_path / "out" / "talk.pptx"
    with Watching(outline, out) as watching:
        assert watching.wait_for(lambda lines: any(l.startswith("watching") for l in lines)), watching.lines
        slide = open_deck(out).slides[0]
        assert played(slide, media_shapes(slide)[0])[0].blob == (folder / "demo.mp4").read_bytes()
        clip(scratch / "demo.mp4", frames=12)  # made outside the folder watched, then moved in whole
        (scratch / "demo.mp4").replace(folder / "demo.mp4")
        assert watching.wait_for(lambda lines: sum(l.startswith("rebuilt") for l in lines) >= 2), watching.lines
        slide = open_deck(out).slides[0]
        assert played(slide, media_shapes(slide)[0])[0].blob == (folder / "demo.mp4").read_bytes()


# --- files that are not what they claim ------------------------------------------------------------

def test_a_video_cut_off_before_its_index_is_refused_where_named(write_outline, tmp_path):
    clip(tmp_path / "whole.mp4", frames=5)  # the index (moov) at the end, as a recording writes it
    data = (tmp_path / "whole.mp4").read_bytes()
    (tmp_path / "demo.mp4").write_bytes(data[: data.find(b"moov") - 4])
    outline = write_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Demo, video: demo.mp4, alt: A}\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert "has no `moov` box" in str(caught.value) and "talk.yaml:6:" in str(caught.value) and "demo.mp4" in str(caught.value)


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


@pytest.mark.parametrize("slide", [
    "{kind: video, title: Demo, video: demo.mp4}",
    "{kind: audio, title: Sound, audio: demo.m4a}",
])
def test_a_video_or_a_sound_needs_alt_text(write_outline, tmp_path, slide):
    (tmp_path / "demo.mp4").write_bytes(b"\0\0\0\x18ftypisom\0\0\0\0isomavc1")
    outline = write_outline(MINIMAL_DECK + f"slides:\n  - {slide}\n")
    with pytest.raises(OutlineError) as caught:
        b.build(outline, output=tmp_path / "o.pptx")
    assert "alt" in str(caught.value) and "talk.yaml:6:" in str(caught.value)


def test_a_video_in_a_deck_made_elsewhere_comes_back_and_one_deckgen_cannot_play_is_listed(tmp_path):
    from pptx.util import Inches

    clip(tmp_path / "demo.mp4", frames=5)
    prs = Presentation()
    for blob in ((tmp_path / "demo.mp4").read_bytes(), b"RIFF\0\0\0\0AVI LIST" + b"\0" * 64):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "Made elsewhere"
        slide.shapes.add_movie(io.BytesIO(blob), Inches(1), Inches(2), Inches(6), Inches(3.4), mime_type="video/mp4")
    prs.save(tmp_path / "elsewhere.pptx")
    imported = tmp_path / "imported" / "talk.yaml"
    run = subprocess.run([sys.executable, "-m", "deckgen", "import", str(tmp_path / "elsewhere.pptx"), "-o", str(imported)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    first, second = yaml.safe_load(imported.read_text())["slides"]
    assert first["kind"] == "video" and first["title"] == "Made elsewhere" and first["alt"] == "TODO: describe this video"
    assert (imported.parent / first["video"]).read_bytes() == (tmp_path / "demo.mp4").read_bytes()
    assert "poster" in first  # python-pptx's loudspeaker picture is not deckgen's own poster
    assert "no alt text" in run.stderr and "a video deckgen cannot play (is not an MP4 video" in run.stderr
    assert second["kind"] == "section"
    b.build(imported, output=tmp_path / "again.pptx")


def test_a_long_video_is_stored_as_it_is_and_the_deck_opens(build_outline, tmp_path):
    """Past 32 MiB of media the deck is written without a second copy in memory; video and sound
    are stored uncompressed (they are compressed already)."""
    import zipfile

    padding = 40 * 1024 * 1024
    data = asset("media", "starter-video.mp4").read_bytes() + struct.pack(">I", padding + 8) + b"free" + bytes(padding)
    (tmp_path / "long.mp4").write_bytes(data)
    prs, result = build_outline(MINIMAL_DECK + "slides:\n  - {kind: video, title: Long, video: long.mp4, alt: The recording}\n")
    slide = prs.slides[0]
    [movie] = media_shapes(slide)
    part, _ = played(slide, movie)
    assert part.blob == data
    with zipfile.ZipFile(result.path) as archive:
        [entry] = [i for i in archive.infolist() if i.filename.startswith("ppt/media/media")]
        assert entry.compress_type == zipfile.ZIP_STORED and archive.testzip() is None
    assert result.size == result.path.stat().st_size


def test_watch_rebuilds_when_an_svg_picture_changes(tmp_path):
    folder, scratch = tmp_path / "talk", tmp_path / "scratch"
    folder.mkdir(), scratch.mkdir()
    logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="{}"/></svg>'
    (folder / "logo.svg").write_text(logo.format("#c02020"))
    outline = folder / "talk.yaml"
    outline.write_text(MINIMAL_DECK + "slides:\n  - {kind: image, title: Logo, image: logo.svg, alt: A square}\n")
    out = tmp_path / "out" / "talk.pptx"

    def svg_in_deck() -> bytes:
        import zipfile

        with zipfile.ZipFile(out) as archive:
            return next(archive.read(n) for n in archive.namelist() if n.endswith(".svg"))

    with Watching(outline, out) as watching:
        assert watching.wait_for(lambda lines: any(l.startswith("watching") for l in lines)), watching.lines
        assert b"#c02020" in svg_in_deck()
        (scratch / "logo.svg").write_text(logo.format("#2020c0"))
        (scratch / "logo.svg").replace(folder / "logo.svg")
        assert watching.wait_for(lambda lines: sum(l.startswith("rebuilt") for l in lines) >= 2), watching.lines
        assert b"#2020c0" in svg_in_deck()


def test_text_beside_a_video_from_elsewhere_is_kept_in_the_notes(tmp_path):
    from pptx.util import Inches

    clip(tmp_path / "demo.mp4", frames=5)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Demo"
    slide.shapes.add_movie(str(tmp_path / "demo.mp4"), Inches(1), Inches(2), Inches(4), Inches(2.25), mime_type="video/mp4")
    slide.shapes.add_textbox(Inches(6), Inches(2), Inches(3), Inches(1)).text_frame.text = "Watch the ball bounce"
    prs.save(tmp_path / "elsewhere.pptx")
    imported = tmp_path / "imported" / "talk.yaml"
    run = subprocess.run([sys.executable, "-m", "deckgen", "import", str(tmp_path / "elsewhere.pptx"), "-o", str(imported)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    [item] = yaml.safe_load(imported.read_text())["slides"]
    assert item["kind"] == "video" and "Watch the ball bounce" in item["notes"]
    assert "text beside the video or sound" in run.stderr
