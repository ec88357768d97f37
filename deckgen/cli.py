"""The `deckgen` command: parse options, call the library, print, return an exit code."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

OUTLINE = click.argument("outline", required=False, type=click.Path(dir_okay=False, path_type=Path))
OUTLINE_REQUIRED = click.argument("outline", type=click.Path(dir_okay=False, path_type=Path))


def _audience_option(help_text: str = "Tailor the deck to this audience (see `deckgen audiences`)."):
    return click.option("--audience", "-a", metavar="NAME", help=help_text)


def _variable_options(func):
    func = click.option("--var", "var_items", multiple=True, metavar="KEY=VALUE", help="Set a variable (dotted keys nest; highest precedence).")(func)
    func = click.option("--vars", "vars_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.yaml", help="Variables from a YAML file (above the audience's, below --var).")(func)
    return func


def _variables(vars_file: Path | None, var_items: tuple[str, ...]):
    from .templating import Variables, deep_merge, parse_var, read_vars_file  # deferred: commands load what they run: `deckgen --help` loads none of it

    file_vars = read_vars_file(vars_file) if vars_file else {}
    command_line: dict = {}
    for item in var_items:
        deep_merge(command_line, parse_var(item))
    return Variables(file=file_vars, command_line=command_line, file_path=vars_file)


def _outline(path: Path | None) -> Path:
    if path is not None:
        return path
    from .pipeline import default_outline  # deferred: commands load what they run: `deckgen --help` loads none of it

    return default_outline()


def _audiences(outline: Path, audience: str | None, output) -> list[str | None]:
    """Return the audiences a command works for: `all` means every audience the outline defines."""
    if audience != "all":
        return [audience]
    if output is not None:
        raise click.UsageError("--output names one file or folder; with --audience all each audience gets its own")
    from .errors import OutlineError, Problem  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .source import read_outline  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .templating import audience_names  # deferred: commands load what they run: `deckgen --help` loads none of it

    names = audience_names(read_outline(outline))
    if not names:
        raise OutlineError(Problem("`--audience all` needs an `audiences:` section in the outline", str(outline)))
    return names


def reports_errors(func):
    """Turn deckgen's errors into one line per problem and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from .errors import DeckgenError  # deferred: commands load what they run: `deckgen --help` loads none of it  # deferred: commands load what they run: `deckgen --help` loads none of it

        from .budget import BudgetExceeded, message, release  # deferred: commands load what they run: `deckgen --help` loads none of it

        try:
            try:
                return func(*args, **kwargs)
            finally:
                release()  # the work is done: no timer fires while the process ends
        except BudgetExceeded as exc:
            click.echo(message(exc.message), err=True)
            sys.exit(2)
        except MemoryError:
            click.echo(message("memory"), err=True)
            sys.exit(2)
        except DeckgenError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}" if not problem.file else str(problem), err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # anything else is deckgen's fault, said plainly
            if os.environ.get("DECKGEN_DEBUG"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc} (set DECKGEN_DEBUG=1 for a traceback)", err=True)
            sys.exit(1)

    return wrapper


# the commands whose work depends on what an outline (or a template) asks: run under the
# budgets of deckgen.budget. `watch` and `serve` run until stopped; `new` and `schema` read nothing.
BOUNDED = {"build", "check", "audiences", "render", "diagram", "notes", "preview", "template", "import"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="deckgen", prog_name="deckgen")
@click.pass_context
def main(ctx) -> None:
    """Turn a YAML outline of a talk into a native, editable PowerPoint deck."""
    import signal  # deferred: commands load what they run: `deckgen --help` loads none of it

    # SIGTERM unwinds like Ctrl-C, so a file being written is removed, not left half-made
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    # in a process of its own (not inside a test runner that captures the output)
    if ctx.invoked_subcommand in BOUNDED and sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__:
        from .budget import run_bounded  # deferred: commands load what they run: `deckgen --help` loads none of it

        run_bounded()


RENDER = click.option("--render", is_flag=True, help="Draw the deck with LibreOffice and check what was drawn: text below its floor, past its box or the slide, over other text, pictures or the template's shapes, and its contrast (needs LibreOffice and Ghostscript).")
REHEARSAL = click.option("--rehearsal", type=click.Path(dir_okay=False, path_type=Path), help="Time the slides without `minutes:` as a rehearsal did (the file `deckgen serve --rehearsal` writes).")
def _slides(count: int, width: int = 0) -> str:
    """Return "1 slide", "16 slides" (the count right-aligned in `width`)."""
    return f"{count:>{width}} slide" + ("" if count == 1 else "s")


FORCE = click.option("--force", is_flag=True, help="Replace an output that exists but was not written by deckgen (never an input).")


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"


@main.command()
@OUTLINE
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the deck (default build/<outline>[-<audience>].pptx).")
@_audience_option("Tailor the deck to this audience; `all` builds one deck per audience.")
@_variable_options
@click.option("--pdf", is_flag=True, help="Also write a PDF beside the deck (needs LibreOffice).")
@FORCE
@click.option("--strict", is_flag=True, help="Treat every warning (text below its size floor, an overrun, ...) as an error: exit 2, nothing written.")
@REHEARSAL
@RENDER
@click.option("--pictures", type=click.Choice(["shown", "original"]), default="shown", show_default=True,
              help="Store each picture at the size it is shown (downscaled, recompressed), or as its file holds it.")
@reports_errors
def build(outline, output, audience, vars_file, var_items, pdf, force, strict, rehearsal, render, pictures):
    """Build OUTLINE (default: the four-layer talk) into a .pptx."""
    from . import pipeline as b  # deferred: commands load what they run: `deckgen --help` loads none of it

    if pdf or render:
        from .export import require_soffice  # deferred: commands load what they run: `deckgen --help` loads none of it

        require_soffice()  # before anything is written, not after the deck
    if render:
        from .drawn import require_ghostscript  # deferred: commands load what they run: `deckgen --help` loads none of it

        require_ghostscript()
    outline = _outline(outline)
    variables = _variables(vars_file, var_items)
    if audience == "all" and rehearsal is not None:
        from .errors import OutlineError, Problem  # deferred: commands load what they run: `deckgen --help` loads none of it

        raise OutlineError(Problem("a rehearsal times one audience's deck: use --rehearsal with --audience NAME, not all", str(rehearsal)))
    if audience == "all":
        from .batch import build_all  # deferred: commands load what they run: `deckgen --help` loads none of it

        if render:
            from .errors import OutlineError, Problem  # deferred: commands load what they run: `deckgen --help` loads none of it

            raise OutlineError(Problem("--render checks one audience's deck: use --render with --audience NAME, not all", str(outline)))

        _audiences(outline, audience, output)
        results = build_all(outline, variables, force=force, strict=strict, pictures=pictures)
    else:
        results = [b.build(outline, audience=audience, variables=variables, output=output, force=force, strict=strict, rehearsal=rehearsal, render=render, pictures=pictures)]
    for result in results:
        click.echo(f"wrote {result.path} ({_slides(result.slides)})")
        if result.size:
            click.echo(f"  deck size {_megabytes(result.size)}, pictures and media {_megabytes(result.pictures_size)}" + (" (stored as their files hold them)" if pictures == "original" else ""))
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if pdf:
            from .export import to_pdf  # deferred: commands load what they run: `deckgen --help` loads none of it

            click.echo(f"wrote {to_pdf(result.path, force=force, inputs=result.inputs)}")


def _check_drawn_deck(deck: Path, render: bool, strict: bool) -> None:
    """`check --render deck.pptx`: the render check of a deck file."""
    from .errors import OutlineError, Problem  # deferred: commands load what they run: `deckgen --help` loads none of it

    if not render:
        raise OutlineError(Problem("a .pptx is checked as it is drawn: use `deckgen check --render`; `check` without it reads an outline", str(deck)))
    if not deck.is_file():
        raise OutlineError(Problem("no such deck", str(deck)))
    from .drawn import require_ghostscript  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .export import require_soffice  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .pipeline import check_drawn_deck  # deferred: commands load what they run: `deckgen --help` loads none of it

    require_soffice()
    require_ghostscript()
    found = check_drawn_deck(deck)
    if strict and found:
        raise OutlineError([Problem(p.message, p.file) for p in found])
    for problem in found:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"ok: {deck}, as LibreOffice draws it ({len(found)} finding{'' if len(found) == 1 else 's'})")


@main.command()
@OUTLINE_REQUIRED
@_audience_option()
@_variable_options
@click.option("--strict", is_flag=True, help="Treat every warning as an error (exit 2), for a speaker's CI.")
@REHEARSAL
@RENDER
@reports_errors
def check(outline, audience, vars_file, var_items, strict, rehearsal, render):
    """Validate OUTLINE without writing anything (text that cannot fit included); print its timing plan.

    With --render, OUTLINE may also be a .pptx (any deck, one edited in PowerPoint too): it is
    drawn with LibreOffice and what was drawn is checked."""
    if outline.suffix.lower() == ".pptx":
        return _check_drawn_deck(outline, render, strict)
    from .cachedir import default_cache_dir  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .diagrams.cache import DiagramCache  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .pipeline import deck_bytes, load, render_check, render_deck  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .timing import format_plan  # deferred: commands load what they run: `deckgen --help` loads none of it

    if render:
        from .drawn import require_ghostscript  # deferred: commands load what they run: `deckgen --help` loads none of it
        from .export import require_soffice  # deferred: commands load what they run: `deckgen --help` loads none of it

        require_soffice()
        require_ghostscript()
    loaded = load(outline, audience, _variables(vars_file, var_items), rehearsal)
    # in memory: pictures, template and text that cannot fit are problems too; check writes
    # nothing, not even pictures to the diagram cache
    prs = render_deck(loaded, DiagramCache(default_cache_dir(), read_only=True))
    if render:
        render_check(loaded, deck_bytes(prs, loaded))
    if strict:
        loaded.strict()
    click.echo(format_plan(loaded.deck, loaded.plan))
    for warning in loaded.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"ok: {outline} ({_slides(len(loaded.deck.slides))})")


@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the schema to this file instead of printing it.")
@FORCE
@reports_errors
def schema(output, force):
    """Print the outline's JSON Schema (for editors' YAML extensions)."""
    import json  # deferred: commands load what they run: `deckgen --help` loads none of it

    from .schema import json_schema  # deferred: commands load what they run: `deckgen --help` loads none of it

    text = json.dumps(json_schema(), indent=2) + "\n"
    if output:
        from .files import write_output  # deferred: commands load what they run: `deckgen --help` loads none of it

        write_output(Path(output), lambda stream: stream.write(text.encode("utf-8")), force=force)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command()
@OUTLINE
@reports_errors
def audiences(outline):
    """List OUTLINE's audiences with their labels and slide counts."""
    from .pipeline import load  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .source import read_outline  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .templating import audience_names  # deferred: commands load what they run: `deckgen --help` loads none of it

    outline = _outline(outline)
    names = audience_names(read_outline(outline))
    general = load(outline)
    click.echo(f"{'(general)':<12} {'':<36} {_slides(len(general.deck.slides), 3)}")
    for name in names:
        loaded = load(outline, name)
        label = loaded.resolved.context["audience"]["label"]
        click.echo(f"{name:<12} {label:<36} {_slides(len(loaded.deck.slides), 3)}")


@main.command()
@OUTLINE
@_audience_option()
@_variable_options
@reports_errors
def render(outline, audience, vars_file, var_items):
    """Print OUTLINE as the writer sees it: templates rendered, `when:` applied, for one audience."""
    import yaml  # deferred: commands load what they run: `deckgen --help` loads none of it

    from .pipeline import load  # deferred: commands load what they run: `deckgen --help` loads none of it

    loaded = load(_outline(outline), audience, _variables(vars_file, var_items))
    data = loaded.deck.model_dump(mode="json", exclude_defaults=True, exclude={"audiences"})
    # the variables in effect for this audience, after every source was merged
    data["variables"] = {k: v for k, v in loaded.resolved.context.items() if k not in ("audience", "deck", "event")}
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), nl=False)


@main.command()
@OUTLINE
@click.option("--output", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build/diagrams"), show_default=True)
@_audience_option()
@_variable_options
@FORCE
@reports_errors
def diagram(outline, out_dir, audience, vars_file, var_items, force):
    """Write every distinct diagram of the deck as a PNG (for a blog post or a social card),
    each drawn for the size it has on its slide (said after its name, and in the file): shown
    at that size, its text is 14 pt or more."""
    from .export import write_diagrams  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .pipeline import load  # deferred: commands load what they run: `deckgen --help` loads none of it

    outline = _outline(outline)
    for path, width, height in write_diagrams(load(outline, audience, _variables(vars_file, var_items)), out_dir, Path(outline).stem, force):
        click.echo(f"{path}  (shown at {width:.2f} x {height:.2f} in, 288 px/in, its text is 14 pt or more)")


@main.command()
@OUTLINE
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the script here (default build/<outline>[-<audience>]-notes.md).")
@_audience_option("Tailor the script to this audience; `all` writes one script per audience.")
@_variable_options
@FORCE
@reports_errors
def notes(outline, output, audience, vars_file, var_items, force):
    """Write the speaker script as Markdown: each slide's title, time window and notes."""
    from .export import speaker_script  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .files import claim, write_output  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .pipeline import load, output_path  # deferred: commands load what they run: `deckgen --help` loads none of it

    outline = _outline(outline)
    variables = _variables(vars_file, var_items)
    names = _audiences(outline, audience, output)
    scripts = []
    for name in names:  # every script loaded and its output checked before any is written
        loaded = load(outline, name, variables)
        path = Path(output) if output else output_path(outline, name, None, "-notes.md")
        claim(path, loaded.inputs(), force)
        scripts.append((path, loaded))
    for path, loaded in scripts:
        text = speaker_script(loaded)
        write_output(path, lambda stream, text=text: stream.write(text.encode("utf-8")), loaded.inputs(), force)
        click.echo(f"wrote {path}")


@main.command()
@OUTLINE
@click.option("--output", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the PNGs (default build/<outline>[-<audience>]-preview).")
@_audience_option("Tailor the deck to this audience; `all` previews one deck per audience.")
@_variable_options
@click.option("--width", type=click.IntRange(320, 7680), default=1920, show_default=True, help="Width of each slide picture, in pixels.")
@FORCE
@reports_errors
def preview(outline, out_dir, audience, vars_file, var_items, width, force):
    """Render the slides to PNGs and a contact sheet (needs LibreOffice)."""
    from . import pipeline as b  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .export import preview_deck, require_soffice  # deferred: commands load what they run: `deckgen --help` loads none of it

    require_soffice()
    outline = _outline(outline)
    variables = _variables(vars_file, var_items)
    names = _audiences(outline, audience, out_dir)
    if audience == "all":
        from .batch import build_all  # deferred: commands load what they run: `deckgen --help` loads none of it

        results = build_all(outline, variables, force=force)
    else:
        results = [b.build(outline, audience=audience, variables=variables, force=force)]
    for name, result in zip(names, results):
        folder = out_dir or b.output_path(outline, name, None, "-preview")
        pages, sheet = preview_deck(result.path, Path(folder), width, force, result.inputs, result.slides)
        click.echo(f"wrote {len(pages)} slide images to {folder}")
        click.echo(f"wrote {sheet}")


@main.command()
@OUTLINE_REQUIRED
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@_audience_option()
@_variable_options
@FORCE
@reports_errors
def watch(outline, output, audience, vars_file, var_items, force):
    """Rebuild OUTLINE on every save; print what was built or what is wrong. Ctrl-C stops."""
    from .watch import watch_outline  # deferred: commands load what they run: `deckgen --help` loads none of it

    variables = _variables(vars_file, var_items)
    try:
        watch_outline(outline, audience=audience, output=output, echo=click.echo, variables=variables, force=force)
    except KeyboardInterrupt:
        click.echo("stopped watching")


@main.command("template")
@click.argument("template_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def template_command(template_file):
    """Show what deckgen makes of a .pptx or .potx template: its size, its layouts, the
    layout each slide kind fills, its colours with their contrast, and its fonts."""
    from . import assets  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .errors import Problem  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .pptx.template import read  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .template import report  # deferred: commands load what they run: `deckgen --help` loads none of it

    assets.check_template(template_file, Problem("", str(template_file)))
    click.echo(report(read(template_file)))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@reports_errors
def new(path, force):
    """Write a starter outline at PATH: every slide kind once, commented, ready to build, with
    the picture, video and sound it shows beside it."""
    from .errors import OutputError, Problem  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .files import write_output  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .starter import starter_files, starter_outline  # deferred: commands load what they run: `deckgen --help` loads none of it

    files = starter_files(path.stem)
    for target in (path, *(path.with_name(name) for name in files)):
        if target.exists() and not force:
            raise OutputError(Problem("already exists; pass --force to overwrite it", str(target)))
    picture = path.with_name(f"{path.stem}-picture.png")
    text = starter_outline(path.name, picture.name)
    for name, data in files.items():
        write_output(path.with_name(name), lambda stream, data=data: stream.write(data), force=force)
    schema_path = path.with_name("outline.schema.json")
    if not schema_path.exists():
        import json  # deferred: commands load what they run: `deckgen --help` loads none of it

        from .schema import json_schema  # deferred: commands load what they run: `deckgen --help` loads none of it

        write_output(schema_path, lambda stream: stream.write((json.dumps(json_schema(), indent=2) + "\n").encode("utf-8")))
    write_output(path, lambda stream: stream.write(text.encode("utf-8")), force=force)
    click.echo(f"wrote {path}, {', '.join(files)} and {schema_path.name}; build it with: deckgen build {path}")


@main.command()
@OUTLINE_REQUIRED
@_audience_option()
@_variable_options
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--rehearsal", type=click.Path(dir_okay=False, path_type=Path), metavar="TIMES.yaml", help="Write the rehearsal view's time per slide to this file.")
@click.option("--width", type=click.IntRange(320, 3840), default=1280, show_default=True, help="Width of each slide picture, in pixels.")
@FORCE
@reports_errors
def serve(outline, audience, vars_file, var_items, port, open_browser, rehearsal, width, force):
    """Show OUTLINE's slides as LibreOffice draws them in a local web page, redrawn on each save
    (needs LibreOffice and its Python bridge). The address printed carries a token. Ctrl-C stops."""
    from .serve import serve as run  # deferred: commands load what they run: `deckgen --help` loads none of it

    try:
        run(outline, audience=audience, variables=_variables(vars_file, var_items), port=port, open_browser=open_browser,
            rehearsal=rehearsal, force=force, width=width, echo=click.echo)
    except KeyboardInterrupt:
        pass
    click.echo("stopped serving")


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("edited", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the outline (default: SOURCE's name with .yaml); with --changes --apply, the changed outline.")
@click.option("--keep-template", is_flag=True, help="Keep the deck's own look: it becomes the outline's `deck.template`.")
@click.option("--snapshots", is_flag=True, help="Keep a picture of every slide with content that could not be mapped, as an image slide after it (needs LibreOffice).")
@click.option("--changes", is_flag=True, help="SOURCE is an outline, EDITED the deck built from it and edited since: print the outline's changes as a diff.")
@click.option("--apply", "apply_changes", is_flag=True, help="With --changes: write the changes (to --output, or with --force into SOURCE itself).")
@_audience_option("With --changes: the audience the deck was built for.")
@click.option("--force", is_flag=True, help="Replace an existing outline; with --changes --apply, write into SOURCE itself. Files beside it are never replaced.")
@reports_errors
def import_command(source, edited, output, keep_template, snapshots, changes, apply_changes, audience, force):
    """Make an outline from a PowerPoint deck or Marp, Slidev or Pandoc slide Markdown; or,
    with --changes, carry the edits made to a built deck back into its outline."""
    from .importer.command import run_changes, run_import  # deferred: commands load what they run: `deckgen --help` loads none of it

    if changes:
        if edited is None:
            raise click.UsageError("--changes takes the outline and the edited deck: deckgen import --changes talk.yaml edited.pptx")
        run_changes(source, edited, output, apply_changes, audience, force, click.echo)
        return
    if edited is not None or apply_changes:
        raise click.UsageError("a second file and --apply go with --changes")
    if snapshots and source.suffix.lower() != ".pptx":
        raise click.UsageError("--snapshots draws the slides of a .pptx deck; Markdown has no slides to draw")
    run_import(source, output, keep_template, snapshots, force, click.echo)


@main.command()
@OUTLINE
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the PDF here (default build/<outline>[-<audience>]-handout.pdf).")
@click.option("--per-page", type=click.Choice(["1", "2", "3", "6"]), default="1", show_default=True, help="Slides a page: 1 with its notes under it; 3 with room to write beside each.")
@click.option("--hidden/--no-hidden", default=False, show_default=True, help="Include the backup slides (hidden: true, appendix:).")
@_audience_option()
@_variable_options
@FORCE
@reports_errors
def handout(outline, output, per_page, hidden, audience, vars_file, var_items, force):
    """Write a handout PDF for the organiser (needs LibreOffice): every build at its last state."""
    from .handout import handout_path, write_handout  # deferred: commands load what they run: `deckgen --help` loads none of it
    from .pipeline import load  # deferred: commands load what they run: `deckgen --help` loads none of it

    outline = _outline(outline)
    loaded = load(outline, audience, _variables(vars_file, var_items))
    path, pages = write_handout(loaded, handout_path(outline, audience, output), int(per_page), hidden, force)
    click.echo(f"wrote {path} ({pages} pages)")
