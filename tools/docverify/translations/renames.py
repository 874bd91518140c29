"""Source pages renamed since a translation was made: from git's rename detection, else from claims.

A translation keeps the path its source had when it was translated. When the source page is
renamed (`git mv`, or moved by a GitBook re-sync), the translation is still that page, older:
it pairs with the renamed page and is stale (staleness.py says so with both paths).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from docverify.model import Claims

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["by_claims", "by_git_rename", "git_renames", "repo_top", "site_repo"]


def repo_top(folder: str | os.PathLike[str]) -> str | None:
    """The top folder of the git repository `folder` is in; None outside one (or without git)."""
    try:
        return subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def site_repo(site: Site) -> str | None:
    """The repository of the site's docs, asked of git once per site (renames and staleness both need it)."""
    return repo_top(site.config.docs_dir)


def git_renames(folder: str | os.PathLike[str], top: str | None = None) -> dict[str, str] | None:
    """Absolute path a file once had -> the absolute path it has now, from `git log -M`;
    None outside a git repository (no history to read). `top`: the repository, if known."""
    top = top or repo_top(folder)
    if top is None:
        return None
    try:
        out = subprocess.run(["git", "-C", top, "-c", "core.quotePath=false", "log", "-M", "--diff-filter=R",
                              "--name-status", "--format=", "--", os.path.realpath(folder)],
                             capture_output=True, encoding="utf-8", errors="replace", check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    moves: dict[str, str] = {}
    # newest first: a later rename of the new name is already known when the older one is read
    for line in out.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[0].startswith("R"):
            old, new = (os.path.normpath(os.path.join(top, f)) for f in fields[1:])
            moves[old] = moves.get(new, new)
    return moves


def by_git_rename(pages: Iterable[Claims], site: Site, sources: Mapping[str, Claims],
                  found: dict[str, tuple[str, str]], taken: dict[str, str],
                  renames: Mapping[str, str]) -> None:
    """A translation whose source path was renamed pairs with the page of the new name."""
    by_real = {os.path.realpath(path): path for path in sources}
    default = site.config.default_language
    for claims in pages:
        if claims.page.path in found:
            continue
        old = os.path.realpath(site.config.path_for(claims.page.rel, default))
        new = by_real.get(renames.get(old, ""))
        if new is not None and new not in taken:
            found[claims.page.path] = (new, "rename")
            taken[new] = claims.page.path


def _neutral(claims: Claims) -> frozenset[str]:
    """What a translation carries over unchanged: code, images, addresses, model IDs, outside links."""
    page = claims.page
    items = {f"code:{b.text.strip()}" for b in page.code_blocks if b.text.strip()}
    items |= {f"img:{os.path.basename(i.src)}" for i in page.images}
    items |= {f"url:{e.url}" for e in claims.endpoints} | {f"model:{m.id}" for m in claims.model_ids}
    items |= {f"link:{link.target}" for link in page.links if "://" in link.target}
    return frozenset(items)


def by_claims(pages: Iterable[Claims], sources: Mapping[str, Claims],
              found: dict[str, tuple[str, str]], taken: dict[str, str]) -> None:
    """Without history (an imported tree): an unpaired translation whose language-neutral claims
    match those of exactly one unpaired source page, and of no other, is that page renamed."""
    free = {path: _neutral(c) for path, c in sources.items() if path not in taken}
    free = {path: items for path, items in free.items() if len(items) >= 2}
    holders: dict[str, set[str]] = {}      # claim -> the free pages that hold it
    for path, items in free.items():
        for item in items:
            holders.setdefault(item, set()).add(path)
    for claims in pages:
        if claims.page.path in found:
            continue
        mine = _neutral(claims)
        if len(mine) < 2:
            continue     # too little to tell one page from another
        # Only pages sharing a claim can score above 0 (scoring every free page for every
        # translation grows with the square of the site; a 0 never wins or blocks a win).
        near = set().union(*(holders.get(item, ()) for item in mine)) & free.keys()
        scores = sorted(((len(mine & free[path]) / len(mine | free[path]), path) for path in near),
                        reverse=True)
        if scores and scores[0][0] >= 0.6 and (len(scores) == 1 or scores[1][0] < scores[0][0] / 2):
            path = scores[0][1]
            found[claims.page.path] = (path, "rename")
            taken[path] = claims.page.path
            del free[path]
