"""The check worker: forked or a new interpreter, one full report per change of the site, then a word."""

from __future__ import annotations

import gc
import io
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tests.suffix_site import write_site

import docverify.integrations.worker as worker_module
from docverify.integrations.forked import can_fork
from docverify.integrations.worker import UNCHANGED, Checker, SiteReport, answer


@pytest.fixture
def site(tmp_path: Path) -> Path:
    pages = {f"{name}.{lang}.md": f"# {name} {lang}\n\nText.\n" for name in "ab" for lang in ("zh", "en")}
    pages["b.en.md"] = "# b en\n\nSee [a](a.en.md) and [gone](gone.en.md).\n"
    return write_site(tmp_path, pages)


def touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))   # a save one second later


def broken(report: SiteReport) -> list[str]:
    return [Path(f.path).name for f in report.findings if f.check == "link.broken"]


def command_line(pid: int) -> list[str]:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")[:-1]


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "interpreter"])
def test_a_repeated_request_is_answered_without_sending_the_report_again(
        site: Path, monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(worker_module, "can_fork", lambda: fork)
    checker = Checker(background=True)
    try:
        checker.submit(str(site / "mkdocs.yml"))
        first = checker.result()
        proc = checker._proc
        assert proc is not None
        if sys.platform == "linux":     # a fork runs this process's command line; the other, `-c serve()`
            assert (command_line(proc.pid) == command_line(os.getpid())) is fork
        assert sorted(Path(p).name for p in first.reread) == ["a.en.md", "a.zh.md", "b.en.md", "b.zh.md"]
        assert broken(first) == ["b.en.md"]

        checker.submit(str(site / "mkdocs.yml"))    # the next language build: nothing changed
        second = checker.result()
        assert second.reread == ()
        assert second.verdicts is first.verdicts    # this process's copy, not a second unpickled one
        assert second.generation == first.generation

        touch(site / "docs" / "b.en.md", "# b en\n\nSee [a](a.en.md).\n")
        checker.submit(str(site / "mkdocs.yml"))
        third = checker.result()
        assert [Path(p).name for p in third.reread] == ["b.en.md"]
        assert broken(third) == [] and third.generation > first.generation
    finally:
        checker.close()
    assert proc.poll() is not None                  # the worker ended when its requests did


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "interpreter"])
def test_a_worker_error_is_raised_in_the_plugin_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        fork: bool) -> None:
    monkeypatch.setattr(worker_module, "can_fork", lambda: fork)
    checker = Checker(background=True)
    try:
        checker.submit(str(tmp_path / "missing" / "mkdocs.yml"))
        with pytest.raises(Exception, match="mkdocs.yml"):
            checker.result()
    finally:
        checker.close()


def test_no_fork_while_another_thread_runs() -> None:
    fresh = subprocess.run([sys.executable, "-c", "from docverify.integrations.forked import can_fork; "
                            "print(can_fork())"], capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == str(sys.platform == "linux")     # one thread: fork where it is safe
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert can_fork() is False
    finally:
        stop.set()
        other.join()


def test_answers_a_full_report_then_a_word_and_leaves_the_collector_on(site: Path) -> None:
    requests = io.BytesIO()
    for _ in range(2):
        pickle.dump((str(site / "mkdocs.yml"), True), requests)
    requests.seek(0)
    answers = io.BytesIO()
    try:
        answer(requests, answers)
    finally:
        gc.unfreeze()                   # the loop froze this test process's objects: give them back
    assert gc.isenabled()
    answers.seek(0)
    ok, first = pickle.load(answers)
    assert ok and isinstance(first, SiteReport) and first.matrix is not None
    assert pickle.load(answers) == (True, UNCHANGED)
    assert answers.read() == b""


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "interpreter"])
def test_closing_with_a_report_pending_ends_the_worker(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                       fork: bool) -> None:
    """A build that fails before any page is written: nobody reads the report, the worker is not left behind."""
    monkeypatch.setattr(worker_module, "can_fork", lambda: fork)
    checker = Checker(background=True)
    checker.submit(str(site / "mkdocs.yml"))
    proc = checker._proc
    assert proc is not None
    checker.close()
    assert proc.poll() is not None          # ended and reaped (poll waits for it): no zombie left


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is a POSIX call")
def test_the_parent_freezes_what_it_shares_before_forking() -> None:
    from docverify.integrations.forked import Forked

    def echo(requests: io.BufferedReader, answers: io.BufferedWriter) -> None:
        answers.write(requests.read())

    gc.unfreeze()
    try:
        child = Forked(echo)      # type: ignore[arg-type]
        frozen = gc.get_freeze_count()
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(b"ping")
        child.stdin.close()
        answered = child.stdout.read()
        child.stdout.close()
        assert answered == b"ping" and child.wait(timeout=10) == 0
        assert frozen > 1000            # the parent's objects, out of its collector's sight
    finally:
        gc.unfreeze()
