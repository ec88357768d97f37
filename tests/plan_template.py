"""Templates as plain descriptions (no package read): what the layout tests plan slides on."""

from __future__ import annotations

from pathlib import Path

from deckgen.template import LayoutInfo, PlaceholderInfo, TemplateInfo, prepare

NIGHT, WHITE = (20, 33, 61), (255, 255, 255)
FOOT = (PlaceholderInfo("dt", 10, (548640, 6355080, 2011680, 320040)), PlaceholderInfo("ftr", 11, (4038600, 6355080, 4114800, 320040)), PlaceholderInfo("sldNum", 12, (9631680, 6355080, 2011680, 320040)))
TITLE = PlaceholderInfo("title", 0, (548640, 228600, 11094720, 1097280))
BODY = (548640, 1508760, 11094720, 4663440)
COLOURS = {"dk1": (27, 36, 51), "lt1": WHITE, "dk2": NIGHT, "lt2": (243, 245, 249), "accent1": (29, 78, 137), "accent2": (242, 158, 31),
           "accent3": (30, 127, 158), "accent4": (63, 167, 150), "hlink": (26, 95, 180), "folHlink": (26, 95, 180)}


def layouts(decorations: tuple = ()) -> list[LayoutInfo]:
    """Return the built-in template's layouts as data, each with `decorations` (EMU polygons)."""
    def layout(name, kind, placeholders, ground, clear=None):
        return LayoutInfo(name, kind, placeholders + FOOT, ground, ground, clear=clear, decorations=decorations)

    return [
        layout("Title Slide", "title", (PlaceholderInfo("ctrTitle", 0, (822960, 1828800, 10546080, 1737360)), PlaceholderInfo("subTitle", 1, (822960, 3703320, 10546080, 1737360))), NIGHT),
        layout("Title and Content", "obj", (TITLE, PlaceholderInfo("obj", 1, BODY)), WHITE, BODY),
        layout("Section Header", "secHead", (PlaceholderInfo("title", 0, (822960, 2331720, 10546080, 1371600)), PlaceholderInfo("body", 1, (822960, 3794760, 10546080, 914400))), NIGHT),
        layout("Title Only", "titleOnly", (TITLE,), WHITE),
    ]


def builtin_like(deck, decorations: tuple = ()):
    """Return the built-in template, described by hand, prepared for `deck`."""
    info = TemplateInfo(Path("described.pptx"), 12192000, 6858000, layouts(decorations), COLOURS, ("Calibri", "Calibri"), 0, {"title": [0], "content": [0]})
    return prepare(deck, info, builtin=True)
