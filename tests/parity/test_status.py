"""The status matrix (text, json, markdown) and `--mark-reviewed`, which must keep the file byte-identical
except for the two front-matter keys it sets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.cli import main
from docverify.translations.status import build_matrix, render_status_markdown, render_status_text, set_front_matter

from .sitefixture import commit_all, make_site, open_site

CASES = Path(__file__).parent / "cases"
ZH = (CASES / "reworded-prose-only.zh.md").read_text(encoding="utf-8")
BN = (CASES / "reworded-prose-only.bn.md").read_text(encoding="utf-8")
REVIEWED_BN = BN.replace('!!! warning "মেশিন অনুবাদ"\n    এই নথিটি এআই দ্বারা চীনা থেকে অনুবাদ করা হয়েছে এবং এখনও '
                         "পর্যালোচনা করা হয়নি।\n\n", "")


@pytest.fixture
def site_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """ok: reviewed translation; mt: machine-translated notice; bad: endpoint drift; stale:
    source changed after it (git); lonely: no translation."""
    pages = {"ok.zh.md": ZH, "ok.bn.md": REVIEWED_BN, "mt.zh.md": ZH, "mt.bn.md": BN,
             "bad.zh.md": ZH, "bad.bn.md": REVIEWED_BN.replace("api/v3/`", "api/v1/`"),
             "stale.zh.md": ZH, "stale.bn.md": REVIEWED_BN, "lonely.zh.md": ZH}
    root = make_site(tmp_path, pages)
    commit_all(root, "pages", 1_700_000_000)
    (root / "docs/stale.zh.md").write_text(ZH.replace("- 点击创建", "- 先登录控制台。\n- 点击创建"), encoding="utf-8")
    commit_all(root, "one more step", 1_700_100_000)
    monkeypatch.chdir(root)
    return root


def test_states(site_dir: Path) -> None:
    site = open_site(site_dir)
    matrix = build_matrix(site, run_checks(site, groups={"parity"}))
    states = {row.page: row.cells["bn"].state for row in matrix.rows}
    assert states == {"ok.md": "up-to-date", "mt.md": "machine-translated-unreviewed", "bad.md": "has-errors",
                      "stale.md": "stale", "lonely.md": "missing"}
    assert {row.cells["zh"].state for row in matrix.rows} == {"up-to-date"}
    assert matrix.languages == ("zh", "bn")


def test_json(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["version"] == 1 and doc["languages"] == ["zh", "bn"]
    bad = next(p for p in doc["pages"] if p["page"] == "bad.md")
    cell = bad["cells"]["bn"]     # the CLI runs every check, so other checks' findings count too
    assert set(cell) == {"state", "path", "errors", "warnings"}
    assert cell["state"] == "has-errors" and cell["path"] == "docs/bad.bn.md" and cell["errors"] >= 1
    assert next(p for p in doc["pages"] if p["page"] == "lonely.md")["cells"]["bn"]["path"] == ""


def test_text(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["page", "zh", "bn"]
    assert [line.split()[0] for line in out.splitlines()[1:6]] == ["bad.md", "lonely.md", "mt.md", "ok.md",
                                                                   "stale.md"]
    assert out.splitlines()[2].split()[-1] == "missing"
    site = open_site(site_dir)
    text = render_status_text(build_matrix(site, run_checks(site, groups={"parity"})))
    assert text.endswith("5 pages; translations: 1 up-to-date, 1 stale, 1 missing, 1 has-errors, "
                         "1 machine-translated-unreviewed\n")
    # stale, plus the parity.structure warning for the step the source added
    assert "stale.md up-to-date stale (0E 2W)" in [" ".join(line.split()) for line in text.splitlines()]


def test_markdown_links_relative_to_docs(site_dir: Path) -> None:
    site = open_site(site_dir)
    text = render_status_markdown(site, run_checks(site, groups={"parity"}))
    assert "| `bad.md` | [up-to-date](<bad.zh.md>) | [has-errors](<bad.bn.md>) · [1 finding](#status-bad-bn-md) |" in text
    assert '<a id="status-bad-bn-md"></a>' in text and "`parity.endpoint`" in text
    assert ("| `lonely.md` | [up-to-date](<lonely.zh.md>) · [1 finding](#status-lonely-zh-md) | missing |"
            in text)     # the finding: translation.missing, on the source page


def test_mark_reviewed_is_byte_exact(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site_dir / "docs/stale.bn.md"
    crlf = REVIEWED_BN.replace("\n", "\r\n").replace("title:", "reviewed: false\r\ntitle:", 1)
    page.write_bytes(crlf.encode("utf-8"))
    before = page.read_bytes()
    assert main(["status", "--mark-reviewed", "docs/stale.bn.md"]) == 0
    assert "reviewed against docs/stale.zh.md" in capsys.readouterr().out
    after = page.read_bytes()
    digest = after.split(b'source_hash: "')[1][:16]
    assert after == before.replace(b"reviewed: false\r\n", b"reviewed: true\r\n").replace(
        b"\r\n---\r\n", b'\r\nsource_hash: "' + digest + b'"\r\n---\r\n', 1)
    assert _state(site_dir, "stale.md") == "up-to-date"       # the recorded hash now says it is current


def _state(root: Path, page: str) -> str:
    site = open_site(root)
    matrix = build_matrix(site, run_checks(site, groups={"parity"}))
    return next(row for row in matrix.rows if row.page == page).cells["bn"].state


def test_mark_reviewed_clears_machine_translated(site_dir: Path) -> None:
    assert _state(site_dir, "mt.md") == "machine-translated-unreviewed"
    assert main(["status", "--mark-reviewed", str(site_dir / "docs/mt.bn.md")]) == 0
    assert _state(site_dir, "mt.md") == "up-to-date"


@pytest.mark.parametrize(("text", "want"), [
    ("# Title\n", '---\nsource_hash: "h"\nreviewed: true\n---\n# Title\n'),
    ("---\ntitle: x\n---\n\n# T\n", '---\ntitle: x\nsource_hash: "h"\nreviewed: true\n---\n\n# T\n'),
    ('---\nsource_hash: "old"\nreviewed: true  \n---\nbody', '---\nsource_hash: "h"\nreviewed: true\n---\nbody'),
    ("\ufeff---\r\na: 1\r\n---\r\n", '\ufeff---\r\na: 1\r\nsource_hash: "h"\r\nreviewed: true\r\n---\r\n'),
])
def test_set_front_matter(text: str, want: str) -> None:
    assert set_front_matter(text, {"source_hash": '"h"', "reviewed": "true"}) == want


def test_mark_reviewed_refuses_a_source_page(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--mark-reviewed", "docs/ok.zh.md"]) == 2
    assert capsys.readouterr().err.startswith("error: docs/ok.zh.md: this is a source page")
    assert os.path.isfile(site_dir / "docs/ok.zh.md")


def test_mark_reviewed_leaves_a_read_only_page_alone(site_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site_dir / "docs/mt.bn.md"
    before = page.read_bytes()
    page.chmod(0o444)
    assert main(["status", "--mark-reviewed", "docs/mt.bn.md"]) == 2
    assert "the page is read-only" in capsys.readouterr().err
    assert page.read_bytes() == before
