"""Each construct's fixture page, imported, equals its `.expected.md` beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify.gitbook import import_gitbook
FIXTURES = Path(__file__).parent / "fixtures"

CASES = sorted(p.name[: -len(".expected.md")] for p in FIXTURES.glob("*.expected.md"))


@pytest.fixture
def site(gitbook_space: Path, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    out = tmp_path / "site"
    tally = import_gitbook(gitbook_space, out)
    return out, tally.to_json()


@pytest.mark.parametrize("case", CASES)
def test_construct_converts_as_expected(case: str, site: tuple[Path, dict[str, object]]) -> None:
    out, _ = site
    expected = (FIXTURES / f"{case}.expected.md").read_text(encoding="utf-8")
    assert (out / "docs" / f"{case}.md").read_text(encoding="utf-8") == expected


def test_translated_page_moves_to_its_source_path(site: tuple[Path, dict[str, object]]) -> None:
    out, _ = site
    expected = (FIXTURES / "i18n/english/old/hint-styles.expected.md").read_text(encoding="utf-8")
    assert (out / "docs/hint-styles.en.md").read_text(encoding="utf-8") == expected
    # the link into the moved page follows it, and keeps the anchor its heading no longer has
    assert "(hint-styles.md#api-di-zhi)" in (out / "docs/index.en.md").read_text(encoding="utf-8")


def test_page_of_an_older_structure_pairs_by_its_pinyin_title(site: tuple[Path, dict[str, object]]) -> None:
    out, _ = site
    # i18n/english/bu-zhou.md is named after the pinyin of 步骤, the title of stepper.md
    expected = (FIXTURES / "i18n/english/bu-zhou.expected.md").read_text(encoding="utf-8")
    assert (out / "docs/stepper.en.md").read_text(encoding="utf-8") == expected


def test_summary_lists_what_was_left(site: tuple[Path, dict[str, object]]) -> None:
    _, summary = site
    left = {(u["path"], u["line"], u["construct"]) for u in summary["unconverted"]}  # type: ignore[index, union-attr]
    assert left == {
        ("SUMMARY.md", 13, "summary.divider"),
        ("broken-reference.md", 3, "broken-reference"),
        ("broken-reference.md", 5, "asset.missing"),
        ("hint-unbalanced.md", 3, "hint.unclosed"),
        ("hint-unbalanced.md", 6, "endtabs.unopened"),
        ("i18n/english/orphan.md", 1, "page.unpaired"),
        ("include.md", 5, "include"),
    }
    assert summary["missing_assets"] == 1
    assert summary["pages"] == 20
    assert set(summary) == {"pages", "converted", "unconverted", "repaired_encoding", "missing_assets",
                            "layout", "warnings", "fixed_assets"}
    assert str(summary["layout"]).startswith("GitBook spaces") and summary["warnings"] == []
    json.dumps(summary)


def test_nav_follows_summary(site: tuple[Path, dict[str, object]]) -> None:
    import yaml  # the test reads what the importer wrote, as MkDocs would

    out, _ = site
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    languages = config["plugins"][1]["i18n"]["languages"]
    assert [lang["locale"] for lang in languages] == ["zh", "en"]
    assert config["nav"][0] == {"首页": "index.md"}
    assert config["nav"][1]["构件"][0] == {"提示": ["hint-styles.md", {"未闭合提示": "hint-unbalanced.md"}]}
    assert languages[1]["nav"] == [{"Home": "index.md"}, {"Hints": "hint-styles.md"},
                                   {"Steps": "stepper.md"}]
