"""Link, anchor and asset checks: does every relative target exist, with the promised anchor."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import unquote

from docverify.model import Claims, Finding, PAGE_SUFFIXES, Page, Severity
from docverify.page.anchors import github_anchor
from docverify.checks.text import in_code_span, prose_lines
from docverify.page.parse import display_path, parse_page
from docverify.site.docusaurus_links import DocLink, hint_for, resolve_doc_link
from docverify.site.docusaurus_urls import DocsUrls, doc_urls
from docverify.site.starlight_urls import starlight_page
from docverify.site.urls import is_generated, source_for_url, url_prefix

if TYPE_CHECKING:
    from docverify.pageset.site import Site

T = TypeVar("T")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")   # http:, mailto:, data:, //host
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
_REQUIRE = re.compile(r"""\brequire\(\s*['"]([^'"]+)['"]\s*\)""")
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)
_FOLDER_PAGES = ("README.md", "index.md")


@dataclass
class _Index:
    """What link checks look up, built once per site: pages by absolute path, folder listings."""

    site: Site
    root: str
    pages: dict[str, Page | None]     # None: a linked file that is not there
    listings: dict[str, list[str]] = field(default_factory=dict)
    # Each target page's anchors, found once: a page with 20,000 in-page links would
    # otherwise rescan its whole source per link.
    anchor_sets: dict[int, tuple[Page, frozenset[str], list[str]]] = field(default_factory=dict)
    # Fuzzy suggestions cost ~0.1 s each on a large page: a page with thousands of broken
    # anchors gets them for its first few only (the rest still get the page's headings).
    suggestions: dict[int, int] = field(default_factory=dict)
    # Each page's folder and root, worked out once: every link and image of the page asks.
    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Whether a path exists, asked of the disk once: resolving a link asks it of the same path
    # up to three times, and a missing image's hints ask again (files do not change mid-check).
    present: dict[str, bool] = field(default_factory=dict)
    files: dict[str, bool] = field(default_factory=dict)
    folders: dict[str, bool] = field(default_factory=dict)
    near: dict[str, list[str]] = field(default_factory=dict)
    # A link's reading by a generator's rules (Docusaurus, Starlight), by (rule, page, link): the
    # link check reads it to report, then _locate again to find the file.
    readings: dict[tuple[str, str, str], Any] = field(default_factory=dict)

    def reading(self, rule: str, page: Page, raw: str, read: Callable[[], T]) -> T:
        key = (rule, page.path, raw)
        if key not in self.readings:
            self.readings[key] = read()
        return cast(T, self.readings[key])

    def exists(self, path: str) -> bool:
        known = self.present.get(path)
        if known is None:
            known = self.present[path] = self.in_folder(path) and os.path.exists(path)
        return known

    def is_file(self, path: str) -> bool:
        known = self.files.get(path)
        if known is None:
            known = self.files[path] = self.in_folder(path) and os.path.isfile(path)
        return known

    def in_folder(self, path: str) -> bool:
        """Whether the folder `path` names a file in is there: nothing is found in a folder
        that is not (a site copied without its assets asks about hundreds of images in one)."""
        folder = os.path.dirname(path)
        known = self.folders.get(folder)
        if known is None:
            known = self.folders[folder] = os.path.isdir(folder)
        return known

    def place_of(self, page: Page) -> tuple[str, str]:
        """(the page's folder, the root its relative paths may not leave)."""
        known = self.places.get(page.path)
        if known is None:
            here = os.path.dirname(_abs(page.path))
            # A page given on the command line from outside docs_dir has no docs dir to escape.
            root = self.root if _inside(here, self.root) else os.path.abspath(os.sep)
            known = self.places[page.path] = (here, root)
        return known

    def may_suggest(self, page: Page) -> bool:
        used = self.suggestions[id(page)] = self.suggestions.get(id(page), 0) + 1
        return used <= 10

    def anchors_of(self, page: Page) -> tuple[frozenset[str], list[str]]:
        """The page's anchors, as a set and sorted (for suggestions)."""
        known = self.anchor_sets.get(id(page))
        if known is None or known[0] is not page:
            # Starlight ids the page title it shows above the content `_top`
            ids = frozenset(_anchors(page) | ({"_top"} if self.site.config.generator == "starlight" else set()))
            known = self.anchor_sets[id(page)] = (page, ids, sorted(ids))
        return known[1], known[2]

    def page_at(self, path: str) -> Page | None:
        if path not in self.pages:
            self.pages[path] = _parse_outside(path, self.site)
        return self.pages[path]

    def similar(self, path: str) -> list[str]:
        known = self.near.get(path)
        if known is not None:
            return known
        folder, name = os.path.split(path)
        if folder not in self.listings:
            try:
                self.listings[folder] = sorted(os.listdir(folder))
            except OSError:
                self.listings[folder] = []
        names = self.listings[folder]
        # (an empty or missing folder suggests nothing: difflib would still index the name)
        found = self.near[path] = difflib.get_close_matches(name, names, n=2, cutoff=0.6) if names else []
        return found


def _index(site: Site) -> _Index:
    return site.derived(_build_index)


def _build_index(site: Site) -> _Index:
    pages: dict[str, Page | None] = {_abs(c.page.path): c.page for c in site.pages}
    return _Index(site, _abs(str(site.config.docs_dir)), pages)


def _parse_outside(path: str, site: Site) -> Page | None:
    """A target page the run was not asked to check (a PATH subset): read it for its anchors."""
    return parse_page(Path(path), site.config) if os.path.isfile(path) else None


def _abs(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _split(target: str) -> tuple[str, str]:
    path, _, fragment = target.partition("#")
    return path.partition("?")[0], fragment


def _locate(page: Page, raw: str, index: _Index, *, fallback: bool = True) -> tuple[str | None, str]:
    """The absolute file a relative path points at (None if it escapes the docs dir).

    `fallback`: the target is one MkDocs resolves (markdown links and images), so
    mkdocs-static-i18n may serve the default language's file; raw HTML it never rewrites."""
    decoded = unquote(raw)
    here, root = index.place_of(page)
    if index.site.config.generator == "starlight":
        served, url = _starlight(page, raw, index)
        if url:     # a URL Starlight serves a page at (or nothing)
            target = str(served) if served is not None else os.path.join(index.root, url.strip("/"))
            return _abs(target), _abs(target)
    if index.site.config.layout == "docusaurus":
        doc = _doc_link(page, raw, index)
        if doc is not None:     # a markdown file link of a doc, found as Docusaurus finds it
            return doc.file or doc.tried, doc.file or doc.tried
        url, doc_file = _docusaurus_url(page, raw, index)
        if url:                 # a URL of the docs: the doc served there, or a file that is not
            target = _abs(doc_file or os.path.join(index.root, url.strip("/")))
            return target, target
    base = root if decoded.startswith("/") else here
    if decoded.startswith("/") and root == index.root:
        # a site-root link is a URL of the built site (`/context-length` is context-length.md)
        source = source_for_url(index.site.config, decoded)
        if source is not None:
            return _abs(str(source)), _abs(str(source))
    # `base` is absolute (place_of), so normpath alone makes these what _abs would
    full = os.path.normpath(os.path.join(base, decoded.lstrip("/")))
    if not _inside(full, root):
        return None, full
    if not index.exists(full) and decoded != raw:
        as_written = os.path.normpath(os.path.join(base, raw))
        if index.exists(as_written):
            full = as_written    # a file whose name really holds a `%`
    full = _localized(full, page.lang, index)
    if index.site.config.layout == "docusaurus" and not os.path.splitext(full)[1] and not index.exists(full):
        return _by_url(full, page.lang if fallback else "", index)
    if fallback and not index.exists(full) and index.site.config.layout != "docusaurus":
        # (Docusaurus serves a locale the default's doc by URL only, see _by_url: a file path
        # is compiled from the translation's own folder)
        # mkdocs-static-i18n's fallback_to_default: what a translation lacks, the default
        # language's file of that name is served in its place (`full` is not there: the
        # index asked the disk once, so served()'s own look is spared)
        served = index.site.config.served_instead(full, page.lang)
        full = _abs(str(served)) if served is not None else full
    return full, full


def _doc_link(page: Page, raw: str, index: _Index) -> DocLink | None:
    return index.reading("docusaurus file", page, raw, lambda: resolve_doc_link(index.root, page.path, raw))


def _starlight(page: Page, raw: str, index: _Index) -> tuple[Path | None, str]:
    return index.reading("starlight", page, raw, lambda: starlight_page(index.site.config, page.path, raw))


def _docusaurus_url(page: Page, raw: str, index: _Index) -> tuple[str, str | None]:
    return index.reading("docusaurus url", page, raw, lambda: _read_docusaurus_url(page, raw, index))


def _read_docusaurus_url(page: Page, raw: str, index: _Index) -> tuple[str, str | None]:
    """(the docs URL a link without a file extension leads to, the doc served there or None);
    ("", None) for a link that is no URL of the docs (the blog's, a page's outside the docs)."""
    decoded = unquote(raw)
    if os.path.splitext(decoded.rstrip("/"))[1]:
        return "", None
    urls = index.site.derived(_docs_urls)
    url = urls.link_url(page.path, decoded)
    if url is None or not any(url == r or url.startswith(r.rstrip("/") + "/")
                              for r in urls.version_roots | urls.blog_roots):
        return "", None
    return url, urls.files.get(url) or ("" if urls.generated(url) else None)


def _docs_urls(site: Site) -> DocsUrls:
    locales = [folder.split("/")[1] for folder in site.config.folders if folder.startswith("i18n/")]
    return doc_urls(site.config.docs_dir, sorted(set(locales)))


def _by_url(full: str, lang: str, index: _Index) -> tuple[str, str]:
    """Docusaurus links pages by URL too: `guide/setup` from docs/intro.md is docs/guide/setup.md
    (or .mdx), and a locale lacking it is served the default locale's (`lang` "": none served)."""
    for ext in PAGE_SUFFIXES:
        if index.exists(f"{full}{ext}"):
            return f"{full}{ext}", f"{full}{ext}"
        served = index.site.config.served_instead(f"{full}{ext}", lang)
        if served is not None:
            return _abs(str(served)), _abs(str(served))
    return full, full


def _exists(full: str, index: _Index) -> bool:
    """A file of the docs, or one MkDocs generates (sitemap.xml, the search index, 404.html)."""
    return index.exists(full) or is_generated(index.site.config, full)


def _localized(full: str, lang: str, index: _Index) -> str:
    """In the suffix layout `x.md` means x in the linking page's language (mkdocs-static-i18n),
    falling back to the default language: `x.en.md` from an English page, else `x.zh.md`.
    Other files are localized the same way (`shot.en.png` is `shot.png` in the English build)
    when no file of the bare name is there to be served."""
    config = index.site.config
    if config.layout != "suffix" or not (full.endswith(PAGE_SUFFIXES) or not index.exists(full)):
        return full
    stem, suffix = os.path.splitext(full)
    if os.path.splitext(stem)[1][1:] in config.languages:
        return full     # the link names a language itself
    for code in dict.fromkeys((lang, config.default_language)):
        if code and index.exists(candidate := f"{stem}.{code}{suffix}"):
            return candidate
    return full


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_links(claims: Claims, site: Site) -> Iterator[Finding]:
    """link.broken and link.anchor for every relative link of the page."""
    page, index = claims.page, _index(site)
    for link in page.links:
        target = link.target.strip()
        if not target or _EXTERNAL.match(target):
            continue
        if target == "broken-reference" or target.startswith("broken-reference"):
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          f"expected a link target for [{link.text}], found GitBook's "
                          "`broken-reference` (GitBook lost the page this link pointed to)",
                          "point the link at the page it meant; the same link in the "
                          "source-language page shows which")
            continue
        raw, fragment = _split(target)
        if not raw:
            if fragment:
                yield from _anchor(page, page, link.line, fragment, "this page", index)
            continue
        prefix = url_prefix(index.site.config)
        if raw.startswith("/") and not (raw + "/").startswith(prefix) and not raw.startswith("//"):
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          f"expected a site-root link under the site's path {prefix} "
                          f"(site_url {index.site.config.site_url}), found {raw!r}, which leaves the site",
                          f"write it as {prefix.rstrip('/')}{raw} or as a relative link to the page")
            continue
        doc = _doc_link(page, raw, index) if index.site.config.layout == "docusaurus" else None
        if doc is not None and doc.file is None:
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          f"expected {unquote(raw)!r} to lead to a doc, found {display_path(doc.tried)}: {doc.why}",
                          hint_for(doc))
            continue
        served, url = _starlight(page, raw, index) if index.site.config.generator == "starlight" else (None, "")
        if url and served is None:
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          f"expected a page at {unquote(raw)!r}, found none that Starlight serves at {url}",
                          "Starlight serves pages by URL, read from the page's own URL (which ends in a "
                          "slash): link /guides/setup/ or ../setup/, not the file (setup.md)"
                          if raw.lower().endswith(PAGE_SUFFIXES) else "fix the path or remove the link")
            continue
        url, served_doc = _docusaurus_url(page, raw, index) if index.site.config.layout == "docusaurus" else ("", None)
        if url and served_doc == "":
            continue        # a page the blog plugin makes (its list, tags, archive)
        if url and served_doc is None:
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          f"expected a page at {unquote(raw)!r}, found none that Docusaurus serves at {url}",
                          "a post's URL is its `slug:` or its dated file name (2024-05-01-launch.md is "
                          "/blog/2024/05/01/launch)" if index.site.derived(_docs_urls).in_blog(url) else
                          "a doc's URL is its folder and `slug:`, `id:` or file name (number prefixes "
                          "dropped); link the file (guide/setup.md) to let Docusaurus find it")
            continue
        full, resolved = _locate(page, raw, index)
        if full is None:
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          f"expected {raw!r} to stay inside the docs dir, found it leaves it "
                          f"(resolves to {display_path(resolved)})",
                          "link to a page of the site, or use an absolute URL for outside pages")
            continue
        if os.path.isdir(full):
            # Hugo serves a section folder from its _index.md
            names = (*_FOLDER_PAGES, "_index.md") if index.site.config.generator == "hugo" else _FOLDER_PAGES
            found = [os.path.join(full, n) for n in names if os.path.isfile(os.path.join(full, n))]
            if not found:
                yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                              f"expected a README.md or index.md in folder {raw!r}, found none",
                              "link to a page inside the folder")
                continue
            full = found[0]
        elif not _exists(full, index):
            if os.path.splitext(full)[1] and not full.lower().endswith(PAGE_SUFFIXES):
                continue    # a file, not a page: check_assets reports it as asset.missing
            near = index.similar(full)
            yield Finding("link.broken", Severity.ERROR, page.path, link.line,
                          # as written: markdown-it percent-encodes 页面.md, which no translator can read
                          f"expected a page at {unquote(raw)!r}, found no file {display_path(full)}",
                          f"did you mean {near[0]!r}?" if near else
                          "fix the path or remove the link")
            continue
        if fragment and full.lower().endswith(PAGE_SUFFIXES):
            target_page = index.page_at(full)
            if target_page is not None:
                yield from _anchor(page, target_page, link.line, fragment, raw, index)


def _anchors(page: Page) -> set[str]:
    """Heading anchors, HTML ids, and the ids footnotes get (GitBook and MkDocs spellings)."""
    ids = set(page.anchors()) | set(_HTML_ID.findall(page.source))
    for label in _FOOTNOTE.findall(page.source):
        ids.update((f"user-content-fn-{label}", f"user-content-fnref-{label}",
                    f"fn:{label}", f"fnref:{label}"))
    return ids


def _translated_anchor(page: Page, target: Page, fragment: str, index: _Index) -> str:
    """The anchor of the heading that, in the source language, produces `fragment`.

    A translation that links `#api-di-zhi` means the heading "API 地址" of the source page;
    the translated page's heading at the same position is what the link should name now.
    The source page is the target's counterpart or, when the spaces are laid out differently,
    the page the linking page's source links to with the same fragment.
    """
    sources = [c.page for c in (index.site.source_of(target),) if c is not None]
    origin = index.site.source_of(page)
    if origin is not None:
        for link in origin.page.links:
            raw, frag = _split(link.target.strip())
            if frag == fragment and raw and not _EXTERNAL.match(raw):
                full, _ = _locate(origin.page, raw, index)
                found = index.page_at(full) if full and os.path.isfile(full) else None
                sources += [found] if found is not None else []
    for source in sources:
        for n, heading in enumerate(source.headings):
            if fragment == heading.anchor or fragment in heading.aliases:
                there = target.headings
                if n < len(there) and there[n].level == heading.level:
                    return there[n].anchor
    return ""


def _anchor(page: Page, target: Page, line: int, fragment: str, shown: str,
            index: _Index) -> Iterator[Finding]:
    anchors, ordered = index.anchors_of(target)
    decoded = unquote(fragment)
    if fragment in anchors or decoded in anchors:
        return
    if "\ufffd" not in decoded:     # a percent-escape that is not UTF-8 is shown as written
        fragment = decoded
    meant = _translated_anchor(page, target, fragment, index)
    # Suggestions from at most a few thousand anchors: difflib is quadratic in what it compares.
    near = [meant] if meant else difflib.get_close_matches(
        fragment, ordered[:2000], n=3, cutoff=0.5) if index.may_suggest(page) else []
    # a page read where it is kept (GitHub, Hugo) is shown with GitHub's ids (`#安装`, not MkDocs' `#_1`)
    heads = [github_anchor(h.text) or h.anchor if target.syntax == "github" else h.anchor
             for h in target.headings[:5]]
    yield Finding("link.anchor", Severity.ERROR, page.path, line,
                  f"expected #{fragment} among the anchors of {shown}, found no heading "
                  "or id that produces it",
                  f"use #{near[0]}" + (f" (or {', '.join('#' + a for a in near[1:])})"
                                       if near[1:] else "") if near else
                  ("anchors there: " + ", ".join("#" + a for a in heads) if heads
                   else "the target page has no headings; drop the #fragment"))


def check_assets(claims: Claims, site: Site) -> Iterator[Finding]:
    """asset.missing for images (markdown and HTML) and for links to non-page files."""
    page, index = claims.page, _index(site)
    refs: dict[tuple[str, int], str] = {}
    for image in page.images:
        refs.setdefault((image.src, image.line), "image")
    seen = {src for src, _ in refs}
    for block in page.html_blocks:
        for m in _HTML_IMG.finditer(block.text):
            if m.group(1) not in seen:
                refs.setdefault((m.group(1), block.line + block.text.count("\n", 0, m.start())),
                                "HTML image")
    if index.site.config.layout == "docusaurus" and "require(" in page.source:
        for src, line in _required(page):
            refs.setdefault((src, line), "required file")
    for link in page.links:
        raw, _ = _split(link.target.strip())
        if raw and not _EXTERNAL.match(raw) and raw != "broken-reference" \
                and not raw.lower().endswith(PAGE_SUFFIXES) and not raw.endswith("/") \
                and os.path.splitext(raw)[1]:
            refs.setdefault((raw, link.line), "linked file")
    lines: list[str] = []     # the page's lines, split when a reference needs its own
    for (src, line), kind in sorted(refs.items(), key=lambda r: r[0][1]):
        raw, _ = _split(src.strip())
        if not raw or _EXTERNAL.match(raw):
            continue
        if kind != "HTML image" and not lines:
            lines = page.source.split("\n")
        full: str | None
        if kind == "required file" and raw.startswith("@site/"):
            # webpack's alias of the site's folder (`require('@site/static/img/a.png')`)
            full = resolved = _abs(os.path.join(str(index.site.config.root), raw[len("@site/"):]))
        else:
            full, resolved = _locate(page, raw, index,
                                     fallback=kind != "HTML image" and _markdown_ref(lines, src, line))
        if full is not None and (index.is_file(full) or is_generated(index.site.config, full)):
            continue
        if full is None:
            yield Finding("asset.missing", Severity.ERROR, page.path, line,
                          f"expected {kind} {raw!r} inside the docs dir, found it leaves it "
                          f"(resolves to {display_path(resolved)})",
                          "keep assets under the docs dir")
            continue
        near = index.similar(full)
        depth = _other_depth(page, raw, index)
        yield Finding("asset.missing", Severity.ERROR, page.path, line,
                      f"expected {kind} {display_path(full)}, found no such file",
                      f"did you mean {depth!r}? (the path has the source page's depth)" if depth
                      else f"did you mean {near[0]!r}? (a translator may have renamed it)" if near
                      else "add the file or fix the path")


def _required(page: Page) -> Iterator[tuple[str, int]]:
    """Files an MDX page's JSX requires (`<img src={require('./a.png').default} />`), outside code:
    webpack fails the build on one that is not there."""
    for number, text in prose_lines(page):
        if "require(" in text:
            for m in _REQUIRE.finditer(text):
                if not in_code_span(text, m.start()):
                    yield m.group(1), number


def _markdown_ref(lines: list[str], src: str, line: int) -> bool:
    """Whether the reference on `line` of the page's `lines` is markdown (`![](src)`), which
    MkDocs resolves, rather than raw HTML (`<img src>`), which it copies as written."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"]({src}" in text or f"](<{src}" in text or f"]: {src}" in text


def _other_depth(page: Page, raw: str, index: _Index) -> str:
    """The same path one `../` shallower or deeper, if that exists: a copied relative path."""
    for candidate in (raw[3:] if raw.startswith("../") else "", "../" + raw):
        full, _ = _locate(page, candidate, index) if candidate else (None, "")
        if full is not None and index.is_file(full):
            return candidate
    return ""


def resolve_links(page: Page, site: Site) -> set[str]:
    """Absolute paths of the files the page's relative links point at (for --changed-since)."""
    index, found = _index(site), set()
    for link in page.links:
        raw, _ = _split(link.target.strip())
        if raw and not _EXTERNAL.match(raw):
            full, _ = _locate(page, raw, index)
            if full is not None:
                found.update([full, *(os.path.join(full, n) for n in _FOLDER_PAGES)])
    return found
