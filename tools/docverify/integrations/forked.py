"""A child process forked from this one, serving requests over two pipes: the checker's cheaper worker.

A fork starts with every module this process has imported and without a new interpreter; for
the MkDocs plugin's worker that is ~80 ms CPU less than `python -c` importing it all again (of
~0.9 s on a 347-page site). It stands in for the part of `subprocess.Popen` that
`worker.Checker` uses.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO

from docverify.fanout import fork_is_safe

__all__ = ["Forked", "can_fork"]


def can_fork() -> bool:
    """Whether forking is safe here (fanout.fork_is_safe) with no other thread running: fork copies
    only the calling thread, so a lock another thread held stays held in the child (`mkdocs serve`
    runs threads once its server is up), and this child serves requests with the plugin's code."""
    return fork_is_safe() and threading.active_count() == 1


class Forked:
    """`target(requests, answers)` in a forked child: what the parent writes to `stdin` it reads
    from `requests`; what it writes to `answers` the parent reads from `stdout`."""

    def __init__(self, target: Callable[[IO[bytes], IO[bytes]], None]) -> None:
        requests_in, requests_out = os.pipe()
        answers_in, answers_out = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()                  # else the child's copies of their buffers could be written twice
        # What both processes hold now is moved out of the parent's collector's sight before the
        # fork, as the gc module's documentation advises for fork without exec: a collection in the
        # parent would write to every object it walks, copying the pages the child shares (~1,700
        # fewer page copies on a 347-page site), and MkDocs' collections while it renders no longer
        # walk its own configuration, theme and imported modules (~0.15 s CPU of a ~7 s build).
        # They stay frozen: in `mkdocs serve` (one fork, at the first build) that keeps the first
        # build's configuration, a few MB, for the server's lifetime.
        gc.freeze()
        pid = os.fork()
        if pid == 0:                        # the child: it never returns into the parent's code
            code = 1
            try:
                os.close(requests_out)      # else its own copy would keep the requests from ever ending
                os.close(answers_in)
                gc.freeze()                 # the parent's objects: not for the child's collector to walk
                os.dup2(2, 1)               # anything printed goes to stderr, as from a `python -c` worker
                with os.fdopen(requests_in, "rb") as requests, os.fdopen(answers_out, "wb") as answers:
                    target(requests, answers)
                code = 0
            except KeyboardInterrupt:       # Ctrl-C reaches the whole process group: the parent reports it
                pass
            except BaseException:           # a crash says why, as a `python -c` worker's would
                import traceback
                traceback.print_exc()
            finally:
                os._exit(code)              # no atexit handlers, no flushing the parent's buffers
        os.close(requests_in)
        os.close(answers_out)
        self.pid = pid
        self.stdin: IO[bytes] | None = os.fdopen(requests_out, "wb")
        self.stdout: IO[bytes] | None = os.fdopen(answers_in, "rb")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"docverify worker {self.pid}", timeout or 0.0)
            time.sleep(0.01)
        return code
