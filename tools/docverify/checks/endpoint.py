"""Endpoint checks: the API addresses a page documents, resolved through the client profiles.

`endpoint.unresolved` (error): under a profile the site targets (mkdocs.yml `clients`, or a
`<!-- docverify: clients … -->` directive for the page or the line; a site naming neither gets
no client rules at all), a documented address
does not reach the URL of the page's own cURL example. The reader who types it gets a 404.

`endpoint.equivalence` (warning): addresses the page offers as alternatives (several on one
host in one section, outside tables: a table compares forms, it does not offer them; see
checks/resolution.py for tables that claim request URLs) reach different URLs under a profile. A warning, because "same section" is how we
guess they are alternatives and, with no cURL example to compare with, which one is meant
is a guess too: the form most of them share, else the first one listed (the page's default).
On a page with a cURL example the address that misses it is reported once, as unresolved.
A page whose cURL example is only a screenshot has no reference URL (docverify keeps no list
of official URLs of its own), so only equivalence applies there.

Only addresses that look like a provider's API address are read: an http(s) URL ending in
`/` or `#` (the forms the client rules act on), or one on the host of the page's cURL
example, unless it ends in an endpoint route (`…/chat/completions`): that is a request URL
quoted in prose, not an address anyone types.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docverify.curl import parse_curl
from docverify.errors import DocverifyError
from docverify.model import Claims, Directive, Endpoint, Finding, Page, Severity
from docverify.clients.profiles import (DEFAULT_PROFILE, PROFILES, SUPPORTED_ENDPOINTS, get_profile,
                                on_the_wire, resolve)

if TYPE_CHECKING:
    from docverify.pageset.site import Site

# Routes a cURL URL may end with, longest first, so `…/bots/chat/completions` reads as chat.
_ROUTES = tuple(sorted({*SUPPORTED_ENDPOINTS, "embeddings", "embeddings/multimodal",
                        "completions", "models", "rerank"}, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Reference:
    """A request URL the page documents itself: a cURL example's URL."""

    url: str
    line: int
    what: str = "the page's cURL example"

    @property
    def endpoint(self) -> str:
        try:
            path = urlsplit(self.url).path
        except ValueError:
            path = ""
        return next((r for r in _ROUTES if path.endswith("/" + r)), "chat/completions")


def check_endpoints(claims: Claims, site: Site) -> Iterator[Finding]:
    refs = references(claims)
    hosts = {_host(r.url) for r in refs}
    addresses = [e for e in claims.endpoints if e.kind == "address" and _is_api_address(e, hosts)]
    if not addresses:
        return
    # Opt-in: a site that declares no client (mkdocs.yml `clients`) gets no client URL rules,
    # only the lines a `<!-- docverify: clients … -->` directive scopes to one.
    site_clients = tuple(site.config.clients)
    for e in addresses:
        for client in clients_for(e, claims.page, site_clients):
            if not _known(client):
                yield _finding("endpoint.unresolved", Severity.ERROR, claims.page, e.line,
                               f"cannot resolve {e.url} under unknown client profile {client!r}",
                               f"use one of {', '.join(PROFILES)} in mkdocs.yml `clients` or "
                               "the `<!-- docverify: clients … -->` directive")
            elif refs and (finding := _unresolved(e, client, refs, addresses, claims.page)):
                yield finding
    if not refs:   # with a reference, the address that misses it is already unresolved
        yield from _equivalence(addresses, claims.page, site_clients)


def references(claims: Claims) -> tuple[Reference, ...]:
    """The request URLs of the page's cURL examples."""
    refs = []
    for curl in claims.curls:
        try:
            url = parse_curl(curl.text).url
        except DocverifyError:
            continue      # the curl check reports what cannot be parsed
        if _host(url):
            refs.append(Reference(url, curl.line))
    return tuple(refs)


def clients_for(e: Endpoint, page: Page, site_clients: Sequence[str]) -> tuple[str, ...]:
    """The profiles a claim is read under: its own scope, else the nearest directive's, else the site's."""
    if e.clients:
        return e.clients
    covering = [d for d in page.directives
                if d.verb == "clients" and d.args and _covers(page, d, e.line)]
    return max(covering, key=lambda d: d.line).args if covering else tuple(site_clients)


def _covers(page: Page, d: Directive, line: int) -> bool:
    """A directive before the first heading covers the page; a comment inside a paragraph,
    that paragraph up to it; otherwise the block after it, up to the next blank line."""
    first_heading = min((h.line for h in page.headings), default=None)
    if first_heading is None or d.line < first_heading:
        return True
    if 0 < d.scope_line <= d.line:
        return d.scope_line <= line <= d.line
    lines = page.source.splitlines()
    start = d.scope_line or d.line + 1
    while start <= len(lines) and not lines[start - 1].strip():
        start += 1
    return start <= line and all(lines[i - 1].strip() for i in range(start, line + 1))


def _unresolved(e: Endpoint, client: str, refs: Sequence[Reference],
                addresses: Sequence[Endpoint], page: Page) -> Finding | None:
    results = [(r, resolve(e.url, client, r.endpoint).request_url) for r in refs]
    if any(_same(url, r.url) for r, url in results):
        return None
    ref, url = next(((r, u) for r, u in results if _host(r.url) == _host(e.url)), results[0])
    return _finding(
        "endpoint.unresolved", Severity.ERROR, page, e.line,
        f"under {client} the address {e.url} sends requests to {url or '(nothing)'}, "
        f"expected {ref.url} ({ref.what}, line {ref.line})",
        f"under {client} this address sends requests to {url or '(nothing)'}; "
        + _fix(e, client, ref.url, ref.endpoint, addresses))


def _equivalence(addresses: Sequence[Endpoint], page: Page,
                 site_clients: Sequence[str]) -> Iterator[Finding]:
    sections: dict[tuple[str, str], list[Endpoint]] = {}
    in_tables = {line for t in page.tables for line in t.row_lines}
    for e in addresses:
        if e.line not in in_tables:
            sections.setdefault((e.section, _host(e.url)), []).append(e)
    for (section, _), group in sections.items():
        if len({e.url for e in group}) < 2:
            continue
        scopes = {e.line: clients_for(e, page, site_clients) for e in group}
        for client in dict.fromkeys(c for e in group for c in scopes[e.line] if _known(c)):
            members = [e for e in group if client in scopes[e.line]]
            urls = {e.line: resolve(e.url, client).request_url for e in members}
            if len(set(urls.values())) < 2:
                continue
            counts = Counter(urls.values())
            # The form most alternatives reach; on a tie the first listed (the page's default).
            meant = max(members, key=lambda e: (counts[urls[e.line]], -members.index(e)))
            for e in members:
                if urls[e.line] == urls[meant.line]:
                    continue
                where = f"section '{section}'" if section else "the page"
                yield _finding(
                    "endpoint.equivalence", Severity.WARNING, page, e.line,
                    f"{where} offers these addresses as alternatives, but under {client} "
                    f"{meant.url} (line {meant.line}) sends requests to {urls[meant.line]} "
                    f"while {e.url} sends them to {urls[e.line] or '(nothing)'}",
                    f"under {client} this address sends requests to {urls[e.line] or '(nothing)'}; "
                    + _fix(e, client, urls[meant.line], "chat/completions", members))


def _fix(e: Endpoint, client: str, target: str, endpoint: str,
         addresses: Sequence[Endpoint]) -> str:
    """What to write instead, under this profile, and where this line is right as it stands."""
    alt = next((a for a in addresses if a.url != e.url
                and _same(resolve(a.url, client, endpoint).request_url, target)), None)
    if alt is not None:
        advice = f"keep the address {alt.url} (line {alt.line})"
    else:
        base = target[: -len(endpoint)] if target.endswith(endpoint) else target
        forms = (base, target + "#", base.rstrip("/"))
        form = next((f for f in forms if _same(resolve(f, client, endpoint).request_url, target)),
                    base)
        advice = f"write the address as {form}"
    fine = [name for name in PROFILES if name != client
            and _same(resolve(e.url, name, endpoint).request_url, target)]
    if fine:
        advice += (f" or scope the line to {' '.join(fine)} with "
                   f"<!-- docverify: clients {' '.join(fine)} -->")
    return advice


def _finding(check: str, severity: Severity, page: Page, line: int, message: str,
             hint: str) -> Finding:
    return Finding(check, severity, page.path, line, message, hint)


def _is_api_address(e: Endpoint, ref_hosts: set[str]) -> bool:
    url = e.url.strip()
    host = _host(url)
    if not host:
        return False
    if url.endswith(("/", "#")):
        return True
    # A full request URL in prose ("requests go to …/chat/completions") is not typed anywhere.
    path = urlsplit(url).path
    return host in ref_hosts and not any(path.endswith("/" + r) for r in _ROUTES)


def _host(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:   # `http://[::1`: no host a client could reach
        return ""
    return parts.netloc.lower() if parts.scheme.lower() in ("http", "https") else ""


def _same(a: str, b: str) -> bool:
    """Two request URLs are the same request: scheme and host case-blind, no fragment or query."""
    if not a or not b:
        return False
    pa, pb = urlsplit(on_the_wire(a)), urlsplit(on_the_wire(b))
    return (pa.scheme.lower(), pa.netloc.lower(), pa.path) == \
           (pb.scheme.lower(), pb.netloc.lower(), pb.path)


def _known(name: str) -> bool:
    try:
        get_profile(name)
    except DocverifyError:
        return False
    return True
