"""The site's translation status page in one language: the matrix as HTML, its words in the page's language.

A pure function of the matrix, the site's shape and where the page is written (tested without
MkDocs); the MkDocs plugin adds the page to each language's build and puts this HTML in it.
Each cell is coloured by its state (CSS class `docverify-cell--<state>`), says how many errors
and warnings the page has, and links to the page, to its findings list when it has any.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from docverify.site.config import SiteConfig
from docverify.translations.status import Cell, Matrix

__all__ = ["FINDINGS_ID", "WORDS", "Provenance", "provenance", "render_status_page", "title", "words"]

# The panel's findings list carries this id (panel.py), so a cell can link straight to it.
FINDINGS_ID = "docverify-findings"

# What a translator reads, per language; a language not listed reads English. The states are
# translations.status.STATES; `summary` lists the ones the summary row counts.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Translation status", "page": "Page", "summary": "Summary",
        "intro": "One row per page, one column per language. A cell links to that page; "
                 "its findings are listed under its title.",
        "made": "Made on {date} from commit {commit}.", "made-no-git": "Made on {date} (not from a git commit).",
        "up-to-date": "up to date", "stale": "stale", "missing": "missing", "has-errors": "has errors",
        "machine-translated-unreviewed": "machine-translated, not reviewed", "unreviewed": "unreviewed",
        "error": "1 error", "errors": "{n} errors", "warning": "1 warning", "warnings": "{n} warnings",
        "count": "{label}: {n}",
    },
    "zh": {
        "title": "翻译状态", "page": "页面", "summary": "汇总",
        "intro": "每行一个页面，每列一种语言。单元格链接到该页面，页面标题下列出它的问题。",
        "made": "生成于 {date}，源提交 {commit}。", "made-no-git": "生成于 {date}（不是从 git 提交生成）。",
        "up-to-date": "已同步", "stale": "落后于原文", "missing": "缺失", "has-errors": "有错误",
        "machine-translated-unreviewed": "机器翻译，未经审校", "unreviewed": "未审校",
        "error": "1 个错误", "errors": "{n} 个错误", "warning": "1 个警告", "warnings": "{n} 个警告",
        "count": "{label}：{n}",
    },
    "bn": {
        "title": "অনুবাদের অবস্থা", "page": "পৃষ্ঠা", "summary": "সারসংক্ষেপ",
        "intro": "প্রতি সারিতে একটি পৃষ্ঠা, প্রতি কলামে একটি ভাষা। ঘরটি সেই পৃষ্ঠার লিংক; "
                 "পৃষ্ঠার শিরোনামের নিচে তার সমস্যাগুলোর তালিকা আছে।",
        "made": "{date} তারিখে কমিট {commit} থেকে তৈরি।", "made-no-git": "{date} তারিখে তৈরি (কোনো git কমিট থেকে নয়)।",
        "up-to-date": "হালনাগাদ", "stale": "উৎসের তুলনায় পুরোনো", "missing": "নেই", "has-errors": "ত্রুটি আছে",
        "machine-translated-unreviewed": "মেশিন অনুবাদ, পর্যালোচনা হয়নি", "unreviewed": "পর্যালোচনা হয়নি",
        "error": "১টি ত্রুটি", "errors": "{n}টি ত্রুটি", "warning": "১টি সতর্কতা", "warnings": "{n}টি সতর্কতা",
        "count": "{label}: {n}",
    },
}
# The summary row: (word, the cell states it counts).
_SUMMARY: tuple[tuple[str, frozenset[str]], ...] = (
    ("up-to-date", frozenset({"up-to-date"})),
    ("stale", frozenset({"stale"})),
    ("missing", frozenset({"missing"})),
    ("unreviewed", frozenset({"machine-translated-unreviewed"})),
    ("has-errors", frozenset({"has-errors"})),
)


def words(lang: str) -> Mapping[str, str]:
    """The page's words in `lang` (a regional variant reads its language's), English for the rest."""
    english = WORDS["en"]
    own = WORDS.get(lang) or WORDS.get(lang.replace("_", "-").split("-")[0].lower()) or {}
    return {**english, **own}


def title(lang: str) -> str:
    return words(lang)["title"]


@dataclass(frozen=True, slots=True)
class Provenance:
    date: str          # YYYY-MM-DD, UTC
    commit: str        # the source commit (short), "" outside a git checkout


def provenance(root: Path) -> Provenance:
    """When the page is made and from which commit: SOURCE_DATE_EPOCH (reproducible builds) or now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    try:
        proc = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10, check=False)
        commit = proc.stdout.strip() if proc.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return Provenance(when.date().isoformat(), commit)


def render_status_page(matrix: Matrix, config: SiteConfig, lang: str, dest_uri: str, *,
                       directory_urls: bool, names: Mapping[str, str], made: Provenance) -> str:
    """The page body (everything under its title) for the build of `lang`, written at `dest_uri`.

    `names` are the languages' display names (the language selector's); a code stands for a
    language without one.
    """
    w = words(lang)
    depth = dest_uri.count("/")     # the folders between the written page and the site root

    def url(path: str) -> str:
        rel, page_lang = config.locate(path)
        prefix = "" if page_lang in ("", config.default_language) else f"{page_lang}/"
        stem = rel[:-3] if rel.endswith(".md") else rel
        if stem == "index" or stem.endswith("/index"):
            page = stem[:-5]
        else:
            page = stem + "/" if directory_urls else stem + ".html"
        return "../" * depth + prefix + page

    def counts(c: Cell) -> str:
        parts = [w["error"] if c.errors == 1 else w["errors"].format(n=c.errors)] if c.errors else []
        parts += [w["warning"] if c.warnings == 1 else w["warnings"].format(n=c.warnings)] if c.warnings else []
        return " · ".join(parts)

    def cell(c: Cell) -> str:
        state = escape(w.get(c.state, c.state))
        attrs = (f'class="docverify-cell docverify-cell--{c.state}" data-state="{c.state}" '
                 f'data-errors="{c.errors}" data-warnings="{c.warnings}"')
        if not c.path:
            return f"<td {attrs}>{state}</td>"
        link = url(c.path)
        found = counts(c)
        more = (f'<br><a class="docverify-counts" href="{escape(link)}#{FINDINGS_ID}">{escape(found)}</a>'
                if found else "")
        return f'<td {attrs}><a href="{escape(link)}">{state}</a>{more}</td>'

    def heading(code: str) -> str:
        name = names.get(code) or code
        return f'<th lang="{escape(code)}">{escape(name)}</th>'

    def summary(code: str) -> str:
        seen = Counter(row.cells[code].state for row in matrix.rows if code in row.cells)
        items = "".join(f'<li data-count="{key}">'
                        f'{escape(w["count"].format(label=w[key], n=sum(seen[s] for s in states)))}</li>'
                        for key, states in _SUMMARY)
        return f'<td class="docverify-summary" data-lang="{escape(code)}"><ul>{items}</ul></td>'

    head = f"<tr><th>{escape(w['page'])}</th>{''.join(heading(code) for code in matrix.languages)}</tr>"
    body = "".join(f"<tr><td><code>{escape(row.page)}</code></td>"
                   f"{''.join(cell(row.cells[code]) for code in matrix.languages)}</tr>" for row in matrix.rows)
    total = (f'<tr class="docverify-summary-row"><th scope="row">{escape(w["summary"])}</th>'
             f"{''.join(summary(code) for code in matrix.languages)}</tr>")
    made_line = (w["made"].format(date=made.date, commit=f"<code>{escape(made.commit)}</code>") if made.commit
                 else w["made-no-git"].format(date=made.date))
    return (f"<p>{escape(w['intro'])}</p>"
            f"<table><thead>{head}</thead><tbody>{body}</tbody><tfoot>{total}</tfoot></table>"
            f'<p class="docverify-made" data-date="{made.date}" data-commit="{escape(made.commit)}">{made_line}</p>')
