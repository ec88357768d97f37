"""The pipeline, the one place the stages run in order: outline -> tailored -> Deck -> plans -> file."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import assets, kinds, model, resources, source, templating, timing, validation
from .cachedir import default_cache_dir
from .diagrams.cache import DiagramCache
from .errors import OutlineError, Problem
from .files import claim, write_output
from .kinds import pictured, plan_diagrams
from .kinds.section import emptied_warnings
from .markup import plain
from .theme import builtin_theme, speaker_colours, template_path


@dataclass
class Loaded:
    """An outline read, tailored to an audience and validated."""

    deck: model.Deck
    resolved: templating.Resolved
    plan: list[timing.SlidePlan]
    planned_warnings: list[Problem] = field(default_factory=list)  # warnings found when the slides were planned (floors, glyphs, layout)
    rehearsal: Path | None = None  # the rehearsal file the timing plan took minutes from (an input)
    planned: object = None  # the deck's plan (planning.DeckPlan), once planned
    pictures: str = "shown"  # how pictures are stored: at the size shown, or "original" (their files' bytes)

    @property
    def source(self) -> source.Source:
        return self.resolved.source

    @property
    def diagnostics(self) -> list[Problem]:
        """Return what the speaker should know but need not fix, each a located warning: skips
        that match no slide, fonts measured with a stand-in, empty sections, text below its
        floor, the layout check's findings, a talk that overruns or underruns its slot."""
        found = list(self.resolved.warnings)
        found += [self.source.warning(("deck", "template"), w) for w in self._template_warnings()]
        found += [self.source.warning(path, w) for path, w in emptied_warnings(self.deck, self.resolved.emptied_sections)]
        found += [p.as_warning() for p in self.planned_warnings]
        found += [self.source.warning(path, w) for path, w in timing.warnings(self.deck, self.plan)]
        return found

    @property
    def warnings(self) -> list[str]:
        """Return the diagnostics as a speaker reads them, one line each."""
        return [str(p) for p in self.diagnostics]

    def _template_warnings(self) -> list[str]:
        try:
            return self.template.warnings
        except OutlineError:
            return []

    def strict(self) -> None:
        """Raise OutlineError (exit 2) listing every warning, for a speaker's CI (`--strict`)."""
        if self.diagnostics:
            raise OutlineError(self.diagnostics)

    @functools.cached_property
    def template(self):
        """Return the template prepared for this deck (template.Prepared): the built-in
        one of the deck's theme, or the outline's own; raise OutlineError."""
        from .pptx.template import read  # deferred: python-pptx loads only once a template is read
        from .template import prepare  # deferred: deckgen.template loads only when this runs

        name = self.deck.deck.template
        if name and self.deck.deck.theme != "light":
            raise OutlineError(self.source.problem(("deck", "theme"), "deck.theme chooses a built-in look, and deck.template brings its own: use one of them"))
        where = self.source.problem(("deck", "template") if name else ("deck",), "")
        return prepare(
            self.deck, read(template_for(self)), builtin=not name, where=where,
            layouts_where=lambda kind: self.source.problem(("deck", "layouts", kind), ""),
        )

    @functools.cached_property
    def theme(self):
        """Return the deck's theme: its template's, or the built-in one while the template is
        unusable (the problem is reported with the outline's others, by `check_files`)."""

        info = self.deck.deck
        if not info.template:  # known without opening the built-in template
            return builtin_theme(info.theme, *speaker_colours(info))
        try:
            return self.template.theme
        except OutlineError:
            return builtin_theme()

    @functools.cached_property
    def diagrams(self) -> dict:
        """Return the deck's pyramids by slide index, planned once (`kinds.plan_diagrams`)."""

        families = ()
        if self.deck.deck.template:  # a template's fonts, which its text is measured and drawn with
            try:
                families = self.template.families
            except OutlineError:
                pass  # reported with the outline's other problems
        return plan_diagrams(self.deck, self.theme, families)

    def inputs(self) -> list[Path]:
        """Return the files this outline reads: none of them may be overwritten by an output."""
        base = self.source.path.parent
        names = [self.deck.deck.template] if self.deck.deck.template else []
        for slide in self.deck.slides:
            names += [name for wanted in assets.inputs_of(kinds.KINDS[slide.kind]) for _, _, name in wanted.named(slide)]
        found = [self.source.path, *self.source.included]
        if self.resolved.variables_file is not None:
            found.append(self.resolved.variables_file)
        if self.rehearsal is not None:
            found.append(self.rehearsal)
        for name in filter(None, names):
            try:
                found.append(assets.confine(name, base))
            except ValueError:
                continue  # refused when the file is read, with its own message
        return found

    def pictured(self) -> dict:
        """Return the planned pyramids drawn as pictures, by slide index."""

        return pictured(self.deck, self.diagrams)


@dataclass
class BuildResult:
    """What a build wrote."""

    path: Path
    slides: int
    audience: str | None
    warnings: list[str] = field(default_factory=list)
    size: int = 0  # bytes of the deck written
    pictures_size: int = 0  # bytes of its pictures (ppt/media), stored
    inputs: list[Path] = field(default_factory=list)  # the files the outline read: what is made from the deck never replaces them


def default_outline() -> Path:
    """Return the shipped four-layer talk."""
    return resources.outline(resources.DEFAULT_OUTLINE)


def load(outline: str | Path, audience: str | None = None, variables: templating.Variables | None = None, rehearsal: str | Path | None = None) -> Loaded:
    """Return the outline at `outline` tailored to `audience` and validated, its timing plan
    taking the minutes a `rehearsal` file timed (timing.read_rehearsal); raise OutlineError."""
    raw = source.read_outline(outline)
    resolved = templating.resolve(raw, audience, variables)
    try:
        deck = validation.validate(resolved.data, resolved.source)
    except OutlineError as exc:
        # every problem in one run: files that are missing or unusable are named too
        slides = resolved.data.get("slides")
        try:
            assets.load_inputs(slides if isinstance(slides, list) else [], resolved.source)
        except OutlineError as files:
            raise OutlineError(_in_file_order(exc.problems + files.problems)) from None
        raise
    if rehearsal is None:
        return Loaded(deck, resolved, timing.plan(deck))
    rehearsed, unmatched = timing.read_rehearsal(Path(rehearsal), deck)
    resolved.warnings.extend(unmatched)
    return Loaded(deck, resolved, timing.plan(deck, rehearsed), rehearsal=Path(rehearsal))


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Return `problems` sorted by where they stand in the file."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


def output_path(outline: str | Path, audience: str | None, output: str | Path | None, suffix: str = ".pptx") -> Path:
    """Return where the deck goes: `output`, else build/<stem>[-<audience>].pptx."""
    if output is not None:
        return Path(output)
    stem = Path(outline).stem
    return Path("build") / (f"{stem}-{audience}{suffix}" if audience else f"{stem}{suffix}")


def template_for(loaded: Loaded) -> Path:
    """Return the template deck: the outline's own (confined to its folder) or the built-in one."""
    name = loaded.deck.deck.template
    if not name:
        return template_path(loaded.deck.deck.theme)
    where = loaded.source.problem(("deck", "template"), "")
    try:
        path = assets.confine(name, loaded.source.path.parent)
    except ValueError as exc:
        raise OutlineError(loaded.source.problem(("deck", "template"), f"template {name!r} {exc}")) from None
    assets.check_template(path, where)
    return path


def check_files(loaded: Loaded) -> tuple[dict[str, dict], object]:
    """Return the files the outline's slides read (assets.load_inputs) and its template, checked;
    raise OutlineError listing the problems of both."""
    problems = []
    files: dict[str, dict] = {}
    template = None
    try:
        files = assets.load_inputs(loaded.deck.slides, loaded.source)
    except OutlineError as exc:
        problems.extend(exc.problems)
    try:
        template = loaded.template
    except OutlineError as exc:
        problems.extend(exc.problems)
    if problems:
        raise OutlineError(problems)
    return files, template


def plan(loaded: Loaded):
    """Return the plan of every slide of a loaded outline (planning.DeckPlan); raise OutlineError
    naming every file that cannot be read and every slide whose text does not fit."""
    from .plan_check import layout_problems  # deferred: deckgen.plan_check loads only when this runs
    from .planning import plan_deck  # deferred: deckgen.planning loads only when this runs

    files, template = check_files(loaded)
    words = loaded.deck.words
    cues = [
        f"[{words('backup') if p.hidden else p.window}] {words('slide', number=p.number, total=len(loaded.plan))}, {words.duration(p.minutes)}{_clicks(loaded.deck, slide, files)}"
        for p, slide in zip(loaded.plan, loaded.deck.slides)
    ]
    try:
        planned = plan_deck(
            loaded.deck,
            template,
            diagrams=loaded.diagrams,
            emptied_sections=loaded.resolved.emptied_sections,
            files=files,
            notes_prefix=lambda i: cues[i],
            starts=[timing.clock(p.start) for p in loaded.plan],
            where=lambda i: loaded.source.problem(("slides", i), "").place(),
        )
    except kinds.TextOverflow as exc:
        raise OutlineError([_located(loaded, o) for o in exc.overflows]) from None
    layout = [loaded.source.warning(("slides", f.index), f"(slide {f.index + 1}) {f.message}") for f in layout_problems(planned.slides, planned.template)]
    loaded.planned_warnings = [_located(loaded, o) for o in planned.warnings] + layout
    loaded.planned = planned
    return planned


def render_check(loaded: Loaded, data: bytes) -> list[Problem]:
    """Draw the deck `data` of a planned outline with LibreOffice and return what is wrong with
    what was drawn (render_check), each a warning located at its slide; the warnings join
    the outline's diagnostics, so `--strict` refuses them. Raise ToolMissingError (exit 2,
    saying how to install it) without LibreOffice or Ghostscript."""
    from .render_check import plan_drawings  # deferred: only a render check draws the deck

    found = [
        loaded.source.warning(("slides", f.index), f"(slide {f.index + 1}, as LibreOffice draws it) {f.message}")
        for f in drawn_problems(data, plan_drawings(loaded.planned.slides, loaded.planned.template), str(loaded.source.path))
    ]
    loaded.planned_warnings += found
    return found


def check_drawn_deck(path: Path) -> list[Problem]:
    """Return what is wrong with the deck at `path` (any .pptx) as LibreOffice draws it, each a
    warning naming its slide: the render check of a deck deckgen did not plan, its slides read
    from the file (pptx.drawing)."""
    from .pptx.drawing import slide_drawings  # deferred: python-pptx loads only when a deck is read

    slides = slide_drawings(Path(path))
    return [
        Problem(f"slide {f.index + 1} (as LibreOffice draws it): {f.message}", str(path), severity="warning")
        for f in drawn_problems(Path(path).read_bytes(), slides, str(path))
    ]


def drawn_problems(data: bytes, slides: list, name: str) -> list:
    """Draw the deck `data` with LibreOffice and return what is wrong with the drawing of each
    of its `slides` (render_check.SlideDrawing): render_check.RenderFinding. Raise ToolMissingError
    without LibreOffice or Ghostscript, OutlineError when a page is missing."""
    import tempfile  # deferred: only a render check draws the deck

    from .drawn import read_pdf, require_ghostscript  # deferred: pdfminer loads only for a render check
    from .export import convert, require_soffice  # deferred: only a render check draws the deck
    from .render_check import rendered_problems  # deferred: only a render check draws the deck

    require_soffice()
    require_ghostscript()
    with tempfile.TemporaryDirectory(prefix="deckgen-render-") as work:
        deck = Path(work, "deck.pptx")
        deck.write_bytes(data)
        pages = read_pdf(convert(deck, Path(work), hidden=True))
    if len(pages) != len(slides):
        raise OutlineError(Problem(f"LibreOffice drew {len(pages)} pages of a deck of {len(slides)} slides", name))
    return rendered_problems(slides, pages)


def render_deck(loaded: Loaded, cache: DiagramCache | None = None):
    """Return the python-pptx Presentation of a loaded outline: its slides planned, then written.

    The pyramid pictures are drawn in the background while the slides are planned."""
    from .pptx.deck import write_deck  # deferred: python-pptx loads only when a deck is written

    cache = cache or DiagramCache(default_cache_dir())
    cache.prefetch(loaded.pictured().values())
    try:
        planned = plan(loaded)
        return write_deck(planned.slides, planned.template, planned.theme, loaded.deck.deck.language, loaded.deck.words.rtl, cache, plain(loaded.deck.deck.title), loaded.pictures)
    except BaseException:
        cache.cancel()  # pictures still being drawn are for a deck that will not be written
        raise


def _located(loaded: Loaded, overflow) -> Problem:
    """Return the Problem of a kinds.Overflow, located at its slide's field, of its severity."""
    path = overflow.field_name if isinstance(overflow.field_name, tuple) else (overflow.field_name,)
    if overflow.absolute:
        found = loaded.source.problem(path, f"(slide {overflow.index + 1}) {overflow.message}")
    else:
        found = loaded.source.problem(("slides", overflow.index, *path), overflow.message)
    return found.as_warning() if overflow.severity == "warning" else found


def _clicks(deck, slide, files: dict) -> str:
    """Return ", N clicks" for a slide that builds click by click, else nothing."""
    count_of = kinds.KINDS[slide.kind].clicks
    count = count_of(deck, slide, files) if count_of else 0
    return f", {deck.words.counted('click', count)}" if count else ""


def deck_bytes(prs, loaded: Loaded) -> bytes:
    """Return the .pptx bytes of `prs`, with metadata from the deck and no clock in them."""

    from .pptx import package  # deferred: deckgen.pptx loads only when this runs

    info = loaded.deck.deck
    when = package.deck_time(info.date)
    package.set_properties(prs, plain(info.title), info.speaker, plain(info.subtitle) if info.subtitle else None, when, info.language)
    buffer = io.BytesIO()
    package.serialize(prs, buffer, when)
    return buffer.getvalue()


def save(data: bytes, loaded: Loaded, path: Path, force: bool = False) -> None:
    """Write deck bytes to `path` atomically, unless `path` is an input or a file deckgen did not write."""

    write_output(path, lambda stream: stream.write(data), inputs=loaded.inputs(), force=force)


def build(
    outline: str | Path | None = None,
    *,
    audience: str | None = None,
    variables: templating.Variables | None = None,
    output: str | Path | None = None,
    cache: DiagramCache | None = None,
    force: bool = False,
    strict: bool = False,
    rehearsal: str | Path | None = None,
    render: bool = False,
    pictures: str = "shown",
) -> BuildResult:
    """Build the deck of `outline` (default: the four-layer talk) for `audience`; return what was written.

    `force` replaces an existing file deckgen did not write; an input is never replaced.
    `strict` makes every warning an error, before anything is written. `rehearsal` gives the
    timing plan (the notes' cues) the minutes a rehearsal took. `render` draws the deck with
    LibreOffice and adds what is wrong with the drawing to the warnings (`render_check`).
    `pictures` "original" stores every picture as its file holds it, not at the size it is shown.
    """
    outline = Path(outline) if outline is not None else default_outline()
    loaded = load(outline, audience, variables, rehearsal)
    loaded.pictures = pictures
    return write(loaded, output_path(outline, audience, output), cache, force, strict, render)


def check_output(loaded: Loaded, path: Path, force: bool = False) -> None:
    """Raise unless a deck may be written at `path`: a .pptx name, not an input, new or deckgen's own."""

    if path.suffix.lower() != ".pptx":
        raise OutlineError(Problem("the output must end in .pptx", str(path)))
    claim(path, loaded.inputs(), force)


def write(loaded: Loaded, path: Path, cache: DiagramCache | None = None, force: bool = False, strict: bool = False, render: bool = False) -> BuildResult:
    """Render a loaded outline and save it at `path`; return what was written.

    The output is checked before any work, so a refused path costs nothing and changes nothing.
    """
    check_output(loaded, path, force)
    data = deck_bytes(render_deck(loaded, cache), loaded)
    if render:
        render_check(loaded, data)
    if strict:
        loaded.strict()
    save(data, loaded, path, force)
    return BuildResult(path, len(loaded.deck.slides), loaded.resolved.audience, loaded.warnings, len(data), media_size(data), loaded.inputs())


def media_size(data: bytes) -> int:
    """Return the bytes the pictures and media of deck `data` take in it, compressed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(i.compress_size for i in archive.infolist() if i.filename.startswith("ppt/media/"))
