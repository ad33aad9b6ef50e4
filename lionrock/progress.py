"""Progress of a long library call, reported stage by stage (issue #13, item 5).

A library function that takes more than a second takes a `Progress` and runs each of its
stages inside `progress.stage(label, total)`, calling the `advance` it yields as work is
done. The base class reports nothing, so library callers and tests need nothing; the CLI
passes one that draws a rich progress bar on a terminal and prints a one-line summary
otherwise (`lionrock.cli_progress`).

Example:
    with progress.stage("writing pages", total=len(pages)) as advance:
        for page in pages:
            write(page)
            advance(1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
Advance = Callable[[int], None]


def _ignore(count: int = 1) -> None:
    return None


class Progress:
    """Reports nothing: the default for library calls. Subclasses override `stage`."""

    @contextmanager
    def stage(self, label: str, total: int | None = None) -> Iterator[Advance]:
        """Run one stage of `total` steps (None: unknown); yields `advance(n)`."""
        yield _ignore

    def track(self, items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
        """Yield `items`, advancing one step per item, as one stage.

        Example: `for record in progress.track(records, "reading"): ...`.
        """
        with self.stage(label, total) as advance:
            for item in items:
                yield item
                advance(1)


QUIET = Progress()
