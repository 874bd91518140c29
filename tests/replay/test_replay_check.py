"""Replay inside `docverify check`: a recorded page passes offline; every edit fails at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.replay.site_helpers import edit, make_site, record_site, site
from tests.replay.site_helpers import replay_findings as findings

PAGE = "providers/doubao.bn.md"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("recorded"), {"doubao.bn.md": PAGE})
    summary = record_site(root)
    assert (summary.count("recorded"), summary.count("failed")) == (2, 0), str(summary)
    return root


@pytest.fixture
def root(offline_copy: Path) -> Path:
    return offline_copy


def line_of(root: Path, needle: str) -> int:
    lines = (root / "docs" / PAGE).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def test_a_recorded_page_replays_clean_offline(root: Path) -> None:
    assert findings(root) == []


@pytest.mark.parametrize(("old", "new", "at", "words"), [
    ('"model": "doubao-1-5-pro-32k-250115"', '"model": "doubao-1-5-pro-32k-250116"', '"model"',
     'body.model: "doubao-1-5-pro-32k-250116" != "doubao-1-5-pro-32k-250115"'),
    ("curl https://ark.cn-beijing.volces.com/api/v3/chat/completions",
     "curl https://ark.cn-beijing.volces.com/api/v3/chat/completion", "curl https://",
     "path: /api/v3/chat/completion != /api/v3/chat/completions"),
    ("ক্রুসিফেরাস উদ্ভিদ কোনগুলো?", "ক্রুসিফেরাস উদ্ভিদ কোনগুলো", "ক্রুসিফেরাস",
     "body.messages[1].content"),
    ('-H "Content-Type: application/json"', '-H "Content-Type: text/plain"', "Content-Type",
     "content-type: text/plain != application/json"),
])
def test_an_edited_example_drifts_at_the_edited_line(root: Path, old: str, new: str, at: str,
                                                     words: str) -> None:
    edit(root / "docs" / PAGE, old, new)
    drift = [f for f in findings(root) if f.check == "replay.request-drift"]
    assert len(drift) == 1, findings(root)
    assert drift[0].line == line_of(root, at)
    assert words in drift[0].message and "closest recorded request #0" in drift[0].message
    assert drift[0].path.endswith(PAGE)


def test_a_missing_cassette_says_the_command_that_records_it(root: Path) -> None:
    (root / "tests/cassettes/providers/doubao.bn.0.yaml").unlink()
    missing = [f for f in findings(root) if f.check == "replay.missing"]
    assert [f.line for f in missing] == [line_of(root, "curl https://")]
    assert missing[0].severity == "error"
    assert f"docverify record {site(root).pages[0].page.path} --target emulator" in missing[0].hint


def test_a_corrupt_cassette_is_a_finding_with_its_line(root: Path) -> None:
    path = root / "tests/cassettes/providers/doubao.bn.0.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"code": 200', '"code": "OK"'), encoding="utf-8")
    missing = [f for f in findings(root) if f.check == "replay.missing"]
    assert len(missing) == 1 and "status.code has the wrong type" in missing[0].message
    assert f"{path}:" in missing[0].message


def test_a_model_table_id_the_listing_does_not_know(root: Path) -> None:
    edit(root / "docs" / PAGE, "`deepseek-v3-250324`", "`deepseek-v9-250324`")
    unknown = [f for f in findings(root) if f.check == "model.unknown"]
    assert [f.line for f in unknown] == [line_of(root, "deepseek-v9-250324")]
    assert "'deepseek-v9-250324'" in unknown[0].message


def test_an_error_answer_is_a_failed_recording_not_a_cassette(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"doubao.bn.md": PAGE})
    for old in ('"model": "doubao-1-5-pro-32k-250115"', "`doubao-1-5-pro-32k-250115`"):
        edit(root / "docs" / PAGE, old, old.replace("doubao-1-5-pro-32k-250115", "kimi-k2-250905"))
    summary = record_site(root)
    assert summary.count("recorded") == 1 and summary.count("failed") == 1, str(summary)
    failed = next(r for r in summary.results if r.status == "failed")
    assert "answered 404, not 2xx" in failed.reason and "ModelNotOpen" in failed.reason
    assert not (root / "tests/cassettes/providers/doubao.bn.0.yaml").exists()
    missing = [f for f in findings(root) if f.check == "replay.missing"]
    assert len(missing) == 1 and missing[0].severity == "error"


def test_a_status_the_page_documents_is_recorded(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"doubao.bn.md": PAGE})
    for old in ('"model": "doubao-1-5-pro-32k-250115"', "`doubao-1-5-pro-32k-250115`"):
        edit(root / "docs" / PAGE, old, old.replace("doubao-1-5-pro-32k-250115", "kimi-k2-250905"))
    page = root / "docs" / PAGE
    lines = page.read_text(encoding="utf-8").splitlines()
    fence = next(n for n, line in enumerate(lines) if line.startswith("```") and "bash" in line)
    lines.insert(fence, "An account without the model gets `HTTP/1.1 404` (ModelNotOpen):\n")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert record_site(root).count("recorded") == 2
    assert not [f for f in findings(root) if f.check.startswith("replay.")]   # and check agrees


def test_a_streamed_example_records_and_replays_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path, {"doubao.bn.md": PAGE})
    edit(root / "docs" / PAGE, '"model": "doubao-1-5-pro-32k-250115",', '"model": "doubao-1-5-pro-32k-250115", "stream": true,')
    assert record_site(root).count("recorded") == 2
    body = (root / "tests/cassettes/providers/doubao.bn.0.yaml").read_text(encoding="utf-8")
    assert "chat.completion.chunk" in body and "data: [DONE]" in body
    assert findings(root) == []


def test_a_model_table_without_a_documented_api_has_nothing_to_replay(tmp_path: Path) -> None:
    # A provider page that lists models but shows no request (most corpus pages) documents no
    # API whose listing could be recorded: no replay finding, whatever the cassettes hold.
    root = make_site(tmp_path, {"doubao.bn.md": PAGE})
    page = root / "docs" / PAGE
    text = page.read_text(encoding="utf-8")
    start = text.index("```bash")
    page.write_text(text[:start] + text[text.index("```", start + 3) + 3:], encoding="utf-8")
    assert "curl" not in page.read_text(encoding="utf-8")
    assert [f for f in findings(root) if f.check.startswith(("replay.", "model."))] == []


def test_a_model_table_beside_a_chat_example_needs_the_listing(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"doubao.bn.md": PAGE})
    missing = [f for f in findings(root) if f.check == "replay.missing" and "listing" in f.message]
    assert len(missing) == 1
    assert "GET https://ark.cn-beijing.volces.com/api/v3/models" in missing[0].message


def test_an_install_script_download_is_not_api_traffic(tmp_path: Path) -> None:
    # Provider guides also show `curl … | sh` to install a local server; only API calls are
    # recorded and replayed, so such an example needs no cassette.
    root = make_site(tmp_path, {"doubao.bn.md": PAGE})
    page = root / "docs" / PAGE
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n```sh\ncurl -fsSL https://ollama.com/install.sh | sh\n```\n", encoding="utf-8")
    missing = [f for f in findings(root) if f.check == "replay.missing"]
    assert all("install.sh" not in f.message and "#1" not in f.message for f in missing), missing
    assert len([f for f in missing if "cURL example" in f.message]) == 1   # the chat example
