"""Read Marp, Slidev and Pandoc slide Markdown into an outline, parsed by markdown-it-py.

The three agree on CommonMark and differ in how slides are separated and annotated: Marp
splits on `---` and takes HTML comments as directives or presenter notes; Slidev splits on
`---` too, with a YAML block per slide, `::right::` columns, `<v-clicks>` and the slide's
last comment as its notes; Pandoc splits on headings at the slide level and on `---`, with
`::: notes`, `::: incremental` and `:::: columns` fenced divs and a YAML metadata block.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .. import markup
from ..readers.picture import PICTURE
from ..errors import OutlineError, Problem
from ..kinds.code import check_language
from ..files import read_limited
from ..escapes import jinja_safe
from ..pptx.reading import Imported

MAX_SLIDES = 2000
MAX_ITEMS = 200  # bullets a slide holds, as the outline's model allows
MAX_NOTES = 20000
MAX_MARKDOWN = 1024 * 1024  # with its YAML around it, the outline stays within an outline's 2 MiB
# what markdown-it may make of those bytes: its time goes by the pieces it makes, not by the
# bytes (a MiB of one-character paragraphs, table rows or `*a*` is a million pieces, 10 s and
# more), so the parser itself counts them as it goes and stops past these
MAX_BLOCKS = 20000  # headings, paragraphs, list items, rules, table rows, code blocks: 10 a slide
MAX_INLINE = 200000  # the pieces of text, emphasis, links and code spans in them
COMMENT = re.compile(r"^\s*<!--(.*?)-->\s*$", re.S)
MARP_DIRECTIVE = re.compile(r"^\s*(_?)([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
MARP_ONLY = {"headingDivider", "paginate", "header", "footer", "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat", "backgroundSize", "math", "size", "style"}
MARP_KEYS = {
    "theme", "style", "headingDivider", "lang", "size", "math", "title", "author", "description", "image", "url",
    "paginate", "header", "footer", "class", "backgroundColor", "backgroundImage", "backgroundPosition",
    "backgroundRepeat", "backgroundSize", "color", "marp", "transition", "keywords",
}
SLIDEV_LAYOUTS = {"cover": "title", "intro": "title", "section": "section", "quote": "quote", "end": "closing", "fact": "quote", "statement": "quote"}
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$\w])\$(?=\S)[^$\n]+(?<=\S)\$(?!\d)", re.S)  # Pandoc's rule: no space inside the dollars, no digit after
ATTRIBUTES = r"\{[.#][^}]*\}|\{[\w-]+=[^}]*\}"
IMAGE_SIZE = re.compile(r"^(?:w|h|width|height):\S+$|^(?:bg|fit|contain|cover|auto|left|right|vertical|sepia|grayscale|blur|\d+%)(?::\S+)?$")


def line_of(state, line: int) -> str:
    """Return line `line` (0-based) of the block being parsed, without its indent."""
    return state.src[state.bMarks[line] + state.tShift[line]: state.eMarks[line]]


class TooMuchMarkdown(Exception):
    """The parser passed MAX_BLOCKS or MAX_INLINE, at `line` (1-based)."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def parser() -> MarkdownIt:
    """Return markdown-it set up for slide Markdown: tables, strikethrough, front matter,
    `:::` fenced divs and `{…}` attributes; held to MAX_BLOCKS and MAX_INLINE."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(container_plugin, name="div", validate=lambda *args: True).use(attrs_plugin)
    counts = {"blocks": 0, "inline": 0, "line": 0}

    def block_budget(state, start: int, end: int, silent: bool) -> bool:
        # first of the block rules: called once where each block (or table row) starts; never
        # a terminator, so a paragraph asking whether a line ends it does not count
        counts["blocks"] += 1
        if start + 1 < end and "|" in line_of(state, start) and set(line_of(state, start + 1)) <= set("|-: \t"):
            # a table: markdown-it reads all its rows at once, so they are counted here
            row = start + 2
            while row < end and counts["blocks"] <= MAX_BLOCKS and "|" in line_of(state, row):
                counts["blocks"] += 1
                row += 1
        if counts["blocks"] > MAX_BLOCKS:
            raise TooMuchMarkdown(f"holds more than {MAX_BLOCKS} blocks (headings, paragraphs, list items, rules, table rows); files to import are limited to that", start + 1)
        return False

    def inline_budget(state, silent: bool) -> bool:
        if not silent:
            counts["inline"] += 1
            if counts["inline"] > MAX_INLINE:
                raise TooMuchMarkdown(f"holds more than {MAX_INLINE} pieces of text, emphasis, links and code; files to import are limited to that", counts["line"])
        return False

    def inline_located(state) -> None:
        # markdown-it's own core rule `inline`, keeping the line of the text being parsed
        for token in state.tokens:
            if token.type == "inline":
                counts["line"] = token.map[0] + 1 if token.map else counts["line"]
                if token.children is None:
                    token.children = []
                md.inline.parse(token.content, md, state.env, token.children)

    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "deckgen_blocks", block_budget)
    md.inline.ruler.before(md.inline.ruler.get_all_rules()[0], "deckgen_inline", inline_budget)
    md.core.ruler.at("inline", inline_located)
    return md


class MarkdownReader:
    """Reads one slide Markdown file; `read()` returns the Imported outline."""

    def __init__(self, path: Path, stem: str, included: tuple = (), budget: list | None = None):
        self.path = Path(path)
        self.stem = stem
        self.number_from = 0  # the slides before this file's first, when another file brings it in
        self.included = included  # the files that bring this one in with Slidev's `src:`, outermost first
        # what the file and those it brings in may hold together, shared with those files' readers
        self.budget = budget if budget is not None else [MAX_MARKDOWN]
        try:
            raw = read_limited(self.path, self.budget[0], "Markdown file", "Markdown files to import")
        except ValueError as exc:
            if included:
                exc = ValueError(f"brings the Markdown files it imports past {MAX_MARKDOWN // (1024 * 1024)} MiB together; files to import are limited to that")
            raise OutlineError(Problem(str(exc), str(self.path))) from None
        self.budget[0] -= len(raw)
        try:
            self.text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as exc:
            raise OutlineError(Problem(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})", str(self.path))) from None
        self.lines = self.text.split("\n")
        self.out = Imported({})
        self.deck: dict = {}
        self.meta: dict = {}
        self.dialect = "pandoc"
        self._notes: list[str] = []
        self._said: set = set()
        self._previous_title: str | None = None
        self._paginated = False  # a `paginate: true` directive on some slide

    def report(self, number: int | None, message: str, line: int | None = None) -> None:
        where = f"{self.path}:{line}" if line else str(self.path)
        self.out.report.append(f"{where}: " + (f"slide {number}: " if number else "") + message)
        if number:
            self.out.comments.setdefault(number - 1, []).append(f"line {line}: {message}" if line else message)

    def warn(self, number: int | None, message: str, line: int | None = None) -> None:
        where = f"{self.path}:{line}" if line else str(self.path)
        self.out.warnings.append(f"{where}: " + (f"slide {number}: " if number else "") + message)
        if number:
            self.out.comments.setdefault(number - 1, []).append(f"line {line}: {message}" if line else message)

    # --- the file -------------------------------------------------------------------------------

    def read(self) -> Imported:
        self.title_block = self._title_block()
        try:
            tokens = parser().parse(self.text)
        except TooMuchMarkdown as exc:
            raise OutlineError(Problem(str(exc), str(self.path), exc.line, 1)) from None
        if tokens and tokens[0].type == "front_matter":
            self.meta = self._yaml(tokens[0].content, 1) or {}
            tokens = tokens[1:]
        self.dialect = self._dialect(tokens) if not self.included else "slidev"
        self.heading_divider = self._heading_divider(tokens) if self.dialect == "marp" else set()
        chunks = self._split(tokens)
        if len(chunks) > MAX_SLIDES:
            raise OutlineError(Problem(f"has {len(chunks)} slides; files to import are limited to {MAX_SLIDES}", str(self.path)))
        slides: list[dict] = []
        # Pandoc makes a title slide from the metadata: the slides are numbered after it
        offset = self.number_from + 1 if self.dialect == "pandoc" and isinstance(self.meta.get("title"), str) and self.meta["title"].strip() else self.number_from
        for number, (tokens_of, local, line) in enumerate(chunks, start=1):
            if self.dialect == "slidev" and local.get("src"):
                slides.extend(self._include(str(local["src"]), local, line, len(slides)))
                if len(slides) > MAX_SLIDES:
                    raise OutlineError(Problem(f"has more than {MAX_SLIDES} slides with the files it brings in; files to import are limited to {MAX_SLIDES}", str(self.path)))
                continue
            item = self.slide(len(slides) + 1 + offset, tokens_of, local, line, first=not slides and not self.included)
            if item is not None:
                slides.append(item)
                self._previous_title = item.get("title") or self._previous_title
        if self.included:
            self.out.data = {"deck": {}, "slides": slides}
            return self.out
        self._deck_fields(slides)
        if not slides:
            slides = [{"kind": "section", "title": self.deck["title"]}]
            self.warn(None, "no slides found: the outline holds one section slide with the title")
        data = {"deck": self.deck, "slides": slides}
        self.out.data = data
        return self.out

    def _yaml(self, text: str, line: int) -> dict | None:
        try:
            data = yaml.safe_load(text) if len(text) < 100_000 else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise OutlineError(Problem(f"front matter is not YAML: {getattr(exc, 'problem', exc)}", str(self.path), line + (mark.line if mark else 0), (mark.column + 1) if mark else 1)) from None
        return data if isinstance(data, dict) else None

    def _include(self, src: str, local: dict, line: int, before: int) -> list[dict]:
        """Return the slides of the file a Slidev slide brings in with `src:`, its report,
        pictures and comments joined to this file's."""
        target = (self.path.parent / src.split("#")[0]).resolve() if not Path(src).is_absolute() else None
        chain = (*self.included, self.path.resolve())
        top = chain[0].parent
        if target is None or target.suffix.lower() not in (".md", ".markdown") or not target.is_file() or not target.is_relative_to(top):
            # only files in the imported file's folder (or below it): a deck from elsewhere
            # must not copy other files of this machine into the outline
            self.report(before + 1, f"`src: {src[:60]}` is not a Markdown file in the folder of {chain[0].name}: its slides are not imported", line)
            return []
        if target in chain or len(chain) > 8:
            self.report(before + 1, f"`src: {src[:60]}` brings in a file that brings this one in (or files nested too deep): not imported again", line)
            return []
        try:
            reader = MarkdownReader(target, self.stem, chain, self.budget)
            reader.dialect = "slidev"
            reader.number_from = before  # its slides are said by their numbers in the outline
            found = reader.read()
        except OutlineError as exc:
            # said at the `src:` that brought the file in, up to the file being imported
            raise OutlineError(Problem(exc.problems[0].message, str(self.path), line, 1)) from None
        slides = found.data["slides"]
        self.out.report.extend(found.report)
        self.out.warnings.extend(found.warnings)
        self.out.files.update({k: v for k, v in found.files.items() if k not in self.out.files})
        for index, lines in found.comments.items():
            self.out.comments.setdefault(index, []).extend(lines)
        if local.get("hide") in (True, "true"):
            for slide in slides:
                slide["when"] = False
            self.warn(before + 1, f"the slides of `{src[:60]}` are hidden (`hide: true`): imported with `when: false`", line)
        for key in local:
            if key not in ("src", "hide"):
                self.report(before + 1, f"`{key}` beside `src:`: not mapped", line)
        return slides

    def _title_block(self) -> bool:
        """Read Pandoc's title block (`% Title`, `% Author; Author`, `% Date` as the file's first
        lines, a field going on over indented lines) into the metadata, leaving blank lines in its
        place so that lines keep their numbers; return whether there was one."""
        lines, fields, k = self.lines, [], 0
        while k < len(lines) and len(fields) < 3 and lines[k].startswith("%"):
            value = lines[k][1:].strip()
            k += 1
            while k < len(lines) and lines[k][:1] in (" ", "\t") and lines[k].strip():
                value += " " + lines[k].strip()
                k += 1
            fields.append(value)
        if not fields:
            return False
        self.lines = [""] * k + lines[k:]
        self.text = "\n".join(self.lines)
        for key, value in zip(("title", "author", "date"), fields):
            if value:
                self.meta[key] = [a.strip() for a in value.split(";") if a.strip()] if key == "author" else value
        return True

    def _dialect(self, tokens) -> str:
        if self.meta.get("marp") is True:
            return "marp"
        slidev_keys = {"layout", "highlighter", "drawings", "transition", "mdc", "colorSchema", "info", "lineNumbers", "download", "exportFilename", "fonts"}
        if slidev_keys & set(self.meta) or "::right::" in self.text or "<v-click" in self.text:
            return "slidev"
        if self.title_block or {"slide-level", "incremental"} & set(self.meta):
            return "pandoc"
        # Marp's own documentation leaves out `marp: true`: its directives tell it
        if MARP_ONLY & set(self.meta) or any(t.type == "html_block" and t.level == 0 and self._marp_only(t.content) for t in tokens):
            return "marp"
        if any(t.type == "hr" and t.level == 0 for t in tokens) and not any(t.type.startswith("container_div") for t in tokens):
            return "marp" if any(t.type == "html_block" and MARP_DIRECTIVE.match((COMMENT.match(t.content) or [None, ""])[1] or "") for t in tokens) else "slidev"
        return "pandoc"

    def _marp_only(self, html: str) -> bool:
        """Return whether the HTML block `html` is a comment of directives only Marp has."""
        found = COMMENT.match(html)
        directives: dict = {}
        return bool(found) and self._marp_directives(found.group(1).strip(), directives) and bool(MARP_ONLY & {k.lstrip("_") for k in directives})

    def _heading_divider(self, tokens) -> set[int]:
        """Return the heading levels Marp's `headingDivider` starts slides at (from the front
        matter or a directive comment: a number N means levels 1 to N; a list, those levels)."""
        value = self.meta.get("headingDivider")
        for t in tokens:
            if t.type == "html_block" and t.level == 0 and (found := COMMENT.match(t.content)):
                directives: dict = {}
                if self._marp_directives(found.group(1).strip(), directives) and "headingDivider" in directives:
                    value = directives["headingDivider"]
        if isinstance(value, str):
            try:
                value = yaml.safe_load(value)
            except yaml.YAMLError:
                value = None
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
            return set(range(1, value + 1))
        if isinstance(value, list) and value and all(isinstance(v, int) and 1 <= v <= 6 for v in value):
            return set(value)
        if value is not None:
            self.report(None, f"`headingDivider: {str(value)[:40]}` is not a heading level (1 to 6) or a list of them: slides are split at `---` only")
        return set()

    def _split(self, tokens) -> list[tuple[list, dict, int]]:
        """Return the slides as (tokens, their own front matter, first line)."""
        chunks: list[tuple[list, dict, int]] = []
        current: list = []
        local: dict = {}
        start = 1
        i = 0
        if self.dialect == "pandoc":
            return self._pandoc_split(tokens)
        if self.dialect == "slidev":
            local = {k: v for k, v in self.meta.items() if k in ("layout", "class", "background", "image", "hide")}
        while i < len(tokens):
            token = tokens[i]
            if token.type == "hr" and token.level == 0:
                chunks.append((current, local, start))
                current, local, start = [], {}, (token.map[0] + 2 if token.map else start)
                # Slidev: `---` YAML `---` is the next slide's front matter, which CommonMark
                # reads as a setext heading (the YAML its text, the second `---` its underline)
                if self.dialect == "slidev" and i + 2 < len(tokens) and tokens[i + 1].type == "heading_open" and tokens[i + 1].markup == "-":
                    text = "\n".join(self.lines[tokens[i + 1].map[0]: tokens[i + 1].map[1] - 1])
                    found = self._yaml(text, tokens[i + 1].map[0] + 1) if re.match(r"^[A-Za-z_][\w-]*\s*:", text) else None
                    if found is not None:
                        local = found
                        i += 4  # heading_open, inline, heading_close
                        continue
                i += 1
                continue
            if (token.type == "heading_open" and token.level == 0 and int(token.tag[1]) in self.heading_divider
                    and any(t.type != "html_block" for t in current)):
                # Marp's headingDivider: a heading starts a slide, unless nothing but directives came before it
                chunks.append((current, local, start))
                current, local, start = [], {}, (token.map[0] + 1 if token.map else start)
            current.append(token)
            i += 1
        chunks.append((current, local, start))
        return [c for c in chunks if c[0] or c[1].get("src")]  # `---` twice in a row makes no slide

    def _pandoc_split(self, tokens) -> list[tuple[list, dict, int]]:
        """Split as Pandoc does: at headings of the slide level (the highest level directly
        followed by content) and above, and at `---`; a heading above it is a section slide."""
        level = self.meta.get("slide-level")
        if not isinstance(level, int):
            levels = []
            for k, t in enumerate(tokens):
                if t.type == "heading_open" and t.level == 0:
                    nxt = tokens[k + 3] if k + 3 < len(tokens) else None
                    if nxt is not None and nxt.type != "heading_open" and nxt.type != "hr":
                        levels.append(int(t.tag[1]))
            level = min(levels) if levels else 1
        self.slide_level = level
        chunks: list[tuple[list, dict, int]] = []
        current: list = []
        start = 1
        for t in tokens:
            breaks = (t.type == "hr" and t.level == 0) or (t.type == "heading_open" and t.level == 0 and int(t.tag[1]) <= level)
            if breaks:
                if current:
                    chunks.append((current, {}, start))
                current, start = [], (t.map[0] + 1 if t.map else start)
                if t.type == "hr":
                    continue
            current.append(t)
        if current:
            chunks.append((current, {}, start))
        return chunks

    def _deck_fields(self, slides: list[dict]) -> None:
        meta = self.meta
        title = meta.get("title")
        if isinstance(title, str) and title.strip():
            self.deck = {**self.deck, "title": self._text(title.strip(), None, None, 300)}
            self.deck = {"title": self.deck.pop("title"), **self.deck}
            if self.dialect == "pandoc":
                slides.insert(0, {"kind": "title"})  # Pandoc makes the title slide from the metadata
                if isinstance(meta.get("notes"), str) and meta["notes"].strip():
                    slides[0]["notes"] = jinja_safe(meta["notes"].strip()[:MAX_NOTES])  # Pandoc's notes of the title slide
        elif "title" not in self.deck:
            first = next((s.get("title") for s in slides if s.get("title")), None)
            self.deck = {"title": first or jinja_safe(self.path.stem.replace("-", " ").replace("_", " ")), **self.deck}
        subtitle = meta.get("subtitle") or (meta.get("description") if self.dialect == "marp" else None) or (meta.get("info") if self.dialect == "slidev" and isinstance(meta.get("info"), str) and "\n" not in meta.get("info", "").strip() else None)
        if isinstance(subtitle, str) and subtitle.strip() and "subtitle" not in self.deck:
            self.deck["subtitle"] = self._text(subtitle.strip(), None, None, 300)
        elif self.dialect == "slidev" and isinstance(meta.get("info"), str):
            self.report(None, f"front matter `info` (the deck's description, {len(meta['info'].strip().splitlines())} lines of Markdown): not mapped")
        duration = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(min|m|minutes?|h|hours?)?\s*", str(meta.get("duration", "")))
        if self.dialect == "slidev" and duration:
            minutes = round(float(duration.group(1)) * (60 if (duration.group(2) or "min").startswith("h") else 1))
            if 1 <= minutes <= 600:
                self.deck["duration"] = minutes
        elif "duration" in meta:
            self.report(None, f"front matter `duration: {str(meta['duration'])[:40]}`: not a time in minutes; not mapped")
        author = meta.get("author")
        if isinstance(author, list):
            author = ", ".join(str(a) for a in author if a)
        if isinstance(author, (str, int)) and str(author).strip():
            self.deck["speaker"] = jinja_safe(str(author).strip())
        date = meta.get("date")
        if date is not None and str(date).strip():
            self.deck["date"] = jinja_safe(str(date).strip())
        lang = meta.get("lang")
        if isinstance(lang, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
            self.deck["language"] = lang
        if self.dialect == "marp" and meta.get("paginate") is not True and not self._paginated:
            self.deck["footer"] = False
        if (self.dialect == "marp" and "invert" in str(meta.get("class", ""))) or (self.dialect == "slidev" and meta.get("colorSchema") == "dark"):
            self.deck["theme"] = "dark"
        mapped = {"headingDivider", "duration", "title", "subtitle", "author", "date", "lang", "marp", "paginate", "description", "slide-level", "incremental", "lineNumbers", "colorSchema", "info", "layout", "hide"}
        if self.dialect == "pandoc" and slides and slides[0].get("kind") == "title" and "notes" in slides[0]:
            mapped.add("notes")
        for key, value in meta.items():
            if key == "class" and self.dialect == "marp" and str(value).strip() == "invert":
                continue
            if key not in mapped:
                self.report(None, f"front matter `{key}: {str(value)[:60]}`: deckgen has no such setting; not mapped")

    # --- one slide ------------------------------------------------------------------------------

    def slide(self, number: int, tokens: list, local: dict, line: int, first: bool) -> dict | None:
        notes: list[str] = []
        directives: dict = dict(local)
        kept = []
        for t in tokens:
            if t.type == "html_block" and t.level == 0:
                match = COMMENT.match(t.content)
                if match:
                    body = match.group(1).strip()
                    if self.dialect == "marp" and self._marp_directives(body, directives):
                        continue
                    if body:
                        notes.append(body)
                    continue
            kept.append(t)
        if self.dialect == "slidev" and len(notes) > 1:
            notes = notes[-1:]  # Slidev: the slide's last comment is its notes; the others are comments
        tree = SyntaxTreeNode(kept) if kept else None
        nodes = list(tree.children) if tree is not None else []
        self._notes = notes
        item = self._kind(number, nodes, directives, line, first)
        if item is None:
            if notes:
                self.report(number, f"notes {notes[0][:60]!r} on a slide with nothing else: not mapped", line)
            return None
        self._directives(number, item, directives, line)
        if notes:
            # notes stay Markdown: the deck's notes get them as plain text, `deckgen notes` as written
            text = "\n\n".join(notes)
            if len(text) > MAX_NOTES:
                self.report(number, f"notes of {len(text)} characters: cut to {MAX_NOTES}", line)
                text = text[:MAX_NOTES]
            item["notes"] = jinja_safe(text)
        return item

    def _marp_directives(self, body: str, directives: dict) -> bool:
        """Return whether the comment `body` holds only Marp directives, adding them."""
        found = {}
        for text in body.split("\n"):
            if not text.strip():
                continue
            match = MARP_DIRECTIVE.match(text)
            if not match or match.group(2) not in MARP_KEYS:
                return False
            found[("_" if match.group(1) else "") + match.group(2)] = match.group(3)
        directives.update(found)
        return bool(found)

    def _directives(self, number: int, item: dict, directives: dict, line: int) -> None:
        for key, value in directives.items():
            name = key.lstrip("_")
            if name == "hide" and value in (True, "true"):
                item["when"] = False
                self.warn(number, "a hidden slide (`hide: true`): imported with `when: false`", line)
            elif name == "layout" and self.dialect == "slidev":
                if value not in ("default", "center", "two-cols", "two-cols-header", "image", "image-left", "image-right", *SLIDEV_LAYOUTS):
                    self.report(number, f"layout `{value}`: deckgen has no such layout; the slide is imported by its content", line)
            elif name == "class" and str(value).strip() in ("lead", "invert", "text-center"):
                continue  # what the slide is follows from its content; `lead` asks for a title or section
            elif name == "headingDivider" and self.dialect == "marp":
                continue  # followed: the slides are split at those headings
            elif name == "paginate" and self.dialect == "marp":
                if str(value).strip() == "true" and not key.startswith("_"):
                    if not self._paginated:
                        self.report(number, "`paginate: true` from this slide on: deckgen numbers every content slide; the slides before are numbered too", line)
                    self._paginated = True
                if str(value).strip() == "false" and key.startswith("_"):
                    self.report(number, "`_paginate: false`: deckgen numbers every content slide or none; not mapped", line)
            elif name in ("image", "background") and item.get("kind") == "image":
                continue
            elif name == "image" and self.dialect == "slidev" and str(directives.get("layout", "")).startswith("image"):
                continue  # the layout's picture: said above when it could not be taken over
            else:
                self.report(number, f"directive `{key}: {str(value)[:60]}`: deckgen has no such setting; not mapped", line)

    def _kind(self, number: int, nodes: list, directives: dict, line: int, first: bool) -> dict | None:
        title = None
        title_level = 9
        blocks = []
        reveal = self.meta.get("incremental") is True
        columns: list[list] | None = None
        for node in nodes:
            if node.type == "heading" and title is None:
                raw = self._text_of(node)
                for attributes in re.findall(ATTRIBUTES, raw):
                    self.report(number, f"heading attributes `{attributes[:60]}` (a slide's background, class or frame options): not mapped", self._line(node))
                title = self._inline(node, number) if re.sub(ATTRIBUTES, "", raw).strip() else None
                title_level = int(node.tag[1])
                continue
            if node.type == "paragraph" and self._text_of(node).strip() in ("::right::", "::left::") and self.dialect == "slidev":
                columns = (columns or [blocks]) if columns is not None or blocks else [blocks]
                if self._text_of(node).strip() == "::right::":
                    columns = [blocks, []]
                    blocks = columns[1]
                continue
            if node.type == "container_div":
                info = node.info.strip()
                classes = info.strip("{}").replace(".", " ").split()
                if "notes" in classes:
                    self.notes_from(node, self._notes)
                    continue
                if "incremental" in classes or "nonincremental" in classes:
                    reveal = "incremental" in classes
                    blocks.extend(node.children)
                    continue
                if "columns" in classes:
                    columns = [[c for c in col.children] for col in node.children if col.type == "container_div"]
                    continue
                blocks.extend(node.children)
                continue
            if node.type == "html_block":
                text = node.content.strip()
                if re.fullmatch(r"</?v-clicks?( [^>]*)?>", text):
                    reveal = True
                    continue
                self.report(number, f"HTML {text[:60]!r}: not mapped", self._line(node))
                continue
            if node.type == "paragraph" and any(part.lstrip().startswith("$$") for part in self._text_of(node).split("\n")):
                self.report(number, f"a TeX math block {' '.join(self._text_of(node).split())[:40]!r}: deckgen draws no math; not mapped", self._line(node))
                continue
            if node.type == "paragraph" and self._text_of(node).strip() == ". . .":
                reveal = True
                self.warn(number, "a pause (`. . .`): imported as `reveal: true`, one bullet per click", self._line(node))
                continue
            blocks.append(node)
        layout = directives.get("layout") if self.dialect == "slidev" else None
        return self._content(number, title, title_level, blocks, columns, layout, directives, line, first, reveal)

    def notes_from(self, node, notes: list[str]) -> None:
        """Add the text of a `::: notes` div, as written (notes are not markup on the slide)."""
        parts = ["\n".join(self.lines[c.map[0]: c.map[1]]).strip() for c in node.children if c.map]
        notes.append("\n\n".join(p for p in parts if p))

    def _content(self, number, title, level, blocks, columns, layout, directives, line, first, reveal) -> dict | None:
        kind_by_layout = SLIDEV_LAYOUTS.get(layout) if layout else None
        lead = "lead" in str(directives.get("_class", directives.get("class", "")))
        lists = [b for b in blocks if b.type in ("bullet_list", "ordered_list")]
        paragraphs = [b for b in blocks if b.type == "paragraph" and not self._image_of(b)]
        images = [b for b in blocks if b.type == "paragraph" and self._image_of(b)]
        fences = [b for b in blocks if b.type in ("fence", "code_block")]
        tables = [b for b in blocks if b.type == "table"]
        # a block quote holding only a list is Pandoc's incremental list (or, the list inside a
        # fenced div, a list to show in a quote, all at once), not a quote
        quotes = [b for b in blocks if b.type == "blockquote" and not all(c.type in ("bullet_list", "ordered_list") for c in quoted(b))]
        if any(b.type == "blockquote" and b not in quotes for b in blocks):
            lists = lists + [b for b in blocks if b.type == "blockquote" and b not in quotes]
        if layout in ("image", "image-right", "image-left") and directives.get("image"):
            item = self._image(number, title, None, str(directives["image"]), line, paragraphs)
            if item is not None:
                return item
        if images and not lists and not tables and not fences:
            item = self._image(number, title, images[0], None, line, paragraphs)
            if item is not None:
                self._rest(number, blocks, images[0], paragraphs[:1])
                return item
            # the picture could not be taken over (and was listed): the slide is the rest
            blocks = [b for b in blocks if b is not images[0]]
            images = images[1:]
        if columns is not None:
            mapped = [col for col in columns if any(b.type not in ("html_block", "hr") for b in col)]
            if len(mapped) >= 2:
                return self._columns(number, title, columns, line, reveal)
            for col in columns:
                if col not in mapped:
                    for b in col:
                        self._rest(number, [b], None)
            # one column with content: the slide is that content
            return self._content(number, title, level, mapped[0] if mapped else [], None, None, directives, line, first, reveal)
        if tables:
            self._rest(number, blocks, tables[0])
            return self._table(number, title, tables[0])
        if fences:
            self._rest(number, blocks, fences[0], paragraphs[:1])
            return self._code(number, title, fences[0], paragraphs)
        if quotes and not lists or kind_by_layout == "quote":
            return self._quote(number, title, quotes[0] if quotes else None, paragraphs)
        if kind_by_layout == "closing":
            item = {"kind": "closing"}
            if title:
                item["title"] = title
            if paragraphs:
                item["message"] = self._inline(paragraphs[0], number)
            return item
        if lists or (paragraphs and not (first or lead or kind_by_layout in ("title", "section"))):
            bullets: list = []
            for block in blocks:
                if block.type == "heading":
                    # a heading inside the slide heads the bullets that follow it, one level down
                    bullets.append({"text": self._inline(block, number), "bullets": [], "heading": True})
                elif block.type in ("bullet_list", "ordered_list"):
                    items = self._list(number, block)
                    if heading_of(bullets) is not None:
                        for sub in items:
                            bullets[-1]["bullets"].extend([sub] if isinstance(sub, str) else [sub["text"], *sub.get("bullets", [])])
                    else:
                        bullets.extend(items)
                    if block.type == "bullet_list" and block.markup == "*" and self.dialect == "marp":
                        reveal = True  # Marp: a list written with `*` is shown one item per click
                    if block.type == "ordered_list":
                        self.warn(number, "a numbered list: imported as bullets (deckgen's bullets are not numbered)", self._line(block))
                elif block.type == "paragraph" and not self._image_of(block):
                    if heading_of(bullets) is not None:
                        bullets[-1]["bullets"].append(self._inline(block, number))
                    else:
                        bullets.append(self._inline(block, number))
                elif block.type == "paragraph":
                    self.report(number, "a picture beside bullets: not mapped", self._line(block))
                elif block.type == "blockquote" and block not in quotes:
                    for child in quoted(block):
                        bullets.extend(self._list(number, child))
                    if all(c.type in ("bullet_list", "ordered_list") for c in block.children):
                        reveal = True  # Pandoc: a list directly in a block quote is incremental
                else:
                    self._rest(number, [block], None)
            for k, b in enumerate(bullets):
                if isinstance(b, dict) and b.pop("heading", False) and not b["bullets"]:
                    bullets[k] = b["text"]  # a heading with nothing under it
            if len(bullets) > MAX_ITEMS:
                self.report(number, f"{len(bullets)} bullets: those after the {MAX_ITEMS}th not mapped", line)
                bullets = bullets[:MAX_ITEMS]
            item = {"kind": "bullets", "title": title or self._untitled(number, line), "bullets": bullets}
            if reveal:
                item["reveal"] = True
            return item
        if first and (title or paragraphs) and kind_by_layout in (None, "title") and not (self.dialect == "pandoc" and self.meta.get("title")):
            if title:
                self.deck["title"] = title
            if paragraphs:
                self.deck["subtitle"] = " · ".join(self._inline(p, number) for p in paragraphs)[:300]
            return {"kind": "title"}
        if title or paragraphs:
            item = {"kind": "section", "title": title or self._inline(paragraphs[0], number)}
            rest = paragraphs if title else paragraphs[1:]
            if rest:
                item["subtitle"] = self._inline(rest[0], number)
            for p in rest[1:]:
                self.report(number, f"more text {self._text_of(p)[:60]!r}: not mapped", self._line(p))
            return item
        if not blocks:
            self.warn(number, "an empty slide: left out", line)
            return None
        for b in blocks:
            self.report(number, f"a {b.type.replace('_', ' ')}: not mapped", self._line(b))
        return {"kind": "section", "title": self._untitled(number, line)}

    def _rest(self, number, blocks, chosen, also=()) -> None:
        for b in blocks:
            if b is chosen or b in also:
                continue
            what = f"a {b.type.replace('_', ' ')}"
            if b.type in ("paragraph", "heading") and self._text_of(b).strip():
                what += f" {' '.join(self._text_of(b).split())[:60]!r}"
            elif b.type in ("fence", "code_block"):
                what = f"a code block of {len(b.content.splitlines())} lines"
            beside = f" beside the slide's {chosen.type.replace('_', ' ')}" if chosen is not None else ""
            self.report(number, f"{what}{beside}: not mapped", self._line(b))

    def _untitled(self, number: int, line: int) -> str:
        if self._previous_title:
            # a slide after `---` without a heading goes on with the slide before (Pandoc's and
            # Marp's decks do this for a picture): it takes that title rather than a made-up one
            self.warn(number, f"the slide has no heading: titled {self._previous_title!r}, as the slide before", line)
            return self._previous_title
        self.warn(number, f"the slide has no heading: titled \"Slide {number}\"", line)
        return f"Slide {number}"

    def _list(self, number: int, node, depth: int = 0) -> list:
        out: list = []
        for item in node.children:
            text_parts, subs = [], []
            for child in item.children:
                if child.type == "paragraph":
                    text_parts.append(self._inline(child, number))
                elif child.type in ("bullet_list", "ordered_list"):
                    for sub in self._list(number, child, depth + 1):
                        if isinstance(sub, dict):
                            subs.append(sub["text"])
                            subs.extend(sub.get("bullets", []))
                            if depth + 1 >= 1 and sub.get("bullets"):
                                self.warn(number, "a list nested deeper than two levels: its items are imported at the second level", self._line(child))
                        else:
                            subs.append(sub)
            text = " ".join(t for t in text_parts if t) or "—"
            out.append({"text": text, "bullets": subs} if subs else text)
        return out

    def _table(self, number, title, node) -> dict:
        rows = []
        for section in node.children:
            for tr in section.children:
                rows.append([self._inline(td, number) if td.children else "—" for td in tr.children])
        if all(c == "—" for c in rows[0]) and len(rows) > 1:
            rows = rows[1:]  # a header row left empty: the first row heads the table
            self.warn(number, "the table's header row is empty: its first row is imported as the header", self._line(node))
        columns, body = rows[0][:8], [r[:8] for r in rows[1:41]] or [["—"] * len(rows[0][:8])]
        if len(rows[0]) > 8 or len(rows) > 41:
            self.report(number, "a table larger than 8 columns or 40 rows: the rest not mapped", self._line(node))
        return {"kind": "table", "title": title or self._untitled(number, self._line(node)), "columns": columns, "rows": body}

    def _code(self, number, title, node, paragraphs) -> dict:
        info, content = (node.info or "").strip(), node.content
        if re.match(r"^\S*\s+magic-move\b", info):
            # Slidev's magic move: code blocks inside one block, each a step the code moves through
            steps = [t for t in parser().parse(content) if t.type == "fence"]
            if steps:
                self.report(number, f"a magic move through {len(steps)} code blocks: the last, where it ends, is imported", self._line(node))
                info, content = (steps[-1].info or "").strip(), steps[-1].content
        item: dict = {"kind": "code", "title": title or self._untitled(number, self._line(node)), "code": content if content.endswith("\n") else content + "\n"}
        language = None
        groups = re.findall(r"\{([^{}]*)\}", info)
        head = re.sub(r"\{[^{}]*\}", " ", info)
        named = re.search(r"\[([^\]]*)\]", head)
        if named:
            head = head.replace(named.group(0), " ")
            self.report(number, f"the file name `[{named.group(1)[:60]}]` over the code: not mapped", self._line(node))
        words = head.split()
        if words:
            language = words[0]
            for word in words[1:]:
                self.report(number, f"code option `{word[:40]}`: not mapped", self._line(node))
        for inner in (g.strip() for g in groups):
            classes = re.findall(r"(?:^|\s)\.([\w+-]+)", inner)
            if classes and not language:
                language = next((c for c in classes if c not in ("numberLines", "number-lines")), None)
            if "numberLines" in classes or "number-lines" in classes or re.search(r"\blines\s*:\s*true|lineNumbers", inner):
                item["line_numbers"] = True
            if inner in ("monaco", "monaco-run", "monaco-diff"):
                self.report(number, f"a live editor (`{{{inner}}}`): imported as code to show", self._line(node))
            steps = re.fullmatch(r"[\d,\-\s|*]+|(?:all|[\d,\-\s*])(?:\s*\|\s*(?:all|[\d,\-\s*]+))*", inner)
            if steps and inner:
                parts = [part.replace(" ", "") for part in inner.split("|")]
                if parts[0] not in ("all", "*", ""):
                    item["highlight"] = parts[0]
                if len(parts) > 1:
                    self.report(number, f"highlight steps `{{{inner}}}` (other lines at each click): only the first step is mapped", self._line(node))
            start = re.search(r"(?:startFrom|startLine)\s*[=:]\s*\"?(\d+)", inner)
            if start and start.group(1) != "1":
                self.report(number, f"numbering from line {start.group(1)}: deckgen numbers inline code from 1; not mapped", self._line(node))
        if self.meta.get("lineNumbers") is True:
            item["line_numbers"] = True
        if language:
            alias = {"js": "javascript", "ts": "typescript", "sh": "bash", "shell": "bash", "py": "python", "yml": "yaml"}.get(language, language)
            try:
                item["language"] = check_language(alias)
            except ValueError:
                self.warn(number, f"language {language!r} unknown to Pygments: imported as plain text", self._line(node))
        if paragraphs:
            item["caption"] = self._inline(paragraphs[0], number)
        lines = item["code"].rstrip("\n").split("\n")
        if "highlight" in item:
            numbers = [int(n) for part in item["highlight"].split(",") for n in part.split("-") if n.isdigit()]
            if not numbers or max(numbers) > len(lines) or min(numbers) < 1:
                self.report(number, f"highlight `{item.pop('highlight')}` names lines the code does not have: not mapped", self._line(node))
        return item

    def _image(self, number, title, node, src, line, paragraphs) -> dict | None:
        """Return the image slide, or None if its picture cannot be taken over (that is said)."""
        alt = ""
        if node is not None:
            image = self._image_of(node)
            src = image.attrs.get("src", "")
            words = self._alt_words(image)
            sizes = [w for w in words if IMAGE_SIZE.match(w)]
            alt = " ".join(w for w in words if not IMAGE_SIZE.match(w))
            width = image.attrs.get("width") or image.attrs.get("height")
            if sizes or width:
                self.report(number, f"picture size {' '.join(sizes) or ('width=' + str(width))}: deckgen fits the picture to the slide; not mapped", self._line(node))
            if "bg" in sizes:
                self.warn(number, "a background picture: imported as the slide's picture", self._line(node))
        if re.match(r"^[a-z]+://", src or ""):
            self.report(number, f"picture {src!r} is on the web: deckgen shows pictures from the outline's folder; not mapped", line)
            return None
        try:
            data = PICTURE.read(src, self.path.parent)
        except ValueError as exc:
            self.report(number, f"picture {src!r} {exc}: not mapped", line)
            return None
        name, k = Path(src).name, 2
        while name in self.out.files and self.out.files[name] != data:  # same name, another folder
            name, k = f"{Path(src).stem}-{k}{Path(src).suffix}", k + 1
        self.out.files[name] = data
        item: dict = {"kind": "image", "title": title or self._untitled(number, line), "image": name}
        if alt.strip():
            item["alt"] = jinja_safe(alt.strip())
        else:
            item["alt"] = "TODO: describe this picture"
            self.warn(number, "the picture has no alt text: `alt: TODO` written; say what it shows", line)
        if paragraphs:
            item["caption"] = self._inline(paragraphs[0], number)
        return item

    def _quote(self, number, title, node, paragraphs) -> dict:
        lines = [line for c in (node.children if node is not None else paragraphs) if c.type == "paragraph" and c.children for line in self._cleaned(c.children[0], number, self._line(c)).split("\n")]
        attribution = None
        # the last line names who said it: `— Ada`, `-- Ada`, or in emphasis, `_-- Ada_`
        last = re.sub(r"^([_*])(.*)\1$", r"\2", lines[-1].strip()) if lines else ""
        if len(lines) > 1 and re.match(r"^(—|--|~)\s*", last):
            lines.pop()
            attribution = self._text(re.sub(r"^(—|--|~)\s*", "", last), number, self._line(node or paragraphs[0]), 300)
        quote = " ".join(" ".join(lines).split())
        if not quote and title:
            quote, title = re.sub(r'^["“](.*)["”]$', r"\1", plain_title(title)), None  # Slidev's quote layout: the heading is the quote
        item: dict = {"kind": "quote", "quote": self._text(quote, number, None, 400) if quote else "—"}
        if title:
            item["title"] = title
        if attribution:
            item["attribution"] = attribution
        return item

    def _columns(self, number, title, columns, line, reveal) -> dict:
        cols = []
        for k, blocks in enumerate(columns[:3], start=1):
            heading = None
            bullets: list = []
            code = None
            for b in blocks:
                if b.type == "heading" and heading is None:
                    heading = self._inline(b, number)
                elif b.type in ("bullet_list", "ordered_list"):
                    bullets.extend(self._list(number, b))
                elif b.type == "paragraph" and not self._image_of(b):
                    if heading is None and not bullets:
                        heading = self._inline(b, number)
                    else:
                        bullets.append(self._inline(b, number))
                elif b.type == "fence" and code is None:
                    code = b
                else:
                    self.report(number, f"a {b.type.replace('_', ' ')} in column {k}: not mapped", self._line(b))
            col: dict = {"heading": heading or f"Column {k}"}
            if heading is None:
                self.warn(number, f"column {k} has no heading: headed \"Column {k}\"", line)
            if code is not None and not bullets:
                col.update({key: v for key, v in self._code(number, "x", code, []).items() if key not in ("kind", "title", "caption")})
            elif bullets:
                col["bullets"] = bullets
                if code is not None:
                    self.report(number, f"code beside bullets in column {k}: not mapped (a column holds one or the other)", self._line(code))
            cols.append(col)
        if len(columns) > 3:
            self.report(number, f"{len(columns)} columns: those after the third not mapped", line)
        if len(cols) < 2:
            cols.append({"heading": "—"})
        item = {"kind": "columns", "title": title or self._untitled(number, line), "columns": cols}
        if reveal:
            item["reveal"] = True
        return item

    # --- text -----------------------------------------------------------------------------------

    def _line(self, node) -> int | None:
        return node.map[0] + 1 if getattr(node, "map", None) else None

    def _image_of(self, node):
        """Return the image of a paragraph that holds only a picture, else None."""
        inline = node.children[0] if node.children else None
        kids = [c for c in (inline.children if inline is not None else []) if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"]
        # Pandoc writes `{width=70%}` unquoted, which the attributes plugin leaves as text
        if len(kids) == 2 and kids[0].type == "image" and kids[1].type == "text" and re.fullmatch(r"\{[^{}]*\}", kids[1].content.strip()):
            found = re.search(r"(width|height)=\"?([^\s\"}]+)", kids[1].content)
            if found:
                kids[0].attrs[found.group(1)] = found.group(2)
            kids = kids[:1]
        return kids[0] if len(kids) == 1 and kids[0].type == "image" else None

    def _alt_words(self, image) -> list[str]:
        return "".join(c.content for c in image.children if c.type in ("text", "code_inline")).split()

    def _text_of(self, node) -> str:
        inline = node.children[0] if node.children else None
        return inline.content if inline is not None and inline.type == "inline" else ""

    def _inline(self, node, number: int) -> str:
        """Return a block's inline content as deckgen's markup: the source's own CommonMark,
        its line breaks as spaces, links deckgen cannot show kept as their text."""
        inline = node if node.type == "inline" else (node.children[0] if node.children and node.children[0].type == "inline" else None)
        text = self._cleaned(inline, number, self._line(node)) if inline is not None else ""
        text = re.sub(r"(?<![\\$\w])\$\\([A-Za-z]+)\$(?!\d)", r"\1", text)  # `$\LaTeX$`, a name set in TeX: the name
        if MATH.search(text) and (number, "math") not in self._said:
            self._said.add((number, "math"))
            self.report(number, f"TeX math {MATH.search(text).group(0)[:40]!r}: deckgen draws no math; kept as its TeX source", self._line(node))
        return self._text(" ".join(text.split()), number, self._line(node), 300 if node.type == "heading" else 2000)

    def _cleaned(self, inline, number: int | None, line: int | None) -> str:
        """Return the source of an inline node without its inline HTML (a tag's text stays,
        `<br>` becomes a space, a comment such as Marp's `<!--fit-->` goes), and with Marp's
        emoji shortcodes (`:+1:`) as the emoji they stand for; code spans stay as written."""
        text = inline.content
        tokens = inline.token.children or []
        if not any(t.type == "html_inline" for t in tokens) and not (self.dialect == "marp" and ":" in text):
            return text
        out, pos, closed = [], 0, -1
        for t in tokens:
            if t.type not in ("text", "code_inline", "html_inline") or not t.content:
                continue
            found = text.find(t.content, pos)
            if found < 0:
                continue  # the token's text differs from its source (an escape): the source is copied as it is
            out.append(text[pos:found])
            pos = found + len(t.content)
            if t.type == "html_inline":
                tag = re.match(r"<\s*(/?)\s*([A-Za-z][\w-]*)|<!--", t.content)
                if tag and tag.group(0) != "<!--" and tag.group(2).lower() == "br":
                    out.append(" ")
                elif tag and tag.group(0) == "<!--":
                    self._inline_html(number, line, "an HTML comment " + repr(t.content[:40]) + " in the text (Marp's `<!--fit-->` fits a heading to the slide)")
                elif tag and not tag.group(1):
                    if found == closed:
                        out.append(" ")  # `<kbd>shift</kbd><kbd>space</kbd>`: two words, not one
                    self._inline_html(number, line, f"inline HTML `<{tag.group(2)}>`")
                elif tag:
                    closed = pos
            elif t.type == "text" and self.dialect == "marp":
                out.append(emoji_shortcodes(t.content))
            else:
                out.append(t.content)
        out.append(text[pos:])
        return "".join(out)

    def _inline_html(self, number: int | None, line: int | None, what: str) -> None:
        message = f"{what}: the tags left out, their text kept"
        key = (number, message)
        if key not in self._said:  # once a slide: a table of <kbd> keys would say it on every row
            self._said.add(key)
            self.report(number, message, line)

    def _text(self, text: str, number: int | None, line: int | None, most: int) -> str:
        text = re.sub(ATTRIBUTES, "", text).strip()  # {.class} and {key=value} attributes
        try:
            markup.check(text)
        except ValueError:
            text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
            self.warn(number, "a link to a page that is not on the web (a relative or other address): kept as its text", line)
        if len(text) > most:
            self.warn(number, f"text of {len(text)} characters shortened to {most}", line)
            text = text[: most - 1] + "…"
        return jinja_safe(text or "—")


def quoted(node) -> list:
    """Return the blocks of a block quote, those of a fenced div inside it taken out of it."""
    out = []
    for child in node.children:
        out.extend(child.children if child.type == "container_div" else [child])
    return out


def heading_of(bullets: list):
    """Return the last bullet if it is a heading taking the bullets under it, else None."""
    return bullets[-1] if bullets and isinstance(bullets[-1], dict) and "bullets" in bullets[-1] and bullets[-1].get("heading") else None


def plain_title(text: str) -> str:
    return text


def emoji_shortcodes(text: str) -> str:
    """Return `text` with the emoji shortcodes Marp draws (GitHub's: `:+1:`, `:pencil:`) as
    their emoji; a `:word:` that names none stays as typed."""
    if not re.search(r":[\w+-]+:", text):
        return text
    import emoji  # deferred: its table of names loads only for Marp text that may hold one

    return emoji.emojize(text, language="alias")


def read_markdown(path: Path, stem: str) -> Imported:
    """Return the Imported outline of the slide Markdown file at `path`."""
    return MarkdownReader(path, stem).read()
