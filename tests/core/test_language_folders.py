"""A site with one folder per language and no i18n plugin: folders named after languages are languages."""

from __future__ import annotations

from pathlib import Path

from docverify.pageset.site import load_site
from docverify.site.config import load_config
from docverify.translations.pairing import pairing_for
from tests.gitbook.layout_trees import write


def test_plain_language_folders(tmp_path: Path) -> None:
    write(tmp_path, {
        "mkdocs.yml": "site_name: plain\ntheme: {name: mkdocs, language: de}\n",
        "docs/index.md": "# Choose\n\n[Deutsch](deutsch/index.md) · [English](english/index.md)\n",
        "docs/deutsch/index.md": "# Start\n", "docs/deutsch/api.md": "# API\n",
        "docs/english/index.md": "# Start\n",
        "docs/api/index.md": "# not a language: `api` is only a registered code\n",
        "docs/assets/x.md": "# nor this\n",
    })
    config = load_config(tmp_path / "mkdocs.yml")
    assert config.layout == "folders" and config.default_language == "de"
    assert dict(config.folders) == {"deutsch": "de", "english": "en"}
    assert config.locate(tmp_path / "docs/english/index.md") == ("index.md", "en")
    assert config.locate(tmp_path / "docs/api/index.md") == ("api/index.md", "")
    pairing = pairing_for(load_site((), config))
    assert [(p.source.rsplit("docs/", 1)[1], p.translation.rsplit("docs/", 1)[1]) for p in pairing.pairs] == [
        ("deutsch/index.md", "english/index.md")]
    assert [s.rsplit("docs/", 1)[1] for s in pairing.unpaired_sources["en"]] == ["deutsch/api.md"]


def test_a_docverify_key_names_a_folder_no_library_reads(tmp_path: Path) -> None:
    write(tmp_path, {
        "mkdocs.yml": "site_name: plain\nplugins:\n  - docverify:\n      languages: {hochdeutsch-alt: de}\n",
        "docs/hochdeutsch-alt/index.md": "# Start\n", "docs/en/index.md": "# Start\n",
    })
    config = load_config(tmp_path / "mkdocs.yml")
    assert config.layout == "folders" and dict(config.folders) == {"en": "en", "hochdeutsch-alt": "de"}
