"""Build small suffix-layout sites in a temporary folder (optionally a git repo) for parity tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.suffix_site import write_site
from docverify.pageset.site import Site, load_site
from docverify.site.config import load_config


def make_site(root: Path, files: Mapping[str, str | Path] | Iterable[Path]) -> Path:
    """A zh source site with bn translations: the pages (name -> text, or files to copy)."""
    return write_site(root, files, ("zh", "bn"))


def git(root: Path, *args: str, when: int | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when} +0000"
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def commit_all(root: Path, message: str, when: int) -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


def open_site(root: Path) -> Site:
    return load_site([], load_config(root / "mkdocs.yml"))
