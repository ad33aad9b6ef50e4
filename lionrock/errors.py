"""Errors that Lion Rock reports to its users.

Every error about input names where the problem is: the file, the line and the field
(DEVELOPERS.md: "Bad input must give a clear error that names the file, line and field").
"""

from __future__ import annotations

from dataclasses import dataclass

#: An error message quotes at most this much of an offending value (issue #18: one echoed
#: a whole 5 MB value).
MAX_MESSAGE_CHARS = 500


def cut(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text`, cut to `limit` characters with a note of how much was left out.

    Example: `cut("x" * 600, 10)` returns `"xxxxxxxxxx… (590 more characters)"`.
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


class LionRockError(Exception):
    """Base class of every error Lion Rock reports to a user."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: a file, a line (1-based) and a field."""

    path: str = "<input>"
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return where if self.field is None else f"{where}: field '{cut(self.field, 100)}'"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, and where."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {cut(self.message)}"


class LoadError(LionRockError):
    """A load was refused; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [str(p) for p in problems[:20]]
        if len(problems) > 20:
            lines.append(f"... and {len(problems) - 20} more problems")
        super().__init__("\n".join(lines))


class NotFound(LionRockError):
    """No entity has that ID."""
