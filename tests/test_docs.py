"""The doc-drift gate: this repo's pages as tests, through the pytest plugin's cases and failures.

One test per page x check group and per cURL example, with the ids `pytest --docverify`
gives (`docs/providers/doubao.bn.md:105 [replay]`), so a plain `pytest` in CI fails when a
guide drifts from its source, its recordings or the client's URL rules.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.integrations.cases import Case, cases
from docverify.page.extract import extract
from docverify.page.parse import parse_page
from docverify.integrations.pytest_plugin import check_case
from docverify.checks.session import CheckSession
from docverify.site.config import load_config

REPO = Path(__file__).resolve().parents[1]
SESSION = CheckSession(load_config(REPO / "mkdocs.yml"))
BN = "docs/providers/doubao.bn.md"


@pytest.mark.parametrize("case", cases(SESSION, REPO), ids=str)
def test_docs(case: Case, request: pytest.FixtureRequest) -> None:
    check_case(SESSION, case, request.node)


def copy_site(dest: Path) -> Path:
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "tests" / "cassettes", dest / "tests" / "cassettes")
    return dest


def run_gate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "--docverify", "-p", "no:cacheprovider",
                           "-k", "doubao.bn.md", "-v", "-rf"], cwd=root, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_the_gate_fails_when_a_guide_drifts(tmp_path: Path) -> None:
    """A model ID changed in the bn cURL example fails that example's test, at that line."""
    root = copy_site(tmp_path)
    curl = extract(parse_page(root / BN, load_config(root / "mkdocs.yml"))).curls[0]
    example = f"{BN}:{curl.line} [replay]"
    before = run_gate(root)
    assert re.search(rf"^{re.escape(example)} PASSED", before.stdout, re.M), before.stdout

    lines = (root / BN).read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n in range(curl.line - 1, len(lines)) if '"model": "doubao-seed-1-6-251015"' in lines[n])
    lines[at] = lines[at].replace("doubao-seed-1-6-251015", "doubao-seed-1-6-250615")
    (root / BN).write_text("".join(lines), encoding="utf-8")

    after = run_gate(root)
    assert after.returncode == 1
    assert f"FAILED {example}" in after.stdout, after.stdout
    assert re.search(rf"{re.escape(BN)}:{at + 1}: error \[replay\.request-drift\]", after.stdout), after.stdout
    assert "doubao-seed-1-6-250615" in after.stdout
    assert "Traceback" not in after.stdout
