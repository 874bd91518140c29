"""How another team adopts docverify: a fixture repository, the built wheel in a fresh venv.

The wheel and its venv are made once per test run, even under pytest-xdist: the workers share
the base temp folder's parent, and a lock lets the first one build while the other waits.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SITE = Path(__file__).parent / "site"
ACTION = Path(__file__).resolve().parents[2] / "tools" / "action" / "run.sh"
BROKEN = "docs/index.en.md"
# The planted broken anchor: the page links to a section the target does not have.
GOOD_LINK, BAD_LINK = "setup.md#api-key)", "setup.md#api-keys)"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env={**os.environ, **GIT_ENV, **(env or {})},
                          capture_output=True, text=True, timeout=timeout, check=False)


def git(repo: Path, *args: str) -> str:
    proc = run(["git", *args], repo)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stderr}"
    return proc.stdout


def _not_sources(root: Path) -> Callable[[str, list[str]], set[str]]:
    """What a release build leaves out: the repository's own outputs, caches and tests
    (only at the top: the package has a `site` stage of its own)."""
    top = {".venv", ".git", "site", "build", "dist", "test-artifacts", "tests"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = {n for n in names if n == "__pycache__" or n.endswith(".egg-info") or n.startswith(".")
                and n.endswith("_cache")}
        return here | (top & set(names) if Path(folder) == root else set())
    return ignore


def _run_temp(factory: pytest.TempPathFactory) -> Path:
    """This run's temp folder, shared by its xdist workers (each has a folder of its own in it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def sources(root: Path, dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(root, dest, ignore=_not_sources(root))
    return dest


@pytest.fixture(scope="session")
def wheel(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build --wheel` of this repository, as a release would be built."""
    shared = _run_temp(tmp_path_factory)
    out = shared / "adoption-dist"
    with _locked(shared / "adoption-dist.lock"):
        built = sorted(out.glob("docverify-*.whl"))
        if not built:
            # From a copy: the build writes build/ and *.egg-info beside the sources.
            src = sources(repo_root, shared / "adoption-src")
            proc = run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)], src)
            assert proc.returncode == 0, f"python -m build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            built = sorted(out.glob("docverify-*.whl"))
    assert len(built) == 1, built
    return built[0]


@pytest.fixture(scope="session")
def wheel_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the built wheel, made by the action's own install step."""
    shared = _run_temp(tmp_path_factory)
    venv = shared / "adoption-venv"
    with _locked(shared / "adoption-venv.lock"):
        if not (venv / "bin" / "docverify").exists():
            shutil.rmtree(venv, ignore_errors=True)
            proc = run(["bash", str(ACTION), "install"], shared,
                       env={"DOCVERIFY_VENV": str(venv), "INPUT_PACKAGE": str(wheel),
                            "INPUT_PYTHON": sys.executable, "GITHUB_OUTPUT": str(shared / "install-output")})
            assert proc.returncode == 0, f"the action's install step failed:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return venv


@pytest.fixture
def adopter_repo(tmp_path: Path) -> Callable[[bool], Path]:
    """A throw-away git repository holding the fixture site; `broken` plants the bad anchor."""
    def make(broken: bool) -> Path:
        repo = tmp_path / "adopter"
        shutil.copytree(SITE, repo)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "the docs")
        if broken:
            plant(repo)
        return repo
    return make


def plant(repo: Path) -> None:
    page = repo / BROKEN
    page.write_text(page.read_text(encoding="utf-8").replace(GOOD_LINK, BAD_LINK), encoding="utf-8")


def fix(repo: Path) -> None:
    page = repo / BROKEN
    page.write_text(page.read_text(encoding="utf-8").replace(BAD_LINK, GOOD_LINK), encoding="utf-8")


def broken_line() -> int:
    text = (SITE / BROKEN).read_text(encoding="utf-8")
    return text[:text.index(GOOD_LINK)].count("\n") + 1
