"""SiteConfig from mkdocs.yml (suffix and folder layouts, unknown tags, errors) and GitBook folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.errors import ConfigError
from docverify.site.config import load_config

SUFFIX = """site_name: docs
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          name: English
        - locale: zh
          default: true
        - locale: bn
  - docverify:
      clients: [cherry-studio@2, cherry-studio@1.6]
      cassettes: rec
      strict: true
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_suffix_layout(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, SUFFIX))
    assert config.languages == ("zh", "en", "bn") and config.default_language == "zh"
    assert config.layout == "suffix" and config.docs_dir == tmp_path / "docs"
    assert config.clients == ("cherry-studio@2", "cherry-studio@1.6")
    assert config.cassette_dir == tmp_path / "rec" and config.options == {"strict": True}
    assert config.locate(tmp_path / "docs/providers/doubao.bn.md") == ("providers/doubao.md", "bn")
    assert config.locate(tmp_path / "docs/providers/doubao.md") == ("providers/doubao.md", "zh")
    assert config.path_for("providers/doubao.md", "en") == tmp_path / "docs/providers/doubao.en.md"


def test_folder_layout_found_from_below(tmp_path: Path) -> None:
    _write(tmp_path, SUFFIX.replace("suffix", "folder").replace("docverify:\n      clients", "x:\n      c"))
    (tmp_path / "docs" / "en").mkdir(parents=True)
    config = load_config(start=tmp_path / "docs" / "en")
    assert config.layout == "folder" and config.clients == ()
    assert config.cassette_dir == tmp_path / "tests" / "cassettes"
    assert config.locate(tmp_path / "docs/en/a/b.md") == ("a/b.md", "en")
    assert config.path_for("a/b.md", "bn") == tmp_path / "docs/bn/a/b.md"


def test_no_i18n_is_plain(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "site_name: x\ndocs_dir: pages\n"))
    assert config.layout == "plain" and config.docs_dir == tmp_path / "pages"


@pytest.mark.parametrize(("text", "message"), [
    ("site_name: [unclosed\n", "invalid YAML"),
    ("- a list\n", "must be a mapping"),
    ("plugins:\n  - i18n:\n      docs_structure: nested\n      languages: [{locale: zh}]\n", "suffix"),
    ("plugins:\n  - i18n:\n      languages: zh\n", "languages must be a list"),
])
def test_bad_config(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        load_config(_write(tmp_path, text))
    assert info.value.path == str(tmp_path / "mkdocs.yml") and info.value.hint


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, "site_name: x\nnav:\n  - a: b\n  c: [\n"))
    assert info.value.line is not None and info.value.line >= 4


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file") as info:
        load_config(tmp_path / "mkdocs.yml")
    assert info.value.hint
    with pytest.raises(ConfigError, match="no mkdocs.yml in"):
        load_config(start=tmp_path)


def test_gitbook_folder(corpus_dir: Path) -> None:
    config = load_config(corpus_dir)
    assert config.layout == "gitbook" and config.syntax == "gitbook"
    assert config.languages == ("zh", "en", "ja") and config.default_language == "zh"
    en = config.locate(corpus_dir / "i18n/english/pre-basic/providers/doubao.md")
    assert en == ("pre-basic/providers/doubao.md", "en")
    assert config.locate(corpus_dir / "pre-basic/providers/doubao.md") == en[:1] + ("zh",)
    assert config.path_for(en[0], "ja") == corpus_dir / "i18n/japanese/pre-basic/providers/doubao.md"


def test_plain_folder(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    # no site generator: pages are read where they are kept, anchored as GitHub anchors them
    assert config.layout == "plain" and config.syntax == "github" and config.languages == ()
