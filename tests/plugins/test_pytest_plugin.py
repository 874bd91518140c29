"""The pytest plugin, run with pytester on a copy of this repo's site (and on small fixture sites)."""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from docverify.checks import CHECKS
from docverify.model import Claims
from docverify.page.parse import parse_page
from docverify.page.extract import extract
from docverify.integrations.pytest_plugin import _session_for, no_network
from docverify.traffic.replay import replay_example
from docverify.site.config import load_config

from .conftest import copy_repo_site

BN = "docs/providers/doubao.bn.md"
GROUPS = len(dict.fromkeys(group for group, _ in CHECKS))


@pytest.fixture
def site(pytester: pytest.Pytester, repo_root: Path) -> Path:
    return copy_repo_site(repo_root, pytester.path)


def bn_claims(root: Path) -> Claims:
    return extract(parse_page(root / BN, load_config(root / "mkdocs.yml")))


def example_id(root: Path) -> str:
    return f"{BN}:{bn_claims(root).curls[0].line} [replay]"


def test_nothing_is_collected_unless_asked(pytester: pytest.Pytester, site: Path) -> None:
    result = pytester.runpytest("--collect-only", "-q")
    assert "[static]" not in result.stdout.str()


def test_one_item_per_page_and_group_and_per_curl_example(pytester: pytest.Pytester, site: Path) -> None:
    result = pytester.runpytest("--docverify", "--collect-only", "-q")
    ids = [line for line in result.stdout.lines if line.startswith("docs/")]
    assert f"{BN} [static]" in ids and f"{BN} [replay]" in ids
    assert example_id(site) in ids
    pages = {i.split(" [")[0].split(":")[0] for i in ids}
    assert len(pages) == 9 and ids == sorted(ids, key=lambda i: i.split(" [")[0].split(":")[0])


def test_paths_narrow_the_collection(pytester: pytest.Pytester, site: Path) -> None:
    result = pytester.runpytest("--docverify", "docs/providers", "--collect-only", "-q")
    pages = {line.split(" [")[0].split(":")[0] for line in result.stdout.lines if line.startswith("docs/")}
    assert pages == {f"docs/providers/doubao.{lang}.md" for lang in ("bn", "en", "zh")}


def test_no_site_is_one_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--docverify")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--docverify: no mkdocs.yml in" in result.stderr.str() and "Traceback" not in result.stderr.str()


def test_a_broken_mkdocs_yml_is_a_collection_error_without_traceback(pytester: pytest.Pytester,
                                                                      site: Path) -> None:
    (site / "mkdocs.yml").write_text("site_name: x\nplugins: [\n", encoding="utf-8")
    result = pytester.runpytest("--docverify", "-p", "no:cacheprovider")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert "error: " in out and "mkdocs.yml:" in out and "invalid YAML" in out
    assert "Traceback" not in out and "siteconfig.py" not in out


def test_an_unknown_client_is_a_usage_error(pytester: pytest.Pytester, site: Path) -> None:
    result = pytester.runpytest("--docverify", "--docverify-client", "cherry-studio@9")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "accepted: cherry-studio@1.6, cherry-studio@2" in result.stderr.str()


def test_ini_option_adds_the_site_to_the_tests(pytester: pytest.Pytester, site: Path) -> None:
    pytester.makeini("[pytest]\ndocverify = true\ntestpaths = tests_here\n")
    pytester.mkdir("tests_here")
    pytester.makepyfile(**{"tests_here/test_one": "def test_one():\n    pass\n"})
    result = pytester.runpytest("--collect-only", "-q")
    out = result.stdout.str()
    assert "tests_here/test_one.py::test_one" in out and f"{BN} [static]" in out


def test_a_failure_shows_the_finding_not_a_traceback(pytester: pytest.Pytester, fixture_site) -> None:  # type: ignore[no-untyped-def]
    fixture_site("broken-link", pytester.path)
    result = pytester.runpytest("--docverify", "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(failed=1, passed=2 * GROUPS - 1)
    out = result.stdout.str()
    assert re.search(r"^docs/guide\.md \[static\] FAILED", out, re.M)   # the id, as collected
    assert re.search(r"_+ docs/guide\.md \[static\]\s+_+", out)       # reportinfo's name heads it
    assert "docs/guide.md:3: error [link.broken]" in out
    assert "expected a page at 'setup.md'" in out and "    hint: " in out
    assert "Traceback" not in out and "pytest_plugin.py" not in out and "def runtest" not in out


def test_reportinfo_points_at_the_page_line(pytester: pytest.Pytester, site: Path) -> None:
    items, _ = pytester.inline_genitems("--docverify")
    item = next(i for i in items if i.nodeid == example_id(site))
    path, line, name = item.reportinfo()
    assert Path(path) == site / BN and line == bn_claims(site).curls[0].line - 1
    assert name.strip() == item.nodeid


def test_junitxml_holds_the_page_and_the_finding(pytester: pytest.Pytester, fixture_site) -> None:  # type: ignore[no-untyped-def]
    fixture_site("broken-link", pytester.path)
    pytester.runpytest("--docverify", "--junitxml=out.xml")
    root = ET.parse(pytester.path / "out.xml").getroot()
    failed = [case for case in root.iter("testcase") if case.find("failure") is not None]
    assert len(failed) == 1
    text = ET.tostring(failed[0], encoding="unicode")
    assert "docs/guide.md" in text and "link.broken" in text and "setup.md" in text


def test_xdist_runs_the_same_items(pytester: pytest.Pytester, fixture_site) -> None:  # type: ignore[no-untyped-def]
    fixture_site("broken-link", pytester.path)
    result = pytester.runpytest_subprocess("--docverify", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, passed=2 * GROUPS - 1)
    assert "docs/guide.md:3: error [link.broken]" in result.stdout.str()


def test_client_option_sets_the_profile(pytester: pytest.Pytester, site: Path) -> None:
    config = pytester.parseconfigure("--docverify", "--docverify-client", "cherry-studio@1.6")
    session = _session_for(config, site / BN)
    assert session is not None and session.config.clients == ("cherry-studio@1.6",)


def test_the_network_guard_refuses_and_reports_connections() -> None:
    with no_network() as tried, pytest.raises(OSError, match="network access blocked"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert tried and "127.0.0.1" in tried[0]
    assert socket.socket.connect.__name__ == "connect"    # restored


def test_replay_opens_no_socket(repo_root: Path) -> None:
    claims = bn_claims(repo_root)
    with no_network() as tried:
        out = replay_example(claims.curls[0], claims.page, repo_root / "tests" / "cassettes")
    assert tried == [] and out.interaction is not None


def test_record_mode_once_records_only_what_is_missing(pytester: pytest.Pytester, site: Path) -> None:
    cassettes = site / "tests" / "cassettes" / "providers"
    (cassettes / "doubao.bn.0.yaml").unlink()
    kept = (cassettes / "doubao.en.0.yaml").read_bytes()
    none = pytester.runpytest_subprocess("--docverify", "-p", "no:cacheprovider", "-k", "doubao.bn")
    assert "replay.missing" in none.stdout.str()                  # default: replay only, no recording
    assert not (cassettes / "doubao.bn.0.yaml").exists()
    once = pytester.runpytest_subprocess("--docverify", "--record-mode", "once", "-p", "no:cacheprovider",
                                         "-k", "doubao.bn.md:")
    assert "docverify --record-mode once: recorded 1" in once.stdout.str()
    once.assert_outcomes(passed=1)
    assert (cassettes / "doubao.bn.0.yaml").is_file()
    assert (cassettes / "doubao.en.0.yaml").read_bytes() == kept
