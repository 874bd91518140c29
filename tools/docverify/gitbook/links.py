"""Relative links and image paths, moved from a page's place in its space to its place in the site."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from docverify.gitbook.assets import ASSET_FOLDER, AssetIndex, asset_base, docs_path
from docverify.gitbook.context import Tally

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def page_base(page: str) -> str:
    """A space page's path in the site, before any language suffix or folder: README -> index."""
    head, name = posixpath.split(page)
    if name.lower() == "readme.md":
        name = "index.md"
    return posixpath.join(head, name)


@dataclass(frozen=True, slots=True)
class Relocator:
    """Rewrites targets written in one space page so they work from that page's site path."""

    src: Path
    space_root: Path
    space_rel: str
    lang: str
    layout: str
    bases: dict[str, str]          # space page -> site base path (after pairing)
    assets: AssetIndex
    tally: Tally
    spaces: dict[str, str]         # space folder relative to SRC ("" = root) -> its language
    # files outside `.gitbook/assets` that pages show (`images/a.png`): site path -> file to copy
    copies: dict[str, Path] = field(default_factory=dict)
    shared: bool = False           # files above the spaces render (GitBook's one-folder-per-language books)

    def rewrite(self, page: str, report_path: str, target: str, line: int,
                at: str | None = None) -> str:
        """`target` as written in `page`, seen from `at` (the page an include lands in)."""
        if not target or target.startswith(("#", "/")) or _SCHEME.match(target) or target == "broken-reference":
            return target
        path, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
        origin = at or page
        here = posixpath.dirname(docs_path(self.lang, self.bases.get(origin, page_base(origin)), self.layout))
        if ASSET_FOLDER in "/" + resolved + "/" or resolved.startswith(".."):
            new = self._asset(resolved, report_path, line)
            if new is None:
                return target
        elif not resolved.lower().endswith((".md", ".markdown")) and (self.space_root / resolved).is_file():
            new = self._copy(self.space_root / resolved, self._asset_path(resolved))
        else:
            if path.endswith("/") or (self.space_root / resolved).is_dir():
                resolved = posixpath.join(resolved, "README.md")
            if resolved not in self.bases:
                return target   # a page this space does not have: left for link.broken to show
            new = docs_path(self.lang, self.bases[resolved], self.layout)
        rel = posixpath.relpath(new, here or ".")
        return rel + (hash_ + fragment if hash_ else "")

    def _asset_path(self, name: str) -> str:
        """Where the space's asset `name` lands under docs/."""
        return docs_path(self.lang, asset_base(self.lang, name, self.layout), self.layout)

    def _copy(self, file: Path, new: str) -> str:
        self.copies[new] = file
        return new

    def _other_file(self, in_tree: str, report_path: str, line: int) -> str | None:
        """A file outside `.gitbook/assets` above the page's space: another language's file of
        that name is reported and swapped for the space's own one; a shared folder above the
        spaces is copied where that layout renders it."""
        if in_tree.startswith(".."):
            return None
        other = next((rel for rel in self.spaces if rel and rel != self.space_rel
                      and in_tree.startswith(rel + "/")), None)
        if other is not None:
            self.tally.leave(report_path, line, "asset.outside-space")
            name = in_tree[len(other) + 1:]
            own = self.space_root / name
            if own.is_file():
                self.tally.fixed_assets.append((report_path, line, in_tree, posixpath.join(self.space_rel, name)))
                return self._copy(own, self._asset_path(name))
            return None
        if self.shared and (self.src / in_tree).is_file() and not in_tree.lower().endswith((".md", ".markdown")):
            return self._copy(self.src / in_tree, docs_path(self.lang, f"assets/shared/{in_tree}", self.layout))
        return None

    def _asset(self, resolved: str, report_path: str, line: int) -> str | None:
        """The asset's docs path. A path that leaves the page's space (one `../` too many, into
        the source space's or a shared asset folder) does not render on GitBook either: it is
        reported, and pointed at the space's own file of that name when there is one, never at
        another language's picture."""
        in_tree = posixpath.normpath(posixpath.join(self.space_rel, resolved))
        owner = next((rel for rel in sorted(self.spaces, key=len, reverse=True)
                      if in_tree.startswith(posixpath.join(rel, ASSET_FOLDER))), None)
        name = in_tree.split(ASSET_FOLDER, 1)[1] if ASSET_FOLDER in in_tree else ""
        if not name:
            return self._other_file(in_tree, report_path, line)
        if owner != self.space_rel and name:
            self.tally.leave(report_path, line, "asset.outside-space")
            own = posixpath.join(self.space_rel, ASSET_FOLDER, name)
            status = self.assets.status(self.src, own)
            if status != "missing":
                self.tally.fixed_assets.append((report_path, line, in_tree, own))
                self.tally.missing_in_copy += status == "missing-in-copy"
                return self._asset_path(name)
            owner = None
        if in_tree.startswith("..") or owner is None:
            # outside the tree, or an asset this space does not have: broken here as on GitBook
            if ASSET_FOLDER in in_tree:
                self.tally.missing_assets += 1
                self.tally.leave(report_path, line, "asset.missing")
            return None
        status = self.assets.status(self.src, in_tree)
        if status == "missing-in-copy":
            self.tally.missing_in_copy += 1
        elif status == "missing":
            self.tally.missing_assets += 1
            self.tally.leave(report_path, line, "asset.missing")
        return self._asset_path(name)
