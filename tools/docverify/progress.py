"""The one progress display of the long commands (check, record, import-gitbook): a rich bar on stderr.

Shown only where a person watches: stderr is a terminal, the `CI` variable is not set (CI
services set it, and their logs are no terminal for a bar), and `--quiet` was not given. A
command opens the display once and names each stage; every stage reuses the same bar, so a
run shows one bar that changes its label, never a pile of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["Stages", "Tick", "progress_display", "wanted"]


class Tick(Protocol):
    """What a stage reports: `done` of `total` items, optionally what it is working on now.
    Fits the core's progress callbacks, which pass `(done, total)` or `(done, total, label)`."""

    def __call__(self, done: int, total: int, label: str = "") -> None: ...


class Stages(Protocol):
    """Opens the next stage of the display under `label`; None when nothing is shown."""

    def __call__(self, label: str) -> Tick | None: ...


def wanted(stream: IO[str] | None = None, *, quiet: bool = False,
           environ: Mapping[str, str] | None = None) -> bool:
    """Whether to draw a bar: a terminal, not CI, not quiet."""
    stream = sys.stderr if stream is None else stream
    ci = (os.environ if environ is None else environ).get("CI", "").strip().lower()
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):     # a closed or bare stream
        tty = False
    return tty and not quiet and ci in ("", "0", "false", "no")


class _Stage:
    def __init__(self, bar: Progress, task: TaskID, label: str) -> None:
        self.bar, self.task, self.label = bar, task, label

    def __call__(self, done: int, total: int, label: str = "") -> None:
        description = f"{self.label}: {label}" if label else self.label
        self.bar.update(self.task, completed=done, total=total, description=description[:80])


@contextmanager
def progress_display(*, quiet: bool = False, stream: IO[str] | None = None) -> Iterator[Stages]:
    """One bar for the whole command (on a terminal only), reused by each stage it names."""
    stream = sys.stderr if stream is None else stream
    if not wanted(stream, quiet=quiet):
        def nothing(label: str) -> Tick | None:
            return None
        yield nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(file=stream)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # transient: the bar leaves the terminal as it found it; the command's report follows.
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def stage(label: str) -> Tick:
            bar.update(task, description=label, completed=0, total=None)
            return _Stage(bar, task, label)
        yield stage
