"""Report formats: the json schema, GitHub escaping, SARIF structure, JUnit that parses."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from docverify.model import Finding, Severity
from docverify.report import FORMATS, Run, render, render_github

FINDINGS = [
    Finding("link.anchor", Severity.ERROR, "docs/a b/页面.md", 12,
            "expected #api-di-zhi among the anchors, found none", "use #api-address"),
    Finding("secret.leak", Severity.WARNING, "docs/x.md", 3, "100% key: a,b\nnext", ""),
    Finding("encoding.invalid", Severity.ERROR, "docs/bin.md", 1, "NUL \x00 byte", "remove it"),
]
RUN = Run(FINDINGS, ["docs/a b/页面.md", "docs/x.md", "docs/bin.md", "docs/clean.md"],
          ["asset.missing", "link.anchor", "secret.leak", "encoding.invalid"])


def test_json_is_the_design_schema() -> None:
    doc = json.loads(render(RUN, "json"))
    assert set(doc) == {"version", "findings", "summary"} and doc["version"] == 1
    assert doc["summary"] == {"pages": 4, "errors": 2, "warnings": 1}
    for f in doc["findings"]:
        assert set(f) == {"check", "severity", "path", "line", "message", "hint"}
    assert doc["findings"][0]["path"] == "docs/a b/页面.md"


def test_github_escapes_data_and_properties_like_actions_toolkit() -> None:
    finding = Finding("a:b", Severity.ERROR, "d,ir/f:1.md", 7, "50% done\r\nok", "")
    line = render_github(Run([finding], ["x"], []))
    assert line == "::error file=d%2Cir/f%3A1.md,line=7,title=a%3Ab::50%25 done%0D%0Aok\n"
    warning = render(RUN, "github").splitlines()[1]
    assert warning.startswith("::warning file=docs/x.md,line=3,title=secret.leak::100%25 key: a,b%0Anext")


def test_github_puts_the_hint_on_a_second_message_line() -> None:
    first = render(RUN, "github").splitlines()[0]
    assert first.endswith("found none%0Ahint: use #api-address")


def test_sarif_has_the_structure_github_code_scanning_requires() -> None:
    doc = json.loads(render(RUN, "sarif"))
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    (run,) = doc["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "docverify"
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and "asset.missing" in ids
    for rule in rules:
        assert rule["shortDescription"]["text"]
    assert len(run["results"]) == 3
    for result, finding in zip(run["results"], FINDINGS):
        assert result["ruleId"] == finding.check
        assert rules[result["ruleIndex"]]["id"] == finding.check
        assert result["level"] in {"error", "warning", "note", "none"}
        assert result["message"]["text"].startswith(finding.message)
        (loc,) = result["locations"]
        region = loc["physicalLocation"]["region"]
        assert region["startLine"] == finding.line >= 1
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri and uri.isascii()
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == "docs/a%20b/%E9%A1%B5%E9%9D%A2.md"


def test_junit_parses_one_suite_per_check_one_case_per_page() -> None:
    root = ET.fromstring(render(RUN, "junit").encode("utf-8"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"asset.missing", "link.anchor", "secret.leak", "encoding.invalid"}
    assert all(len(s.findall("testcase")) == 4 for s in suites.values())
    failed = [c.get("name") for c in suites["link.anchor"] if c.find("failure") is not None]
    assert failed == ["docs/a b/页面.md"]
    # A warning is shown, not failed; a NUL in a message does not break the XML.
    secret = [c for c in suites["secret.leak"] if c.get("name") == "docs/x.md"][0]
    assert secret.find("failure") is None and "100% key" in secret.findtext("system-out", "")
    assert root.get("failures") == "2" and root.get("tests") == "16"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_run(fmt: str) -> None:
    assert isinstance(render(Run([], ["a.md"], ["link.broken"]), fmt), str)


def test_text_lists_findings_then_a_summary_table() -> None:
    text = render(RUN, "text")
    assert "docs/x.md:3: warning [secret.leak]" in text and "hint: use #api-address" in text
    assert text.rstrip().endswith("4 pages checked: 2 errors, 1 warnings")
    fancy = render(RUN, "text", rich=True, width=120)
    assert "link.anchor" in fancy and "\x1b[" in fancy


def test_every_check_id_of_the_design_has_a_rule_description() -> None:
    from docverify.report import RULES
    design_ids = {
        "encoding.mojibake", "encoding.invalid", "link.broken", "link.anchor", "asset.missing",
        "gitbook.unconverted", "secret.leak", "translation.leak", "translation.stale",
        "translation.missing", "parity.endpoint", "parity.model-id", "parity.curl",
        "parity.link", "parity.structure", "endpoint.unresolved", "endpoint.equivalence",
        "curl.parse", "curl.quoting", "replay.missing", "replay.request-drift",
        "replay.response-drift", "model.unknown"}
    assert design_ids <= set(RULES), sorted(design_ids - set(RULES))
