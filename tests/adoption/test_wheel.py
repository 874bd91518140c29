"""The built wheel in a fresh venv: the CLI, its data (profiles, the emulator's catalogue) and metadata."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docverify import __version__

from .conftest import BROKEN, SITE, broken_line, plant, run


def test_the_wheel_checks_a_site_from_a_fresh_venv(wheel_venv: Path, tmp_path: Path, repo_root: Path) -> None:
    docverify = str(wheel_venv / "bin" / "docverify")
    python = str(wheel_venv / "bin" / "python")
    # The venv's docverify, not this checkout's: the package and its data came from the wheel.
    where = run([python, "-c", "import docverify, pathlib; print(pathlib.Path(docverify.__file__).parent)"],
                tmp_path)
    installed = Path(where.stdout.strip())
    assert installed.is_relative_to(wheel_venv) and not installed.is_relative_to(repo_root), where
    assert (installed / "py.typed").is_file()
    assert (installed / "integrations" / "docverify.css").is_file()     # the site plugin's styles

    version = run([docverify, "--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"docverify {__version__}"

    site = shutil.copytree(SITE, tmp_path / "site")
    shutil.rmtree(site / "tests" / "cassettes")
    # The emulator (its model catalogue) records the examples; the check replays them offline.
    recorded = run([docverify, "record", "--target", "emulator"], site, timeout=120)
    assert recorded.returncode == 0 and "recorded 2" in recorded.stdout, recorded.stdout + recorded.stderr
    clean = run([docverify, "check", "--format", "json"], site)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert json.loads(clean.stdout)["summary"] == {"pages": 4, "errors": 0, "warnings": 0}

    plant(site)
    broken = run([docverify, "check", "--format", "json"], site)
    assert broken.returncode == 1, broken.stderr
    errors = [(f["check"], f["path"], f["line"]) for f in json.loads(broken.stdout)["findings"]
              if f["severity"] == "error"]
    assert errors == [("link.anchor", BROKEN, broken_line())]

    # The client profiles came along: the old client appends the path the new one keeps.
    resolved = run([docverify, "resolve", "https://ark.cn-beijing.volces.com/api/v3",
                    "--client", "cherry-studio@1.6", "--format", "json"], tmp_path)
    assert json.loads(resolved.stdout)["request_url"] == "https://ark.cn-beijing.volces.com/api/v3/chat/completions"

    # The MkDocs and pytest plugins are registered by the wheel's entry points.
    entry = run([python, "-c", "from importlib.metadata import entry_points as e; "
                 "print(sorted(p.value for g in ('mkdocs.plugins', 'pytest11') for p in e(group=g)))"], tmp_path)
    assert "docverify.integrations.mkdocs_plugin:DocverifyPlugin" in entry.stdout
    assert "docverify.integrations.pytest_plugin" in entry.stdout


def test_the_wheel_carries_its_license_and_classifiers(wheel_venv: Path, tmp_path: Path) -> None:
    python = str(wheel_venv / "bin" / "python")
    meta = run([python, "-c", "import json; from importlib.metadata import metadata, files; "
                "m = metadata('docverify'); print(json.dumps({'license': m.get('License-Expression'), "
                "'classifiers': m.get_all('Classifier'), 'files': [str(f) for f in files('docverify')]}))"],
               tmp_path)
    data = json.loads(meta.stdout)
    assert data["license"] == "MIT"
    assert "Programming Language :: Python :: 3.11" in data["classifiers"]
    assert "Framework :: MkDocs" in data["classifiers"]
    assert any(f.endswith("licenses/LICENSE") for f in data["files"])
