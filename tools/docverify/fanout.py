"""Work item by item over a list, spread across the machine's cores in forked processes.

`docverify check` on a big site spends its time parsing pages and then checking them, each page
on its own: work that splits cleanly across cores. A forked process starts with everything the
parent imported and loaded (no start-up, no pickled inputs); only its results travel back, as
one pickle through a pipe. Results come back in the order of the items whatever the split, so
the output is the same with one process or many. Where forking is not available, fails, or a
worker dies, the parent does that share itself: slower, never different, and an error the work
raises surfaces in the parent as it would without workers.
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["MIN_ITEMS", "available_cores", "fan_out", "fork_is_safe", "jobs_for"]

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork costs more than it saves (a page takes ~2 ms to parse or check).
MIN_ITEMS = 64
_MAX_JOBS = 8     # beyond this the per-worker copies of site-wide indexes outweigh the gain


def fork_is_safe() -> bool:
    """Whether a fork may go on without exec here: Linux (macOS's system libraries do not survive
    one; Windows has none). Threads are the caller's to weigh: a child inherits the locks they hold."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):     # not Linux
        return os.cpu_count() or 1


def jobs_for(count: int, requested: int | None = None) -> int:
    """Processes to use for `count` items: `requested` if given (0 = automatic), else (on Linux)
    one per available core when there is enough work to be worth a fork; 1 where fork is missing."""
    if not hasattr(os, "fork"):
        return 1
    if requested:
        return max(1, min(requested, count))
    # Automatically only where a fork is safe; a worker here touches no lock a progress bar's
    # thread may hold (it writes to no terminal), so that thread is no reason to stay alone.
    if count < MIN_ITEMS or not fork_is_safe():
        return 1
    return max(1, min(available_cores(), _MAX_JOBS, count // (MIN_ITEMS // 2)))


def fan_out(work: Callable[[Sequence[T], Callable[[], None]], list[R]], items: Sequence[T], jobs: int,
            progress: Callable[[int, int], None] | None = None) -> list[R]:
    """`work(items, tick)` for every item, in `jobs` processes: one result per item, in order.

    `work` gets a share of the items (every `jobs`-th one, so shares cost alike) and returns one
    result per item of its share; it calls `tick()` after each item. The parent works its own
    share meanwhile and reports progress from it (scaled to the whole; workers keep pace).
    """
    total = len(items)
    done = [0]

    def tick_all() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    if jobs <= 1 or total < 2:
        return work(items, tick_all)
    # The first item is worked here before any fork: what the work loads on first use (tables,
    # models, site-wide indexes) is then loaded once, and every worker starts with it.
    first = work(items[:1], tick_all)
    rest = items[1:]
    jobs = min(jobs, len(rest))
    shares = [rest[i::jobs] for i in range(jobs)]
    children = [_start(work, share) for share in shares[1:]]

    def tick_scaled() -> None:
        done[0] += 1
        if progress is not None:
            progress(min(1 + (done[0] - 1) * jobs, total - 1), total)

    try:
        parts = [work(shares[0], tick_scaled)]
        for n, (share, child) in enumerate(zip(shares[1:], children)):
            part: list[R] | None = _collect(child)
            children[n] = None
            # A worker that could not start or did not finish: its share is done here, where
            # any error it met is raised again, with its traceback, as without workers.
            parts.append(part if part is not None and len(part) == len(share) else work(share, lambda: None))
    finally:
        _stop(children)       # after an error or Ctrl-C here, no worker is left waiting on its pipe
    out: list[R] = [None] * len(rest)  # type: ignore[list-item]
    for i, part in enumerate(parts):
        out[i::jobs] = part
    if progress is not None:
        progress(total, total)
    return first + out


def _start(work: Callable[[Sequence[T], Callable[[], None]], list[R]], share: Sequence[T]) -> tuple[int, int] | None:
    """Fork a worker for `share`; (pid, read end of its pipe), or None when fork fails."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        return pid, read
    # The worker. It never writes to the terminal (another thread of the parent, a progress
    # bar, may have held the stream's lock at the fork) and never returns into the caller.
    os.close(read)
    status = 1
    try:
        sys.stdout = sys.stderr = io.StringIO()
        payload = pickle.dumps(work(share, lambda: None), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        os._exit(status)     # no atexit handlers, no flushing of the parent's buffers


def _stop(children: Sequence[tuple[int, int] | None]) -> None:
    """End the workers and reap them, their pipes closed."""
    for child in children:
        if child is None:
            continue
        pid, read = child
        for end in (lambda: os.close(read), lambda: os.kill(pid, signal.SIGTERM), lambda: os.waitpid(pid, 0)):
            try:
                end()
            except OSError:     # already closed, already gone
                pass


def _collect(child: tuple[int, int] | None) -> list[R] | None:
    """A worker's results, or None if it could not start or failed."""
    if child is None:
        return None
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        part: list[R] = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a torn pickle means the worker failed: redo its share
        return None
    return part
