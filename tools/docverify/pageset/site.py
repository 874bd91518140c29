"""The site: every page read once, parsed, extracted, and indexed by path and by (rel, lang)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from docverify.errors import ConfigError, InputError
from docverify.collector import collector_paused
from docverify.fanout import fan_out, jobs_for
from docverify.page.extract import extract
from docverify.model import Claims, PAGE_SUFFIXES, Page
from docverify.page.parse import parse_page
from docverify.site.config import CONFIG_NAME, SiteConfig, folder_config, load_config

__all__ = ["Site", "config_here", "discover_config", "find_pages", "load_site"]


T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    pages: tuple[Claims, ...]
    _by_path: dict[str, Claims] = field(init=False, repr=False, compare=False)
    _by_rel: dict[tuple[str, str], Claims] = field(init=False, repr=False, compare=False)
    _derived: dict[Callable[[Site], Any], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_path: dict[str, Claims] = {}
        by_rel: dict[tuple[str, str], Claims] = {}
        for claims in self.pages:
            page = claims.page
            by_path[page.path] = claims
            by_path[os.path.abspath(page.path)] = claims
            by_rel.setdefault((page.rel, page.lang), claims)
        object.__setattr__(self, "_by_path", by_path)
        object.__setattr__(self, "_by_rel", by_rel)
        object.__setattr__(self, "_derived", {})

    def derived(self, build: Callable[[Site], T]) -> T:
        """`build(self)`, computed once per Site.

        Checks ask page by page for site-wide indexes (pairing, link targets, git history);
        kept here, each lives and dies with its site instead of in a module-level cache
        that would hold on to the last site and serve it to the next.
        """
        if build not in self._derived:
            self._derived[build] = build(self)
        value: T = self._derived[build]
        return value

    def __iter__(self) -> Iterator[Claims]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)

    def get(self, rel_or_path: str, lang: str | None = None) -> Claims | None:
        """A page by its path (as shown, or absolute) or by its rel in `lang` (default: the source)."""
        claims = self._by_path.get(rel_or_path) or self._by_path.get(os.path.abspath(rel_or_path))
        if claims is not None and (lang is None or claims.page.lang == lang):
            return claims
        rel = rel_or_path.replace(os.sep, "/")
        return self._by_rel.get((rel, self.config.default_language if lang is None else lang))

    def counterpart(self, page: Page, lang: str) -> Claims | None:
        """The same page in another language, if the site has it."""
        return self._by_rel.get((page.rel, lang))

    def source_of(self, page: Page) -> Claims | None:
        """The default-language page `page` translates; None for a page in the default language."""
        if page.lang == self.config.default_language:
            return None
        return self._by_rel.get((page.rel, self.config.default_language))


def load_site(paths: Sequence[str | Path] = (), config: SiteConfig | None = None, *,
              progress: Callable[[int, int], None] | None = None, jobs: int = 1) -> Site:
    """Read the given files and folders (default: the whole docs_dir) into a Site.

    A page that cannot be read or decoded carries a parse finding; the others still load.
    `jobs` processes share the pages (0: one per core on a big site; fanout.py); the Site is
    the same with one or many.
    """
    if config is None:
        config = discover_config(paths)
    if not paths and not config.docs_dir.is_dir():
        raise ConfigError(f"docs_dir is not a folder: {config.docs_dir}", path=str(config.root / CONFIG_NAME),
                          hint="set docs_dir in mkdocs.yml to the folder that holds the pages")
    given = {os.path.abspath(p) for p in paths if not Path(p).is_dir()}
    files = [f for f in find_pages(paths or [config.docs_dir]) if os.path.abspath(f) in given
             or not any(Path(os.path.abspath(f)).is_relative_to(folder) for folder in config.not_pages)]
    def read(share: Sequence[Path], tick: Callable[[], None]) -> list[Claims]:
        pages = []
        for path in share:
            pages.append(extract(parse_page(path, config)))
            tick()
        return pages

    with collector_paused():
        pages = fan_out(read, files, jobs_for(len(files), jobs), progress)
    return Site(config, tuple(pages))


def discover_config(paths: Sequence[str | Path], overrides: Mapping[str, str] | None = None,
                    source_lang: str | None = None) -> SiteConfig:
    """mkdocs.yml above the given paths (or the current folder), else a plain/GitBook folder
    (`overrides`: folder name -> language, for folders whose names say none; `source_lang`:
    the root space's language)."""
    if not paths:
        return load_config(start=Path.cwd())
    absolute = [Path(os.path.abspath(p)) for p in paths]
    common = Path(os.path.commonpath([str(p if p.is_dir() else p.parent) for p in absolute]))
    for folder in (common, *common.parents):
        if (folder / CONFIG_NAME).is_file():
            return load_config(folder / CONFIG_NAME)
    # A GitBook tree keeps one SUMMARY.md per space: the topmost one is the tree's root, and
    # rel/lang of `i18n/<space>/…` pages are only right when measured from there.
    marked = [f for f in (common, *common.parents)
              if (f / "SUMMARY.md").is_file() or (f / "LANGS.md").is_file() or (f / ".gitbook").is_dir()]
    if marked:
        return folder_config(marked[-1], overrides, source_lang)
    config = folder_config(common, overrides, source_lang)
    if config.layout != "plain":
        return config
    # Pages given one by one (a pre-commit hook's, an Action's changed files) of a site another
    # generator builds: read within that whole site, found from its config file or the repository.
    root = next((f for f in common.parents if any((f / name).exists() for name in SITE_ROOT_MARKERS)), None)
    if root is not None:
        whole = folder_config(root, overrides, source_lang)
        if whole.layout != "plain":
            return whole
    return config


def config_here() -> SiteConfig:
    """The site of the current folder: its mkdocs.yml, else the layout its pages are in (a
    Docusaurus, Hugo or GitBook site); a plain folder of pages must be named, so is an error."""
    if Path(CONFIG_NAME).is_file():
        return load_config(CONFIG_NAME)
    config = discover_config(["."])
    if config.layout == "plain":
        raise ConfigError(f"no mkdocs.yml in {Path.cwd()}, and no other site's layout here",
                          hint="run in the site's folder, pass --config FILE, "
                               "or give the pages or folders to check")
    return config


# What marks the root of a site that has no mkdocs.yml: its generator's config, else the repository.
SITE_ROOT_MARKERS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs",
                     "docusaurus.config.cjs", "hugo.toml", "hugo.yaml", "hugo.json", "astro.config.mjs",
                     "astro.config.ts", "astro.config.js", ".git")


def find_pages(paths: Sequence[str | Path]) -> list[Path]:
    """The markdown files under the given paths, each once (however it was named), in a stable order."""
    found: dict[str, Path] = {}
    for raw in paths:
        if not str(raw).strip():   # Path("") is ".": an unset "$PAGE" would check the whole folder
            raise InputError("an empty PATH was given", hint="give pages or folders, or '.' on purpose")
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                # `.gitbook/includes` holds GitBook's reusable blocks, real content; other dot folders do not.
                dirs[:] = sorted(d for d in dirs if d == ".gitbook" or not d.startswith(".") and d != "node_modules")
                for name in sorted(files):
                    if name.endswith(PAGE_SUFFIXES):
                        file = Path(root) / name
                        found.setdefault(os.path.abspath(file), file)
        elif path.exists():
            found.setdefault(os.path.abspath(path), path)
        else:
            raise InputError(f"no such file or folder: {raw}", path=str(raw),
                             hint="give markdown files or folders that exist")
    return list(found.values())
