"""Layouts read from the tree: GitBook spaces under their real folder names, classic multi-language books."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docverify.cli import main
from docverify.site.config import folder_config
from docverify.site.layouts import read_tree
from tests.gitbook.layout_trees import ELEVEN, NINE_SPACES, classic_gitbook, nine_space_gitbook


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_nine_spaces_under_their_real_names(tmp_path: Path) -> None:
    tree = read_tree(nine_space_gitbook(tmp_path / "repo"))
    assert tree.kind == "gitbook" and tree.source == "zh" and not tree.warnings
    assert {f.removeprefix("i18n/"): c for f, c in tree.folders.items()} == NINE_SPACES
    config = folder_config(tmp_path / "repo")
    assert config.locate(tmp_path / "repo/i18n/traditional-chinese/guide/start.md") == ("guide/start.md", "zh-Hant")
    assert config.path_for("guide/start.md", "el") == tmp_path / "repo/i18n/greek/guide/start.md"


def test_import_and_check_nine_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo")
    code, out, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site"), "--format", "json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["pages"] == 9 * 2 and summary["missing_assets"] == 0 and summary["warnings"] == []
    assert "GitBook spaces" in summary["layout"] and "i18n/greek=el" in summary["layout"]
    config = (tmp_path / "site/mkdocs.yml").read_text(encoding="utf-8")
    assert "locale: zh-Hant" in config and "name: Ελληνικά" in config
    assert (tmp_path / "site/docs/guide/start.zh-Hant.md").is_file()
    code, out, err = _run(["check", "--config", str(tmp_path / "site/mkdocs.yml"), "--format", "json"], capsys)
    assert code in (0, 1), err
    checks = {f["check"] for f in json.loads(out)["findings"]}
    assert not checks & {"asset.missing", "link.broken", "translation.missing"}, checks
    code, out, err = _run(["check", str(src), "--format", "json"], capsys)
    assert code in (0, 1), err
    assert not {f["check"] for f in json.loads(out)["findings"]} & {"translation.missing", "asset.missing"}


def test_an_unknown_space_name_is_one_warning_and_the_import_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo", extra="drafts")
    code, out, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site")], capsys)
    assert code == 0, err
    warnings = [line for line in out.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "i18n/drafts" in warnings[0] and "--space-lang drafts=CODE" in warnings[0]
    assert "imported 18 pages" in out
    code, out, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site"),
                           "--space-lang", "drafts=pt-BR", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["pages"] == 20 and json.loads(out)["warnings"] == []
    assert (tmp_path / "site/docs/guide/start.pt-BR.md").is_file()


def test_bad_space_lang_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo")
    code, _, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site"),
                         "--space-lang", "drafts"], capsys)
    assert code == 2 and err.startswith("error: --space-lang expects NAME=CODE")
    code, _, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site"),
                         "--space-lang", "drafts=nonsense"], capsys)
    assert code == 2 and "not a language code" in err and "Traceback" not in err


def test_classic_gitbook_one_language_per_folder(tmp_path: Path) -> None:
    tree = read_tree(classic_gitbook(tmp_path / "book"))
    assert tree.kind == "gitbook-langs" and tree.source == "en"
    assert sorted(tree.folders.values()) == sorted(("en", "de", "fr", "es", "ja", "zh-TW", "pt-BR", "ru",
                                                    "ko", "it", "el"))
    config = folder_config(tmp_path / "book")
    assert config.locate(tmp_path / "book/de/usage.md") == ("usage.md", "de")
    assert config.locate(tmp_path / "book/en/usage.md") == ("usage.md", "en")
    assert config.locate(tmp_path / "book/SUMMARY.md") == ("SUMMARY.md", "")   # the language list


def test_classic_gitbook_check_reports_exactly_the_missing_pages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = classic_gitbook(tmp_path / "book", missing={"de": ("usage.md",), "ja": ("install.md", "usage.md")})
    code, out, err = _run(["check", str(src), "--format", "json"], capsys)
    assert code in (0, 1), err
    missing = {f["path"].split("book/")[-1]: f["message"].split("found no ")[1].split(" page")[0]
               for f in json.loads(out)["findings"] if f["check"] == "translation.missing"}
    assert missing == {"en/install.md": "ja", "en/usage.md": "de, ja"}


def test_import_classic_gitbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = classic_gitbook(tmp_path / "book", missing={"de": ("usage.md",)})
    code, out, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site"), "--format", "json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["pages"] == 11 * 3 - 1 and summary["layout"].startswith("GitBook with one folder per language")
    for code_ in ELEVEN:
        lang = "zh-TW" if code_ == "zh-tw" else "pt-BR" if code_ == "pt-br" else code_
        name = "install.md" if lang == "en" else f"install.{lang}.md"
        assert (tmp_path / "site/docs" / name).is_file(), name
    code, out, err = _run(["check", "--config", str(tmp_path / "site/mkdocs.yml"), "--format", "json"], capsys)
    assert code in (0, 1), err
    findings = json.loads(out)["findings"]
    missing = [f for f in findings if f["check"] == "translation.missing"]
    assert len(missing) == 1 and missing[0]["path"].endswith("usage.md"), missing
    # each language's own picture and the shared logo above the folders are copied and found
    assert not [f for f in findings if f["check"] in ("asset.missing", "link.broken")], findings
    assert (tmp_path / "site/docs/assets/fr/panel.png").is_file()
    assert "](assets/shared/assets/logo.png)" in (tmp_path / "site/docs/index.de.md").read_text(encoding="utf-8")


def test_langs_md_names_the_languages(tmp_path: Path) -> None:
    book = classic_gitbook(tmp_path / "book")
    (book / "SUMMARY.md").unlink()
    (book / "LANGS.md").write_text("# Languages\n\n* [English](en/)\n* [Ελληνικά](el/)\n* [Deutsch](de/)\n",
                                   encoding="utf-8")
    tree = read_tree(book, source_lang="de")
    assert tree.kind == "gitbook-langs" and tree.source == "de"
    assert tree.folders == {"en": "en", "el": "el", "de": "de"}     # only the languages LANGS.md lists
    assert folder_config(book).locate(book / "LANGS.md") == ("LANGS.md", "")


def test_an_asset_one_level_too_far_is_fixed_to_the_space_own_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo")
    page = src / "i18n/greek/guide/start.md"
    # one `../` too many: the Chinese space's picture of that name, which GitBook does not show here
    page.write_text(page.read_text(encoding="utf-8").replace("../.gitbook", "../../../.gitbook"), encoding="utf-8")
    (src / "i18n/japanese/.gitbook/assets/shot.png").unlink()
    page = src / "i18n/japanese/guide/start.md"
    page.write_text(page.read_text(encoding="utf-8").replace("../.gitbook", "../../../.gitbook"), encoding="utf-8")
    code, out, err = _run(["import-gitbook", str(src), "--out", str(tmp_path / "site"), "--format", "json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert [(f["path"], f["to"]) for f in summary["fixed_assets"]] == [
        ("i18n/greek/guide/start.md", "i18n/greek/.gitbook/assets/shot.png")]
    assert summary["missing_assets"] == 1    # japanese has no shot.png of its own: broken, not Chinese
    assert "assets/el/shot.png" in (tmp_path / "site/docs/guide/start.el.md").read_text(encoding="utf-8")
    assert "assets/zh/" not in (tmp_path / "site/docs/guide/start.ja.md").read_text(encoding="utf-8")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd,
                   check=True, capture_output=True)


def _rename_source(book: Path) -> None:
    """The source page usage.md becomes using.md, with a changed example; translations stay."""
    (book / "en/usage.md").rename(book / "en/using.md")
    text = (book / "en/using.md").read_text(encoding="utf-8")
    (book / "en/using.md").write_text(text.replace("gpt-4o", "gpt-4.1"), encoding="utf-8")
    for page in ("en/SUMMARY.md", "en/README.md"):
        (book / page).write_text((book / page).read_text(encoding="utf-8").replace("usage.md", "using.md"),
                                 encoding="utf-8")


def test_a_renamed_source_page_in_git_keeps_its_translations(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = classic_gitbook(tmp_path / "book")
    _git(book, "init", "-q")
    _git(book, "add", "-A")
    _git(book, "commit", "-qm", "book")
    _rename_source(book)
    _git(book, "add", "-A")
    _git(book, "commit", "-qm", "rename usage to using")
    code, out, err = _run(["check", str(book), "--format", "json"], capsys)
    assert code in (0, 1), err
    findings = json.loads(out)["findings"]
    assert not [f for f in findings if f["check"] == "translation.missing"], findings
    stale = {f["path"].split("book/")[-1]: f["message"] for f in findings if f["check"] == "translation.stale"}
    # README.md changed its link to the page after they were translated: stale too, by git
    assert sorted(p for p in stale if p.endswith("usage.md")) == sorted(f"{c}/usage.md" for c in ELEVEN if c != "en")
    assert "renamed from" in stale["de/usage.md"] and "en/usage.md" in stale["de/usage.md"] \
        and "en/using.md" in stale["de/usage.md"]


def test_a_renamed_source_page_is_imported_with_its_old_translations(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = classic_gitbook(tmp_path / "book")
    _rename_source(book)
    code, out, err = _run(["import-gitbook", str(book), "--out", str(tmp_path / "site")], capsys)
    assert code == 0, err
    assert "paired [de] usage.md -> using.md" in out
    assert (tmp_path / "site/docs/using.de.md").is_file() and not (tmp_path / "site/docs/usage.de.md").exists()
    code, out, err = _run(["check", "--config", str(tmp_path / "site/mkdocs.yml"), "--format", "json"], capsys)
    assert code in (0, 1), err
    assert not [f for f in json.loads(out)["findings"] if f["check"] == "translation.missing"]


def test_check_names_the_language_of_a_space_the_folder_name_does_not_tell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo", extra="drafts")
    (src / "i18n/drafts/guide/start.md").unlink()           # the drafts space lacks a page
    code, out, err = _run(["check", str(src), "--format", "json"], capsys)
    assert code in (0, 1), err
    assert "i18n/drafts: cannot tell which language" in err and "--space-lang drafts=CODE to check" in err
    # read as no language, the space is no translation: its missing page is nobody's finding
    assert not any(f["check"] == "translation.missing" for f in json.loads(out)["findings"])
    code, out, err = _run(["check", str(src), "--format", "json", "--space-lang", "drafts=pt-BR"], capsys)
    assert code in (0, 1), err
    assert "cannot tell" not in err
    missing = [f for f in json.loads(out)["findings"] if f["check"] == "translation.missing"]
    assert len(missing) == 1 and missing[0]["path"].endswith("repo/guide/start.md")
    assert "found no pt-BR page" in missing[0]["message"] and "i18n/drafts/guide/start.md" in missing[0]["message"]


def test_check_lang_options_are_for_trees_without_mkdocs_yml(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo")
    code, _, err = _run(["check", str(src), "--space-lang", "drafts=nonsense"], capsys)
    assert code == 2 and "not a language code" in err and "Traceback" not in err
    code, _, err = _run(["check", str(src), "--lang", "chinese-ish"], capsys)
    assert code == 2 and err.startswith("error: --lang must be a language code")
    assert _run(["import-gitbook", str(src), "--out", str(tmp_path / "site")], capsys)[0] == 0
    code, _, err = _run(["check", str(tmp_path / "site/docs"), "--space-lang", "x=el"], capsys)
    assert code == 2 and "mkdocs.yml" in err and "hint:" in err


def test_check_lang_sets_the_root_space_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = nine_space_gitbook(tmp_path / "repo")
    code, _, err = _run(["check", str(src), "--format", "json"], capsys)
    assert code in (0, 1) and "source language" not in err
    code, _, err = _run(["check", str(src), "--format", "json", "--lang", "en"], capsys)
    # the root space is English now, so the i18n/english space holds no translation
    assert code in (0, 1) and "i18n/english: the space has the source language en" in err
