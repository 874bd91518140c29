"""Build small suffix-layout sites in a temporary folder (optionally a git repo) for parity tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from docverify.site import Site, load_site
from docverify.siteconfig import load_config

MKDOCS = """site_name: parity-test
docs_dir: docs
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - locale: zh
          default: true
        - locale: bn
"""


def make_site(root: Path, files: Mapping[str, str | Path] | Iterable[Path]) -> Path:
    """Write mkdocs.yml and the pages (name -> text, or files to copy) under root/docs."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    items = files.items() if isinstance(files, Mapping) else ((p.name, p) for p in files)
    for name, content in items:
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    return root


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
