"""The site's shape read from mkdocs.yml with PyYAML (or from a plain GitBook folder): languages and layout."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from docverify.errors import ConfigError

__all__ = ["SPACE_LANGUAGES", "SiteConfig", "TolerantLoader", "folder_config", "load_config", "load_yaml_mapping",
           "space_language"]

CONFIG_NAME = "mkdocs.yml"
# GitBook spaces named after a language (`i18n/japanese/…`); a folder named by its code works too.
SPACE_LANGUAGES: Mapping[str, str] = {
    "chinese": "zh", "english": "en", "japanese": "ja", "bengali": "bn", "bangla": "bn",
    "korean": "ko", "french": "fr", "german": "de", "spanish": "es", "russian": "ru",
    "portuguese": "pt", "italian": "it", "arabic": "ar", "vietnamese": "vi", "thai": "th",
    "indonesian": "id",
}
_CODE_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


def space_language(name: str) -> str:
    """The language code of a GitBook space folder (`english`, `en`), or "" if it names none.

    The importer and the checks of an unconverted GitBook tree both ask: one rule, so a space
    the importer accepts is one the checks read in the same language.
    """
    return SPACE_LANGUAGES.get(name.lower(), name if _CODE_RE.match(name) else "")
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


def load_yaml_mapping(text: str) -> dict[str, Any]:
    """A YAML mapping such as a page's front matter; {} for anything else or for invalid YAML."""
    try:
        data = yaml.load(text, Loader=_FastTolerantLoader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    languages: tuple[str, ...] = ()
    default_language: str = ""
    layout: str = "plain"          # "suffix" | "folder" | "gitbook" | "plain"
    clients: tuple[str, ...] = ()
    cassette_dir: Path = Path("tests/cassettes")
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def syntax(self) -> str:
        """How pages are written: "gitbook" for a GitBook tree, else "mkdocs"."""
        return "gitbook" if self.layout == "gitbook" else "mkdocs"

    def locate(self, path: str | Path) -> tuple[str, str]:
        """(rel, lang) of a page file: its path in the docs root without the language marker."""
        try:
            rel = PurePosixPath(Path(os.path.abspath(path)).relative_to(self.docs_dir).as_posix())
        except ValueError:
            return PurePosixPath(Path(path).as_posix()).name, self.default_language
        parts = rel.parts
        if self.layout == "folder" and len(parts) > 1 and parts[0] in self.languages:
            return "/".join(parts[1:]), parts[0]
        if self.layout == "suffix":
            stem, dot, lang = rel.stem.rpartition(".")
            if dot and lang in self.languages:
                return str(rel.with_name(stem + rel.suffix)), lang
        if self.layout == "gitbook" and len(parts) > 2 and parts[0] == "i18n":
            lang = space_language(parts[1])
            if lang:
                return "/".join(parts[2:]), lang
        return str(rel), self.default_language

    def path_for(self, rel: str, lang: str) -> Path:
        """Where the page `rel` in language `lang` lives (it may not exist)."""
        if self.layout == "suffix" and lang:
            posix = PurePosixPath(rel)
            suffixed = self.docs_dir / posix.with_name(f"{posix.stem}.{lang}{posix.suffix}")
            # The default language may be written with or without its suffix (both are valid).
            if lang != self.default_language or suffixed.exists():
                return suffixed
        if lang == self.default_language or not lang:
            return self.docs_dir / rel
        if self.layout == "folder":
            return self.docs_dir / lang / rel
        if self.layout == "gitbook":
            space = next((name for name, code in SPACE_LANGUAGES.items() if code == lang), lang)
            for candidate in (space, lang):
                if (self.docs_dir / "i18n" / candidate).is_dir():
                    return self.docs_dir / "i18n" / candidate / rel
            return self.docs_dir / "i18n" / space / rel
        return self.docs_dir / rel


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


def folder_config(folder: str | Path) -> SiteConfig:
    """A folder without mkdocs.yml: a GitBook tree if it looks like one (SUMMARY.md, .gitbook, i18n/)."""
    root = Path(os.path.abspath(folder))
    gitbook = any((root / name).exists() for name in ("SUMMARY.md", ".gitbook", ".gitbook.yaml"))
    if not gitbook:
        return SiteConfig(root=root, docs_dir=root, cassette_dir=root / "tests" / "cassettes")
    spaces = sorted(p.name for p in (root / "i18n").iterdir() if p.is_dir()) if (root / "i18n").is_dir() else []
    langs = [space_language(s) for s in spaces]
    # docverify's sources are Chinese (DESIGN: source language zh); the root space is the source.
    languages = tuple(dict.fromkeys(["zh", *(code for code in langs if code)]))
    return SiteConfig(root=root, docs_dir=root, languages=languages, default_language="zh",
                      layout="gitbook", cassette_dir=root / "tests" / "cassettes")


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
                          hint="fix the YAML syntax (indentation, quotes, colons)") from exc
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
    if not isinstance(data.get("docs_dir") or "docs", str):
        raise ConfigError("docs_dir must be a folder name", path=str(path), hint="e.g. 'docs_dir: docs'")
    return SiteConfig(root=root, docs_dir=root / str(data.get("docs_dir") or "docs"),
                      languages=languages, default_language=default, layout=layout,
                      clients=tuple(str(c) for c in clients), cassette_dir=root / str(cassettes),
                      options=own)


def _load_yaml(text: str) -> Any:
    """The document on libyaml (an imported site's nav takes the pure-Python loader ~0.1 s, and
    the MkDocs plugin reads mkdocs.yml once per language); a bad one again on the pure-Python
    loader, whose error messages are the ones we show."""
    try:
        return yaml.load(text, Loader=_FastTolerantLoader)
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
