"""Make the starter's video and sound (`deckgen new` writes them beside the outline): a short
H.264 and AAC clip of the starter's pyramid building up, layer by layer, and an AAC chime.

Run from the repository with PyAV installed (`pip install -e '.[video]'`):
`python assets/media/make.py`; it writes starter-video.mp4 and starter-sound.m4a beside itself.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

import av
from PIL import Image, ImageDraw

from deckgen.theme import DEFAULT_THEME

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT, FPS, SECONDS = 640, 360, 10, 3
RATE = 22050


def frame(k: int) -> Image.Image:
    """Return frame `k`: the pyramid's layers, bottom to top, one more each second."""
    im = Image.new("RGB", (WIDTH, HEIGHT), (246, 248, 250))
    d = ImageDraw.Draw(im)
    colours = DEFAULT_THEME.band_colours(3)
    shown = min(3, 1 + k // FPS)
    band = 90
    for layer in range(shown):
        bottom = HEIGHT - 40 - layer * band
        top = bottom - band + 8
        inset_b, inset_t = 60 + layer * 90, 60 + (layer + 1) * 90
        d.polygon([(inset_b, bottom), (WIDTH - inset_b, bottom), (WIDTH - inset_t, top), (inset_t, top)], fill=tuple(colours[layer]))
    return im


def tone(n: int, seconds: float, pitch: float) -> list[int]:
    """Return `n` samples of a soft sine chime of `pitch` Hz fading out over `seconds`."""
    return [int(9000 * math.sin(2 * math.pi * pitch * t / RATE) * max(0.0, 1 - t / (seconds * RATE))) for t in range(n)]


def write_audio(stream, container, samples: list[int]) -> None:
    step = stream.codec_context.frame_size or 1024
    for start in range(0, len(samples), step):
        chunk = samples[start : start + step]
        chunk += [0] * (step - len(chunk))
        out = av.AudioFrame(format="s16", layout="mono", samples=step)
        out.planes[0].update(struct.pack(f"<{step}h", *chunk))
        out.sample_rate, out.pts = RATE, start
        for packet in stream.encode(out):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def main() -> None:
    with av.open(str(HERE / "starter-video.mp4"), "w", format="mp4", options={"movflags": "+faststart"}) as container:
        video = container.add_stream("libx264", rate=FPS, options={"crf": "30", "preset": "veryslow"})
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        sound = container.add_stream("aac", rate=RATE, layout="mono")
        sound.bit_rate = 32000
        for k in range(FPS * SECONDS):
            for packet in video.encode(av.VideoFrame.from_image(frame(k))):
                container.mux(packet)
        for packet in video.encode():
            container.mux(packet)
        write_audio(sound, container, [a + b for a, b in zip(tone(RATE * SECONDS, SECONDS, 440), tone(RATE * SECONDS, SECONDS / 2, 660))])
    with av.open(str(HERE / "starter-sound.m4a"), "w", format="ipod") as container:
        sound = container.add_stream("aac", rate=RATE, layout="mono")
        sound.bit_rate = 32000
        write_audio(sound, container, tone(RATE * 2, 2.0, 523.25))


if __name__ == "__main__":
    main()
