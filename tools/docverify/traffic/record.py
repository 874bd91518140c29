"""Recording: each documented cURL example sent once (live API or emulator) and kept as a cassette.

Live and emulator share every step except `send_to`: the cassette always holds the
DOCUMENTED request (URL, `${ARK_API_KEY}` placeholder), whatever address got the bytes.
An example is only rewritten when its interaction changed (ids, dates and request ids
aside), so re-recording an unchanged site leaves every file, metadata included, as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from docverify import __version__
from docverify.traffic.cassette import (Interaction, RecordedResponse, cassette_path,
                                dump_cassette, load_cassette, models_cassette_path, render)
from docverify.page.examples import api_examples, models_listing_url
from docverify.errors import CassetteError, DocverifyError, RecordError
from docverify.traffic.hosts import check_host, host_of
from docverify.model import Claims
from docverify.traffic.replay import documented_request, to_recorded
from docverify.traffic.scrub import assert_clean, scrub_interaction, scrub_message

KEY_NAME = "ARK_API_KEY"
PLACEHOLDER = "${" + KEY_NAME + "}"
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")   # visible ASCII: what a header value may carry
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
VOLATILE_HEADERS = frozenset({"date", "x-request-id", "server", "content-length", "x-client-request-id"})
VOLATILE_FIELDS = frozenset({"id", "created", "request_id"})

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Target:
    """Where the bytes go: `send_to` None means the documented URL itself (live)."""

    name: str                      # "live" | "emulator"
    api_key: str
    send_to: str | None = None     # e.g. "http://127.0.0.1:8123": replaces scheme://host:port


@dataclass(frozen=True, slots=True)
class Policy:
    allow_hosts: frozenset[str] = frozenset()
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5           # seconds; doubles each retry, Retry-After wins when larger
    max_wait: float = 30.0
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True, slots=True)
class Result:
    label: str                     # `path:line #index` (or `path models`)
    status: str                    # "recorded" | "unchanged" | "failed"
    reason: str = ""
    cassette: Path | None = None


@dataclass(frozen=True, slots=True)
class RecordSummary:
    results: tuple[Result, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def __str__(self) -> str:
        lines = [f"recorded {self.count('recorded')}, unchanged {self.count('unchanged')}, "
                 f"failed {self.count('failed')}"]
        lines += [f"  failed {r.label}: {r.reason}" for r in self.results if r.status == "failed"]
        return "\n".join(lines)


# ---------------------------------------------------------------- sending


def _address(url: str, target: Target) -> str:
    if target.send_to is None:
        return url
    parts = urlsplit(url)
    return target.send_to.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def send(client: httpx.Client, request: httpx.Request, policy: Policy) -> httpx.Response:
    """Send with bounded retries: 429/5xx and transport errors, exponential backoff, Retry-After."""
    for attempt in range(policy.retries + 1):
        wait = policy.backoff * 2 ** attempt
        try:
            response = client.send(request)
            response.read()
        except httpx.TransportError as exc:
            if attempt == policy.retries:
                raise RecordError(f"{type(exc).__name__}: {exc or 'no answer'} "
                                  f"(after {attempt + 1} attempts)") from None
        else:
            if response.status_code not in RETRY_STATUSES or attempt == policy.retries:
                return response
            after = response.headers.get("retry-after", "")
            wait = max(wait, float(after)) if after.replace(".", "", 1).isdigit() else wait
        policy.sleep(min(wait, policy.max_wait))
    raise AssertionError("unreachable")


def _fill_header(name: str, value: str, key: str) -> str:
    if name.lower() == "authorization" and value[:6].lower() == "basic ":
        # `-u user:${ARK_API_KEY}`: the placeholder sits inside the base64 of user:password
        try:
            pair = base64.b64decode(value[6:], validate=True).decode("utf-8")
        except ValueError:
            return value
        if PLACEHOLDER in pair:
            filled = pair.replace(PLACEHOLDER, key).encode("utf-8")
            return value[:6] + base64.b64encode(filled).decode("ascii")
    return value.replace(PLACEHOLDER, key)


def _fill_url(url: str, key: str) -> str:
    quoted = quote(key, safe="")
    return url.replace(PLACEHOLDER, quoted).replace(quote(PLACEHOLDER, safe=""), quoted)


def filled_request(documented: httpx.Request, target: Target) -> httpx.Request:
    """The documented request with the key put where the page says `${ARK_API_KEY}`."""
    key = target.api_key
    headers = [(k, _fill_header(k, v, key)) for k, v in documented.headers.multi_items()
               if k.lower() != "content-length"]   # stale once the key is in: httpx recounts
    if any(key in v for _, v in headers) and not _HEADER_SAFE.fullmatch(key):
        raise RecordError(f"{KEY_NAME} holds a character an HTTP header cannot carry "
                          "(a control character, a line break or a non-ASCII letter)",
                          hint=f"set {KEY_NAME} to the key alone, without quotes or line ends")
    try:
        return httpx.Request(documented.method, _fill_url(_address(str(documented.url), target), key),
                             # as curl sends them: UTF-8 bytes (httpx alone would insist on ASCII)
                             headers=[(k.encode("utf-8"), v.encode("utf-8")) for k, v in headers],
                             content=documented.content.replace(PLACEHOLDER.encode(), key.encode("utf-8")))
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise RecordError(f"cannot build the request: {type(exc).__name__}") from None


def exchange(client: httpx.Client, documented: httpx.Request, target: Target,
             policy: Policy) -> Interaction:
    """One documented request sent to the target; the interaction names the documented URL."""
    filled = filled_request(documented, target)
    response = send(client, filled, policy)
    if response.status_code in (401, 403):
        # The body may echo the key ("Incorrect API key provided: …"): scrubbed before shown.
        echo = scrub_message(response.text[:200], {KEY_NAME: target.api_key})
        raise RecordError(f"the API refused the key ({response.status_code}): {echo}",
                          hint=f"check {KEY_NAME}")
    if response.status_code in RETRY_STATUSES:
        raise RecordError(f"still {response.status_code} after {policy.retries} retries")
    headers = tuple((k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding")
    return Interaction(to_recorded(documented), RecordedResponse(
        response.status_code, response.reason_phrase, headers, response.text))


# ---------------------------------------------------------------- comparing and writing


def _stable(interaction: Interaction) -> Any:
    """What must stay equal for a re-recording to count as unchanged."""
    def body(text: str) -> Any:
        try:
            return _drop_volatile(json.loads(text))
        except ValueError:
            return [_stable_line(line) for line in text.splitlines()]
    resp = interaction.response
    return (interaction.request, resp.status,
            sorted((k.lower(), v) for k, v in resp.headers if k.lower() not in VOLATILE_HEADERS),
            body(resp.body))


def _stable_line(line: str) -> Any:
    if line.startswith("data:"):
        try:
            return _drop_volatile(json.loads(line[5:]))
        except ValueError:
            pass
    return line


def _drop_volatile(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_volatile(v) for k, v in value.items() if k not in VOLATILE_FIELDS}
    if isinstance(value, list):
        return [_drop_volatile(v) for v in value]
    return value


def save(path: Path, interaction: Interaction, metadata: dict[str, Any], secrets: dict[str, str]) -> str:
    clean = scrub_interaction(interaction, secrets)
    if path.is_file():
        try:
            old = load_cassette(path)
        except CassetteError:
            old = None
        if old is not None and len(old.interactions) == 1 and _stable(old.interactions[0]) == _stable(clean):
            return "unchanged"
    assert_clean(render([clean], metadata), secrets, path=str(path))
    dump_cassette(path, [clean], metadata)
    return "recorded"


# ---------------------------------------------------------------- the run


def _jobs(pages: Sequence[Claims], cassette_dir: Path) -> Iterator[tuple[Claims, str, str | int, Path, str]]:
    """(page, label, example, cassette, curl text or models URL) for every recording to make."""
    for claims in pages:
        page = claims.page
        rel = page.rel or Path(page.path).name
        for curl, _ in api_examples(claims):
            yield (claims, f"{page.path}:{curl.line} #{curl.index}", curl.index,
                   cassette_path(cassette_dir, rel, page.lang, curl.index), curl.text)
        listing = models_listing_url(claims)
        if listing and any(m.source == "table" for m in claims.model_ids):
            yield (claims, f"{page.path} models", "models", models_cassette_path(cassette_dir, rel, page.lang),
                   listing)


def record(pages: Sequence[Claims], target: Target, cassette_dir: Path, *, client_profile: str,
           policy: Policy = Policy(), progress: Progress | None = None) -> RecordSummary:
    jobs = list(_jobs(pages, cassette_dir))
    results: list[Result] = []
    secrets = {KEY_NAME: target.api_key}
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    with httpx.Client(timeout=policy.timeout, follow_redirects=False, trust_env=False) as client:
        for n, (claims, label, example, path, source) in enumerate(jobs):
            if progress:
                progress(n, len(jobs), label)
            documented_hosts = {host_of(e.url) for e in claims.endpoints}
            try:
                if example == "models":
                    documented = httpx.Request("GET", source, headers={
                        "Authorization": "Bearer ${" + KEY_NAME + "}"})
                else:
                    documented = documented_request(source)
                check_host(str(documented.url), documented_hosts, policy.allow_hosts,
                           resolve=target.send_to is None)
                interaction = exchange(client, documented, target, policy)
                metadata = {"recorded_by": "docverify", "docverify_version": __version__,
                            "target": target.name, "recorded_at": today, "client": client_profile,
                            "emulator_url": target.send_to, "page": claims.page.rel,
                            "lang": claims.page.lang, "example": example}
                status = save(path, interaction, metadata, secrets)
                results.append(Result(label, status, cassette=path))
            except DocverifyError as exc:
                # The message may quote the key (an HTTP library's "Illegal header value …").
                results.append(Result(label, "failed", scrub_message(str(exc), secrets), path))
    if progress:
        progress(len(jobs), len(jobs), "done")
    return RecordSummary(tuple(results))
