"""The parity check: a translation against its source, section by section, on language-neutral claims.

| id | severity | when |
|---|---|---|
| `parity.endpoint` | error | an aligned section gives other API addresses than the source's |
| `parity.model-id` | error | a model table or JSON example names other model IDs |
| `parity.curl` | error | a cURL example sends another request (compared parsed: quoting alone is no drift) |
| `parity.link` | warning | link targets (mapped through the pairing) or image files differ |
| `parity.structure` | warning | what a reader loses: a section, step, admonition, table or code block missing, code or code spans that differ, list items saying what the source does not (a notice added, moved or restyled, or a paragraph made a list, is no loss) |
| `translation.missing` | warning | a source page has no page in a declared language, or a translated page has no source |
|  |  | (in a GitBook tree only pages its SUMMARY.md lists count: GitBook publishes no others) |
| `translation.stale` | warning | the source's claims changed after the translation was last updated (staleness.py) |

Findings go on the translated page (translation.missing for a source page goes on the source)
and their messages start with both places: `bn.md:41 against zh.md:39: …`. Errors come one per
section and kind; link and structure warnings one per page, listing every place that differs,
so a translation of an older generation of the page gives a few findings, not hundreds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from docverify.checks.parity_compare import compare_counts, compare_curl, compare_sequence, compare_structure
from docverify.checks.parity_links import link_items
from docverify.checks.translation import wrapped_in
from docverify.translations.facets import Facets, Item, facets_of
from docverify.model import Claims, Finding, Severity
from docverify.translations.pairing import NAVIGATION, pairing_for
from docverify.page.parse import display_path
from docverify.page.sections import Section, align_pages, ascii_alnum
from docverify.translations.staleness import check_stale, has_history

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["PARITY_IDS", "check_parity", "compare_pages"]

PARITY_IDS = ("parity.curl", "parity.endpoint", "parity.link", "parity.model-id", "parity.structure",
              "translation.missing", "translation.stale")
_FIX = "bring the translation in line with the source section (the source is right unless it is stale)"
_HINTS = {
    "parity.endpoint": "give the reader the address the source gives: " + _FIX,
    "parity.model-id": "use the model IDs of the source: " + _FIX,
    "parity.curl": "copy the source's cURL example; translate only comments and message text",
    "parity.link": "link to the counterpart of the source's target (and the same section): " + _FIX,
    "parity.structure": _FIX,
}


def check_parity(claims: Claims, site: Site) -> Iterator[Finding]:
    """Pairing, parity and staleness findings for one page."""
    config, page = site.config, claims.page
    # a page in no language (LANGS.md beside the language folders, a space nobody could name)
    # pairs with nothing
    if len(config.languages) < 2 or (config.syntax == "gitbook" and page.rel in NAVIGATION) or not page.lang:
        return
    pairing = pairing_for(site)
    if page.lang == config.default_language or not page.lang:
        have = pairing.translations(page.path)
        if not have and config.layout == "suffixed":
            return      # translations named beside their pages: a repository translates its README, not every file
        missing = [lang for lang in config.languages[1:] if lang not in have]
        if missing and page.path not in pairing.unlisted:
            yield Finding("translation.missing", Severity.WARNING, page.path, 1,
                          f"expected this page in every language the site declares, found no "
                          f"{', '.join(missing)} page (e.g. {display_path(config.path_for(page.rel, missing[0]))})",
                          "translate the page, or name its source with `translation_of:` in the "
                          "translation's front matter if it lives elsewhere")
        return
    source_path = pairing.source_of(page.path)
    source = site.get(source_path) if source_path else None
    if source is None:
        if page.path in pairing.unlisted:
            return
        yield Finding("translation.missing", Severity.WARNING, page.path, 1,
                      f"expected the {config.default_language} page this {page.lang} page translates "
                      f"(e.g. {display_path(config.path_for(page.rel, config.default_language))}), found none",
                      "add `translation_of: <source page>` to the front matter, or remove the page "
                      "if the source was removed")
        return
    if wrapped_in(page, site) is None:
        # a page wrapped in a code block is one finding, translation.wrapped, not a parity list
        yield from compare_pages(source, claims, site)
    yield from check_stale(source, claims, site)


def compare_pages(source: Claims, translation: Claims, site: Site) -> Iterator[Finding]:
    """Errors per aligned section; structure and link differences gathered into one finding each."""
    src, tr = source.page, translation.page
    fa, fb = facets_of(source), facets_of(translation)
    la, lb = link_items(source, translation, site)
    gathered: dict[str, list[tuple[int, int, str]]] = {"parity.structure": [], "parity.link": []}
    moved: list[tuple[int, int, str]] = []     # sections only one side has
    last = (1, 1)
    after = "the start of the page"
    gap: list[Section] = []
    for a, b in _trusted(align_pages(src, tr), fa, fb, la, lb) + [(None, None)]:
        if a is not None and b is None:
            gap.append(a)
            continue
        if gap:
            moved.append((gap[0].line, last[1], _dropped(gap, fa, after)))
            gap = []
        if b is None:
            continue
        if a is None:
            moved.append((last[0], b.line, f"found section {b} (line {b.line})"
                                            f"{_holds(fb[b.index])} that the source does not have"))
            continue
        last = (a.line, b.line)
        after = f"section {b} (line {b.line})" if b.level else "the text before the first heading"
        for check, lines, phrase in _section(a, b, fa[a.index], fb[b.index], la[a.index], lb[b.index]):
            if check in gathered:
                gathered[check].append((*lines, phrase))
            else:
                yield Finding(check, Severity.ERROR, tr.path, lines[1],
                              f"{tr.path}:{lines[1]} against {src.path}:{lines[0]}: {phrase}", _HINTS[check])
    structure = gathered["parity.structure"]
    if moved and not has_history(source, translation, site):
        # Sections added or removed since the translation was made: an older version of the page.
        # One finding says so and lists the rest too, since updating the page fixes them all.
        rest = sorted(structure + gathered["parity.link"], key=lambda x: x[1])
        yield _gathered("translation.stale", moved + rest, src.path, tr.path,
                        "expected a translation of the source as it is now, found an older version "
                        "(judged from content, as no git history or source_hash dates it): ",
                        "update the translation from the source, then run `docverify status "
                        f"--mark-reviewed {tr.path}` to record the source it matches")
        return
    structure = sorted(moved + structure, key=lambda x: x[1])
    for check, found in (("parity.structure", structure), ("parity.link", gathered["parity.link"])):
        if found:
            yield _gathered(check, found, src.path, tr.path,
                            f"{len(found)} places differ from the source: " if len(found) > 1 else "",
                            _HINTS[check])


_PLACES = 6


def _gathered(check: str, places: list[tuple[int, int, str]], src: str, tr: str, head: str,
              hint: str) -> Finding:
    """One warning for a page, listing the places that differ (the first few, then a count)."""
    first = places[0]
    more = f" | and {len(places) - _PLACES} more places" if len(places) > _PLACES else ""
    return Finding(check, Severity.WARNING, tr, first[1],
                   f"{tr}:{first[1]} against {src}:{first[0]}: {head}"
                   + " | ".join(phrase for _, _, phrase in places[:_PLACES]) + more, hint)


def _neutral(f: Facets, links: list[Item]) -> set[str]:
    return {i.value for group in (f.endpoints, f.model_ids, f.spans, links) for i in group} \
        | {c.text.split("\n", 1)[0] for c in f.curls}


def _trusted(pairs: list[tuple[Section | None, Section | None]], fa: tuple[Facets, ...],
             fb: tuple[Facets, ...], la: list[list[Item]], lb: list[list[Item]]
             ) -> list[tuple[Section | None, Section | None]]:
    """The alignment, minus pairs that only share a heading level. When both pages have the same
    sections, position is evidence enough; when they do not, a level-only match of two sections
    that hold language-neutral values yet share none, under unrelated headings, are two sections."""
    if all(a is not None and b is not None and a.level == b.level for a, b in pairs):
        return pairs
    out: list[tuple[Section | None, Section | None]] = []
    for a, b in pairs:
        # the text before the first heading, and the page's title section, pair by definition
        if a is not None and b is not None and a.level > 1 and a.anchor != b.anchor:
            x, y = _neutral(fa[a.index], la[a.index]), _neutral(fb[b.index], lb[b.index])
            ha, hb = ascii_alnum(a.title), ascii_alnum(b.title)
            related = bool(ha and hb and (ha in hb or hb in ha))
            if (x or y) and not x & y and not related:
                out.extend(((a, None), (None, b)))
                continue
        out.append((a, b))
    return out


def _holds(f: Facets) -> str:
    kinds = [(len(f.endpoints), "endpoint"), (len(f.model_ids), "model ID"), (len(f.curls), "cURL example"),
             (len(f.code_blocks), "code block"), (len(f.images), "image")]
    held = [f"{n} {what}{'s' if n > 1 else ''}" for n, what in kinds if n]
    return f" (it holds {', '.join(held)})" if held else ""


def _dropped(gap: list[Section], fa: tuple[Facets, ...], after: str) -> str:
    names = ", ".join(f"{s} (line {s.line})" for s in gap[:4]) + (f" and {len(gap) - 4} more" if len(gap) > 4 else "")
    held = _holds(fa[gap[0].index]) if len(gap) == 1 else ""
    return f"expected the source's section{'s' if len(gap) > 1 else ''} {names}{held} after {after}, found none"


def _first_lines(a: list[Item], b: list[Item], default: tuple[int, int]) -> tuple[int, int]:
    for x, y in zip(a, b):
        if x.value != y.value:
            return x.line, y.line
    if len(a) != len(b):
        return (a[len(b)].line if len(a) > len(b) else default[0],
                b[len(a)].line if len(b) > len(a) else default[1])
    return default


def _section(a: Section, b: Section, fa: Facets, fb: Facets, la: list[Item], lb: list[Item]
             ) -> Iterator[tuple[str, tuple[int, int], str]]:
    """(check, (source line, translation line), phrase) for each kind that differs in this section."""
    home = (a.line, b.line)
    where = f"section {b} (line {b.line}) against {a} (line {a.line})" if b.level else str(b)
    for check, what, x, y in (("parity.endpoint", "endpoint", fa.endpoints, fb.endpoints),
                              ("parity.model-id", "model ID", fa.model_ids, fb.model_ids)):
        if phrases := compare_sequence(what, x, y):
            yield check, _first_lines(list(x), list(y), home), f"{where}: " + "; ".join(phrases)
    curls = [(n, x, y, compare_curl(x, y)) for n, (x, y) in enumerate(zip(fa.curls, fb.curls), 1)]
    curl_phrases = [f"cURL example {n}: " + "; ".join(d[:4]) for n, _, _, d in curls if d]
    if len(fa.curls) != len(fb.curls):
        curl_phrases.append(f"expected {len(fa.curls)} cURL example(s) as in the source, found {len(fb.curls)}")
    if curl_phrases:
        bad = next(((x.line, y.line) for _, x, y, d in curls if d), home)
        yield "parity.curl", bad, f"{where}: " + "; ".join(curl_phrases)
    if phrases := compare_counts("link target", la, lb) + compare_counts("image", fa.images, fb.images):
        yield "parity.link", _first_lines(la + list(fa.images), lb + list(fb.images), home), \
            f"{where}: " + "; ".join(phrases)
    if phrases := compare_structure(a, b, fa, fb):
        yield "parity.structure", home, f"{where}: " + "; ".join(phrases)
