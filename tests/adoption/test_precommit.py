"""The pre-commit hook, for real: `pre-commit try-repo` of this repository in a throw-away git repo."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import BROKEN, broken_line, fix, git, plant, run, sources


@pytest.fixture
def hook_repo(repo_root: Path, tmp_path: Path) -> Path:
    """This repository's sources as a clean git repository (a checkout being edited would make
    try-repo build a new environment for each run: its uncommitted changes are a new commit)."""
    repo = sources(repo_root, tmp_path / "docverify")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docverify")
    return repo


def test_the_hook_fails_on_a_broken_anchor_and_passes_once_fixed(
        hook_repo: Path, adopter_repo: Callable[[bool], Path], tmp_path: Path) -> None:
    repo = adopter_repo(False)
    plant(repo)
    git(repo, "add", "-A")
    # pre-commit builds the hook's environment once (a home of its own, from the hook repo's
    # commit, with pip); the hook runs on the files staged for the commit.
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "docverify"]
    failed = run(try_repo, repo, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "docverify check" in failed.stdout and "Failed" in failed.stdout
    assert f"{BROKEN}:{broken_line()}: error [link.anchor] expected #api-keys" in failed.stdout

    fix(repo)
    git(repo, "add", "-A")
    passed = run(try_repo + ["--files", BROKEN], repo, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_the_hook_definition(repo_root: Path) -> None:
    hooks = yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "docverify")
    assert hook["entry"] == "docverify check" and hook["language"] == "python"
    assert hook["types"] == ["markdown"] and hook["require_serial"] is True
