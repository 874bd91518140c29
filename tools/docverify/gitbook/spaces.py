"""GitBook spaces -> languages, and each translated page paired with its source page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docverify.page.anchors import gitbook_anchor
from docverify.errors import InputError
from docverify.site.layouts import TreeLayout, read_tree

_SKIP_FILES = {"SUMMARY.md"}


@dataclass(frozen=True, slots=True)
class Space:
    root: Path
    rel: str                     # the space folder relative to SRC ("" for the root space)
    lang: str
    pages: tuple[str, ...]       # page paths relative to the space root, sorted


@dataclass(frozen=True, slots=True)
class Pair:
    page: str                    # the translated page, relative to its space
    target: str                  # the source page it translates (or itself when unpaired)
    how: str                     # "path" | "name" | "title" | "unpaired"


def _pages(root: Path, nested: set[Path]) -> tuple[str, ...]:
    found: list[str] = []
    for path in root.rglob("*.md"):
        rel = path.relative_to(root)
        if rel.name in _SKIP_FILES and len(rel.parts) == 1:
            continue
        if any(part.startswith(".") for part in rel.parts) or any(p in nested for p in path.parents):
            continue
        if not path.is_file():   # a FIFO or device named *.md: reading it would block
            continue
        found.append(rel.as_posix())
    return tuple(sorted(found))


def find_spaces(src: Path, source_lang: str | None = None,
                overrides: Mapping[str, str] | None = None) -> tuple[tuple[Space, ...], TreeLayout]:
    """The source space first, then each translated space, as the tree's layout says
    (site/layouts.py); a space whose language nobody can tell is left out with a warning."""
    if not src.is_dir():
        raise InputError("not a folder", path=str(src), hint="give the GitBook repository's root folder")
    tree = read_tree(src, overrides or {}, source_lang)
    if tree.kind not in ("gitbook", "gitbook-langs"):
        raise InputError("no SUMMARY.md: not a GitBook space", path=str(src),
                         hint="point at a GitBook Git Sync folder (it holds SUMMARY.md)")
    if tree.kind == "gitbook-langs":
        folders = {f: c for f, c in tree.folders.items() if c}
        order = sorted(folders, key=lambda f: (folders[f] != tree.source, f))
        spaces = [Space(src / f, f, folders[f], _pages(src / f, set())) for f in order]
        if not spaces or spaces[0].lang != tree.source:
            raise InputError(f"no folder of the source language {tree.source!r}", path=str(src),
                             hint="pass the language of one of the folders with --lang")
        return tuple(spaces), tree
    if not (src / "SUMMARY.md").is_file() and not tree.folders:
        raise InputError("no SUMMARY.md: not a GitBook space", path=str(src),
                         hint="point at a GitBook Git Sync folder (it holds SUMMARY.md)")
    nested = {src / f for f in tree.folders} | {src / "i18n"} if tree.folders else set()
    spaces = [Space(src, "", tree.source, _pages(src, nested))]
    for folder, lang in sorted(tree.folders.items()):
        if lang:
            spaces.append(Space(src / folder, folder, lang, _pages(src / folder, set())))
    return tuple(spaces), tree


def _key(page: str) -> str:
    path = PurePosixPath(page)
    if path.name.lower() in ("readme.md", "index.md"):
        return f"{path.parent.name}/"
    return path.name


def _near(a: str, b: str) -> bool:
    """Same section or same folder name: a title alone is too weak ("FAQ" is everywhere)."""
    pa, pb = PurePosixPath(a).parts[:-1], PurePosixPath(b).parts[:-1]
    return pa == pb or (bool(pa and pb) and (pa[0] == pb[0] or pa[-1] == pb[-1]))


def pair_pages(source: Space, translated: Space,
               titles: Mapping[str, Iterable[str]] | None = None) -> tuple[Pair, ...]:
    """Pair by path; where the translated space keeps an older structure, by evidence that
    only one unpaired source page matches: the same file name (folder name for README pages),
    else a file named, as GitBook names new pages, after the pinyin of the title of a source
    page in the same section or folder."""
    sources = set(source.pages)
    pairs = {p: Pair(p, p, "path") for p in translated.pages if p in sources}
    free: dict[str, list[str]] = defaultdict(list)
    for page in sorted(sources - set(pairs)):
        free[_key(page)].append(page)
    for page in translated.pages:
        if page in pairs:
            continue
        candidates = free.get(_key(page), [])
        if len(candidates) == 1:
            pairs[page] = Pair(page, candidates.pop(), "name")
    taken = {pair.target for pair in pairs.values()}
    by_title: dict[str, set[str]] = defaultdict(set)
    for page, names in (titles or {}).items():
        if page not in taken:
            for name in names:
                by_title[gitbook_anchor(name)].add(page)
    for page in translated.pages:
        if page in pairs:
            continue
        stem = _key(page).rstrip("/").removesuffix(".md")
        candidates = sorted(c for c in by_title.get(stem, set()) - taken if _near(c, page))
        if len(candidates) == 1:
            pairs[page] = Pair(page, candidates[0], "title")
            taken.add(candidates[0])
        else:
            pairs[page] = Pair(page, page, "unpaired")
    return tuple(pairs[p] for p in translated.pages)
