"""secret.leak: real-looking API keys in pages and in the cassettes recorded from them.

The shapes live in `traffic.keyshapes` (the scrubber redacts by the same rules). A
cassette is scanned with exactly the rules a page is, and reported at its own path and line:
a key that reached a recording is as public as one written on the page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from docverify.model import Claims, Finding, Severity
from docverify.traffic.keyshapes import find_keys

if TYPE_CHECKING:
    from docverify.pageset.site import Site

_PAGE_HINTS = ("replace it with a placeholder and revoke the key if it was ever real",
               "if this is a real key, replace it with a placeholder; if not, make it "
               "read as one (e.g. <YOUR_API_KEY>)")
_CASSETTE_HINT = ("revoke the key, then re-record the example (the scrubber now redacts it) "
                  "or replace the value with ${ARK_API_KEY} by hand")


def find_secrets(text: str) -> list[tuple[int, str]]:
    """(line, kind) of every real-looking key in `text`; lines count from 1."""
    return [(text.count("\n", 0, k.start) + 1, k.kind) for k in find_keys(text)]


def _findings(text: str, path: str, where: str, hints: tuple[str, str]) -> Iterator[Finding]:
    for key in find_keys(text):
        line = text.count("\n", 0, key.start) + 1
        severity = Severity.ERROR if key.error else Severity.WARNING
        yield Finding("secret.leak", severity, path, line,
                      f"expected a placeholder such as $ARK_API_KEY or <YOUR_API_KEY>{where}, "
                      f"found what looks like a real {key.kind}",
                      hints[0] if key.error else hints[1])


def page_cassettes(claims: Claims, site: Site) -> list[Path]:
    """The cassettes recorded from this page: `<stem>[.<lang>].<example>.yaml`, nothing else."""
    if not os.path.isdir(site.config.cassette_dir):
        return []     # nothing recorded yet (a page's rel never leaves the folder): one stat, no listing
    page = claims.page
    rel = (page.rel or Path(page.path).name).replace("\\", "/")
    stem = Path(site.config.cassette_dir) / Path(rel).with_suffix("")
    prefix = stem.name + "." + (page.lang + "." if page.lang else "")
    try:
        names = [p for p in stem.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return []
    # `<stem>.<example>.yaml` only: the example part holds no dot (a language would).
    return sorted(p for p in names if p.suffix == ".yaml" and "." not in p.name[len(prefix):-5]
                  and p.is_file())


def check_secrets(claims: Claims, site: Site) -> Iterator[Finding]:
    """secret.leak: a key that would work for whoever reads the page or its recordings."""
    page = claims.page
    yield from _findings(page.source, page.path, "", _PAGE_HINTS)
    for cassette in page_cassettes(claims, site):
        try:
            text = cassette.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue   # an unreadable cassette is replay.missing's finding
        yield from _findings(text, str(cassette), " in the recording", (_CASSETTE_HINT, _CASSETTE_HINT))
