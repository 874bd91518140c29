"""`docverify check --format github`: workflow commands GitHub Actions turns into annotations on page lines."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# ::error file=docs/…,line=N,title=check::message — file relative to the repo root (the workspace).
COMMAND = re.compile(r"^::(error|warning) file=(docs/[^,:]+\.md),line=(\d+),title=([a-z-]+\.[a-z-]+)::(.+)$")


def check_github(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docverify", "check", "--format", "github"], cwd=root,
                          capture_output=True, text=True, timeout=300)


def test_annotations_name_the_page_line_relative_to_the_repo_root(repo_site: Path) -> None:
    page = repo_site / "docs" / "providers" / "doubao.bn.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, text in enumerate(lines) if text.startswith("## ")) + 1
    lines.insert(at, "\nসেটআপের জন্য [এই পাতা](../nowhere/setup.md) দেখুন।\n")
    page.write_text("".join(lines), encoding="utf-8")

    proc = check_github(repo_site)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.splitlines()
    assert out and all(COMMAND.match(line) for line in out), proc.stdout
    broken = [COMMAND.match(line) for line in out if "title=link.broken" in line]
    assert [(m.group(1), m.group(2), int(m.group(3))) for m in broken] == [
        ("error", "docs/providers/doubao.bn.md", at + 2)]
    assert "nowhere/setup.md" in broken[0].group(5) and "%0Ahint: " in broken[0].group(5)
