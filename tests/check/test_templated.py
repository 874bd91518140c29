"""`{% … %}` in an MkDocs site whose pages are Jinja templates (mkdocs-macros) is the site's syntax."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify.cli import main

PAGE = "# Release\n\n{% if config.extra.beta %}\nThe beta client reads the new settings.\n{% endif %}\n"


@pytest.mark.parametrize(("plugins", "found"), [("[search, macros]", 0), ("[search]", 2)])
def test_jinja_tags_are_the_sites_own_under_mkdocs_macros(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           plugins: str, found: int) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nplugins: {plugins}\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    main(["check", "--config", str(tmp_path / "mkdocs.yml"), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["check"] for f in findings] == ["gitbook.unconverted"] * found
