"""The check registry: crashes contained, groups, progress, ignores, secrets as a reusable scan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import docverify.checks as checks
from docverify.checks import CHECKS, apply_ignores, run_checks
from docverify.checks.secrets import find_secrets
from docverify.model import Claims, Finding, Severity
from docverify.page.parse import parse_text
from docverify.pageset.site import Site, load_site
from docverify.site.config import folder_config


def _site(tmp_path: Path, pages: dict[str, str]) -> Site:
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return load_site([tmp_path], folder_config(tmp_path))


def _boom(claims: Claims, site: Site) -> Iterator[Finding]:
    if "boom" in claims.page.source:
        raise ValueError("kaboom")
    yield from ()


def test_a_crashing_check_is_one_finding_and_the_run_goes_on(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "CHECKS", (("test", _boom), *CHECKS))
    site = _site(tmp_path, {"a.md": "# A\n\nboom [x](gone.md)\n", "b.md": "# B\n\n[y](gone.md)\n"})
    found = run_checks(site, groups={"test", "static"})
    crashed = [f for f in found if f.check == "check.crashed"]
    assert len(crashed) == 1 and crashed[0].path.endswith("a.md")
    assert "_boom" in crashed[0].message and "ValueError: kaboom" in crashed[0].message
    # the other checks still ran on the crashing page and on the next page
    assert sorted(Path(f.path).name for f in found if f.check == "link.broken") == ["a.md", "b.md"]


def test_groups_select_rows_and_progress_counts_pages(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": "# A\n\n[x](gone.md)\n", "b.md": "# B\n"})
    ticks: list[tuple[int, int]] = []
    assert run_checks(site, groups={"no-such-group"}, progress=lambda d, t: ticks.append((d, t))) == []
    assert ticks == [(1, 2), (2, 2)]
    assert [f.check for f in run_checks(site, groups={"static"})] == ["link.broken"]
    assert all(group for group, _ in CHECKS)


def test_findings_are_sorted_by_path_then_line(tmp_path: Path) -> None:
    site = _site(tmp_path, {"b.md": "# B\n\n[x](gone.md)\n\n[y](g.md)\n", "a.md": "# A\n\n[x](g.md)\n"})
    assert [(Path(f.path).name, f.line) for f in run_checks(site, groups={"static"})] == [("a.md", 3), ("b.md", 3), ("b.md", 5)]


def test_an_ignore_naming_no_check_is_directive_invalid() -> None:
    page = parse_text('# T\n\n<!-- docverify: ignore -->\ntext\n', path="p.md")
    (finding,) = apply_ignores(page, [])
    assert (finding.check, finding.line, finding.severity) == ("directive.invalid", 3, Severity.ERROR)


def test_an_ignore_covers_a_whole_fenced_block() -> None:
    text = ('# T\n\n<!-- docverify: ignore secret.leak reason="a revoked demo key" -->\n'
            '```bash\nline one\n\nline three\n```\n\nafter\n')
    page = parse_text(text, path="p.md")
    found = [Finding("secret.leak", Severity.ERROR, "p.md", n, "m") for n in (7, 11)]
    assert [f.line for f in apply_ignores(page, found)] == [11]


@pytest.mark.parametrize(("text", "kinds"), [
    ("Authorization: Bearer 3f2a9c1e-7b4d-4e8a-9c0f-5d6e7a8b9c0d", ["ark key"]),
    ("export ARK_API_KEY=3f2a9c1e-7b4d-4e8a-9c0f-5d6e7a8b9c0d", ["ark key"]),
    ("key: sk-proj-Q3v9XkP2mZ7rT8wL1yB4nC6dF0hJ5sA2", ["openai-style key"]),
    ("-H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjEyfQ.c2lnbmF0dXJl'", ["bearer token"]),
    ("Authorization: Bearer $ARK_API_KEY and ${ARK_API_KEY} and <YOUR_API_KEY>", []),
    ("keys sk-xxxx1 sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx sk-your-api-key-1234567890abc", []),
    ("asset ../.gitbook/assets/01445ab7-b863-4155-b517-2b6c3c581f47.png", []),
    ("the task-oriented Spark-Lite model sk-Pro-128K", []),
])
def test_find_secrets(text: str, kinds: list[str]) -> None:
    assert [kind for _, kind in find_secrets("first line\n" + text)] == kinds
    assert all(line == 2 for line, _ in find_secrets("first line\n" + text))
