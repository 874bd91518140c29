"""Recording: documented URL and placeholders on disk, no key, retries, host policy, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.replay.site_helpers import config, edit, make_site, record_site, site

from docverify import cli, fsutil
from docverify.traffic.cassette import load_cassette
from docverify.emulator import DEFAULT_API_KEY, EmulatorConfig, Fault, FaultKind
from docverify.errors import RecordError
from docverify.traffic.hosts import check_host
from docverify.traffic.record import Policy

PAGE = "providers/doubao.bn.md"
CHAT = "/api/v3/chat/completions"


def cassette(root: Path, name: str = "doubao.bn.0.yaml") -> Path:
    return config(root).cassette_dir / "providers" / name


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_site(tmp_path, {"doubao.bn.md": PAGE})


def test_the_cassette_records_the_documented_request_and_no_key(root: Path) -> None:
    summary = record_site(root)
    assert str(summary).startswith("recorded 2, unchanged 0, skipped 0, failed 0"), str(summary)
    text = cassette(root).read_text(encoding="utf-8")
    assert DEFAULT_API_KEY not in text and "Bearer ${ARK_API_KEY}" in text
    loaded = load_cassette(cassette(root))
    assert loaded.interactions[0].request.uri == "https://ark.cn-beijing.volces.com/api/v3/chat/completions"
    meta = loaded.metadata
    assert (meta["target"], meta["page"], meta["lang"], meta["example"]) == ("emulator", PAGE.replace(".bn", ""), "bn", 0)
    assert meta["emulator_url"].startswith("http://127.0.0.1:") and meta["client"] == "cherry-studio@2"
    listing = load_cassette(cassette(root, "doubao.bn.models.yaml")).interactions[0]
    assert listing.request.uri.endswith("/api/v3/models") and listing.response.status == 200


def test_re_recording_an_unchanged_page_leaves_the_files_byte_identical(root: Path) -> None:
    record_site(root)
    before = cassette(root).read_bytes()
    summary = record_site(root)      # a new emulator on a new port, another day: still unchanged
    assert (summary.count("unchanged"), summary.count("recorded")) == (2, 0)
    assert cassette(root).read_bytes() == before


def test_5xx_is_retried_with_exponential_backoff(root: Path) -> None:
    waits: list[float] = []
    faults = (Fault(FaultKind.ERROR, times=2, status=503, path=CHAT),)
    summary = record_site(root, EmulatorConfig(deterministic=True, faults=faults),
                          Policy(sleep=waits.append, backoff=0.25))
    assert summary.count("failed") == 0 and waits == [0.25, 0.5]


def test_429_honours_retry_after(root: Path) -> None:
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        import time
        time.sleep(seconds)
    summary = record_site(root, EmulatorConfig(deterministic=True, rpm=1, rate_window=1.0),
                          Policy(sleep=sleep, backoff=0.01, max_wait=2))
    assert summary.count("failed") == 0, str(summary)
    assert waits and all(w >= 1 for w in waits)     # Retry-After (whole seconds) beat the 0.01 s backoff


def test_a_failed_recording_leaves_the_previous_cassette_untouched(root: Path) -> None:
    record_site(root)
    edit(root / "docs" / PAGE, "ক্রুসিফেরাস", "সরিষা")     # a real change, so it would be rewritten
    before = cassette(root).read_bytes()
    faults = (Fault(FaultKind.DROP_DURING, path=CHAT),)
    summary = record_site(root, EmulatorConfig(deterministic=True, faults=faults), Policy(sleep=lambda s: None, retries=1))
    assert summary.count("failed") == 1 and "after 2 attempts" in str(summary)
    assert cassette(root).read_bytes() == before
    assert sorted(p.name for p in cassette(root).parent.iterdir()) == ["doubao.bn.0.yaml", "doubao.bn.models.yaml"]


def test_an_interrupted_write_leaves_the_previous_cassette_untouched(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_site(root)
    edit(root / "docs" / PAGE, "ক্রুসিফেরাস", "সরিষা")
    before = cassette(root).read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(fsutil.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        record_site(root)
    assert cassette(root).read_bytes() == before
    assert not [p for p in cassette(root).parent.iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize(("address", "reason"), [
    ("http://169.254.169.254/api/v3", "private, link-local or metadata"),
    ("http://10.0.0.7/api/v3", "private, link-local or metadata"),
])
def test_private_and_metadata_addresses_are_refused(root: Path, address: str, reason: str) -> None:
    page = root / "docs" / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("https://ark.cn-beijing.volces.com/api/v3", address),
                    encoding="utf-8")
    summary = record_site(root)
    assert summary.count("failed") == 2 and str(summary).count(reason) == 2   # example and listing
    assert not cassette(root).exists()


def test_an_undocumented_host_is_refused_unless_allowed() -> None:
    documented = {"ark.cn-beijing.volces.com"}
    with pytest.raises(RecordError, match="'evil.example.com' is not an endpoint the page documents"):
        check_host("https://evil.example.com/api/v3/chat/completions", documented, frozenset(), resolve=False)
    check_host("https://evil.example.com/x", documented,
               frozenset({"evil.example.com"}), resolve=False)


def test_a_documented_name_resolving_to_a_private_address_is_refused() -> None:
    with pytest.raises(RecordError, match="localhost: it resolves to 127.0.0.1"):
        check_host("http://localhost:8000/api/v3", {"localhost"}, frozenset(), resolve=True)
    check_host("http://localhost:8000/api/v3", {"localhost"}, frozenset(), resolve=False)   # emulator: not contacted


def test_live_without_a_key_fails_each_example_naming_the_variable(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ARK_API_KEY", raising=False)
    monkeypatch.chdir(root)
    assert cli.main(["record", "docs", "--target", "live"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "recorded 0, unchanged 0, skipped 0, failed 2"
    assert all("ARK_API_KEY is not set (the key for ark.cn-beijing.volces.com)" in line for line in out[1:])
    assert not (root / "tests" / "cassettes").exists()


def test_the_command_records_against_the_emulator(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(root)
    assert cli.main(["record", "docs", "--target", "emulator", "--cassettes", "out"]) == 0
    assert capsys.readouterr().out.startswith("recorded 2, unchanged 0, skipped 0, failed 0")
    assert (root / "out/providers/doubao.bn.0.yaml").is_file()


def test_the_command_uses_a_running_emulator_and_never_the_real_key(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from docverify.emulator import serve
    monkeypatch.chdir(root)
    monkeypatch.setenv("ARK_API_KEY", "real-key-0123456789abcdef")
    with serve(config=EmulatorConfig(deterministic=True)) as emulator:
        code = cli.main(["record", "docs", "--target", "emulator", "--emulator-url", emulator.base_url])
        sent = [r.header("authorization") for r in emulator.received]
    assert code == 0, capsys.readouterr()
    assert sent and all(s == f"Bearer {DEFAULT_API_KEY}" for s in sent)
