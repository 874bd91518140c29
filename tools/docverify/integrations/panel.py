"""The HTML a site page carries: the verification badge and, on demand, its findings with their lines.

A pure function of a Verdict, so it is tested without MkDocs; the MkDocs plugin only places it.
The list is a `<details>` styled as Material's collapsible admonitions (closed until clicked).
"""

from __future__ import annotations

import re
from html import escape

from docverify.model import Severity
from docverify.integrations.verdict import Status, Verdict

__all__ = ["LABELS", "label", "place_panel", "render_panel"]

# Per language: verified, N problems (one / many), machine-translated, stale, the list's title.
LABELS: dict[str, dict[str, str]] = {
    "en": {"verified": "verified", "one": "1 problem", "many": "{n} problems",
           "machine-translated": "machine-translated, not reviewed",
           "stale": "stale against source", "list": "What docverify found on this page"},
    "zh": {"verified": "已验证", "one": "1 个问题", "many": "{n} 个问题",
           "machine-translated": "机器翻译，未经审校", "stale": "落后于原文",
           "list": "docverify 在本页发现的问题"},
    "bn": {"verified": "যাচাই করা হয়েছে", "one": "১টি সমস্যা", "many": "{n}টি সমস্যা",
           "machine-translated": "মেশিন অনুবাদ, পর্যালোচনা হয়নি", "stale": "উৎসের তুলনায় পুরোনো",
           "list": "এই পৃষ্ঠায় docverify যা পেয়েছে"},
}
_OPEN_ON_TARGET = ('if (location.hash === "#docverify-findings") '
                   'document.getElementById("docverify-findings").open = true;')
_H1_END = re.compile(r"</h1>", re.IGNORECASE)
_ARTICLE = re.compile(r"<article\b[^>]*>", re.IGNORECASE)


def label(v: Verdict, lang: str = "en") -> str:
    words = LABELS.get(lang, LABELS["en"])
    if v.status is Status.PROBLEMS:
        return words["one"] if v.problems == 1 else words["many"].format(n=v.problems)
    return words[v.status.value]


def render_panel(v: Verdict, lang: str = "en") -> str:
    """The badge, then (when there is anything to list) the findings, closed by default."""
    words = LABELS.get(lang, LABELS["en"])
    shown = escape(label(v, lang))
    english = escape(label(v, "en"))
    flags = "".join(f" data-{name}" for name, on in (("machine-translated", v.machine_translated),
                                                     ("stale", v.stale)) if on)
    head = (f'<div class="docverify-panel" data-status="{v.status}" data-errors="{v.errors}" '
            f'data-warnings="{v.warnings}"{flags}>'
            f'<span class="docverify-badge docverify-badge--{v.status}" title="docverify: {english}">'
            f"{shown}</span>")
    if not v.findings:
        return head + "</div>\n"
    kind = "failure" if v.errors else "warning"
    items = "".join(_item(f.line, f.severity, f.check, f.message, f.hint) for f in v.findings)
    # The status page links here (#docverify-findings): the list opens when it is the target.
    return (f'{head}<details class="docverify-findings {kind}" id="docverify-findings">'
            f"<summary>{escape(words['list'])} ({len(v.findings)})</summary>"
            f'<ul class="docverify-list">{items}</ul></details>'
            f"<script>{_OPEN_ON_TARGET}</script></div>\n")


def _item(line: int, severity: Severity, check: str, message: str, hint: str) -> str:
    hint_html = f'<br><span class="docverify-hint">hint: {escape(hint)}</span>' if hint else ""
    return (f'<li class="docverify-finding docverify-finding--{severity}" data-line="{line}" '
            f'data-check="{escape(check)}"><span class="docverify-line">line {line}</span> '
            f"<code>{escape(check)}</code> {escape(message)}{hint_html}</li>")


def place_panel(html: str, panel: str) -> str:
    """The page (its content or the whole document) with the panel under its title; else at
    the top of its <article>, else on top."""
    match = _H1_END.search(html) or _ARTICLE.search(html)
    if match is None:
        return panel + html
    return html[:match.end()] + "\n" + panel + html[match.end():]
