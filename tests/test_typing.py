"""`mypy --strict` over the package stays clean (STYLE habit 7): a type error fails the suite."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The same command a developer runs; missing stubs are ignored except PyYAML's (types-PyYAML),
# which the cassette and config layers are typed against.
COMMAND = ["-m", "mypy", "--strict", "--ignore-missing-imports", "tools/docverify"]


def test_mypy_strict_is_clean() -> None:
    if importlib.util.find_spec("mypy") is None:
        reason = "mypy is not installed (it belongs in the `test` extra: pip install -e '.[test]')"
        if os.environ.get("DOCVERIFY_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and CI (DOCVERIFY_REQUIRE_BROWSER=1) forbids skipping it", pytrace=False)
        pytest.skip(reason)
    # The cache lives in the repo's .mypy_cache (git-ignored): a warm run takes a second, a cold one ~30 s.
    proc = subprocess.run([sys.executable, *COMMAND], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"mypy {' '.join(COMMAND[2:])} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}",
                    pytrace=False)
