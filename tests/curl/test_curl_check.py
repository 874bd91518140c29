"""checks/curl.py: curl.parse and curl.quoting findings land on the page line of the problem."""

from __future__ import annotations

from docverify.checks.curl import check_curl
from docverify.curl import parse_curl
from docverify.model import Claims, Curl, Page, Severity


def _claims(*curls: Curl) -> Claims:
    return Claims(Page(path="docs/guide.md", rel="guide.md", lang="en", source=""), curls=curls)


def test_single_quoted_variable_is_a_quoting_finding_on_its_line() -> None:
    text = ("curl https://ark.example.com/api/v3/chat/completions \\\n"
            "  -H 'Authorization: Bearer $ARK_API_KEY' \\\n  -d '{}'\n")
    findings = list(check_curl(_claims(Curl(text, line=20, index=0)), site=None))  # type: ignore[arg-type]
    assert [(f.check, f.line, f.severity) for f in findings] == [
        ("curl.quoting", 21, Severity.ERROR)]
    assert "$ARK_API_KEY" in findings[0].message and "single quotes" in findings[0].message


def test_single_quoted_dollar_in_a_body_is_only_a_warning() -> None:
    text = "curl https://h/x -d '{\"$ref\": \"#/a\"}'\n"
    findings = list(check_curl(_claims(Curl(text, line=3, index=0)), site=None))  # type: ignore[arg-type]
    assert [(f.check, f.line, f.severity) for f in findings] == [
        ("curl.quoting", 3, Severity.WARNING)]


def test_smart_quotes_are_quoting_errors_with_column_and_code_point() -> None:
    text = "curl https://h/x \\\n  -H “Content-Type: application/json”\n"
    findings = list(check_curl(_claims(Curl(text, line=5, index=2)), site=None))  # type: ignore[arg-type]
    assert [(f.check, f.line) for f in findings] == [("curl.quoting", 6), ("curl.quoting", 6)]
    assert "U+201C" in findings[0].message and "column 6" in findings[0].message
    assert "cURL example 3" in findings[0].message


def test_unparsable_example_is_a_parse_finding_on_the_line_of_the_reason() -> None:
    text = "curl https://h/x \\\n  --data=1\n"
    findings = list(check_curl(_claims(Curl(text, line=40, index=0)), site=None))  # type: ignore[arg-type]
    assert [(f.check, f.line, f.severity) for f in findings] == [("curl.parse", 41, Severity.ERROR)]
    assert "--data=1" in findings[0].message and findings[0].hint


def test_clean_example_has_no_findings_and_parses_once() -> None:
    text = 'curl https://h/x -H "Authorization: Bearer $KEY"\n'
    parse_curl.cache_clear()
    assert list(check_curl(_claims(Curl(text, 1, 0), Curl(text, 9, 1)), site=None)) == []  # type: ignore[arg-type]
    assert parse_curl.cache_info().misses == 1
