"""Draw the pictures of docs/examples/pictures.yaml (run from anywhere; writes beside itself):
a dashboard screenshot, two diagrams, a stage photo, a phone photo stored on its side with its
EXIF orientation, and an SVG logo. Drawn, not photographed, so they can ship with deckgen; the
video and the sound are the starter's (made by assets/media/make.py)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent


def dashboard() -> None:
    im = Image.new("RGB", (1600, 1000), (246, 248, 250))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, 1600, 70), fill=(36, 41, 47))
    for k, colour in enumerate([(9, 105, 218), (26, 127, 55), (207, 34, 46)]):
        x = 40 + k * 520
        d.rounded_rectangle((x, 110, x + 480, 560), 16, fill="white", outline=(208, 215, 222), width=3)
        points = [(x + 30 + i * 42, 500 - ((i * 37 + k * 53) % 300)) for i in range(11)]
        d.line(points, fill=colour, width=8)
    d.rounded_rectangle((40, 600, 1560, 960), 16, fill="white", outline=(208, 215, 222), width=3)
    for row in range(6):
        y = 640 + row * 52
        d.rectangle((80, y, 80 + 300 + row * 90, y + 26), fill=(175, 184, 193))
    im.save(HERE / "dashboard.png", optimize=True)


def diagram(name: str, boxes: int, colour) -> None:
    im = Image.new("RGB", (1400, 900), "white")
    d = ImageDraw.Draw(im)
    for k in range(boxes):
        x = 80 + k * (1240 // boxes)
        d.rounded_rectangle((x, 330, x + 1240 // boxes - 80, 570), 24, fill=colour)
        if k:
            d.line((x - 80, 450, x, 450), fill=(60, 60, 60), width=10)
    im.save(HERE / name, optimize=True)


def stage() -> None:
    sky = Image.linear_gradient("L").resize((2400, 1350)).convert("RGB")
    im = Image.merge("RGB", [sky.getchannel(0).point(lambda v: 20 + v // 3), sky.getchannel(0).point(lambda v: 25 + v // 4), sky.getchannel(0).point(lambda v: 60 + v // 2)])
    d = ImageDraw.Draw(im)
    d.ellipse((900, 80, 1500, 680), fill=(255, 214, 120))  # the spotlight
    for k in range(40):  # the audience, heads in rows
        x, y = 30 + (k % 20) * 120, 1000 + (k // 20) * 160
        d.ellipse((x, y, x + 90, y + 110), fill=(15, 15, 25))
    im.filter(ImageFilter.GaussianBlur(1)).save(HERE / "stage.jpg", quality=82)


def phone() -> None:
    """A portrait photo as a phone stores it: landscape pixels, EXIF orientation 6 (turn clockwise)."""
    upright = Image.new("RGB", (1800, 2400), (120, 170, 210))
    d = ImageDraw.Draw(upright)
    d.rectangle((0, 1650, 1800, 2400), fill=(70, 120, 60))  # the ground at the bottom
    d.ellipse((680, 380, 1120, 820), fill=(255, 230, 120))  # the sun at the top
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what the sensor wrote
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(HERE / "phone.jpg", quality=85, exif=exif)


LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 240">
  <rect width="600" height="240" rx="36" fill="#1F2A44"/>
  <g fill="#F2A541"><rect x="40" y="150" width="140" height="40" rx="8"/><rect x="65" y="100" width="90" height="40" rx="8"/><rect x="90" y="50" width="40" height="40" rx="8"/></g>
  <path d="M230 80 h60 a40 40 0 0 1 0 80 h-60 z" fill="none" stroke="#FFFFFF" stroke-width="16"/>
  <circle cx="420" cy="120" r="48" fill="none" stroke="#FFFFFF" stroke-width="16"/>
  <path d="M500 72 v96" stroke="#F2A541" stroke-width="16"/>
</svg>
"""

if __name__ == "__main__":
    dashboard()
    diagram("before.png", 4, (207, 34, 46))
    diagram("after.png", 2, (26, 127, 55))
    stage()
    phone()
    (HERE / "logo.svg").write_text(LOGO)
    for shipped, name in (("starter-video.mp4", "demo.mp4"), ("starter-sound.m4a", "chime.m4a")):
        (HERE / name).write_bytes((HERE.parents[2] / "assets" / "media" / shipped).read_bytes())
