"""Hypothesis: no page, however odd, makes a check raise; every finding has a place and a message."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docverify.checks import CHECKS, CRASH_ID, run_checks
from docverify.page.extract import extract
from docverify.page.parse import parse_text
from docverify.pageset.site import Site
from docverify.site.config import folder_config

FRAGMENTS = st.sampled_from([
    "# Title\n", "## API 地址\n", "[x](a.md#api-di-zhi)", "[y](#nope)", "[z](../../../../x.md)",
    "![i](img%20(1.png)", "<img src=\"../.gitbook/assets/图片.png\">", "{% hint style=\"info\" %}\n",
    "{% endhint %}\n", "{% tabs %}", "{% end", "<think>\n", "</think>", "We are translating x\n",
    "```bash\n", "```\n", "`{% x %}`", "Bearer 3f2a9c1e-7b4d-4e8a-9c0f-5d6e7a8b9c0d", "sk-",
    "<!-- docverify: ignore link.broken -->\n", "<!-- docverify: ignore link reason=\"r\" -->\n",
    "| a | b |\n|---|---|\n| 1 |\n", "  - nested\n", "\n", "Ã©Ã¨", "\x00", "%", "[^1]: n\n",
])
PAGES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=PAGES, syntax=st.sampled_from(["mkdocs", "gitbook"]))
def test_checks_never_raise(tmp_path: Path, text: str, syntax: str) -> None:
    page = parse_text(text, path=str(tmp_path / "p.md"), syntax=syntax)
    site = Site(folder_config(tmp_path), (extract(page),))
    for _, check in CHECKS:          # directly, so an exception fails the test
        for finding in check(site.pages[0], site):
            assert finding.line >= 1 and finding.message and finding.path
    assert not any(f.check == CRASH_ID for f in run_checks(site))
