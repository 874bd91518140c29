"""The check registry: every check as a row of a table, run page by page into findings.

A check is a plain function `(claims, site) -> Iterable[Finding]`. `CHECKS` lists them
top to bottom as `(group, function)`; `run_checks` runs them over the site, adds what the
parser found while reading each page, applies the page's ignore directives and sorts.

Severities of the static checks (`error` fails `docverify check`, `warning` does not
unless `--strict`):

| id | severity | why |
|---|---|---|
| `link.broken` | error | the reader lands on a 404; GitBook's `broken-reference` too |
| `link.anchor` | error | the link opens the page but not the section it promises |
| `asset.missing` | error | an image or file the page shows is not there |
| `encoding.mojibake` | error | the text is unreadable as published |
| `encoding.invalid` | error | the bytes are not UTF-8 (reported by the parser) |
| `gitbook.unconverted` | error | `{% … %}` in an MkDocs page, or an unbalanced GitBook block |
| `gitbook.unconverted` | warning | an unknown tag in a GitBook page: maybe a GitBook feature we do not know |
| `secret.leak` | error | a key in a known provider format (`sk-…`, Ark UUID after `Bearer`, …) |
| `secret.leak` | warning | a random-looking value assigned to a key-like name: a human must judge |
| `translation.leak` | error | `<think>` reasoning or translation-prompt text in a page |
| `check.crashed` | error | a check raised; the other checks and pages still ran |

Ignore directives: `<!-- docverify: ignore CHECK reason="…" -->` silences findings of
CHECK (an id such as `link.anchor`, or a prefix such as `link`) on the block that follows
it (up to the next blank line, or to the closing fence of a code block), or on the whole
page when it stands before the first heading. An ignore without a reason silences nothing
and is reported under the very check it tried to silence (an error with a hint), so the
finding shows up wherever that check's findings are looked for. An ignore that names no
check at all is `directive.invalid` (error).

A check that raises becomes one `check.crashed` finding naming the check and the page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from docverify.checks.curl import check_curl
from docverify.checks.endpoint import check_endpoints
from docverify.checks.links import check_assets, check_links
from docverify.checks.parity import check_parity
from docverify.checks.replay import check_replay
from docverify.checks.resolution import check_resolution_tables
from docverify.checks.secrets import check_secrets
from docverify.checks.text import check_encoding, check_gitbook, check_translation_leak
from docverify.checks.translation import check_translation
from docverify.collector import collector_paused
from docverify.fanout import fan_out, jobs_for
from docverify.model import Claims, Directive, Finding, Page, Severity

if TYPE_CHECKING:
    from docverify.pageset.site import Site

Check = Callable[[Claims, "Site"], Iterable[Finding]]
Progress = Callable[[int, int], None]

# Read top to bottom; the group names the pytest plugin's items and `run_checks(groups=…)`.
# A new check is a row here: curl.* in checks/curl.py, endpoint.* in checks/endpoint.py and
# checks/resolution.py, replay.* and model.unknown in checks/replay.py, parity.* and
# translation.stale/missing in checks/parity.py; translation.language/wrapped/truncated and the notes
# of translation.leak (a translation judged against its source) in checks/translation.py.
CHECKS: tuple[tuple[str, Check], ...] = (
    ("static", check_encoding),
    ("static", check_links),
    ("static", check_assets),
    ("static", check_gitbook),
    ("static", check_secrets),
    ("static", check_translation_leak),
    ("curl", check_curl),
    ("endpoint", check_endpoints),
    ("endpoint", check_resolution_tables),
    ("replay", check_replay),
    ("parity", check_parity),
    ("parity", check_translation),
)

# The ids the static group can report; reports list them even when they found nothing.
STATIC_IDS: tuple[str, ...] = (
    "asset.missing", "encoding.invalid", "encoding.mojibake", "gitbook.unconverted",
    "link.anchor", "link.broken", "secret.leak", "translation.leak",
)
CRASH_ID = "check.crashed"
DIRECTIVE_ID = "directive.invalid"     # an ignore that names no check at all


def run_checks(site: Site, *, groups: Collection[str] | None = None,
               progress: Progress | None = None,
               pages: Sequence[Claims] | None = None, jobs: int = 1) -> list[Finding]:
    """Every check of `groups` (all when None) over `pages` (the whole site when None),
    in `jobs` processes (0: one per core on a big site; fanout.py: the findings are the same
    with one or many)."""
    todo = site.pages if pages is None else tuple(pages)
    table = [(group, fn) for group, fn in CHECKS if groups is None or group in groups]

    def check(share: Sequence[Claims], tick: Callable[[], None]) -> list[list[Finding]]:
        out = []
        for claims in share:
            page_findings = list(claims.page.parse_findings)
            for group, fn in table:
                page_findings.extend(_run_one(group, fn, claims, site))
            out.append(apply_ignores(claims.page, page_findings))
            tick()
        return out

    with collector_paused():
        findings = [f for page_findings in fan_out(check, todo, jobs_for(len(todo), jobs), progress)
                    for f in page_findings]
    # Two identical links on one line are one problem to fix, so one finding.
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.check, f.message))


def _run_one(group: str, fn: Check, claims: Claims, site: Site) -> list[Finding]:
    try:
        return list(fn(claims, site))
    except Exception as exc:  # noqa: BLE001 - one broken check must not stop the run
        page = claims.page
        # The exception's text may quote a header or an environment value: never into a report.
        # (The scrubber, with the cassette reader under it, loads here: a crash is rare.)
        from docverify.traffic.scrub import scrub_outgoing
        return [Finding(
            CRASH_ID, Severity.ERROR, page.path, 1,
            f"check {fn.__name__} (group {group}) raised {type(exc).__name__}: {scrub_outgoing(str(exc))}; "
            "expected findings or none, found a crash (the other checks still ran)",
            "report this as a docverify bug with the page attached")]


def apply_ignores(page: Page, findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings silenced by the page's ignore directives; report reasonless ones."""
    ignores = [d for d in page.directives if d.verb == "ignore"]
    if not ignores:
        return list(findings)
    kept: list[Finding] = []
    scopes: list[tuple[str, int, int]] = []     # (check or prefix, first line, last line)
    for d in ignores:
        names = d.args or ("",)
        if not d.reason.strip():
            kept.extend(Finding(
                name or DIRECTIVE_ID, Severity.ERROR,
                page.path, d.line,
                f'expected `ignore {name} reason="…"`, found an ignore without a reason; '
                "nothing was silenced",
                'say why the finding is wrong: <!-- docverify: ignore '
                f'{name or "CHECK"} reason="…" -->') for name in names)
            continue
        first, last = _scope(page, d)
        scopes.extend((name, first, last) for name in names if name)
    for f in findings:
        if not any(_matches(f.check, name) and first <= f.line <= last
                   for name, first, last in scopes):
            kept.append(f)
    return kept


def _matches(check: str, name: str) -> bool:
    return check == name or check.startswith(name + ".")


def _scope(page: Page, d: Directive) -> tuple[int, int]:
    """The lines a directive covers: the whole page, or the block right after it."""
    first_heading = min((h.line for h in page.headings), default=None)
    if first_heading is None or d.line < first_heading:
        return 0, 1 << 30
    lines = page.source.splitlines()
    start = d.scope_line or d.line + 1
    while start <= len(lines) and not lines[start - 1].strip():
        start += 1
    end = start
    opening = lines[start - 1].lstrip() if start <= len(lines) else ""
    fence = opening[:3] if opening[:3] in ("```", "~~~") else ""
    while end < len(lines):
        text = lines[end].strip()     # the line after `end`
        if fence:
            end += 1
            if text.startswith(fence):
                break
        elif not text:
            break
        else:
            end += 1
    return d.line, end
