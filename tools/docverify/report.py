"""Render findings for people and machines: text, json, github, sarif, junit."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from docverify import __version__
from docverify.model import Finding, Severity

FORMATS = ("text", "json", "github", "sarif", "junit")

# What each check id means (DESIGN.md), shown as SARIF rule descriptions.
RULES: dict[str, str] = {
    "encoding.mojibake": "Text that is UTF-8 decoded with the wrong codec",
    "encoding.invalid": "Bytes that are not UTF-8",
    "link.broken": "Relative link target missing",
    "link.anchor": "#anchor not among the target page's anchors",
    "asset.missing": "Image or file reference that does not exist",
    "gitbook.unconverted": "GitBook syntax ({% … %}) left in a page",
    "secret.leak": "Something shaped like a real API key",
    "translation.leak": "Machine-translation residue: leaked reasoning, prompt text",
    "translation.language": "Prose in a language neither the page's nor plausible there (or left untranslated)",
    "translation.wrapped": "A translated page's body inside a code block the source does not have",
    "translation.truncated": "A translated table, list or code block with clearly fewer rows than the source's",
    "translation.stale": "The source page changed after the translation was last updated",
    "translation.missing": "A page of the source language with no translation",
    "endpoint.unresolved": "An API address does not resolve to the documented request URL",
    "endpoint.equivalence": "Alternative addresses resolve to different request URLs",
    "curl.parse": "A cURL example that cannot be parsed",
    "curl.quoting": "A cURL example the shell would run differently from what it shows",
    "replay.missing": "No recorded interaction for this example",
    "replay.request-drift": "The example's request no longer matches its recording",
    "replay.response-drift": "The recording contradicts the page",
    "model.unknown": "A documented model ID not known to the recorded model listing",
    "parity.endpoint": "A translation documents other API addresses than its source",
    "parity.model-id": "A translation lists other model IDs than its source",
    "parity.curl": "A translation's cURL example sends another request than its source's",
    "parity.link": "A translation links to other targets or images than its source",
    "parity.structure": "A translation has other sections, lists, tables or admonitions",
    "check.crashed": "A check raised an exception on this page",
    "directive.invalid": "A docverify directive that cannot be read",
}


@dataclass(frozen=True, slots=True)
class Run:
    """What a report describes: the findings, the pages checked and the check ids that ran."""

    findings: Sequence[Finding]
    pages: Sequence[str]
    checks: Sequence[str]

    @property
    def counts(self) -> Counter[Severity]:
        return Counter(f.severity for f in self.findings)


def render(run: Run, fmt: str, *, rich: bool = False, width: int = 100) -> str:
    return _RENDERERS[fmt](run, rich, width)


def summary_line(run: Run) -> str:
    c = run.counts
    return (f"{len(run.pages)} pages checked: {c[Severity.ERROR]} errors, "
            f"{c[Severity.WARNING]} warnings")


# Pages are untrusted: a control byte from one (ESC, NUL) must not reach a terminal or a CI log.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """`text` with control characters (not newline, CR or tab) shown as `\\xNN`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render_text(run: Run, rich: bool = False, width: int = 100) -> str:
    lines = []
    for f in run.findings:
        lines.append(_visible(str(f)))
        if f.hint:
            lines.append(f"    hint: {_visible(f.hint)}")
    by_check = Counter((f.check, f.severity) for f in run.findings)
    ids = sorted({f.check for f in run.findings})
    if not rich:
        if ids:
            lines += ["", f"{'check':<24} {'errors':>7} {'warnings':>9}"]
            lines += [f"{i:<24} {by_check[i, Severity.ERROR]:>7} {by_check[i, Severity.WARNING]:>9}"
                      for i in ids]
        lines += ["", summary_line(run)]
        return "\n".join(lines) + "\n"
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=width, highlight=False)
    for f in run.findings:
        colour = "red" if f.severity is Severity.ERROR else "yellow"
        console.print(f"[bold]{escape(_visible(f.path))}:{f.line}[/]: [{colour}]{f.severity}[/] "
                      f"[dim]\\[{f.check}][/] {escape(_visible(f.message))}")
        if f.hint:
            console.print(f"    [cyan]hint:[/] {escape(_visible(f.hint))}")
    table = Table(title="docverify check", title_justify="left")
    table.add_column("check")
    table.add_column("errors", justify="right", style="red")
    table.add_column("warnings", justify="right", style="yellow")
    for i in ids:
        table.add_row(i, str(by_check[i, Severity.ERROR]), str(by_check[i, Severity.WARNING]))
    if ids:
        console.print(table)
    console.print(summary_line(run))
    return out.getvalue()


def render_json(run: Run, rich: bool = False, width: int = 100) -> str:
    c = run.counts
    doc = {"version": 1, "findings": [f.to_json() for f in run.findings],
           "summary": {"pages": len(run.pages), "errors": c[Severity.ERROR],
                       "warnings": c[Severity.WARNING]}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(run: Run, rich: bool = False, width: int = 100) -> str:
    """Workflow commands, escaped the way @actions/core escapes data and properties."""
    out = []
    for f in run.findings:
        level = "error" if f.severity is Severity.ERROR else "warning"
        text = _visible(f.message + (f"\nhint: {f.hint}" if f.hint else ""))
        out.append(f"::{level} file={_gh_property(_visible(f.path))},line={f.line},"
                   f"title={_gh_property(f.check)}::{_gh_data(text)}\n")
    return "".join(out)


def render_sarif(run: Run, rich: bool = False, width: int = 100) -> str:
    ids = sorted(set(run.checks) | {f.check for f in run.findings})
    index = {rule: n for n, rule in enumerate(ids)}
    rules = [{"id": rule, "name": rule.replace(".", "/"),
              "shortDescription": {"text": RULES.get(rule, rule)},
              "defaultConfiguration": {"level": "error"}} for rule in ids]
    results = [{
        "ruleId": f.check, "ruleIndex": index[f.check],
        "level": "error" if f.severity is Severity.ERROR else "warning",
        "message": {"text": f.message + (f" Hint: {f.hint}" if f.hint else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(f.path.replace("\\", "/"), safe="/"),
                                 "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(f.line, 1)}}}],
    } for f in run.findings]
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "docverify", "version": __version__,
                                         "rules": rules}},
                     "results": results}]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=1)
def _not_xml() -> re.Pattern[str]:
    # Compiled on first use: the astral range costs ~3 ms, paid only by a JUnit report.
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (a binary page's NULs would break the file)."""
    return _not_xml().sub("\ufffd", text)


def render_junit(run: Run, rich: bool = False, width: int = 100) -> str:
    """One testsuite per check, one testcase per page x check; errors fail, warnings are output."""
    import xml.etree.ElementTree as ET   # only this format needs it (~1.5 ms of every start-up)

    ids = sorted(set(run.checks) | {f.check for f in run.findings})
    pages = sorted(set(run.pages) | {f.path for f in run.findings})
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for f in run.findings:
        grouped.setdefault((f.check, f.path), []).append(f)
    root = ET.Element("testsuites", name="docverify")
    total = failed = 0
    for check in ids:
        suite = ET.SubElement(root, "testsuite", name=check)
        suite_failed = 0
        for page in pages:
            case = ET.SubElement(suite, "testcase", classname=check, name=_xml(page))
            found = grouped.get((check, page), [])
            errors = [f for f in found if f.severity is Severity.ERROR]
            if errors:
                suite_failed += 1
                failure = ET.SubElement(case, "failure", type=check,
                                        message=_xml(f"{len(errors)} error(s), first at line "
                                                     f"{errors[0].line}: {errors[0].message}"))
                failure.text = _xml("\n".join(f"{f}\n    hint: {f.hint}" for f in errors))
            warnings = [f for f in found if f.severity is Severity.WARNING]
            if warnings:
                ET.SubElement(case, "system-out").text = _xml("\n".join(map(str, warnings)))
        suite.set("tests", str(len(pages)))
        suite.set("failures", str(suite_failed))
        suite.set("errors", "0")
        total += len(pages)
        failed += suite_failed
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_RENDERERS: dict[str, Callable[[Run, bool, int], str]] = {
    "text": render_text, "json": render_json, "github": render_github,
    "sarif": render_sarif, "junit": render_junit,
}
