"""Import a GitBook tree into an MkDocs site: every space, page, asset and nav, swapped in at once."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from dataclasses import replace
from collections.abc import Callable, Mapping
from pathlib import Path

from docverify.page.encoding import repair_text
from docverify.errors import InputError
from docverify.fsutil import process_alive
from docverify.gitbook.assets import AssetIndex, asset_files
from docverify.gitbook.confine import Confinement
from docverify.gitbook.context import PageContext, Tally
from docverify.gitbook.headings import used_fragments
from docverify.gitbook.links import Relocator, page_base
from docverify.gitbook.page import convert_page
from docverify.gitbook.navconfig import build_config
from docverify.gitbook.spaces import Space, find_spaces, pair_pages
from docverify.gitbook.summary import read_summary
from docverify.gitbook.sync import Content, sync_tree
from docverify.site.layouts import source_language, space_languages

Progress = Callable[[int, int], None]
_MAX_INCLUDE_DEPTH = 5
MARKER = ".docverify-import.json"   # in the output: what the import wrote, so only that is replaced


def _report_path(space: Space, page: str) -> str:
    return posixpath.join(space.rel, page) if space.rel else page


def _read(path: Path, report: str, tally: Tally) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        tally.leave(report, data[: exc.start].count(b"\n") + 1, "encoding.invalid")
        text = data.decode("utf-8", errors="replace")
    repair = repair_text(text)
    if repair.codec:
        tally.repaired_encoding.append((report, repair.codec))
    return repair.text


def _output_name(base: str, lang: str, source_lang: str, layout: str) -> str:
    if layout == "folder":
        return f"{lang}/{base}"
    return base if lang == source_lang else f"{base[:-3]}.{lang}.md"


def _titles(source: Space, texts: dict[str, str]) -> dict[str, list[str]]:
    """Each source page's titles: its SUMMARY.md entry and its first heading."""
    titles: dict[str, list[str]] = {page: [] for page in source.pages}
    summary = read_summary(source.root)
    for entry in summary.pages() if summary else []:
        path = posixpath.normpath(entry.path) if entry.path else ""
        if path in titles:
            titles[path].append(entry.title)
    for page in source.pages:
        for line in texts.get(_report_path(source, page), "").split("\n"):
            if line.startswith("# "):
                titles[page].append(line[2:].strip())
                break
    return titles


def _bases(space: Space, source: Space, tally: Tally,
           titles: dict[str, list[str]]) -> dict[str, str]:
    """Each page of the space -> its site path; translated pages take their source's path."""
    if space is source:
        return {page: page_base(page) for page in space.pages}
    bases: dict[str, str] = {}
    for pair in pair_pages(source, space, titles):
        bases[pair.page] = page_base(pair.target)
        tally.pairs.append((space.lang, pair.page, pair.target, pair.how))
        if pair.how == "unpaired":
            tally.leave(_report_path(space, pair.page), 1, "page.unpaired")
    return bases


def _write_page(path: Path, data: bytes) -> None:
    # plain writes: sync_tree renames every changed file into place only once all are
    # written, which is what makes the import atomic; a per-file fsync would only slow it down
    path.write_bytes(data)


class _SpaceImporter:
    def __init__(self, src: Path, space: Space, relocator: Relocator, tally: Tally,
                 source_lang: str, used: frozenset[str], texts: dict[str, str]) -> None:
        self.src, self.space, self.reloc, self.tally = src, space, relocator, tally
        self.source_lang, self.used, self.texts = source_lang, used, texts

    def convert(self, page: str, at: str | None = None, depth: int = 0) -> str:
        report = _report_path(self.space, page)
        text = self.texts.get(report)
        if text is None:
            text = _read(self.space.root / page, report, self.tally)
        ctx = PageContext(
            path=report, lang=self.space.lang,
            rewrite=lambda target, line: self.reloc.rewrite(page, report, target, line, at=at),
            include=lambda target, line: self._include(page, at or page, target, depth),
            tally=self.tally, used_anchors=self.used)
        return convert_page(text, ctx)

    def _include(self, page: str, at: str, target: str, depth: int) -> str | None:
        included = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if included.startswith("..") or depth >= _MAX_INCLUDE_DEPTH:
            return None
        path = self.space.root / included
        if not path.is_file() or Confinement(self.src).refusal(path):
            return None
        body = self.convert(included, at=at, depth=depth + 1)
        return body.split("---\n", 2)[2] if body.startswith("---\n") and body.count("---\n") >= 2 else body


def _refused(confine: Confinement, path: Path, src: Path, tally: Tally) -> bool:
    why = confine.refusal(path)
    if why:
        tally.leave(os.path.relpath(path, src).replace(os.sep, "/"), 1, why)
    return bool(why)


def _confined(spaces: tuple[Space, ...], confine: Confinement, tally: Tally) -> tuple[Space, ...]:
    """The spaces and pages that stay inside the source tree; the rest reported, not read."""
    kept = []
    for n, space in enumerate(spaces):
        why = confine.refusal(space.root)
        if why:
            if n == 0:
                raise InputError("the source space is a link out of the GitBook tree",
                                 path=str(space.root), hint="import the folder it points to instead")
            tally.warnings.append(f"{space.rel}: left out, a link out of the GitBook tree")
            continue
        pages = tuple(p for p in space.pages if not confine.refusal(space.root / p))
        for page in sorted(set(space.pages) - set(pages)):
            tally.leave(_report_path(space, page), 1, confine.refusal(space.root / page))
        kept.append(replace(space, pages=pages))
    return tuple(kept)


def _build(src: Path, files: dict[str, Content], source_lang: str | None, layout: str,
           progress: Progress | None, overrides: Mapping[str, str]) -> Tally:
    """Convert everything into `files` (site path -> content); nothing is written yet."""
    tally = Tally()
    spaces, tree = find_spaces(src, source_lang, overrides)
    tally.layout, tally.warnings = tree.describe(), list(tree.warnings)
    confine = Confinement(src)
    spaces = _confined(spaces, confine, tally)
    source = spaces[0]
    source_lang = source.lang
    assets = AssetIndex.read(src)
    texts = {_report_path(s, p): _read(s.root / p, _report_path(s, p), tally)
             for s in spaces for p in s.pages}
    used = frozenset(f for text in texts.values() for f in used_fragments(text))
    total = sum(len(s.pages) for s in spaces)
    done = 0
    navs: list[tuple[Space, dict[str, str]]] = []
    titles = _titles(source, texts)
    for space in spaces:
        bases = _bases(space, source, tally, titles)
        navs.append((space, bases))
        relocator = Relocator(src, space.root, space.rel, space.lang, layout, bases, assets, tally,
                              {s.rel: s.lang for s in spaces}, shared=tree.kind == "gitbook-langs")
        importer = _SpaceImporter(src, space, relocator, tally, source_lang, used, texts)
        written: set[str] = set()
        for page in space.pages:
            name = _output_name(bases[page], space.lang, source_lang, layout)
            if name in written:
                tally.leave(_report_path(space, page), 1, "page.collision")
            else:
                written.add(name)
                files[f"docs/{name}"] = importer.convert(page).encode("utf-8")
                tally.pages += 1
            done += 1
            if progress:
                progress(done, total)
        copies = [(name, path) for name, path in
                  asset_files(space.root, space.lang, layout) + sorted(relocator.copies.items())
                  if not _refused(confine, path, src, tally)]
        files.update((f"docs/{name}", path) for name, path in copies)
        tally.copied_assets += len(copies)
    config = build_config(src.name, [(s, b, read_summary(s.root)) for s, b in navs],
                          source.lang, layout, tally)
    files["mkdocs.yml"] = config.encode("utf-8")
    return tally


def _marker(files: Mapping[str, Content]) -> bytes:
    return json.dumps({"written_by": "docverify import-gitbook",
                       "files": sorted(rel for rel in files if rel != MARKER)}, indent=1).encode()


def _earlier_import(out: Path) -> list[str] | None:
    """What an earlier import wrote into `out`, from its marker; None for a new or empty folder.

    Only a folder docverify wrote itself is ever replaced, and of it only the files it wrote:
    anything else (a hand-written site, a repository, someone's notes) is refused whole.
    """
    entries = set(os.listdir(out)) if out.is_dir() else set()
    _clean_leftovers(out, entries)
    entries = set(os.listdir(out)) if out.is_dir() else set()
    if not entries:
        return None
    try:
        marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
        listed = marker["files"]
        if marker.get("written_by") != "docverify import-gitbook" or not all(isinstance(f, str) for f in listed):
            raise ValueError("not our marker")
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"the output folder is not empty and not an earlier import (no "
                         f"readable {MARKER} marker; it holds {sorted(entries)[0]!r})", path=str(out),
                         hint="give a new or empty folder, or the folder of an earlier import") from None
    # a marker naming `../x` must not make us delete outside the folder
    return [f for f in listed if not f.startswith(("/", "..")) and ".." not in f.split("/")]


_LEFTOVER = re.compile(r"^\..+\.(?:import-(\d+)|(\d+)\.[^.]*\.tmp)$")


def _clean_leftovers(out: Path, entries: set[str]) -> None:
    """Temporary files a killed run left (`.X.import-PID`, `.X.PID.…tmp`, `.out.import-PID/`)."""
    beside = out.parent
    for name in os.listdir(beside) if beside.is_dir() else ():
        m = re.fullmatch(re.escape(f".{out.name}.import-") + r"(\d+)", name)
        if m and not process_alive(int(m.group(1))):
            shutil.rmtree(beside / name, ignore_errors=True)
    if not entries:
        return
    for folder, _, names in os.walk(out):   # never follows a link out of the folder
        for name in names:
            m = _LEFTOVER.match(name)
            if m and not process_alive(int(m.group(1) or m.group(2))):
                (Path(folder) / name).unlink(missing_ok=True)


def import_gitbook(src: str | os.PathLike[str], out: str | os.PathLike[str], *,
                   source_lang: str | None = None, layout: str = "suffix",
                   progress: Progress | None = None,
                   space_langs: Mapping[str, str] | None = None) -> Tally:
    """Convert the GitBook tree at `src` into an MkDocs site at `out`.

    The whole site is converted in memory first, then only the files whose bytes differ are
    written (each renamed into place once all are written) and files of an earlier import
    the source no longer makes are removed: a failure midway leaves `out` as it was.

    `source_lang` is the root space's language (GitBook `i18n/` trees; default zh) or picks the
    source folder of a tree with one folder per language (default: the first listed);
    `space_langs` names the language of folders whose names no library can read.
    """
    if layout not in ("suffix", "folder"):
        raise InputError(f"unknown layout {layout!r}", hint="use --layout suffix or --layout folder")
    src_path, out_path = Path(src).resolve(), Path(out).resolve()
    if out_path == src_path or src_path in out_path.parents:
        raise InputError("the output folder is inside the GitBook tree", path=str(out_path),
                         hint="write the site somewhere else")
    source_lang = source_language(source_lang)
    overrides = space_languages([f"{name}={code}" for name, code in (space_langs or {}).items()])
    if out_path.exists() and not out_path.is_dir():
        raise InputError("the output exists and is not a folder", path=str(out_path))
    if out_path in src_path.parents:
        raise InputError("the GitBook tree is inside the output folder: replacing the output "
                         "would delete the source", path=str(out_path),
                         hint="write the site to a folder outside the GitBook tree")
    owned = _earlier_import(out_path)
    files: dict[str, Content] = {}
    tally = _build(src_path, files, source_lang, layout, progress, overrides)
    files[MARKER] = _marker(files)
    created = not out_path.exists()
    try:
        out_path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder: {exc.strerror or exc}",
                         path=str(out_path)) from exc
    try:
        # Over an earlier import only what changed is written and only what the source no
        # longer has is removed: a re-import costs the conversion, not a rewrite of the site.
        sync_tree(out_path, files, write=lambda path, data: _write_page(path, data), owned=owned)
    except BaseException:
        if created and not any(out_path.iterdir()):
            out_path.rmdir()
        raise
    return tally
