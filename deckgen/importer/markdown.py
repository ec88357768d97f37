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
COMMENT = re.compile(r"^\s*<!--(.*?)-->\s*$", re.S)
MARP_DIRECTIVE = re.compile(r"^\s*(_?)([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
MARP_KEYS = {
    "theme", "style", "headingDivider", "lang", "size", "math", "title", "author", "description", "image", "url",
    "paginate", "header", "footer", "class", "backgroundColor", "backgroundImage", "backgroundPosition",
    "backgroundRepeat", "backgroundSize", "color", "marp", "transition", "keywords",
}
SLIDEV_LAYOUTS = {"cover": "title", "intro": "title", "section": "section", "quote": "quote", "end": "closing", "fact": "quote", "statement": "quote"}
IMAGE_SIZE = re.compile(r"^(?:w|h|width|height):\S+$|^(?:bg|fit|contain|cover|auto|left|right|vertical|sepia|grayscale|blur|\d+%)(?::\S+)?$")


def parser() -> MarkdownIt:
    """Return markdown-it set up for slide Markdown: tables, strikethrough, front matter,
    `:::` fenced divs and `{…}` attributes."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(container_plugin, name="div", validate=lambda *args: True).use(attrs_plugin)
    return md


class MarkdownReader:
    """Reads one slide Markdown file; `read()` returns the Imported outline."""

    def __init__(self, path: Path, stem: str):
        self.path = Path(path)
        self.stem = stem
        try:
            raw = read_limited(self.path, MAX_MARKDOWN, "Markdown file", "Markdown files to import")
        except ValueError as exc:
            raise OutlineError(Problem(str(exc), str(self.path))) from None
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
        tokens = parser().parse(self.text)
        if tokens and tokens[0].type == "front_matter":
            self.meta = self._yaml(tokens[0].content, 1) or {}
            tokens = tokens[1:]
        self.dialect = self._dialect(tokens)
        chunks = self._split(tokens)
        if len(chunks) > MAX_SLIDES:
            raise OutlineError(Problem(f"has {len(chunks)} slides; files to import are limited to {MAX_SLIDES}", str(self.path)))
        slides: list[dict] = []
        for number, (tokens_of, local, line) in enumerate(chunks, start=1):
            item = self.slide(len(slides) + 1, tokens_of, local, line, first=not slides)
            if item is not None:
                slides.append(item)
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

    def _dialect(self, tokens) -> str:
        if self.meta.get("marp") is True:
            return "marp"
        slidev_keys = {"layout", "highlighter", "drawings", "transition", "mdc", "colorSchema", "info", "lineNumbers", "download", "exportFilename", "fonts"}
        if slidev_keys & set(self.meta) or "::right::" in self.text or "<v-click" in self.text:
            return "slidev"
        if any(t.type == "hr" and t.level == 0 for t in tokens) and not any(t.type.startswith("container_div") for t in tokens):
            return "marp" if any(t.type == "html_block" and MARP_DIRECTIVE.match((COMMENT.match(t.content) or [None, ""])[1] or "") for t in tokens) else "slidev"
        return "pandoc"

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
            current.append(token)
            i += 1
        chunks.append((current, local, start))
        return [c for c in chunks if c[0]]  # `---` twice in a row makes no slide

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
                self.out.comments = {k + 1: v for k, v in self.out.comments.items()}
        elif "title" not in self.deck:
            first = next((s.get("title") for s in slides if s.get("title")), None)
            self.deck = {"title": first or jinja_safe(self.path.stem.replace("-", " ").replace("_", " ")), **self.deck}
        subtitle = meta.get("subtitle") or (meta.get("description") if self.dialect == "marp" else None) or (meta.get("info") if self.dialect == "slidev" and isinstance(meta.get("info"), str) and "\n" not in meta.get("info", "").strip() else None)
        if isinstance(subtitle, str) and subtitle.strip() and "subtitle" not in self.deck:
            self.deck["subtitle"] = self._text(subtitle.strip(), None, None, 300)
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
        if self.dialect == "marp" and meta.get("paginate") is not True:
            self.deck["footer"] = False
        if (self.dialect == "marp" and "invert" in str(meta.get("class", ""))) or (self.dialect == "slidev" and meta.get("colorSchema") == "dark"):
            self.deck["theme"] = "dark"
        mapped = {"title", "subtitle", "author", "date", "lang", "marp", "paginate", "description", "slide-level", "incremental", "lineNumbers", "colorSchema", "info", "layout", "hide"}
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
            elif name == "paginate" and self.dialect == "marp":
                if str(value).strip() == "false" and key.startswith("_"):
                    self.report(number, "`_paginate: false`: deckgen numbers every content slide or none; not mapped", line)
            elif name in ("image", "background") and item.get("kind") == "image":
                continue
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
                title = self._inline(node, number)
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
        # a block quote holding only a list is Pandoc's incremental list, not a quote
        quotes = [b for b in blocks if b.type == "blockquote" and not all(c.type in ("bullet_list", "ordered_list") for c in b.children)]
        if any(b.type == "blockquote" and b not in quotes for b in blocks):
            lists = lists + [b for b in blocks if b.type == "blockquote" and b not in quotes]
        if layout in ("image", "image-right", "image-left") and directives.get("image"):
            return self._image(number, title, None, str(directives["image"]), line, paragraphs)
        if columns is not None:
            return self._columns(number, title, columns, line, reveal)
        if tables:
            self._rest(number, blocks, tables[0])
            return self._table(number, title, tables[0])
        if fences:
            self._rest(number, blocks, fences[0], paragraphs)
            return self._code(number, title, fences[0], paragraphs)
        if images and not lists:
            self._rest(number, blocks, images[0], paragraphs)
            return self._image(number, title, images[0], None, line, paragraphs)
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
            bullets = []
            for block in blocks:
                if block.type in ("bullet_list", "ordered_list"):
                    bullets.extend(self._list(number, block))
                    if block.type == "bullet_list" and block.markup == "*" and self.dialect == "marp":
                        reveal = True  # Marp: a list written with `*` is shown one item per click
                    if block.type == "ordered_list":
                        self.warn(number, "a numbered list: imported as bullets (deckgen's bullets are not numbered)", self._line(block))
                elif block.type == "paragraph" and not self._image_of(block):
                    bullets.append(self._inline(block, number))
                elif block.type == "paragraph":
                    self.report(number, "a picture beside bullets: not mapped", self._line(block))
                elif block.type == "blockquote":
                    for child in block.children:
                        if child.type in ("bullet_list", "ordered_list"):
                            bullets.extend(self._list(number, child))
                            reveal = True  # Pandoc: a list in a block quote is incremental
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
            self.report(number, f"a {b.type.replace('_', ' ')} beside the slide's {chosen.type.replace('_', ' ')}: not mapped", self._line(b))

    def _untitled(self, number: int, line: int) -> str:
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
        columns, body = rows[0][:8], [r[:8] for r in rows[1:41]] or [["—"] * len(rows[0][:8])]
        if len(rows[0]) > 8 or len(rows) > 41:
            self.report(number, "a table larger than 8 columns or 40 rows: the rest not mapped", self._line(node))
        return {"kind": "table", "title": title or self._untitled(number, self._line(node)), "columns": columns, "rows": body}

    def _code(self, number, title, node, paragraphs) -> dict:
        info = (node.info or "").strip()
        item: dict = {"kind": "code", "title": title or self._untitled(number, self._line(node)), "code": node.content if node.content.endswith("\n") else node.content + "\n"}
        language = None
        attrs = re.search(r"\{(.*)\}", info)
        head = info[: attrs.start()].strip() if attrs else info
        if head:
            language = head.split()[0]
        if attrs:
            inner = attrs.group(1).strip()
            classes = re.findall(r"\.([\w+-]+)", inner)
            if classes and not language:
                language = next((c for c in classes if c not in ("numberLines", "number-lines")), None)
            if "numberLines" in classes or "number-lines" in classes or "lineNumbers" in inner:
                item["line_numbers"] = True
            steps = re.fullmatch(r"([\d,\-\s|]+|all)(?:\s.*)?", inner)
            if steps and steps.group(1) != "all":
                first_step = steps.group(1).split("|")[0].replace(" ", "")
                if first_step:
                    item["highlight"] = first_step
                if "|" in steps.group(1):
                    self.report(number, f"highlight steps `{{{steps.group(1)}}}` (one range per click): only the first range is mapped", self._line(node))
            start = re.search(r"startFrom=\"?(\d+)", inner)
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

    def _image(self, number, title, node, src, line, paragraphs) -> dict:
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
        item: dict = {"kind": "image", "title": title or self._untitled(number, line)}
        if re.match(r"^[a-z]+://", src or ""):
            self.report(number, f"picture {src!r} is on the web: deckgen shows pictures from the outline's folder; not mapped", line)
            return {"kind": "section", "title": item["title"]}
        try:
            data = PICTURE.read(src, self.path.parent)
        except ValueError as exc:
            self.report(number, f"picture {src!r} {exc}: not mapped", line)
            return {"kind": "section", "title": item["title"]}
        name, k = Path(src).name, 2
        while name in self.out.files and self.out.files[name] != data:  # same name, another folder
            name, k = f"{Path(src).stem}-{k}{Path(src).suffix}", k + 1
        self.out.files[name] = data
        item["image"] = name
        if alt.strip():
            item["alt"] = jinja_safe(alt.strip())
        else:
            item["alt"] = "TODO: describe this picture"
            self.warn(number, "the picture has no alt text: `alt: TODO` written; say what it shows", line)
        if paragraphs:
            item["caption"] = self._inline(paragraphs[0], number)
        return item

    def _quote(self, number, title, node, paragraphs) -> dict:
        lines = [line for c in (node.children if node is not None else paragraphs) if c.type == "paragraph" for line in self._text_of(c).split("\n")]
        attribution = None
        if len(lines) > 1 and re.match(r"^(—|--|~)\s*", lines[-1].strip()):
            attribution = self._text(re.sub(r"^(—|--|~)\s*", "", lines.pop().strip()), number, self._line(node or paragraphs[0]), 300)
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
        text = " ".join(self._text_of(node).split()) if node.type != "inline" else " ".join(node.content.split())
        return self._text(text, number, self._line(node), 300 if node.type == "heading" else 2000)

    def _text(self, text: str, number: int | None, line: int | None, most: int) -> str:
        text = re.sub(r"\{[.#][^}]*\}|\{\w+=[^}]*\}", "", text).strip()  # {.class} and {key=value} attributes
        try:
            markup.check(text)
        except ValueError:
            text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
            self.warn(number, "a link to a page that is not on the web (a relative or other address): kept as its text", line)
        if len(text) > most:
            self.warn(number, f"text of {len(text)} characters shortened to {most}", line)
            text = text[: most - 1] + "…"
        return jinja_safe(text or "—")


def plain_title(text: str) -> str:
    return text


def read_markdown(path: Path, stem: str) -> Imported:
    """Return the Imported outline of the slide Markdown file at `path`."""
    return MarkdownReader(path, stem).read()
