"""fanout: work spread over forked processes gives what one process gives, in the same order."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from docverify.cli import main
from docverify.fanout import MIN_ITEMS, fan_out, jobs_for

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is a POSIX call")


def pids_and_squares(share: Sequence[int], tick: Callable[[], None]) -> list[tuple[int, int]]:
    out = []
    for x in share:
        out.append((os.getpid(), x * x))
        tick()
    return out


def test_results_come_back_in_item_order_from_several_processes() -> None:
    got = fan_out(pids_and_squares, list(range(101)), 3)
    assert [square for _, square in got] == [x * x for x in range(101)]
    assert len({pid for pid, _ in got}) == 3
    assert got[0][0] == os.getpid()                     # the first item warms the parent's caches
    assert os.getpid() in {pid for pid, _ in got[1:]}   # and the parent works a share too


def test_one_job_forks_nothing() -> None:
    got = fan_out(pids_and_squares, list(range(10)), 1)
    assert {pid for pid, _ in got} == {os.getpid()}


def test_a_failing_worker_share_is_redone_by_the_parent() -> None:
    parent = os.getpid()

    def only_the_parent_can(share: Sequence[int], tick: Callable[[], None]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("a worker met something the parent does not")
        return [x + 1 for x in share]

    assert fan_out(only_the_parent_can, list(range(20)), 4) == list(range(1, 21))


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the workers forked while the test runs."""
    pids: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


@pytest.mark.parametrize("bad", [0, 1, 2, 7])     # the first item, the parent's share, a worker's
def test_an_error_of_the_work_surfaces_in_the_parent_and_no_worker_is_left(bad: int, forked: list[int]) -> None:
    def fails_on_bad(share: Sequence[int], tick: Callable[[], None]) -> list[int]:
        if bad in share:
            raise ValueError(f"item {bad} is bad")
        return list(share)

    with pytest.raises(ValueError, match=f"item {bad} is bad"):
        fan_out(fails_on_bad, list(range(20)), 4)
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_an_error_in_the_parents_share_leaves_no_worker_behind(forked: list[int]) -> None:
    parent = os.getpid()
    def parent_fails(share: Sequence[int], tick: Callable[[], None]) -> list[int]:
        if os.getpid() == parent and 0 not in share:
            raise KeyError("the parent's own share")
        return [os.getpid() for _ in share]

    with pytest.raises(KeyError):
        fan_out(parent_fails, list(range(40)), 3)
    assert len(forked) == 2
    for pid in forked:                         # every worker was reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_without_fork_the_parent_does_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    got = fan_out(pids_and_squares, list(range(30)), 3)
    assert got == [(os.getpid(), x * x) for x in range(30)]


def test_workers_do_not_write_to_the_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    def noisy(share: Sequence[int], tick: Callable[[], None]) -> list[int]:
        for x in share:
            print(f"noise {x}")
            sys.stderr.write(f"noise {x}\n")
        return [os.getpid() for _ in share]

    pids = fan_out(noisy, list(range(10)), 2)
    out, err = capfd.readouterr()
    here = {n for n, pid in enumerate(pids) if pid == os.getpid()}
    assert here and len(here) < 10                     # the parent did some items, a worker the rest
    assert {int(line.split()[1]) for line in out.splitlines()} == here
    assert {int(line.split()[1]) for line in err.splitlines()} == here


def test_progress_rises_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    fan_out(pids_and_squares, list(range(50)), 2, lambda done, total: seen.append((done, total)))
    assert seen[-1] == (50, 50)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert all(total == 50 for _, total in seen)


def test_how_many_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("docverify.fanout.available_cores", lambda: 4)
    monkeypatch.setattr(sys, "platform", "linux")
    assert jobs_for(MIN_ITEMS - 1) == 1            # too little work to be worth a fork
    assert jobs_for(10_000) == 4
    monkeypatch.setattr(sys, "platform", "darwin")
    assert jobs_for(10_000) == 1 and jobs_for(10_000, 2) == 2   # asked for, as the user said
    monkeypatch.setattr(sys, "platform", "linux")
    assert jobs_for(10_000, 1) == 1
    assert jobs_for(10_000, 3) == 3
    assert jobs_for(2, 5) == 2                    # never more processes than items
    monkeypatch.delattr(os, "fork")
    assert jobs_for(10_000, 3) == 1


def _site(root: Path, pages: int) -> Path:
    """A two-language site big enough to fan out: links across pages, anchors, translations."""
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "zh").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - locale: zh\n          default: true\n        - locale: en\n", encoding="utf-8")
    for n in range(pages):
        nxt = (n + 1) % pages
        (root / "docs" / "zh" / f"p{n}.md").write_text(
            f"# 页面 {n}\n\n## 设置\n\n见 [下一页](p{nxt}.md#设置) 与 [缺页](gone{n}.md)。\n\n"
            f"![图](img{n}.png)\n\n```bash\ncurl https://api.example.com/v1/models\n```\n", encoding="utf-8")
        if n % 3:
            (root / "docs" / "en" / f"p{n}.md").write_text(
                f"# Page {n}\n\n## Settings\n\nSee [the next page](p{nxt}.md#settings) and "
                f"[a missing one](gone{n}.md).\n\n![picture](img{n}.png)\n", encoding="utf-8")
    return root


def test_check_reports_the_same_with_one_process_or_several(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path, MIN_ITEMS + 6)
    monkeypatch.chdir(site)
    reports = []
    for jobs in ("1", "3"):
        out = tmp_path / f"report-{jobs}.json"
        assert main(["check", "--format", "json", "--output", str(out), "--jobs", jobs]) == 1
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    assert reports[0] == reports[1]
    checks = {f["check"] for f in reports[0]["findings"]}
    assert {"link.broken", "asset.missing"} <= checks      # findings from every page, not a share


def test_a_bad_jobs_value_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(_site(tmp_path, 2))
    with pytest.raises(SystemExit) as exc:
        main(["check", "--jobs", "many"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "expected a number of processes" in err and "Traceback" not in err

