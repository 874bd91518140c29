"""The imported site's mkdocs.yml: Material, the extensions the converted syntax needs, i18n and nav."""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Sequence
from typing import Any

import yaml

from docverify.gitbook.context import Tally
from docverify.gitbook.spaces import Space
from docverify.gitbook.summary import Entry, Summary
from docverify.site.languages import language_label


# one extension per converted construct: hints, details, tabs, marks, ids, figures, fences
MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.mark",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"toc": {"permalink": True}},
]
# what translated pages write that MkDocs renders only with an extension: construct -> extension
CONSTRUCT_EXTENSIONS: dict[str, Any] = {
    "footnote": "footnotes",
    "task-list": {"pymdownx.tasklist": {"custom_checkbox": True}},
    "math": {"pymdownx.arithmatex": {"generic": True}},
}


def _nav_entry(entry: Entry, space: Space, bases: dict[str, str], tally: Tally) -> Any:
    path = entry.path.split("#", 1)[0]
    if path.endswith("/") or (path and (space.root / path).is_dir()):
        path = posixpath.join(path, "README.md")
    path = posixpath.normpath(path) if path else path
    base = bases.get(path)
    children = [c for c in (_nav_entry(e, space, bases, tally) for e in entry.children) if c]
    if base is None:
        summary = posixpath.join(space.rel, "SUMMARY.md") if space.rel else "SUMMARY.md"
        tally.leave(summary, entry.line, "summary.missing-page")
        return {entry.title: children} if children else None
    return {entry.title: [base, *children]} if children else {entry.title: base}


def build_nav(space: Space, bases: dict[str, str], summary: Summary, tally: Tally) -> list[Any]:
    summary_path = posixpath.join(space.rel, "SUMMARY.md") if space.rel else "SUMMARY.md"
    nav: list[Any] = []
    for part in summary.parts:
        items = [i for i in (_nav_entry(e, space, bases, tally) for e in part.entries) if i]
        # Material's nav has no separator: the divider is reported, the pages stay in order
        for line in part.dividers:
            tally.leave(summary_path, line, "summary.divider")
        if part.title:
            nav.append({part.title: items})
        else:
            nav.extend(items)
    for line in summary.unparsed:
        tally.leave(summary_path, line, "summary.unparsed")
    return nav


def build_config(site_name: str, spaces: Sequence[tuple[Space, dict[str, str], Summary | None]],
                 source_lang: str, layout: str, tally: Tally) -> str:
    languages: list[dict[str, Any]] = []
    source_nav: list[Any] | None = None
    for space, bases, summary in spaces:
        language: dict[str, Any] = {"locale": space.lang, "name": language_label(space.lang),
                                    "build": True}
        if space.lang == source_lang:
            language["default"] = True
        if summary is not None:
            language["nav"] = build_nav(space, bases, summary, tally)
            tally.convert("summary")
            if space.lang == source_lang:
                source_nav = language["nav"]
        languages.append(language)
    config: dict[str, Any] = {
        "site_name": site_name,
        "docs_dir": "docs",
        "theme": {"name": "material", "language": source_lang,
                  "features": ["navigation.indexes", "content.tabs.link"]},
        "markdown_extensions": MARKDOWN_EXTENSIONS + [ext for name, ext in CONSTRUCT_EXTENSIONS.items()
                                                      if tally.converted.get(name)],
        "plugins": ["search", {"i18n": {"docs_structure": layout, "fallback_to_default": True,
                                        "reconfigure_material": True, "languages": languages}}],
    }
    if source_nav is not None:
        config["nav"] = copy.deepcopy(source_nav)  # a copy: no YAML aliases in the output
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)
