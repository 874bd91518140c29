"""The site's shape read from mkdocs.yml with PyYAML (or from a plain GitBook folder): languages and layout."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from docverify.errors import ConfigError
from docverify.model import PAGE_SUFFIXES
from docverify.site.languages import language_code
from docverify.site.layouts import GITBOOK_MARKERS, TreeLayout, language_folders, read_tree

__all__ = ["SiteConfig", "TolerantLoader", "folder_config", "load_config", "load_yaml_mapping"]

CONFIG_NAME = "mkdocs.yml"


# One line of flow-style YAML: the CLI shows one `error:` line and one `hint:` line.
_I18N_EXAMPLE = ("plugins: [{i18n: {docs_structure: suffix, "
                 "languages: [{locale: zh, default: true}, {locale: en}]}}]")


class TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads `!!python/name:…` and other unknown tags as plain values."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node) or suffix  # type: ignore[arg-type]


# libyaml's loader when PyYAML was built with it: front matter is read for every page.
# mypy checks it as SafeLoader, whose API CSafeLoader shares; the base is picked at run time.
if TYPE_CHECKING:
    _FastBase = yaml.SafeLoader
else:
    _FastBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastTolerantLoader(_FastBase):
    """TolerantLoader on libyaml, for front matter."""


for _loader in (TolerantLoader, _FastTolerantLoader):
    _loader.add_multi_constructor("!", _unknown_tag)
    _loader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


MAX_EXPANDED = 100_000   # values a document may hold once its aliases are expanded


class AliasBombError(yaml.YAMLError):
    """A document whose aliases expand past MAX_EXPANDED values: walking it would never end."""

    problem = (f"its aliases (`*name`) expand to more than {MAX_EXPANDED:,} values; "
               "refusing it as an alias bomb")
    problem_mark = None


def cap_aliases(text: str, loader: type[yaml.SafeLoader]) -> None:
    """Raise AliasBombError when `text`'s aliases expand too far (PyYAML shares aliased values,
    so loading is cheap; whatever walks the result, even a repr in an error, is not)."""
    if "*" not in text:
        return
    node = yaml.compose(text, Loader=loader)
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = MAX_EXPANDED + 1   # a recursive alias expands without end
        total = 1
        if isinstance(n, yaml.SequenceNode):
            total += sum(size(c) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        sizes[id(n)] = min(total, MAX_EXPANDED + 1)
        return sizes[id(n)]
    try:
        too_big = node is not None and size(node) > MAX_EXPANDED
    except RecursionError:
        too_big = True
    if too_big:
        raise AliasBombError()


def load_yaml_mapping(text: str) -> dict[str, Any]:
    """A YAML mapping such as a page's front matter; {} for anything else or for invalid YAML."""
    try:
        cap_aliases(text, _FastTolerantLoader)
        data = yaml.load(text, Loader=_FastTolerantLoader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# Folders of a Hugo site whose markdown Hugo never renders as its pages: themes (with their own
# READMEs and example sites), vendored modules, archetypes (templates of new pages), the build output.
_HUGO_NOT_PAGES = ("themes", "_vendor", "archetypes", "public", "resources")

# Layouts in which every language has its own folder: a file outside them is no language's page
# (LANGS.md, a redirecting index.md).
_FOLDER_PER_LANGUAGE = frozenset({"gitbook-langs", "folders", "docusaurus"})
GITBOOK_LAYOUTS = frozenset({"gitbook", "gitbook-langs"})


@dataclass(frozen=True, slots=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    languages: tuple[str, ...] = ()
    default_language: str = ""
    # "suffix" | "folder" | "gitbook" | "gitbook-langs" | "folders" | "docusaurus" | "suffixed" | "plain"
    layout: str = "plain"
    clients: tuple[str, ...] = ()
    cassette_dir: Path = Path("tests/cassettes")
    options: Mapping[str, Any] = field(default_factory=dict)
    # folder (posix, from docs_dir) -> the language of the pages in it ("" when its name means none)
    folders: Mapping[str, str] = field(default_factory=dict)
    # mkdocs-static-i18n `fallback_to_default`: a translation's missing page or file is served
    # from the default language
    fallback: bool = False
    site_url: str = ""
    warnings: tuple[str, ...] = ()
    # what shows the pages: "mkdocs" (a site with mkdocs.yml), "github" (a folder of pages
    # read where they are kept, e.g. on GitHub), "gitbook"
    renderer: str = "mkdocs"
    # folders whose files the built site serves from its root (Docusaurus' `static/`: `/img/a.png`)
    static_dirs: tuple[Path, ...] = ()
    # a plugin renders the pages as Jinja templates (mkdocs-macros): `{% … %}` is the site's syntax
    templated: bool = False
    # layout "suffixed": the end of a translation's file stem (`.zh-CN`, `_ja`, `-CN`) -> its
    # language, longest first (a page read where it is kept, so `x.md` links to x.md itself)
    markers: Mapping[str, str] = field(default_factory=dict)
    # the site generator that serves the pages ("hugo"), whose URL rules the link check follows
    generator: str = ""
    # the first segment of a site URL -> the language served under it (Hugo's `/zh-cn/docs/`)
    url_languages: Mapping[str, str] = field(default_factory=dict)
    # folders whose markdown is no page of the site (a Hugo theme's own docs, its archetypes):
    # not read when a folder is checked (a file named on its own still is)
    not_pages: tuple[Path, ...] = ()
    # layout "suffixed": a translation kept in another folder than its page (posix, from docs_dir:
    # `docs/README_ja.md`, `docs/zh/README.md`) -> the page's rel and the translation's language
    moved: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def syntax(self) -> str:
        """How pages are written and anchored: "gitbook" for a GitBook tree, "slugger" for
        Docusaurus and Starlight, "github" for a folder without a site generator, else "mkdocs"."""
        if self.layout in GITBOOK_LAYOUTS:
            return "gitbook"
        if self.layout == "docusaurus" or self.generator == "starlight":
            return "slugger"      # heading ids by github-slugger (Docusaurus: `{#id}` as written)
        return "github" if self.renderer == "github" else "mkdocs"

    def locate(self, path: str | Path) -> tuple[str, str]:
        """(rel, lang) of a page file: its path in the docs root without the language marker.

        String work, not pathlib: the link and asset checks ask it for every reference."""
        absolute, docs = os.path.abspath(path), os.path.abspath(self.docs_dir)
        if absolute == docs:
            posix = "."
        elif absolute.startswith(docs.rstrip(os.sep) + os.sep):
            posix = absolute[len(docs.rstrip(os.sep)) + 1:].replace(os.sep, "/")
        else:
            return Path(path).name, self.default_language
        for folder, lang in self.folders.items():
            if posix.startswith(folder + "/"):
                return posix[len(folder) + 1:], lang
        head, _, name = posix.rpartition("/")
        if self.layout == "folder" and head and posix.split("/", 1)[0] in self.languages:
            first, rest = posix.split("/", 1)
            return rest, first
        if self.layout == "suffix":
            dot = name.rfind(".")
            stem, suffix = (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")
            base, marked, lang = stem.rpartition(".")
            if marked and lang in self.languages:
                return f"{head}/{base}{suffix}" if head else base + suffix, lang
        if self.layout == "suffixed":
            if posix in self.moved:
                return self.moved[posix]
            named, period, ext = name.rpartition(".")
            for marker, code in self.markers.items():
                if period and len(named) > len(marker) and named.endswith(marker):
                    base = f"{named[:-len(marker)]}.{ext}"
                    return (f"{head}/{base}" if head else base), code
        if self.layout in _FOLDER_PER_LANGUAGE:
            return posix, ""
        return posix, self.default_language

    def folder_of(self, lang: str) -> str | None:
        """The folder (from docs_dir) holding the pages of `lang`, None when they sit at the root."""
        for folder, code in self.folders.items():
            if code == lang:
                return folder
        if self.layout == "folder" and lang and lang != self.default_language:
            return lang
        if self.layout == "gitbook" and lang and lang != self.default_language:
            return f"i18n/{lang}"
        return None

    def path_for(self, rel: str, lang: str) -> Path:
        """Where the page `rel` in language `lang` lives (it may not exist)."""
        if self.layout == "suffix" and lang:
            posix = PurePosixPath(rel)
            suffixed = self.docs_dir / posix.with_name(f"{posix.stem}.{lang}{posix.suffix}")
            # The default language may be written with or without its suffix (both are valid).
            if lang != self.default_language or suffixed.exists():
                return suffixed
        if self.layout == "suffixed" and lang:
            posix = PurePosixPath(rel)
            # the default language's page is unmarked, or marked too (Hugo's `about.en.md`)
            named = [self.docs_dir / rel] if lang == self.default_language else []
            named += [self.docs_dir / moved for moved, page in self.moved.items() if page == (rel, lang)]
            named += [self.docs_dir / posix.with_name(f"{posix.stem}{m}{posix.suffix}")
                      for m, code in self.markers.items() if code == lang]
            return next((p for p in named if p.exists()), named[0]) if named else self.docs_dir / rel
        folder = self.folder_of(lang or self.default_language)
        if self.layout == "docusaurus" and folder and rel.startswith("version-") and "versioned_docs" in self.folders:
            # a page of a Docusaurus version: versioned_docs/version-1.0/x.md, translated in
            # i18n/<locale>/docusaurus-plugin-content-docs/version-1.0/x.md
            folder = "versioned_docs" if folder == "docs" else folder.rsplit("/", 1)[0]
        return self.docs_dir / folder / rel if folder else self.docs_dir / rel

    def served(self, path: str | Path, lang: str) -> Path | None:
        """The file the built site serves for `path` seen from a page in `lang`, with
        mkdocs-static-i18n's `fallback_to_default`: the default language's file of that name
        when the translation has none. None when nothing is served there."""
        if os.path.exists(path):
            return Path(path)
        return self.served_instead(path, lang)

    def served_instead(self, path: str | Path, lang: str) -> Path | None:
        """The default language's file served in place of `path`, a file that is not there, seen
        from a page in `lang` (`fallback_to_default`); None when there is none."""
        if not self.fallback or not lang or lang == self.default_language:
            return None
        if self.generator == "hugo" and str(path).endswith(PAGE_SUFFIXES):
            return None     # Hugo shares a bundle's resources across its translations, never a page
        rel, where = self.locate(path)
        if where != lang:
            return None
        candidate = self.path_for(rel, self.default_language)
        if self.layout == "suffix" and not candidate.exists():
            candidate = self.docs_dir / rel   # an image has no suffix: `a.png` beside `a.zh.png`
        if self.generator == "hugo":
            # a resource file only: a page folder (`setup/`, a bundle) is no language's but its own
            return candidate if candidate.is_file() and not candidate.name.endswith(PAGE_SUFFIXES) else None
        return candidate if candidate.exists() else None


def load_config(config_path: str | Path | None = None, *, start: Path | None = None) -> SiteConfig:
    """Read mkdocs.yml: the given file (or the one in the given folder), else the nearest above `start`.

    A folder with no mkdocs.yml that was named explicitly is read as a plain or GitBook tree.
    """
    if config_path is not None:
        path = Path(config_path)
        if path.is_dir():
            if (path / CONFIG_NAME).is_file():
                return _read_mkdocs(path / CONFIG_NAME)
            return folder_config(path)
        if not path.is_file():
            raise ConfigError(f"no such configuration file: {path}", path=str(path),
                              hint="give the path of the site's mkdocs.yml, or a folder of markdown")
        return _read_mkdocs(path)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return _read_mkdocs(folder / CONFIG_NAME)
    raise ConfigError(f"no {CONFIG_NAME} in {here} or any folder above it", path=str(here),
                      hint="run from the site's folder, pass --config mkdocs.yml, or give PATHs")


def folder_config(folder: str | Path, overrides: Mapping[str, str] | None = None,
                  source_lang: str | None = None) -> SiteConfig:
    """A folder without mkdocs.yml: its layout read from the tree (site/layouts.py)."""
    root = Path(os.path.abspath(folder))
    return replace(_tree_config(root, root, read_tree(root, overrides or {}, source_lang)), renderer="github")


# The folder each generator serves as it is from the site's root (`/img/a.png`).
_STATIC_FOLDER = {"hugo": "static", "docusaurus": "static", "starlight": "public"}


def _tree_config(root: Path, docs: Path, tree: TreeLayout, **more: Any) -> SiteConfig:
    static = _STATIC_FOLDER.get(tree.generator or tree.kind)
    if static and (root / static).is_dir():
        more = {"static_dirs": (root / static,), **more}
    if tree.generator == "hugo":
        # a translated page bundle inherits the resources (images, files) of its translations'
        # bundles (gohugo.io, multilingual: page bundles)
        more = {"generator": "hugo", "fallback": True, "url_languages": tree.url_languages,
                "not_pages": tuple(root / name for name in _HUGO_NOT_PAGES), **more}
    if tree.generator == "starlight":
        # pages served by URL (/zh-cn/guides/setup/, see site/starlight_urls.py)
        more = {"generator": "starlight", **more}
    if tree.kind == "plain":
        return SiteConfig(root=root, docs_dir=docs, cassette_dir=root / "tests" / "cassettes", **more)
    folders = {f: c for f, c in tree.folders.items()}
    if tree.kind == "docusaurus":
        # a locale lacking a doc is served the default locale's (as static-i18n's fallback)
        more = {"fallback": True, **more}
    if tree.markers or tree.moved:
        more = {"markers": dict(sorted(tree.markers.items(), key=lambda m: -len(m[0]))), "moved": tree.moved,
                **more}
    return SiteConfig(root=root, docs_dir=docs, languages=tree.languages, default_language=tree.source,
                      layout=tree.kind, cassette_dir=root / "tests" / "cassettes", folders=folders,
                      warnings=tree.warnings, **more)


def _read_mkdocs(path: Path) -> SiteConfig:
    path = Path(os.path.abspath(path))
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {CONFIG_NAME}: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{CONFIG_NAME} is not UTF-8", path=str(path)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=str(path),
                          line=mark.line + 1 if mark else None,
                          hint="write the values out instead of aliasing them"
                          if isinstance(exc, AliasBombError) else
                          "fix the YAML syntax (indentation, quotes, colons)") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_NAME} must be a mapping of settings", path=str(path),
                          hint="start from 'site_name: …' and 'docs_dir: docs'")
    root = path.parent
    plugins = _plugins(data.get("plugins"), path)
    i18n = plugins.get("i18n", {})
    languages, default = _languages(i18n, path)
    layout = str(i18n.get("docs_structure", "suffix")) if languages else "plain"
    if layout not in ("suffix", "folder", "plain"):
        raise ConfigError(f"i18n docs_structure must be 'suffix' or 'folder', not {layout!r}",
                          path=str(path), hint=f"for example: {_I18N_EXAMPLE}")
    own = dict(plugins.get("docverify", {}))
    clients = own.pop("clients", ()) or ()
    if isinstance(clients, str):
        clients = (clients,)
    cassettes = own.pop("cassettes", "tests/cassettes")
    overrides = _overrides(own.pop("languages", None), path)
    if not isinstance(data.get("docs_dir") or "docs", str):
        raise ConfigError("docs_dir must be a folder name", path=str(path), hint="e.g. 'docs_dir: docs'")
    docs = root / str(data.get("docs_dir") or "docs")
    site_url = str(data.get("site_url") or "")
    common: dict[str, Any] = {"clients": tuple(str(c) for c in clients), "options": own, "site_url": site_url,
                              "templated": "macros" in plugins}
    if layout == "plain" and docs.is_dir():
        # no i18n plugin: per-language folders are still languages (docs/en/, docs/de/, …)
        theme = data.get("theme")
        said = language_code(str(theme.get("language") or "")) if isinstance(theme, dict) else ""
        tree = language_folders(docs, overrides, said or None)
        if tree is not None:
            return replace(_tree_config(root, docs, tree, **common), cassette_dir=root / str(cassettes))
    # static-i18n folder layout: the default language at the docs root or in docs/<default>/
    folders = {loc: loc for loc in languages if layout == "folder" and (docs / loc).is_dir()}
    fallback = bool(i18n.get("fallback_to_default", True)) and layout in ("suffix", "folder")
    return SiteConfig(root=root, docs_dir=docs, languages=languages, default_language=default,
                      layout=layout, cassette_dir=root / str(cassettes), folders=folders,
                      fallback=fallback, **common)


def _overrides(raw: Any, path: Path) -> dict[str, str]:
    """The docverify plugin's `languages: {folder: code}`: names no library can read."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) and language_code(v) for v in raw.values()):
        raise ConfigError("docverify languages must map folder names to language codes", path=str(path),
                          hint="for example: plugins: [{docverify: {languages: {greek-old: el}}}]")
    return {str(k): language_code(v) for k, v in raw.items()}


def _load_yaml(text: str) -> Any:
    """The document on libyaml (an imported site's nav takes the pure-Python loader ~0.1 s, and
    the MkDocs plugin reads mkdocs.yml once per language); a bad one again on the pure-Python
    loader, whose error messages are the ones we show."""
    try:
        cap_aliases(text, _FastTolerantLoader)
        return yaml.load(text, Loader=_FastTolerantLoader)
    except AliasBombError:
        raise
    except yaml.YAMLError:
        return yaml.load(text, Loader=TolerantLoader)


def _plugins(raw: Any, path: Path) -> dict[str, dict[str, Any]]:
    """`plugins:` as {name: options}; MkDocs accepts a list of names/one-key maps, or a map."""
    if raw is not None and not isinstance(raw, (dict, list)):
        raise ConfigError(f"plugins must be a list or a mapping, not {type(raw).__name__}",
                          path=str(path), hint="each entry is a name or 'name: {option: value}'")
    items = raw.items() if isinstance(raw, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, {})) for p in raw or ())
    out: dict[str, dict[str, Any]] = {}
    for name, options in items:
        if not isinstance(name, str) or not isinstance(options, (dict, type(None))):
            raise ConfigError(f"unreadable plugins entry: {name!r}", path=str(path),
                              hint="each entry is a name or 'name: {option: value}'")
        out[name] = options or {}
    return out


def _languages(i18n: Mapping[str, Any], path: Path) -> tuple[tuple[str, ...], str]:
    entries = i18n.get("languages") or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) and e.get("locale") for e in entries):
        raise ConfigError("i18n languages must be a list of {locale: …, default: …}", path=str(path),
                          hint=f"for example: {_I18N_EXAMPLE}")
    locales = [str(e["locale"]) for e in entries]
    default = next((str(e["locale"]) for e in entries if e.get("default")), locales[0] if locales else "")
    return tuple([default, *(loc for loc in locales if loc != default)]) if locales else (), default
