"""Write a deck's slide plans into its template: one slide per plan, notes on every slide.

What it uses below python-pptx's public API: nothing of its own; the canvas, the builds, the
charts, the footers and the package each name theirs.
"""

from __future__ import annotations

from ..plan import Chart, Fill, Footer, Media, Picture, PyramidShapes, Rule, Show, SlidePlan, Table, TextBox
from . import package
from .builds import LEAVE, write_builds
from .canvas import SlideCanvas, TextStyle
from .footers import drawn_footer, template_footer
from .language import run_tag, tag_language
from .navigation import hide, link_slides, write_sections, write_transition
from .template import layouts_of, open_presentation


def write_deck(plans: list[SlidePlan], template, theme, language: str, rtl: bool, diagrams, title: str = "", pictures: str = "shown"):
    """Return the Presentation of `plans` written on `template` (template.Prepared) in `theme`:
    text tagged with `language`, right to left throughout where `rtl`, the planned pyramid
    pictures taken from `diagrams` (diagrams.cache.DiagramCache), the slides before the first
    section in a PowerPoint section named `title` (the talk's); the outline's pictures stored
    at the size they are shown (`pictures` "original": as their files hold them)."""
    prs = open_presentation(template.path)
    package.drop_slides(prs)  # only the template's masters, layouts and theme reach the deck
    package.ensure_view_properties(prs)
    package.settle_placeholders(prs)  # each slide placeholder inherits from its own, not the title's
    layouts = layouts_of(prs)
    package.speed_up(prs)
    factory = package.SlideFactory(prs)
    tag = run_tag(language)
    style = TextStyle(theme.scale, rtl, theme.mono_font, template.families)
    slides = []
    for plan in plans:
        layout = layouts[plan.layout]
        slide, placeholders = factory.add_slide(layout)
        canvas = SlideCanvas(slide, placeholders, style, plan.moved)
        if plan.background is not None:
            canvas.background(plan.background)
        if plan.links is not None:
            canvas.map_hyperlinks(*plan.links)
        # the builds go in before the footer: python-pptx numbers a new shape past every id of
        # the slide, the timing's included, and the footer's ids have always followed them
        shape_ids = _write_elements(canvas, [e for e in plan.elements if not isinstance(e, Footer)], layout, diagrams, (plan.slide_size[0], pictures))
        if plan.builds:
            write_builds(slide, [[_target(step, shape_ids) for step in click] for click in plan.builds])
        _write_elements(canvas, [e for e in plan.elements if isinstance(e, Footer)], layout, diagrams)
        canvas.drop_empty_placeholders()
        if plan.hidden:
            hide(slide)
        if plan.transition is not None:
            write_transition(slide, *plan.transition)
        tag_language(slide, tag)
        factory.set_notes(slide, plan.notes, tag)
        slides.append(slide)
    anchors = {str(k + 1): k for k in range(len(plans))} | {p.anchor: k for k, p in enumerate(plans) if p.anchor}
    link_slides(slides, anchors)
    write_sections(prs, slides, [(k, p.section) for k, p in enumerate(plans) if p.section is not None], title)
    return prs


def _write_elements(canvas: SlideCanvas, elements: list, layout, diagrams, stored: tuple[float, str] = (0.0, "original")) -> dict[int, int]:
    """Write plan `elements` in order; return the shape id each element id became. `stored`:
    the slide's width (layout inches) and how pictures are stored ("shown" or "original")."""
    ids: dict[int, int] = {}
    for element in elements:
        if isinstance(element, Fill):
            shape_id = canvas.fill(element)
        elif isinstance(element, TextBox):
            shape_id = canvas.text_box(element.box, element.paragraphs, element.size, element.anchor, element.name, element.wrap)
        elif isinstance(element, Picture):
            if element.diagram is not None:
                shape_id = canvas.picture(diagrams.png(element.diagram), element.box, element.name, element.alt)
            else:
                data, svg = stored_picture(element, *stored)
                shape_id = canvas.picture(data, element.box, element.name, element.alt, element.crop, svg, element.backdrop)
        elif isinstance(element, Media):
            # the poster is stored as a picture is (at the size shown; an SVG as its PNG)
            poster, _ = stored_picture(Picture(element.id, element.box, element.name, element.alt, data=element.poster), *stored)
            shape_id = canvas.media(element.data, element.mime, poster, element.box, element.name, element.alt)
        elif isinstance(element, Rule):
            shape_id = canvas.rule(element.box, element.colour, element.name, element.opacity)
        elif isinstance(element, Table):
            shape_id = canvas.table(element.box, element.column_widths, element.cells, element.size, element.padding, element.row_heights)
        elif isinstance(element, Chart):
            from .charts import add_chart  # deferred: it loads XlsxWriter, which only charts need

            shape_id = add_chart(canvas, element)
        elif isinstance(element, PyramidShapes):
            drawn = canvas.pyramid_shapes(element.spec, element.left, element.top, element.by_band)
            ids.update(zip(element.bands, drawn))
            shape_id = drawn[0] if drawn else None
        elif isinstance(element, Footer):
            shape_id = None
            if not element.on_template or not template_footer(canvas, layout, element.text, element.number, element.width, element.colour, element.number_colour):
                drawn_footer(canvas, (element.text, element.colour), element.text, element.colour, element.number, element.left, element.right, element.top, element.mirrored)
        else:
            raise TypeError(f"no writer for {type(element).__name__}")
        if shape_id is not None:
            ids[element.id] = shape_id
            if getattr(element, "decorative", False):
                canvas.mark_decorative(shape_id)
    return ids


def stored_picture(element: Picture, slide_width: float, how: str) -> tuple[bytes, bytes | None]:
    """Return the bytes a picture is stored as, and its SVG if it is one (its PNG fallback then
    the bytes): at the pixels it is shown at on a screen SHOWN_WIDTH_PX wide, its cropped-off
    parts included, or (`how` "original") as its file holds it."""
    from ..readers.picture import SHOWN_WIDTH_PX, pixel_size, shown_picture  # deferred: Pillow loads only for decks with pictures
    from ..readers.svg import fallback_png, is_svg  # deferred: as above

    left, top, right, bottom = element.crop or (0.0, 0.0, 0.0, 0.0)
    per_inch = SHOWN_WIDTH_PX / slide_width if slide_width else 0.0
    width_px = element.box[2] * per_inch / max(1e-6, 1 - left - right)
    height_px = element.box[3] * per_inch / max(1e-6, 1 - top - bottom)
    data = element.data
    if is_svg(data):
        own_w, own_h = pixel_size(data)
        if not per_inch:
            width_px, height_px = own_w, own_h
        return fallback_png(data, min(width_px, 4096), min(height_px, 4096)), data
    if how == "original" or not per_inch:
        return data, None
    return shown_picture(data, width_px, height_px), None


def _target(step: Show, shape_ids: dict[int, int]) -> tuple[int, tuple | None]:
    """Return a build step as the timing XML names it: (shape id, paragraph range or chart part)."""
    spid = shape_ids[step.element]
    if step.leave:
        return spid, LEAVE
    if step.chart == "background":
        return spid, ("chart", -3, -3, "gridLegend")
    if step.chart == "series":
        return spid, ("chart", step.series, -4, "series")
    return spid, step.paragraphs
