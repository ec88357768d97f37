"""Errors deckgen raises: each problem knows where in the outline it was found."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an outline, located at file:line:column and a field path."""

    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    field: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.file and self.line:
            where = f"{self.file}:{self.line}:{self.column}"
        parts = [p for p in (where, self.field) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


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
