"""Which multi-language layout a tree uses, told from its folders: GitBook spaces, language folders.

One reader for every command: `import-gitbook` takes its spaces from here, and `check`,
`status` and the plugins read a tree without mkdocs.yml (or one whose mkdocs.yml declares no
languages) through the same answer, so a folder is one language everywhere.

| kind            | recognised by                                                   | languages       |
|-----------------|-----------------------------------------------------------------|-----------------|
| `gitbook`       | SUMMARY.md or .gitbook at the root, spaces in `i18n/<space>/`   | root = source   |
| `gitbook-langs` | LANGS.md, or a root SUMMARY.md whose top entries are language folders | one per folder |
| `folders`       | two or more top folders named after languages sharing pages, at the root or in one folder up to three levels below it (`content/en/`, `content/zh/`; `docs/` with `docs/zh/`; `src/content/docs/` with `src/content/docs/zh-cn/`) | one per folder |
| `docusaurus`    | docusaurus.config.* or `i18n/<locale>/docusaurus-plugin-content-docs/` | `docs/` = source, one folder per locale |
| `suffixed`      | pages with a translation beside them named by a language marker (`README.md`, `README.zh-CN.md`, `README_ja.md`, `guide-CN.md`, `README.cn.md` when in Chinese), its prose in another language; a root page's translation may be kept in a folder (`docs/README_ja.md`) | one per marker |
| `plain`         | none of these                                                   | one             |

A Hugo site (hugo.toml, config.toml, … at the root or in config/_default/) is read by the same
kinds, marked `generator="hugo"`: its `defaultContentLanguage` is the source language.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from docverify.errors import InputError
from docverify.model import PAGE_SUFFIXES
from docverify.site.folder_language import folder_language, name_language, sample_prose
from docverify.site.langid import prose_fits, prose_language, same_language
from docverify.site.languages import language_code, looks_like_language_folder, region_language

__all__ = ["ASTRO_CONFIGS", "GITBOOK_MARKERS", "STARLIGHT_DOCS", "TreeLayout", "read_tree", "unknown_language_warning"]

GITBOOK_MARKERS = ("SUMMARY.md", ".gitbook", ".gitbook.yaml")
# docverify's own sources are Chinese (DESIGN: source language zh): the root space of a GitBook
# tree is read as that unless the caller says otherwise (`import-gitbook --lang`).
DEFAULT_SOURCE = "zh"
# Docusaurus: where a locale's translated docs live, and the config naming the default locale.
_DOCUSAURUS_DOCS = "docusaurus-plugin-content-docs/current"
_VERSIONED_DOCS = "versioned_docs"
# Starlight (Astro): the content collection its pages are served from, and Astro's config
STARLIGHT_DOCS = "src/content/docs"
ASTRO_CONFIGS = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts", "astro.config.cjs")
_DOCUSAURUS_CONFIGS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs",
                       "docusaurus.config.cjs")
_DEFAULT_LOCALE = re.compile(r"""defaultLocale\s*:\s*['"`]([^'"`]+)['"`]""")
# Folders below the root that hold no site (build output, dependencies): never searched for one.
_NOT_A_SITE = frozenset({"node_modules", "vendor", "site", "public", "dist", "build", "out", "target"})
# Hugo's site configuration, in any of its formats, at the root or in its config folder.
_HUGO_CONFIGS = tuple(f"{folder}{name}.{ext}" for folder in ("", "config/_default/") for name in ("hugo", "config")
                      for ext in ("toml", "yaml", "yml", "json"))
_TOP_ENTRY = re.compile(r"^[*+-]\s+\[(?P<title>[^\]]*)\]\((?P<path><[^>]*>|[^)\s]*)[^)]*\)\s*$")


@dataclass(frozen=True, slots=True)
class TreeLayout:
    """A tree's layout: its kind, its source language, and the folder of each language."""

    kind: str
    source: str
    folders: Mapping[str, str] = field(default_factory=dict)   # folder (posix, from root) -> lang, "" unknown
    warnings: tuple[str, ...] = ()
    # `suffixed`: what ends a translation's file stem (`.zh-CN`, `_ja`, `-CN`) -> its language
    markers: Mapping[str, str] = field(default_factory=dict)
    # the site generator whose rules serve the pages ("hugo", "starlight"), "" when none is known
    generator: str = ""
    # the first segment of a site URL -> the language served under it (Hugo's `/zh-cn/`)
    url_languages: Mapping[str, str] = field(default_factory=dict)
    # `suffixed`: a translation kept in another folder than its page (`docs/README_ja.md`,
    # `docs/zh/README.md`) -> the page's path and the translation's language (`README.md`, `ja`)
    moved: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        """The source language first, then each folder's (or marker's), once each."""
        return tuple(dict.fromkeys([self.source, *(code for code in self.folders.values() if code),
                                    *self.markers.values(), *(lang for _, lang in self.moved.values())]))

    def describe(self) -> str:
        """One line for the import summary: the kind and which folder is which language."""
        names = {"gitbook": "GitBook spaces (i18n/<space>/)",
                 "docusaurus": "Docusaurus (docs/, i18n/<locale>/docusaurus-plugin-content-docs/current/)",
                 "gitbook-langs": "GitBook with one folder per language (LANGS.md or root SUMMARY.md)",
                 "folders": "one folder per language", "plain": "one language",
                 "suffixed": "a translation beside each page, its name marked with the language",
                 "folder": "the source at the root, a folder per translation"}
        spaces = ", ".join(f"{folder}={code or '?'}" for folder, code in sorted(self.folders.items()))
        return f"{names.get(self.kind, self.kind)}, source {self.source}" + (f"; {spaces}" if spaces else "")


def space_languages(items: Sequence[str]) -> dict[str, str]:
    """`--space-lang NAME=CODE` options -> {folder name: language code}, each code checked."""
    out = {}
    for item in items:
        name, eq, code = item.partition("=")
        name, code = name.strip().strip("/").rsplit("/", 1)[-1], code.strip()
        if not eq or not name or not code:
            raise InputError(f"--space-lang expects NAME=CODE, not {item!r}", hint="e.g. --space-lang greek=el")
        if not language_code(code):
            raise InputError(f"--space-lang {name}={code}: {code!r} is not a language code",
                             hint="give a code such as el, zh-Hant or pt-BR")
        out[name] = language_code(code)
    return out


def source_language(code: str | None) -> str | None:
    """`--lang CODE` checked: a language code (any case or separator), normalised; None stays None."""
    if code is None:
        return None
    known = language_code(code)
    if not known or known.lower() != code.replace("_", "-").lower():
        raise InputError(f"--lang must be a language code such as zh or pt-BR, not {code!r}")
    return known


def unknown_language_warning(folder: str) -> str:
    """The one warning for a folder whose name means no language, with both ways out."""
    name = folder.rsplit("/", 1)[-1]
    country = region_language(name)
    code = country or "CODE"
    guess = f" ({name!r} codes a country whose language is {country}, which its pages do not show " \
        "or another folder has)" if country else ""
    return (f"{folder}: cannot tell which language {name!r} is{guess}; its pages are read as no language "
            f"(hint: pass --space-lang {name}={code} to check or import-gitbook, or add "
            f"`languages: {{{name}: {code}}}` to the docverify plugin in mkdocs.yml)")


def _entries(path: Path) -> list[tuple[str, str]]:
    """(title, path) of the top-level list entries of a LANGS.md or SUMMARY.md."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        m = _TOP_ENTRY.match(line)
        if m:
            out.append((m.group("title").strip(), m.group("path").strip("<>")))
    return out


def _entry_folder(root: Path, target: str) -> str:
    parts = [p for p in target.split("#", 1)[0].split("/") if p and p != "."]
    return parts[0] if parts and parts[0] != ".." and (root / parts[0]).is_dir() else ""


def _gitbook_langs(root: Path, overrides: Mapping[str, str],
                   source_lang: str | None) -> TreeLayout | None:
    langs_file = root / "LANGS.md"
    entries = _entries(langs_file if langs_file.is_file() else root / "SUMMARY.md")
    folders: dict[str, str] = {}
    warnings: list[str] = []
    for title, target in entries:
        folder = _entry_folder(root, target)
        if not folder:
            if langs_file.is_file():
                continue
            return None      # a root SUMMARY.md entry that is a page: an ordinary space
        taken = [name_language(_entry_folder(root, t), n) for n, t in entries if t != target]
        code = folder_language(folder, root / folder, overrides, title=title, taken=taken)
        if not code and not langs_file.is_file():
            return None      # `* [Guide](guide/README.md)`: a section, not a language
        folders.setdefault(folder, code)
        if not code:
            warnings.append(unknown_language_warning(folder))
    if len([c for c in folders.values() if c]) < 2 and not (langs_file.is_file() and folders):
        return None
    order = [c for c in folders.values() if c]
    source = source_lang if source_lang in order else order[0] if order else source_lang or DEFAULT_SOURCE
    return TreeLayout("gitbook-langs", source or DEFAULT_SOURCE, folders, tuple(warnings))


def _pages_under(folder: Path) -> set[str]:
    found: set[str] = set()
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(here, folder)
        found.update(os.path.normpath(os.path.join(rel, f)).replace(os.sep, "/")
                     for f in files if f.endswith(PAGE_SUFFIXES))
    return found


def language_folders(root: Path, overrides: Mapping[str, str] = {},
                     source_lang: str | None = None) -> TreeLayout | None:
    """Plain per-language folders: two or more top folders named after languages that share
    at least one page (a lone `ts/` or `os/` folder is not a language site), or the source at
    the root with translations in language folders that share a page with it."""
    try:
        names = sorted(e.name for e in os.scandir(root) if e.is_dir() and not e.name.startswith("."))
    except OSError:
        return None
    langs: dict[str, str] = {}
    for n in names:
        taken = [overrides.get(m) or name_language(m, loose=True) for m in names if m != n]
        code = folder_language(n, root / n, overrides, loose=True, taken=taken)
        if code:
            langs[n] = code
    # Two folders read as one language (`us/` and `eu/`, both English) are regions or versions,
    # not translations: neither is taken for a language folder.
    twice = {code for code in langs.values() if list(langs.values()).count(code) > 1}
    langs = {n: code for n, code in langs.items() if code not in twice or n in overrides}
    if not langs:
        return None
    pages = {n: _pages_under(root / n) for n in langs}
    at_root = _source_at_root(root, langs, pages, source_lang)
    if at_root is not None:
        return at_root
    shared = {n for n in langs if any(pages[n] & pages[m] for m in langs if m != n)}
    if len(shared) < 2:
        return None
    fullest = max(sorted(shared), key=lambda n: len(pages[n]))
    first = sample_prose(root / fullest)
    if all(same_language(first, sample_prose(root / n)) for n in sorted(shared - {fullest})):
        return None     # `it/` and `ml/` sections of one English site: named like languages, written in one
    folders = {n: langs[n] for n in sorted(shared)}
    codes = list(folders.values())
    # the source language has every page: the fullest folder, unless the site names it
    source = source_lang if source_lang in codes else \
        max(codes, key=lambda c: len(pages[next(n for n, v in folders.items() if v == c)]))
    return TreeLayout("folders", source, folders)


def _source_at_root(root: Path, langs: Mapping[str, str], pages: Mapping[str, set[str]],
                    source_lang: str | None) -> TreeLayout | None:
    """The source pages at the root and translations in language folders beside them (`guide/x.md`,
    `zh/guide/x.md`: VitePress, Docusaurus-like and static-i18n folder trees without a config).
    The root's language is `source_lang` or what its prose is written in, and must be none of
    the folders' (a root `index.md` choosing a language is no source)."""
    own = {rel for rel in _pages_under(root) if rel.split("/", 1)[0] not in langs}
    linked = sorted(n for n in langs if pages[n] & own)
    # one shared page (a root `index.md` that picks a language) makes no source: it takes two
    if not linked or len(own & set().union(*(pages[n] for n in linked))) < 2:
        return None
    prose = sample_prose(root, sorted(own))
    code = source_lang or prose_language(prose)
    if not code or any(c.split("-")[0] == code.split("-")[0] for c in langs.values()):
        return None
    if len(linked) == 1 and same_language(prose, sample_prose(root / linked[0])):
        return None     # one folder named like a language (`ml/`, `it/`) in the root's language: a section
    return TreeLayout("folder", code, {n: langs[n] for n in linked})


def _docusaurus(root: Path, overrides: Mapping[str, str], source_lang: str | None) -> TreeLayout | None:
    """Docusaurus: the source in `docs/`, each locale's translation in
    `i18n/<locale>/docusaurus-plugin-content-docs/current/` (same paths); the source language is
    `--lang`, the config's `defaultLocale`, or what `docs/` is written in."""
    config = next((root / name for name in _DOCUSAURUS_CONFIGS if (root / name).is_file()), None)
    i18n = root / "i18n"
    locales = sorted(p.name for p in i18n.iterdir() if (p / _DOCUSAURUS_DOCS).is_dir()) if i18n.is_dir() else []
    if not (root / "docs").is_dir() or (config is None and not locales):
        return None
    said = ""
    if config is not None:
        try:
            found = _DEFAULT_LOCALE.search(config.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            found = None
        said = language_code(found.group(1)) if found else ""
    source = source_lang or said or prose_language(sample_prose(root / "docs")) or "en"
    folders: dict[str, str] = {}
    warnings: list[str] = []
    for name in locales:
        code = overrides.get(name) or language_code(name)
        folder = f"i18n/{name}/{_DOCUSAURUS_DOCS}"
        if not code:
            warnings.append(unknown_language_warning(f"i18n/{name}"))
        folders[folder] = code
    # A version (versioned_docs/version-1.0/) is paired with its own translation
    # (i18n/<locale>/docusaurus-plugin-content-docs/version-1.0/): both are read from the folder
    # above, so their pages are `version-1.0/intro.md`, never the current `intro.md`.
    versioned = (root / "versioned_docs").is_dir()
    if versioned:
        folders.update({folder.rsplit("/", 1)[0]: code for folder, code in list(folders.items())})
    folders["docs"] = source    # after the locales': a page is placed by the first folder it is in
    if versioned:
        folders[_VERSIONED_DOCS] = source
    return TreeLayout("docusaurus", source, folders, tuple(warnings))


def _folders_below(root: Path, overrides: Mapping[str, str],
                   source_lang: str | None) -> TreeLayout | None:
    """Language folders in one folder below the root, up to three levels down (`content/en/`,
    `content/zh/` of Hugo; `docs/` with `docs/zh/` of VitePress in a repository; Starlight's
    `src/content/docs/` with `src/content/docs/zh-cn/`), when exactly one folder holds them."""
    found: list[tuple[str, TreeLayout]] = []
    level = [""]
    for _ in range(3):
        deeper = []
        for below in level:
            try:
                names = sorted(e.name for e in os.scandir(root / below) if e.is_dir()
                               and not e.name.startswith(".") and e.name not in _NOT_A_SITE)
            except OSError:
                continue
            for name in names:
                rel = f"{below}/{name}" if below else name
                tree = language_folders(root / rel, overrides, source_lang)
                if tree is not None:
                    found.append((rel, tree))     # nothing below a site is searched for another
                else:
                    deeper.append(rel)
        level = deeper
    if len(found) != 1:
        return None
    below, tree = found[0]
    if tree.kind == "folders" and all((root / rel).is_file() for folder in tree.folders
                                      for rel in _pages_under(root / below / folder)):
        return None     # `docs/zh/README.md`, `docs/ja/README.md`: translations of the root's README (`_suffixed`)
    folders = {f"{below}/{folder}": code for folder, code in tree.folders.items()}
    if tree.kind == "folder":
        folders[below] = tree.source    # its own pages are the source's: after the translations'
    return TreeLayout("folders", tree.source, folders, tree.warnings)


def marker_language(marker: str) -> str:
    """The language a file-name marker names (`zh-CN`, `ja`, `pt_BR`; `CN`, `JP` in capitals are
    countries: zh, ja), or "". Only two-letter languages and written-out names, as for folders
    nobody declared: `api`, `old` or `new` after a hyphen mark no language."""
    if len(marker) == 2 and marker.isupper():
        return region_language(marker)
    return looks_like_language_folder(marker)


def _marker_code(marker: str, prose: str) -> str:
    """The language of a marker its translations' `prose` confirms, as for a folder: a country
    (`cn`, `jp`, `kr`: Kanuri too, `tw`: Twi too) is its language when the pages are written in it;
    else what the marker says as a language ("" for a country alone: `-ai` marks no language)."""
    said = marker_language(marker)
    for code in dict.fromkeys((said, region_language(marker))):
        if code and prose_fits(code, prose):
            return code
    return said


def _marked(name: str, names: Collection[str]) -> tuple[str, str] | None:
    """(marker as written with its separator, base file name) when `name` is a page whose base
    page is in `names` and whose stem ends with a language marker (`README_CN.md` -> `_CN`)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix}" not in PAGE_SUFFIXES:
        return None
    for at, char in enumerate(stem):
        marker = stem[at + 1:]
        if char in "._-" and at and f"{stem[:at]}.{suffix}" in names \
                and (marker_language(marker) or region_language(marker)):
            return stem[at:], f"{stem[:at]}.{suffix}"
    return None


def _suffixed(root: Path, source_lang: str | None) -> TreeLayout | None:
    """Translations kept beside their page under a marked name (`README.md` with `README.zh-CN.md`,
    `README_ja.md`): a marker counts when its pages are written in another language than their base.
    A root page's translation may be kept in a folder, marked (`docs/README_ja.md`) or in a folder
    named after its language (`docs/zh/README.md`), written in that language."""
    pairs: dict[str, list[tuple[Path, Path]]] = {}
    at_root: Collection[str] = ()
    moved: dict[str, str] = {}
    in_folders: dict[str, tuple[str, str]] = {}
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _NOT_A_SITE)
        at_root = at_root or (files if Path(here) == root else ())
        for name in sorted(files):
            marked = _marked(name, files)
            page = Path(here) / marked[1] if marked is not None else None
            rel = (Path(here) / name).relative_to(root).as_posix()
            if marked is None and Path(here) != root:
                # `docs/README_ja.md` beside no README.md: the translation of the root's README.md
                marked = _marked(name, at_root)
                page = root / marked[1] if marked is not None else None
                if marked is not None:
                    moved[rel] = marked[1]
                elif name in at_root and name.endswith(PAGE_SUFFIXES):
                    in_folders[rel] = (name, _folder_translation(root, rel, name))
            if marked is not None and page is not None:
                pairs.setdefault(marked[0], []).append((page, Path(here) / name))
    markers: dict[str, str] = {}
    sources: list[Path] = []
    for marker, found in sorted(pairs.items()):
        base = sample_prose(root, [p.relative_to(root).as_posix() for p, _ in found[:3]])
        translated = sample_prose(root, [p.relative_to(root).as_posix() for _, p in found[:3]])
        said, written = prose_language(base), prose_language(translated)
        if same_language(base, translated) or (said and written and said.split("-")[0] == written.split("-")[0]):
            continue          # `setup_it.md` beside `setup.md`, both English: a page of its own
        code = _marker_code(marker.lstrip("._-"), translated)
        if not code:
            continue
        markers[marker] = code
        sources.extend(p for p, _ in found)
    sources.extend(root / name for name, lang in in_folders.values() if lang)
    if not markers and not sources:
        return None
    source = source_lang or prose_language(sample_prose(root, sorted({p.relative_to(root).as_posix()
                                                                       for p in sources})[:5])) or "en"
    markers = {m: code for m, code in markers.items() if code.split("-")[0] != source.split("-")[0]}
    kept: dict[str, tuple[str, str]] = {}
    for path, base in moved.items():
        marker = next((m for m in sorted(markers, key=len, reverse=True) if Path(path).stem.endswith(m)), "")
        if marker:
            kept[path] = (base, markers[marker])
    kept |= {path: (base, lang) for path, (base, lang) in in_folders.items()
             if lang and lang.split("-")[0] != source.split("-")[0]}
    return TreeLayout("suffixed", source, markers=markers, moved=kept) if markers or kept else None


def _folder_translation(root: Path, rel: str, name: str) -> str:
    """The language of `rel` (`docs/zh/README.md`), a page named as the root's `name` in a folder
    named after a language, when it is written in that language and the root's page is not."""
    folder = rel.rsplit("/", 2)[-2]
    said = looks_like_language_folder(folder)
    translated = sample_prose(root, [rel])
    for code in dict.fromkeys((said, region_language(folder))):
        if code and prose_fits(code, translated) and not prose_fits(code, sample_prose(root, [name])):
            return code
    return ""


@dataclass(frozen=True, slots=True)
class _Hugo:
    """What a Hugo site's configuration says: its default language and its languages' keys."""

    default: str = ""                 # `defaultContentLanguage` as a code ("": Hugo's default, English)
    keys: tuple[str, ...] = ()        # `[languages.<key>]`, lowercased as Hugo serves them
    in_subdir: bool = False           # `defaultContentLanguageInSubdir`: the default under /<key>/ too
    content_dirs: Mapping[str, str] = field(default_factory=dict)    # key -> its `contentDir`


def _settings(path: Path) -> dict[str, Any] | None:
    """A TOML, YAML or JSON configuration file as a mapping; None when there is no file, {} when
    it is not readable (still Hugo's, saying nothing)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else \
            json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _hugo(root: Path) -> _Hugo | None:
    """A Hugo site's configuration (hugo.toml, config.yaml, … at the root or in config/_default/,
    with config/_default/languages.*) when `root` is one: such a file beside a content/ folder."""
    if not (root / "content").is_dir():
        return None
    found: list[dict[str, Any]] = []
    for name in _HUGO_CONFIGS:
        data = _settings(root / name)
        if data is not None:
            found.append({str(k).lower(): v for k, v in data.items()})   # Hugo's keys ignore case
    if not found:
        return None
    for ext in ("toml", "yaml", "yml", "json"):
        languages = _settings(root / f"config/_default/languages.{ext}")
        if languages:
            found.append({"languages": languages})
    said = next((str(d["defaultcontentlanguage"]) for d in found if d.get("defaultcontentlanguage")), "")
    keys = [str(k).lower() for d in found if isinstance(d.get("languages"), dict) for k in d["languages"]]
    in_subdir = any(d.get("defaultcontentlanguageinsubdir") is True for d in found)
    dirs = {str(key).lower(): str(settings.get("contentDir") or settings.get("contentdir") or "").strip("/")
            for d in found if isinstance(d.get("languages"), dict) for key, settings in d["languages"].items()
            if isinstance(settings, dict)}
    return _Hugo(language_code(said) if said else "", tuple(dict.fromkeys(keys)), in_subdir,
                 {key: folder for key, folder in dirs.items() if folder})


def _hugo_by_name(root: Path, hugo: _Hugo, source_lang: str | None) -> TreeLayout | None:
    """Hugo's translation by file name: `about.fr.md` is about.md in French, `about.en.md` too
    when English is a language (a file without a key is the default language's), for each key
    of the configuration; a bundle's `index.fr.md` beside `index.en.md` the same."""
    source = source_lang or hugo.default or "en"
    markers = {f".{key}": language_code(key) for key in hugo.keys if language_code(key)}
    translated = tuple(f"{marker}{ext}" for marker, code in markers.items() if code != source
                       for ext in PAGE_SUFFIXES)
    if not any(name.lower().endswith(translated) for name in _pages_under(root / "content")):
        return None
    return TreeLayout("suffixed", source, markers=markers)


def read_tree(root: str | os.PathLike[str], overrides: Mapping[str, str] = {},
              source_lang: str | None = None) -> TreeLayout:
    """The layout of a tree with no mkdocs.yml languages (a GitBook repository, a plain folder)."""
    root = Path(os.path.abspath(root))
    gitbook = any((root / name).exists() for name in GITBOOK_MARKERS) or (root / "LANGS.md").is_file()
    if gitbook:
        classic = _gitbook_langs(root, overrides, source_lang)
        if classic is not None:
            return classic
        source = source_lang or DEFAULT_SOURCE
        folders: dict[str, str] = {}
        warnings: list[str] = []
        i18n = root / "i18n"
        # a space holds pages; `i18n/images/` or a shared asset folder does not
        spaces = sorted(p.name for p in i18n.iterdir() if p.is_dir() and not p.name.startswith(".")
                        and any(p.glob("*.md"))) if i18n.is_dir() else []
        for name in spaces:
            taken = [source, *(overrides.get(m) or name_language(m) for m in spaces if m != name)]
            code = folder_language(name, i18n / name, overrides, taken=taken)
            if code == source:
                warnings.append(f"i18n/{name}: the space has the source language {source}; its pages "
                                f"are read as no language (hint: pass the root space's language with --lang)")
                code = ""
            elif not code:
                warnings.append(unknown_language_warning(f"i18n/{name}"))
            folders[f"i18n/{name}"] = code
        return TreeLayout("gitbook", source, folders, tuple(warnings))
    hugo = _hugo(root)
    if hugo is not None:
        source_lang = source_lang or hugo.default or None
        tree = _folders_below(root, overrides, source_lang) or _hugo_by_name(root, hugo, source_lang) \
            or _suffixed(root, source_lang)
        tree = tree or TreeLayout("plain", source_lang or "")
        # Hugo serves a language under /<its key>/ (lowercased; the default at the root, and under
        # its key too with defaultContentLanguageInSubdir): the keys, else the folders' names
        named = {code.lower(): code for code in tree.languages if code}
        named |= {folder.rsplit("/", 1)[-1].lower(): code for folder, code in tree.folders.items() if code}
        named |= {key: tree.folders.get(hugo.content_dirs.get(key, "")) or language_code(key) for key in hugo.keys}
        named = {key: code for key, code in named.items() if code}
        urls = {key: code for key, code in named.items() if hugo.in_subdir or code != tree.source}
        return replace(tree, generator="hugo", url_languages=urls)
    tree = (_docusaurus(root, overrides, source_lang) or language_folders(root, overrides, source_lang)
            or _folders_below(root, overrides, source_lang) or _suffixed(root, source_lang)
            or TreeLayout("plain", source_lang or ""))
    if tree.kind == "folders" and _starlight(root, tree):
        return replace(tree, generator="starlight")
    return tree


def _starlight(root: Path, tree: TreeLayout) -> bool:
    """Whether the language folders are Starlight's: an Astro config at the root, every
    language in src/content/docs/ (the root locale) or a folder of it."""
    return any((root / name).is_file() for name in ASTRO_CONFIGS) and bool(tree.folders) and all(
        folder == STARLIGHT_DOCS or folder.startswith(STARLIGHT_DOCS + "/") for folder in tree.folders)
