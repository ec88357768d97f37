"""The last slide: thanks, questions, contact links, a QR code."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..fields import VERBATIM, Inline, Link, ShortInline, ShortText, SlideBase
from ..markup import refused_scheme
from ..room import clear, rooms
from ..text import Paragraph, Run, fit_size, para, rich, rich_runs
from ..theme import ensure
from .base import FLOORS, Context, Kind, accent_rule, balanced_break, dark_title, default_title

WHITE = (255, 255, 255)

LINK_SCHEMES = ("https://", "http://", "mailto:")


def readable_address(url: str) -> str:
    """Return an address as a slide shows it: without "https://" or "mailto:" (which browsers
    and mail clients add back) and a final slash; "http://" stays, as it says something."""
    for scheme in ("https://", "mailto:"):
        if url.startswith(scheme) and len(url) > len(scheme):
            url = url[len(scheme):]
            return url[:-1] if url.endswith("/") and url.count("/") == 1 else url
    return url


class ClosingSlide(SlideBase):
    """The last slide: thanks, questions, links."""

    kind: Annotated[Literal["closing"], VERBATIM]
    title: ShortInline = "Questions?"
    """The slide's title."""
    message: Inline | None = None
    """A line under the title, e.g. "Thank you!"."""
    links: Annotated[list[Link], Field(max_length=6)] = []
    """Contact links."""
    qr: ShortText | None = None
    """A link to show as a QR code, e.g. the slides or a feedback form."""

    @field_validator("qr")
    @classmethod
    def _scheme(cls, value: str | None) -> str | None:
        refused = refused_scheme(value) if value is not None else None
        if refused:
            raise ValueError(refused)
        return value


def heading(deck, s: ClosingSlide) -> str:
    """Return the title: the outline's, else "Questions?" in the deck's language."""
    return default_title(deck, s, "questions")


def write(ctx: Context, out, s: ClosingSlide) -> None:
    pal = ctx.theme.palette
    ph = out.placeholder(0)
    # the QR code's side, at the slide's right: smaller on a narrow (4:3) slide, so that the
    # text beside it keeps 4 in of its own; the title, message and links stay left of it
    side = min(3.2, max(2.0, ctx.theme.slide_width - 0.9 - 0.3 - 4.0 - ph.box[0])) if s.qr else 3.2
    qr_left = ctx.theme.slide_width - 0.9 - side
    text_w = min(7.6, qr_left - ph.box[0] - 0.3, ph.size[0]) if s.qr else ph.size[0]
    mirrored = ctx.words.rtl and s.qr  # a right-to-left talk: the text at the right, the code at the left
    if mirrored:
        left, top, _, height = ph.box
        ph.set_box((ctx.theme.slide_width - left - text_w, top, text_w, height))
        qr_left = left
    else:
        ph.set_width(text_w)
    rule_top = dark_title(ctx, out, heading(ctx.deck, s), 54, 20)
    sub = out.slot(1)

    def paragraphs(size: float) -> list[Paragraph]:
        lines = []
        if s.message:
            lines.append(rich(s.message, pal.on_night, link=pal.link_on_night))
        for i, link in enumerate(s.links):
            # the whole line is the link: its text says where it goes (the label) and shows the
            # address for people who copy it, readably; a bare address as link text says neither
            address = link.url if link.url.startswith(LINK_SCHEMES) else None
            label = tuple(replace(run, link=run.link or address) for run in rich_runs(link.label, pal.accent, bold=True))
            url = Run(readable_address(link.url), pal.link_on_night, link=address)
            lines.append(Paragraph((*label, Run(": ", pal.accent, bold=True, link=address), url), space_before=6, scale=0.8))
        return lines

    if sub is not None and (s.message or s.links):
        left, top, _, height = sub.box
        if not mirrored:  # the message and links start under the title, and end where the QR code's column starts
            left = min(left, ph.box[0])
            edge = qr_left - 0.3 if s.qr else ctx.theme.slide_width - min(ctx.theme.margin, 0.4)
            text_w = min(text_w, edge - left)
        # the links may use the room down to the slide's bottom margin, not only the layout's box
        height = max(height, ctx.theme.slide_height - top - ctx.theme.margin) if s.links else height
        box = (ctx.theme.slide_width - left - text_w if mirrored else left, top, text_w, height)
        if ctx.decorations and not clear(box, ctx.decorations, out.slide_size):
            box = _clear_room(ctx, out, box, paragraphs(26))
        sub.set_box(box)
        _, _, text_w, height = box
        size = ctx.fit(paragraphs(26), text_w, height, 26, 12, "links", role="secondary")
        written = paragraphs(size)
        if s.message:  # the message breaks evenly: no word alone on its last line
            written[0] = balanced_break(written[0], size, text_w, ctx.families)
        sub.write(written, size)
    if s.qr:
        x = qr_left
        label = (x, 2.0 + side + 0.05, side, 0.45)
        colour = pal.on_night_muted
        uneven = len(set(ctx.grounds)) > 1  # the template's ground changes across the slide (a gradient, a picture)
        if uneven or not clear(label, out.decorations, out.slide_size):
            # the label would stand on a shape the template draws, or on a ground that is no one
            # colour: the code's white ground reaches under it, and it reads in the code's own colour
            out.rule((x, 2.0, side, side + 0.55), WHITE, name="QR code ground", decorative=True)
            colour = ensure(pal.night, WHITE, 4.5)
        out.picture(ctx.qr_png(s.qr), (x, 2.0, side, side), "QR code", ctx.words("qr_alt", url=s.qr))
        out.text_box(label, [para(ctx.words("scan"), colour, align="ctr")], 14)
    accent_rule(ctx, out, 0.9, rule_top, over_title=True)


def _clear_room(ctx: Context, out, box, paragraphs: list[Paragraph]):
    """Return where the message and links stand clear of the template's drawing (a tree painted
    into its background, a shard): the clear part of their room, as near their box as holds
    them at the secondary floor, the largest first; their box itself when none does."""
    left, top, w, h = box
    for room in rooms(box, ctx.decorations, out.slide_size, box, min_width=min(w, 3.0))[:40]:
        if fit_size(paragraphs, room[2], room[3], 26, FLOORS["secondary"] / 0.8, ctx.families) is not None:
            return (room[0], room[1], room[2], room[3])
    return box


KIND = Kind("closing", ClosingSlide, "Title Slide", write, dark=True, heading=heading)
