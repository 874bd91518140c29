"""The translation status matrix (page × language), rendered as text, JSON or a site page; and
`--mark-reviewed`, which records in a translation's front matter the source it was checked against.

A cell's state, first that applies: `missing` (no page), `has-errors` (an error finding on the
page), `stale` (a `translation.stale` finding), `machine-translated-unreviewed` (the page shows
the machine-translation notice and its front matter has no `reviewed: true`), `up-to-date`.

Marking a translation reviewed writes two keys into its front matter and leaves every other
byte of the file as it was: `source_hash: "<hash of the source's claims>"` (staleness.py) and
`reviewed: true`. The machine-translation notice, if any, is for the reviewer to remove.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from docverify.errors import InputError
from docverify.fsutil import atomic_write_bytes
from docverify.model import Claims, Finding
from docverify.translations.pairing import NAVIGATION, pairing_for
from docverify.pageset.site import Site
from docverify.translations.staleness import SOURCE_HASH_KEY, claims_hash

__all__ = ["REVIEWED_KEY", "STATES", "Cell", "Matrix", "Row", "build_matrix", "mark_reviewed", "render_pairs",
           "render_status_json", "render_status_markdown", "render_status_text", "set_front_matter"]

REVIEWED_KEY = "reviewed"
STATES = ("up-to-date", "stale", "missing", "has-errors", "machine-translated-unreviewed")


@dataclass(frozen=True, slots=True)
class Cell:
    state: str
    path: str            # the page (as findings show paths); "" when missing
    errors: int = 0
    warnings: int = 0


@dataclass(frozen=True, slots=True)
class Row:
    page: str            # the source page's path in the docs root (its rel)
    cells: Mapping[str, Cell]


@dataclass(frozen=True, slots=True)
class Matrix:
    languages: tuple[str, ...]
    rows: tuple[Row, ...]

    def to_json(self) -> dict[str, object]:
        return {"version": 1, "languages": list(self.languages), "pages": [
            {"page": row.page, "cells": {lang: {"state": c.state, "path": c.path, "errors": c.errors,
                                                "warnings": c.warnings} for lang, c in row.cells.items()}}
            for row in self.rows]}


def _cell(claims: Claims | None, counts: Counter[tuple[str, str]], stale: set[str]) -> Cell:
    if claims is None:
        return Cell("missing", "")
    page = claims.page
    errors, warnings = counts[page.path, "error"], counts[page.path, "warning"]
    if errors:
        state = "has-errors"
    elif page.path in stale:
        state = "stale"
    elif any(a.machine_translated for a in page.admonitions) and page.front_matter.get(REVIEWED_KEY) is not True:
        state = "machine-translated-unreviewed"
    else:
        state = "up-to-date"
    return Cell(state, page.path, errors, warnings)


def build_matrix(site: Site, findings: Iterable[Finding]) -> Matrix:
    """One row per source page (then one per translated page without a source), one cell per language."""
    config = site.config
    languages = config.languages or (config.default_language,)
    counts: Counter[tuple[str, str]] = Counter()
    stale: set[str] = set()
    for f in findings:
        counts[f.path, f.severity.value] += 1
        if f.check == "translation.stale":
            stale.add(f.path)
    pairing = pairing_for(site)
    rows = []
    for claims in site.pages:
        page = claims.page
        if (config.syntax == "gitbook" and page.rel in NAVIGATION) or (not page.lang and config.default_language):
            continue
        if page.path in pairing.unlisted and not pairing.translations(page.path):
            continue
        if page.lang == config.default_language or not page.lang:
            have = pairing.translations(page.path)
            cells = {lang: _cell(claims if lang == config.default_language else site.get(have[lang])
                                 if lang in have else None, counts, stale) for lang in languages}
            rows.append(Row(page.rel, cells))
        elif pairing.source_of(page.path) is None:
            cells = {lang: _cell(claims if lang == page.lang else None, counts, stale) for lang in languages}
            rows.append(Row(page.rel, cells))
    rows.sort(key=lambda r: (r.page, [c.path for c in r.cells.values()]))
    return Matrix(tuple(languages), tuple(rows))


def render_status_json(matrix: Matrix) -> str:
    return json.dumps(matrix.to_json(), ensure_ascii=False, indent=2) + "\n"


def render_status_text(matrix: Matrix) -> str:
    def show(c: Cell) -> str:
        counts = f" ({c.errors}E {c.warnings}W)" if c.errors or c.warnings else ""
        return c.state + counts
    width = max([len(r.page) for r in matrix.rows] + [4])
    cols = {lang: max([len(show(r.cells[lang])) for r in matrix.rows] + [len(lang)]) for lang in matrix.languages}
    lines = ["page".ljust(width) + "  " + "  ".join(lang.ljust(cols[lang]) for lang in matrix.languages)]
    lines += [r.page.ljust(width) + "  " + "  ".join(show(r.cells[lang]).ljust(cols[lang])
                                                     for lang in matrix.languages) for r in matrix.rows]
    states = Counter(c.state for r in matrix.rows for lang, c in r.cells.items() if lang != matrix.languages[0])
    lines += ["", f"{len(matrix.rows)} pages; translations: "
              + ", ".join(f"{states[s]} {s}" for s in STATES if states[s])]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_pairs(site: Site, fmt: str = "text") -> str:
    """The pairs made (and on what evidence) and the pages that could not be paired."""
    pairing = pairing_for(site)
    missing = {lang: [p for p in paths if p not in pairing.unlisted]
               for lang, paths in pairing.unpaired_sources.items()}
    orphans = [p for p in pairing.unpaired_translations if p not in pairing.unlisted]
    if fmt == "json":
        return json.dumps({"version": 1, "pairs": [{"source": p.source, "translation": p.translation,
                                                    "lang": p.lang, "how": p.how} for p in pairing.pairs],
                           "unpaired_sources": missing, "unpaired_translations": orphans},
                          ensure_ascii=False, indent=2) + "\n"
    lines = [f"{p.lang}  {p.how:<16} {p.translation}  <-  {p.source}" for p in pairing.pairs]
    lines += [f"{lang}  no page for       {path}" for lang, paths in missing.items() for path in paths]
    lines += [f"    no source for     {path}" for path in orphans]
    made = ", ".join(f"{n} by {how}" for how, n in sorted(pairing.counts().items(), key=lambda x: (-x[1], x[0])))
    lines += ["", f"{len(pairing.pairs)} pairs ({made}); "
              + "; ".join(f"{len(v)} source pages with no {lang} page" for lang, v in missing.items())
              + f"; {len(orphans)} translated pages with no source"]
    return "\n".join(lines) + "\n"


def _slug(path: str) -> str:
    return "status-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def render_status_markdown(site: Site, findings: Iterable[Finding]) -> str:
    """The site's translation status page; links are relative to the docs dir (where it lives)."""
    findings = list(findings)
    matrix = build_matrix(site, findings)
    docs = os.path.abspath(site.config.docs_dir)

    def rel(path: str) -> str:
        return os.path.relpath(os.path.abspath(path), docs).replace(os.sep, "/")

    def cell(c: Cell) -> str:
        if not c.path:
            return c.state
        link = f"[{c.state}](<{rel(c.path)}>)"
        n = c.errors + c.warnings
        return link + (f" · [{n} finding{'s' if n > 1 else ''}](#{_slug(rel(c.path))})" if n else "")
    out = ["# Translation status", "",
           "Generated by `docverify status`: one row per page, one column per language.", "",
           "| page | " + " | ".join(matrix.languages) + " |",
           "|---|" + "---|" * len(matrix.languages)]
    out += [f"| `{r.page}` | " + " | ".join(cell(r.cells[lang]) for lang in matrix.languages) + " |"
            for r in matrix.rows]
    by_page: dict[str, list[Finding]] = {}
    for f in findings:
        by_page.setdefault(f.path, []).append(f)
    shown = [c.path for r in matrix.rows for c in r.cells.values() if c.path in by_page]
    if shown:
        out += ["", "## Findings"]
    for path in dict.fromkeys(shown):
        out += ["", f'<a id="{_slug(rel(path))}"></a>', "", f"### [{rel(path)}](<{rel(path)}>)", ""]
        out += [f"- line {f.line}: {f.severity} `{f.check}` {f.message.replace('<', '&lt;')}"
                for f in sorted(by_page[path], key=lambda f: (f.line, f.check))]
    return "\n".join(out) + "\n"


# MkDocs' own front-matter pattern (mkdocs.utils.meta.YAML_RE): a fence may end in spaces.
_FENCED = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def set_front_matter(text: str, values: Mapping[str, str]) -> str:
    """`text` with these front-matter keys set (YAML scalars written as given); nothing else changes.

    The block is edited with a round-trip YAML library (anchors, aliases and comments stay);
    then the page is re-read as MkDocs reads it, and anything but the keys set having changed
    (its other metadata, its body) is refused with an InputError, never written.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    original = text[len(bom):]
    crlf = original.split("\n", 1)[0].endswith("\r")
    page = original.replace("\r\n", "\n") if crlf else original
    from mkdocs.utils.meta import get_data
    body, _ = get_data(page)
    fenced = _FENCED.match(page)
    if fenced is not None and body != page:      # MkDocs read a mapping there: edit it
        closing = page[fenced.end(1):fenced.end()]
        updated = page[:fenced.start(1)] + _edit_yaml(fenced.group(1), values) + closing + page[fenced.end():]
    else:   # none, or a horizontal rule / text MkDocs does not take as metadata: a new block
        updated = "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items()) + "---\n" + page
    _same_page_but(page, updated, values)
    return bom + (updated.replace("\n", "\r\n") if crlf else updated)


def _edit_yaml(block: str, values: Mapping[str, str]) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import YAMLError
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16           # never fold a long value onto two lines
    try:
        data = yaml.load(block)
    except DuplicateKeyError as exc:
        raise InputError(f"the front matter names a key twice ({str(exc.problem or '').strip()}); "
                         "it was left as it was", hint="keep one of the two lines, then mark it again") from None
    except YAMLError as exc:
        raise InputError(f"the front matter cannot be edited safely: {str(exc).splitlines()[0]}; "
                         "it was left as it was", hint="fix the YAML between the --- lines") from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise InputError("the front matter is not a mapping of keys; it was left as it was",
                         hint="write it as `key: value` lines between the --- lines")
    for key, value in values.items():
        data[key] = yaml.load(f"{key}: {value}\n")[key]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _same_page_but(before: str, after: str, values: Mapping[str, str]) -> None:
    """Refuse unless MkDocs reads `after` as `before` with exactly `values` set."""
    import yaml
    from mkdocs.utils.meta import get_data
    old_body, old_meta = get_data(before)
    new_body, new_meta = get_data(after)
    wanted = {k: yaml.safe_load(f"{k}: {v}")[k] for k, v in values.items()}
    if ({k: v for k, v in new_meta.items() if k not in wanted} != {k: v for k, v in old_meta.items() if k not in wanted}
            or any(new_meta.get(k) != v for k, v in wanted.items())):
        raise InputError("marking the page would change its other metadata as MkDocs reads it; "
                         "it was left as it was",
                         hint=f"add {', '.join(f'{k}: {v}' for k, v in values.items())} to its front matter by hand")
    if new_body.lstrip("\n") != old_body.lstrip("\n"):
        raise InputError("marking the page would change its text as MkDocs reads it (its first lines "
                         "read as metadata); it was left as it was",
                         hint="add a YAML front matter block (--- lines) by hand, then mark it again")


def mark_reviewed(site: Site, page: str) -> tuple[Claims, Claims, str]:
    """Record the source's current claims hash in the translation `page`; (translation, source, hash)."""
    claims = site.get(page) or site.get(os.path.abspath(page))
    if claims is None:
        raise InputError(f"not a page of the site: {page}", path=page,
                         hint="give the path of a translated page, e.g. docs/providers/doubao.en.md")
    if claims.page.lang == site.config.default_language:
        raise InputError("this is a source page; only translations are marked reviewed", path=page,
                         hint="give the translated page (its language's file)")
    source_path = pairing_for(site).source_of(claims.page.path)
    source = site.get(source_path) if source_path else None
    if source is None:
        raise InputError("no source page is paired with this translation", path=page,
                         hint="add `translation_of: <source page>` to its front matter")
    digest = claims_hash(source, site)
    # a symlinked translation is written through: the link stays, its target gets the keys
    path = Path(os.path.realpath(claims.page.path))
    if not path.stat().st_mode & 0o222:     # even root must not write a file marked read-only
        raise InputError("the page is read-only; it was left as it was", path=page,
                         hint="make it writable first if it is yours to change")
    try:
        text = path.read_bytes().decode("utf-8")
        updated = set_front_matter(text, {SOURCE_HASH_KEY: f'"{digest}"', REVIEWED_KEY: "true"})
        if updated != text:
            atomic_write_bytes(path, updated.encode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError("the page is not UTF-8; it was left as it was", path=page,
                         hint="docverify repair-encoding fixes mojibake first") from exc
    except OSError as exc:
        raise InputError(f"cannot write the page: {exc.strerror or exc}", path=page,
                         hint="check the file's and its folder's permissions") from exc
    return claims, source, digest

