"""Errors deckgen raises: each problem knows where in the outline it was found."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an outline, located at file:line:column and a field path: an error
    (nothing is written), or a warning (the deck is written; `--strict` makes it an error).

    Every diagnostic deckgen gives is one of these, whichever stage found it; workers return
    them as data."""

    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    field: str = ""
    severity: str = "error"  # or "warning"

    def as_warning(self) -> Problem:
        """Return this problem as a warning."""
        return replace(self, severity="warning")

    def __str__(self) -> str:
        where = _one_line(self.file)
        if self.file and self.line:
            where = f"{where}:{self.line}:{self.column}"
        parts = [p for p in (where, _one_line(self.field)) if p]
        prefix = ": ".join(parts)
        message = _one_line(self.message)
        return f"{prefix}: {message}" if prefix else message

    def place(self) -> str:
        """Return where this problem is, as its line begins: "file:line:col: field"."""
        return str(replace(self, message="")).removesuffix(": ").removesuffix(":")


_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {0x7F: "\\x7f", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _one_line(text: str) -> str:
    """Return `text` with control characters escaped: one problem is one line, whatever a file
    name or a value holds (a newline in a name must not forge a second message)."""
    return text.translate(_CONTROL) if text and not text.isprintable() else text


class DeckgenError(Exception):
    """Base of every error deckgen raises on purpose; the CLI maps it to an exit code."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutlineError(DeckgenError):
    """The outline (or an audience, variable or asset it names) is wrong: the user can fix it."""

    exit_code = 2


class OutputError(DeckgenError):
    """The deck cannot be written where it was asked to go."""

    exit_code = 2


class ToolMissingError(DeckgenError):
    """An optional external program (LibreOffice) is needed but not installed."""

    exit_code = 2


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    """Return ' (did you mean X?)' when a choice is close to `word`, else ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
