"""Data-driven page pairs: cases/NAME.zh.md (source) and NAME.bn.md (translation), with
NAME.expected beside them (`CHECK LINE: text the message holds`, one row per finding; empty: none)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.model import Finding

from .sitefixture import commit_all, make_site, open_site

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.name[: -len(".zh.md")] for p in CASES.glob("*.zh.md"))


def expected(name: str) -> list[tuple[str, int, str]]:
    rows = []
    for row in (CASES / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            head, _, text = row.partition(": ")
            check, line = head.split()
            rows.append((check, int(line), text))
    return rows


def _run(root: Path) -> list[Finding]:
    here = os.getcwd()
    os.chdir(root)      # findings show paths relative to the current folder
    try:
        return run_checks(open_site(root), groups={"parity"})
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Finding]]:
    """Every pair in one site whose sources and translations were committed together: git
    dates them as up to date, so only what the pages say differs."""
    root = make_site(tmp_path_factory.mktemp("cases"), sorted(CASES.glob("*.md")))
    commit_all(root, "sources and translations", 1_700_000_000)
    yield _run(root)


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, committed: list[Finding]) -> None:
    found = [f for f in committed if f.path.startswith(f"docs/{name}.")]
    want = expected(name)
    assert [(f.check, f.line) for f in found] == [(c, n) for c, n, _ in want], [str(f) for f in found]
    for f, (_, line, text) in zip(found, want):
        assert f.path == f"docs/{name}.bn.md"       # findings go on the translation
        assert f.message.startswith(f"docs/{name}.bn.md:{line} against docs/{name}.zh.md:")
        assert text in f.message
        assert f.hint


def test_every_case_has_both_pages_and_an_expectation() -> None:
    for name in NAMES:
        assert (CASES / f"{name}.bn.md").is_file() and (CASES / f"{name}.expected").is_file()


def test_severity_follows_what_the_reader_would_send(committed: list[Finding]) -> None:
    by_check = {f.check: f.severity.value for f in committed}
    assert by_check["parity.endpoint"] == by_check["parity.model-id"] == by_check["parity.curl"] == "error"
    assert by_check["parity.link"] == by_check["parity.structure"] == "warning"


def test_without_history_a_dropped_section_means_an_older_translation(tmp_path: Path) -> None:
    root = make_site(tmp_path, [CASES / "section-dropped.zh.md", CASES / "section-dropped.bn.md"])
    found = _run(root)
    assert [(f.check, f.line) for f in found] == [("translation.stale", 12)]
    assert "judged from content" in found[0].message and '"模型" (line 19)' in found[0].message


def test_missing_and_orphan_pages(tmp_path: Path) -> None:
    zh = (CASES / "reworded-prose-only.zh.md").read_text(encoding="utf-8")
    bn = (CASES / "reworded-prose-only.bn.md").read_text(encoding="utf-8")
    renamed = bn.replace("---\n", "---\ntranslation_of: b.md\n", 1)
    # the orphan's claims are its own: identical claims would make it lonely's translation, renamed
    other = "# অনাথ\n\n```bash\necho orphan\n```\n\n![ছবি](orphan.png)\n\n<https://orphan.example.com/>\n"
    root = make_site(tmp_path, {"a.zh.md": zh, "a.bn.md": bn, "b.zh.md": zh, "renamed.bn.md": renamed,
                                "lonely.zh.md": zh, "orphan.bn.md": other})
    found = {(f.path, f.check): f for f in _run(root)}
    assert set(found) == {("docs/lonely.zh.md", "translation.missing"), ("docs/orphan.bn.md", "translation.missing")}
    assert "found no bn page (e.g. docs/lonely.bn.md)" in found["docs/lonely.zh.md", "translation.missing"].message
    assert "expected the zh page this bn page translates" in found["docs/orphan.bn.md", "translation.missing"].message


def test_a_translation_of_a_renamed_page_without_history_is_paired_by_claims_and_stale(tmp_path: Path) -> None:
    zh = (CASES / "reworded-prose-only.zh.md").read_text(encoding="utf-8")
    bn = (CASES / "reworded-prose-only.bn.md").read_text(encoding="utf-8")
    root = make_site(tmp_path, {"guide/new-name.zh.md": zh, "guide/old-name.bn.md": bn})
    found = {(f.path, f.check): f for f in _run(root)}
    assert set(found) == {("docs/guide/old-name.bn.md", "translation.stale")}
    message = found["docs/guide/old-name.bn.md", "translation.stale"].message
    assert "renamed from docs/guide/old-name.md to docs/guide/new-name.zh.md" in message
