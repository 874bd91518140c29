"""check_endpoints and check_resolution_tables on small pages: each pages/<case>.md with pages/<case>.yaml beside it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from docverify.checks.endpoint import check_endpoints
from docverify.checks.resolution import check_resolution_tables
from docverify.page.extract import extract
from docverify.model import Claims, Curl, Endpoint, Finding, Page, Severity
from docverify.page.parse import parse_text
from docverify.clients.profiles import PROFILES, Profile, format_api_host_2, request_url_ai_sdk, route_to_endpoint_2

PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.stem for p in PAGES.glob("*.md"))


Run = Callable[..., list[Finding]]


@pytest.fixture
def run(make_site: Callable[..., Any]) -> Run:
    def run(claims: Claims, *clients: str) -> list[Finding]:
        site = make_site(*clients)
        found = [*check_endpoints(claims, site), *check_resolution_tables(claims, site)]
        return sorted(found, key=lambda f: f.line)
    return run


def page_claims(name: str) -> Claims:
    text = (PAGES / f"{name}.md").read_text("utf-8")
    return extract(parse_text(text, path=f"{name}.md", rel=f"{name}.md", lang="en"))


@pytest.mark.parametrize("name", CASES)
def test_page(run: Run, name: str) -> None:
    expected = yaml.safe_load((PAGES / f"{name}.yaml").read_text("utf-8"))
    findings = run(page_claims(name), *expected["clients"])
    got = [(f.check, str(f.severity), f.line) for f in findings]
    want = [(e["check"], e["severity"], e["line"]) for e in expected["findings"]]
    assert got == want, "\n".join(map(str, findings)) or expected["why"]
    for finding, exp in zip(findings, expected["findings"]):
        for text in exp["contains"]:
            assert text in finding.message, finding.message
        for text in exp["hint"]:
            assert text in finding.hint, finding.hint
        assert finding.path == f"{name}.md"


# ---------------------------------------------------------------- claims built by hand

PAGE = Page(path="doubao.md", rel="doubao.md", lang="zh", source="")
DEFAULT = "https://ark.cn-beijing.volces.com/api/v3/"
FULL = "https://ark.cn-beijing.volces.com/api/v3/chat/completions#"
CURL = ('curl https://ark.cn-beijing.volces.com/api/v3/chat/completions '
        '-H "Authorization: Bearer $ARK_API_KEY" -d \'{"model": "m", "messages": []}\'')
DOUBAO = Claims(
    PAGE,
    endpoints=(Endpoint(DEFAULT, 44, "address", "api"), Endpoint(FULL, 45, "address", "api"),
               Endpoint("https://ark.cn-beijing.volces.com/api/v3/chat/completions", 60,
                        "request", "curl")),
    curls=(Curl(CURL, 60, 0, "bash", "curl"),))


def test_site_without_clients_gets_no_client_rules(run: Run) -> None:
    assert run(DOUBAO) == []      # opt-in: the same page under a declared client has a finding
    assert [(f.check, f.line) for f in run(DOUBAO, "cherry-studio@2")] == [("endpoint.unresolved", 45)]


def test_claim_scope_wins_over_the_site(run: Run) -> None:
    scoped = Claims(PAGE, endpoints=(DOUBAO.endpoints[0],
                                     Endpoint(FULL, 45, "address", "api", ("cherry-studio@1.6",)),
                                     DOUBAO.endpoints[2]), curls=DOUBAO.curls)
    assert run(scoped, "cherry-studio@2") == []


def test_unknown_profile_in_the_configuration_is_a_finding_naming_the_known_ones(run: Run) -> None:
    findings = run(DOUBAO, "chatbox@1")
    assert {f.line for f in findings} == {44, 45}
    assert all(f.severity is Severity.ERROR and "chatbox@1" in f.message for f in findings)
    assert all(name in findings[0].hint for name in PROFILES)


def test_page_without_endpoints_is_quiet(run: Run) -> None:
    assert run(Claims(PAGE), "cherry-studio@2", "cherry-studio@1.6") == []


def test_a_third_profile_needs_no_change_to_the_check(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    fixed = Profile(name="cherry-studio@2-fixed", description="2.x with routeToEndpoint first",
                    source="hypothetical", format_api_host=format_api_host_2,
                    route_to_endpoint=route_to_endpoint_2, request_url=request_url_ai_sdk,
                    route_first=True)
    monkeypatch.setitem(PROFILES, fixed.name, fixed)
    assert run(DOUBAO, fixed.name) == []
    findings = run(DOUBAO, fixed.name, "cherry-studio@2")
    assert [(f.line, f.message.split(" the address")[0]) for f in findings] == \
        [(45, "under cherry-studio@2")]
    assert "cherry-studio@2-fixed" in findings[0].hint   # the scope that would make it right


def test_without_the_curl_parser_the_urls_in_the_examples_are_the_reference(
        run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docverify.curl", None)   # import fails: not built yet
    assert [f.line for f in run(DOUBAO, "cherry-studio@2")] == [45]
    # A URL in another code block (an SDK's base_url) is no request URL: nothing to compare.
    sdk = Claims(PAGE, endpoints=(*DOUBAO.endpoints[:2],
                                  Endpoint("https://ark.cn-beijing.volces.com/api/v3", 70, "request")))
    assert [f.check for f in run(sdk, "cherry-studio@2")] == ["endpoint.equivalence"]
