"""Offline replay: a documented cURL example sent through httpx to its cassette, never a socket.

`ReplayTransport` is an httpx transport (like `httpx.MockTransport`) whose handler is one
index lookup in a cassette; a request it does not know raises `ReplayMiss` carrying the
closest recorded request and why it differs. `replay_example` turns one `Curl` claim into
an `Outcome` the replay checks read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from docverify.traffic.cassette import (Cassette, Interaction, Miss, RecordedRequest, cassette_path,
                                load_cassette)
from docverify.curl import parse_curl, to_httpx
from docverify.errors import CassetteError, DocverifyError, Unrecordable
from docverify.model import Curl, Page
from docverify.traffic.scrub import mask_request
from docverify.page.placeholders import DEFAULT_BASE, find_placeholder

# Headers httpx or curl add on their own: they say nothing about the documented request.
TRANSPORT_HEADERS = frozenset({"host", "content-length", "user-agent", "accept-encoding",
                               "connection", "accept"})

__all__ = ["SYMBOLIC", "Outcome", "ReplayMiss", "ReplayTransport", "Unrecordable", "documented_request",
           "replay_example", "to_recorded"]


class _Symbolic(Mapping[str, str]):
    """An environment in which every `${NAME}` is set to itself: placeholders stay symbolic."""

    def __getitem__(self, name: str) -> str:
        return "${" + name + "}"

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


SYMBOLIC: Mapping[str, str] = _Symbolic()


# Methods record sends; others change or delete things on the server.
SENT_METHODS = frozenset({"GET", "POST"})


def emulator_skip(request: httpx.Request) -> Unrecordable | None:
    """Why recording against the emulator would skip this request (a method, a route), or None."""
    from docverify.emulator.routes import route_for   # the route table only, not the server
    method, path = request.method.upper(), request.url.path
    if method not in SENT_METHODS:
        return Unrecordable(f"record does not send {method} requests (they change things on the server)")
    if route_for(method, path) is None:
        return Unrecordable(f"the emulator has no route for {method} {path}", hint="record it with --target live")
    return None


def documented_request(curl_text: str) -> httpx.Request:
    """The request a cURL example documents, `${ARK_API_KEY}` and friends left as written.

    A placeholder base (`https://<your-host>`, `你的服务器地址`, `{base_url}`) becomes
    DEFAULT_BASE, so every language's example is the same request and the cassette never
    depends on where it was recorded; recording sends it to the target's base URL instead.
    """
    request = parse_curl(curl_text)
    found = find_placeholder(request.url)
    if found is not None:
        if not found.mappable:
            raise Unrecordable(f"the URL {request.url} has a placeholder ({found.prefix.rsplit('/', 1)[-1]}) "
                               "after a real host: no base URL can stand in for it")
        request = dataclasses.replace(request, url=DEFAULT_BASE + found.rest)
    return to_httpx(request, SYMBOLIC)


class ReplayMiss(CassetteError):
    """No recorded interaction answers this request."""

    def __init__(self, miss: Miss, path: str) -> None:
        super().__init__(f"no recorded interaction matches: {miss.explain()}", path=path)
        self.miss = miss


def to_recorded(request: httpx.Request) -> RecordedRequest:
    """The request as a cassette stores it: documented headers only, body as text."""
    body = request.content.decode("utf-8", "replace") if request.content else None
    headers = tuple((k, v) for k, v in request.headers.multi_items()
                    if k.lower() not in TRANSPORT_HEADERS)
    return RecordedRequest(request.method, str(request.url), body, headers)


class ReplayTransport(httpx.BaseTransport):
    """Answers from a cassette's index; O(1) per request, whatever the cassette's size."""

    def __init__(self, cassette: Cassette) -> None:
        self.cassette = cassette
        self.last: Interaction | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        found = self.cassette.find(mask_request(to_recorded(request)))
        if isinstance(found, Miss):
            raise ReplayMiss(found, self.cassette.path)
        self.last = found
        recorded = found.response
        return httpx.Response(recorded.status, headers=list(recorded.headers),
                              content=recorded.body.encode("utf-8"), request=request)


def masked(cassette: Cassette) -> Cassette:
    """The cassette with its requests redacted as `mask_request` redacts the page's."""
    return Cassette(cassette.path, cassette.metadata, tuple(
        Interaction(mask_request(i.request), i.response, i.index) for i in cassette.interactions))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What replaying one example found: a response, a miss, or why neither could be had."""

    curl: Curl
    cassette: Path
    request: RecordedRequest | None = None
    interaction: Interaction | None = None
    miss: Miss | None = None
    problem: DocverifyError | None = None   # unparsable example, absent or corrupt cassette
    absent: bool = False


def replay_example(curl: Curl, page: Page, cassette_dir: Path) -> Outcome:
    path = cassette_path(cassette_dir, page.rel or Path(page.path).name, page.lang, curl.index)
    try:
        request = documented_request(curl.text)   # symbolic, exactly as the cassette stores it
    except DocverifyError as exc:
        return Outcome(curl, path, problem=exc)
    # Credentials the page wrote literally are redacted in the cassette: compare (and show,
    # in a drift message) both sides redacted the same way, never the values.
    recorded = mask_request(to_recorded(request))
    if not path.is_file():
        # An example the emulator cannot answer was skipped by record, with this reason.
        return Outcome(curl, path, recorded, problem=emulator_skip(request), absent=True)
    try:
        cassette = load_cassette(path)
    except CassetteError as exc:
        return Outcome(curl, path, recorded, problem=exc)
    transport = ReplayTransport(masked(cassette))
    with httpx.Client(transport=transport) as client:
        try:
            client.send(request)
        except ReplayMiss as exc:
            return Outcome(curl, path, recorded, miss=exc.miss)
    return Outcome(curl, path, recorded, interaction=transport.last)
