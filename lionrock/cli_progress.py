"""The CLI's `Progress` (lionrock.progress): a rich progress bar per stage on a terminal,
and one summary line at the end otherwise (a log, a pipe, CI), so no long command is
silent (issue #13, item 5).

Example:
    with cli_progress("publish") as progress:
        build_site(store, out=out, progress=progress)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from lionrock.progress import Advance, Progress


class _Summary(Progress):
    """Times each stage and counts its steps; `line()` says it all in one line."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int, float]] = []

    @contextmanager
    def stage(self, label: str, total: int | None = None) -> Iterator[Advance]:
        done = [0]
        started = time.perf_counter()

        def advance(count: int = 1) -> None:
            done[0] += count

        try:
            yield advance
        finally:
            self.stages.append((label, done[0], time.perf_counter() - started))

    def line(self, command: str) -> str:
        parts = [
            f"{label}{f' {count:,}' if count else ''} {seconds:.1f}s"
            for label, count, seconds in self.stages
        ]
        return f"{command}: " + " · ".join(parts) if parts else f"{command}: done"


class _Bars(_Summary):
    """A rich progress bar per stage, kept on screen when the stage ends."""

    def __init__(self, bars: Any) -> None:
        super().__init__()
        self.bars = bars

    @contextmanager
    def stage(self, label: str, total: int | None = None) -> Iterator[Advance]:
        task = self.bars.add_task(label, total=total)
        with super().stage(label, total) as counted:

            def advance(count: int = 1) -> None:
                counted(count)
                self.bars.advance(task, count)

            try:
                yield advance
            finally:
                done = self.bars.tasks[task].completed
                self.bars.update(task, total=max(done, 1), completed=max(done, 1))


@contextmanager
def cli_progress(command: str, *, terminal: bool | None = None) -> Iterator[Progress]:
    """A `Progress` for one command: bars on a terminal (stderr), else one line on
    stderr when the command ends, whether it succeeded or not.

    Example: `with cli_progress("sanctions import") as progress: ...`.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if terminal is None:
        terminal = console.is_terminal
    if not terminal:
        summary = _Summary()
        try:
            yield summary
        finally:
            click.echo(summary.line(command), err=True)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import (
        Progress as RichProgress,
    )

    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with RichProgress(*columns, console=console) as bars:
        yield _Bars(bars)


@contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while the block runs, as SIGINT already is, so
    that a stopped command runs its cleanup (`finally`, `except BaseException`) and
    leaves no temporary files behind (issue #13, item 4).

    Example: `with interruptible(): build_site(...)`.
    """
    import os
    import signal

    owner = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != owner:  # a forked worker inherits the handler: end quietly
            os._exit(128 + signum)
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
