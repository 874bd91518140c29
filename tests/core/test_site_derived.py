"""Site.derived: site-wide indexes are built once per Site and never served to another site."""

from __future__ import annotations

from pathlib import Path

from tests.suffix_site import write_site

from docverify.checks.links import check_links
from docverify.pageset.site import Site, load_site
from docverify.site.config import load_config


def _load(root: Path) -> Site:
    return load_site([], load_config(root / "mkdocs.yml"))


def test_a_derived_value_is_built_once_per_site(tmp_path: Path) -> None:
    site = _load(write_site(tmp_path, {"a.zh.md": "# A\n"}))
    built: list[Site] = []

    def build(s: Site) -> int:
        built.append(s)
        return len(built)

    assert (site.derived(build), site.derived(build)) == (1, 1)
    assert built == [site]


def test_link_checks_of_two_sites_do_not_share_what_they_know(tmp_path: Path) -> None:
    # The same link, resolved against two sites in turn: only the site without the target breaks.
    page = "# A\n\n[b](b.md#there)\n"
    whole = _load(write_site(tmp_path / "whole", {"a.zh.md": page, "b.zh.md": "# B\n\n## There\n"}))
    part = _load(write_site(tmp_path / "part", {"a.zh.md": page}))
    for _ in range(2):
        for site, expected in ((whole, []), (part, ["link.broken"]), (whole, [])):
            found = [f.check for claims in site.pages if claims.page.rel == "a.md"
                     for f in check_links(claims, site)]
            assert found == expected
