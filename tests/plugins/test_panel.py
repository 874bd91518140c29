"""The page status (verdict) and the badge + findings HTML (panel), without MkDocs."""

from __future__ import annotations

import pytest

from docverify.model import Finding, Severity
from docverify.integrations.panel import label, place_panel, render_panel
from docverify.page.parse import parse_text
from docverify.integrations.verdict import Status, verdict

PLAIN = "# Guide\n\nText.\n"
MACHINE = ('# Guide\n\n!!! warning "Machine translation"\n'
           "    This page was translated by AI and has not been reviewed yet.\n")


def finding(check: str, line: int, severity: Severity = Severity.ERROR, path: str = "g.md") -> Finding:
    return Finding(check, severity, path, line, f"expected <a>, found <b> ({check})", "fix & retry")


@pytest.mark.parametrize(("text", "findings", "status", "english"), [
    (PLAIN, [], Status.VERIFIED, "verified"),
    (MACHINE, [], Status.MACHINE_TRANSLATED, "machine-translated, not reviewed"),
    (MACHINE, [finding("translation.stale", 1, Severity.WARNING)], Status.STALE, "stale against source"),
    (MACHINE, [finding("link.broken", 3)], Status.PROBLEMS, "1 problem"),
    (PLAIN, [finding("link.broken", 3), finding("translation.stale", 1, Severity.WARNING),
             finding("parity.structure", 2, Severity.WARNING)], Status.PROBLEMS, "2 problems"),
    (PLAIN, [finding("link.broken", 3, path="other.md")], Status.VERIFIED, "verified"),
], ids=["verified", "machine-translated", "stale", "problem-beats-notice", "stale-not-counted",
        "other-page-ignored"])
def test_verdict(text: str, findings: list[Finding], status: Status, english: str) -> None:
    v = verdict(parse_text(text, path="g.md"), findings)
    assert v.status is status
    assert label(v, "en") == english


def test_labels_follow_the_page_language() -> None:
    v = verdict(parse_text(PLAIN, path="g.md"), [finding("link.broken", 3), finding("link.anchor", 4)])
    assert label(v, "zh") == "2 个问题"
    assert label(v, "bn") == "2টি সমস্যা"
    assert label(v, "xx") == "2 problems"     # unknown language: English


def test_panel_lists_findings_with_lines_escaped() -> None:
    v = verdict(parse_text(PLAIN, path="g.md"),
                [finding("link.broken", 3), finding("parity.link", 7, Severity.WARNING)])
    html = render_panel(v, "en")
    assert 'data-status="problems" data-errors="1" data-warnings="1"' in html
    assert '<details class="docverify-findings failure" id="docverify-findings">' in html and "<details open" not in html
    assert 'data-line="3"' in html and "line 3</span> <code>link.broken</code>" in html
    assert "line 7</span> <code>parity.link</code>" in html
    assert "expected &lt;a&gt;, found &lt;b&gt;" in html and "hint: fix &amp; retry" in html
    assert "<a>" not in html


def test_verified_panel_is_only_the_badge() -> None:
    html = render_panel(verdict(parse_text(PLAIN, path="g.md"), []), "zh")
    assert "<details" not in html
    assert ">已验证</span>" in html and 'title="docverify: verified"' in html


def test_panel_goes_under_the_title() -> None:
    assert place_panel("<h1 id=x>T</h1><p>a</p>", "<div>P</div>") == "<h1 id=x>T</h1>\n<div>P</div><p>a</p>"
    assert place_panel("<p>a</p>", "<div>P</div>") == "<div>P</div><p>a</p>"
    assert place_panel("<main><article class=x><p>a</p>", "<i>P</i>") == "<main><article class=x>\n<i>P</i><p>a</p>"
