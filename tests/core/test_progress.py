"""One progress display for check, record and import-gitbook: a bar on a terminal, silence elsewhere."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.progress import progress_display, wanted

REPO = Path(__file__).resolve().parents[2]
ADOPTER = REPO / "tests" / "adoption" / "site"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("ci", "quiet", "shown"), [
    (None, False, True), ("true", False, False), ("1", False, False), ("", False, True),
    ("false", False, True), (None, True, False)])
def test_a_bar_only_on_a_terminal_outside_ci_unless_quiet(ci: str | None, quiet: bool, shown: bool) -> None:
    environ = {} if ci is None else {"CI": ci}
    assert wanted(_Terminal(), quiet=quiet, environ=environ) is shown
    assert wanted(io.StringIO(), quiet=quiet, environ=environ) is False     # a pipe or a file


def test_every_stage_reuses_the_one_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    screen = _Terminal()
    with progress_display(stream=screen) as stage:
        reading, checking = stage("reading"), stage("checking")
        assert reading is not None and checking is not None
        reading(3, 3)
        checking(1, 2, "docs/a.md")
        assert reading.bar is checking.bar and reading.task == checking.task  # type: ignore[attr-defined]
        assert checking.bar.tasks[0].description == "checking: docs/a.md"   # type: ignore[attr-defined]
        assert len(checking.bar.tasks) == 1                                  # type: ignore[attr-defined]
    with progress_display(stream=_Terminal(), quiet=True) as stage:
        assert stage("reading") is None


def _on_a_terminal(args: list[str], cwd: Path, **env: str) -> tuple[int, str, str]:
    """Run docverify with stderr on a pseudo-terminal (stdout piped): (code, stdout, terminal)."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "CI"} | env
    # stdout to a file: reading the terminal while a pipe fills up could stall the child.
    with (cwd.parent / "stdout").open("w+b") as stdout:
        with subprocess.Popen([sys.executable, "-m", "docverify", *args], cwd=cwd, env=environ,
                              stdout=stdout, stderr=slave) as proc:
            os.close(slave)
            screen = b""
            while True:
                try:
                    data = os.read(master, 65536)
                except OSError:          # the child closed its end
                    break
                if not data:
                    break
                screen += data
            os.close(master)
            code = proc.wait(timeout=120)
        stdout.seek(0)
        out = stdout.read()
    return code, out.decode(), screen.decode("utf-8", "replace")


def _gitbook(root: Path) -> Path:
    (root / "book").mkdir(parents=True)
    (root / "book" / "SUMMARY.md").write_text("# Summary\n\n* [Start](README.md)\n* [Setup](setup.md)\n")
    (root / "book" / "README.md").write_text("# Start\n\nRead [the setup](setup.md).\n")
    (root / "book" / "setup.md").write_text("# Setup\n\n{% hint style=\"info\" %}\nA key.\n{% endhint %}\n")
    return root / "book"


@pytest.mark.parametrize("command", ["check", "import-gitbook", "record"])
def test_each_command_shows_the_bar_on_a_terminal_and_nothing_in_ci_or_quiet(command: str, tmp_path: Path) -> None:
    site = shutil.copytree(ADOPTER, tmp_path / "site")
    args, label = {
        "check": (["check"], "checking"),
        "import-gitbook": (["import-gitbook", str(_gitbook(tmp_path)), "--out", str(tmp_path / "out")],
                           "importing pages"),
        "record": (["record", "--target", "emulator", "--cassettes", str(tmp_path / "cassettes")], "recording"),
    }[command]
    code, out, screen = _on_a_terminal(args, site)
    assert code == 0, out + screen
    assert label in screen and "\x1b[" in screen, screen[-2000:]
    # The command's own output is untouched by the bar: it goes to stdout.
    assert out.strip() and label not in out
    for quiet, env in ((["--quiet"], {}), ([], {"CI": "true"})):
        code, out, screen = _on_a_terminal(args + quiet, site, **env)
        assert code == 0 and out.strip()
        assert label not in screen and "\x1b[" not in screen, (quiet, env, screen)
