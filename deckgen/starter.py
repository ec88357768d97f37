"""The starter outline `deckgen new` writes: every slide kind once, commented, ready to build,
with the picture, video and sound it shows (the video and sound made by assets/media/make.py)."""

from __future__ import annotations

from .resources import asset
from .theme import DEFAULT_THEME

STARTER = """\
# yaml-language-server: $schema=outline.schema.json
# A starter outline: every slide kind once. Build it with `deckgen build {name}`.
# The line above points editors with a YAML extension at outline.schema.json (written beside
# this file; `deckgen schema -o outline.schema.json` refreshes it): they then complete keys
# and flag mistakes as you type.

deck:
  title: My Talk                  # the talk's title
  subtitle: One line that says why it matters
  speaker: "{{{{ speaker }}}}"         # text fields may use Jinja2 variables
  role: Developer advocate
  handle: "@me"                   # shown in the footer of content slides
  event: {{name: My Meetup, hashtag: "#MyMeetup"}}
  date: "2026-12-03"
  duration: 8                     # the slot, in minutes: `deckgen check` plans against it
  # transition: fade              # how slides come on: none, fade, push, wipe, cover, morph (a slide's own wins)

variables:                        # defaults; audiences, --vars and --var override them
  speaker: Your Name

pyramid:                          # defined once, drawn on pyramid and layer slides
  layers:                         # bottom to top, 2 to 8 layers
    - {{id: base, label: Foundations, detail: what everything stands on}}
    - {{id: middle, label: Services, detail: what makes it usable}}
    - {{id: top, label: Products, detail: what people touch}}
  arrow: {{label: Effort to get started, direction: down}}

audiences:                        # deckgen build {name} --audience beginners
  beginners:
    label: Beginners
    variables: {{speaker: Your Name (for beginners)}}
    skip: [details]               # slide ids this audience does not see

slides:
  - kind: title
    notes: Say hello, and say in one sentence what the room will get from the talk.

  - kind: agenda                  # made from the section titles below
    notes: Walk through the parts quickly.

  - kind: section
    title: The idea
    notes: A section divider; its title appears in the agenda.

  - kind: bullets
    title: Three things to **remember**
    reveal: true                  # one bullet per click (also on pyramid, layer, columns, chart)
    bullets:
      - The first point, with one **strong** word
      - text: The second point, with *details* and `inline code`
        bullets: [a detail, "a link: [the docs](https://example.org/docs)"]
      - text: A point only beginners see
        when: audience.name == 'beginners'
      - Write \\*literal\\* stars and \\`ticks\\` with a backslash
    notes: Notes are what you will say; about 130 words make a minute.

  - kind: code                    # highlighted code, as native text you can edit
    title: A test, line by line
    language: python              # any Pygments language; text for none
    line_numbers: true
    highlight: "4-5"              # these lines at full strength, the rest dimmed
    # steps: ["1", "4-5", all]    # a walkthrough: the highlight moves on each click, in this one slide
    code: |                       # or `source: file.py` with `lines: 10-25`
      import pytest


      def test_total():
          assert sum([3, 2]) == 5
    notes: Code is never templated, never wrapped and never below 14 pt.

  - kind: chart                   # a native chart you can edit in PowerPoint
    title: Before and after, in numbers
    categories: [p50, p95, p99]   # or `data: results.csv`: categories down, series across
    series:
      - {{name: Before, values: [120, 340, 900]}}
      - {{name: After, values: [80, 150, 300]}}
    highlight: [After]            # at full strength; the rest dimmed
    unit: ms
    number_format: "0"
    notes: Charts take a type (column, bar, line, pie, scatter, ...), a unit and axis titles.

  - kind: pyramid
    title: The whole picture
    highlight: [top]              # layers in focus; the others are dimmed
    caption: Start at the top, where the way in is easiest.
    notes: The pyramid, with the top layer in focus.

  - kind: layer
    layer: middle                 # one layer in focus, beside its bullets
    bullets: [What it is, Who builds it, How to start]
    notes: One slide per layer works well.

  - kind: table
    id: details
    title: Where to start
    columns: [If you are…, Start with]
    rows:
      - [a developer, the top layer]
      - [an operator, the middle layer]
    notes: Tables keep comparisons readable.

  - kind: columns
    title: Before and after
    columns:
      - {{heading: Before, bullets: [slow, manual]}}
      - heading: After
        language: bash            # a column can hold code beside its explanation
        code: |
          deckgen build talk.yaml
    notes: Two or three columns side by side.

  - kind: image                   # `kind: pictures` shows two to six, with captions, in rows
    title: A picture
    image: {picture}             # a PNG, JPEG, GIF, HEIC or SVG file in this folder
    alt: The layered pyramid of this talk   # required: what the picture shows
    fit: contain                  # or cover: fill the box, cut around `focus: top` (or x,y)
    caption: Pictures come from the outline's folder.
    # bleed: true                 # to the slide's edges, title and caption over it on a scrim
    notes: Describe what the room should notice.

  - kind: pictures                # two to six pictures, in rows chosen from their shapes
    title: Side by side
    rows: [2]                     # or give the pictures per row yourself
    pictures:
      - {{image: {picture}, alt: The layered pyramid, caption: Once}}
      - {{image: {picture}, alt: The layered pyramid again, caption: Twice}}
    notes: Bullets and code slides take a picture beside them too (image, alt, side, share).

  - kind: video                   # an MP4 (H.264, AAC sound) that plays on the slide
    title: A video
    video: {video}
    alt: The pyramid building up, layer by layer   # required: what the video shows
    # poster: cover.png           # shown until it plays; default: the video's frame a second in
    caption: It plays on a click, in PowerPoint and LibreOffice.
    notes: A column can hold a video too (video, alt, poster), or a sound (audio).

  - kind: audio                   # an M4A or MP3 sound that plays on a click
    title: A sound
    audio: {sound}
    alt: A short chime            # required: what the sound is
    notes: Shown as a loudspeaker, or as the picture given as its poster.

  - kind: quote
    quote: One message you want the room to repeat tomorrow.
    attribution: You
    notes: Pause here.

  - kind: closing
    message: Thank you!
    links:
      - {{label: Slides, url: "https://example.org/slides"}}
    qr: https://example.org/slides
    notes: Thank the room and take questions.

# appendix:                       # backup slides after the closing slide: hidden in the show, not timed
#   - {{kind: bullets, id: numbers, title: The numbers, bullets: [the data], back: true}}
#                                 # any text links to one with [the numbers](#numbers); `back: true` links back
#                                 # `hidden: true` hides any slide; `deckgen handout` prints the talk
"""


def starter_outline(name: str = "talk.yaml", picture: str = "talk-picture.png", video: str | None = None, sound: str | None = None) -> str:
    """Return the text of the starter outline saved as `name`, whose image slide shows
    `picture`, its video slide `video` and its sound slide `sound` (by default named after
    the picture: talk-video.mp4 and talk-sound.m4a beside talk-picture.png)."""
    stem = picture.removesuffix("-picture.png")
    return STARTER.format(name=name, picture=picture, video=video or f"{stem}-video.mp4", sound=sound or f"{stem}-sound.m4a")


def starter_files(stem: str = "talk") -> dict[str, bytes]:
    """Return the files the starter outline `stem`.yaml shows, by name: its picture, video and sound."""
    return {
        f"{stem}-picture.png": starter_picture(),
        f"{stem}-video.mp4": asset("media", "starter-video.mp4").read_bytes(),
        f"{stem}-sound.m4a": asset("media", "starter-sound.m4a").read_bytes(),
    }


def starter_picture() -> bytes:
    """Return a PNG for the starter's image slide: a small pyramid drawn by deckgen itself."""
    from .diagrams.pyramid import LayerSpec, PyramidSpec, render_png  # deferred: deckgen.diagrams.pyramid loads only when this runs

    layers = (LayerSpec("Foundations"), LayerSpec("Services"), LayerSpec("Products"))
    spec = PyramidSpec(layers, tuple(DEFAULT_THEME.band_colours(3)), width_in=4.0, height_in=3.0)
    return render_png(spec)
