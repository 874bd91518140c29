"""Recording: each documented cURL example sent once (live API or emulator) and kept as a cassette.

Live and emulator share every step except `send_to`: the cassette always holds the
DOCUMENTED request (URL, `${ARK_API_KEY}` placeholder), whatever address got the bytes.
An example is only rewritten when its interaction changed (ids, dates and request ids
aside), so re-recording an unchanged site leaves every file, metadata included, as it was.

Record tells the truth: an answer other than 2xx (unless the page documents that status) is
a failure and writes nothing; an example that cannot be sent (a placeholder no base URL can
stand in for, a route the emulator does not have, a method record will not send) is skipped
with its reason. A placeholder host goes to the target's base URL: the emulator's, or for
live the site's `base_url` (or `--base-url`); the key for each host comes from the variable
the site names for it (site/settings.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import httpx

from docverify import __version__
from docverify.credentials import is_secret_name
from docverify.traffic.cassette import (Interaction, RecordedResponse, cassette_path,
                                dump_cassette, load_cassette, models_cassette_path, render)
from docverify.page.examples import api_examples, models_listing_url
from docverify.errors import CassetteError, DocverifyError, RecordError
from docverify.traffic.hosts import check_host, host_of
from docverify.model import Claims
from docverify.page.examples import documented_statuses
from docverify.page.placeholders import DEFAULT_BASE
from docverify.site.settings import Settings
from docverify.traffic.replay import SENT_METHODS, Unrecordable, documented_request, emulator_skip, to_recorded
from docverify.traffic.scrub import assert_clean, scrub_interaction, scrub_message, scrub_outgoing

KEY_NAME = "ARK_API_KEY"
PLACEHOLDER = "${" + KEY_NAME + "}"
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")   # visible ASCII: what a header value may carry
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
VOLATILE_HEADERS = frozenset({"date", "x-request-id", "server", "content-length", "x-client-request-id"})
VOLATILE_FIELDS = frozenset({"id", "created", "request_id"})

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Target:
    """Where the bytes go: `send_to` None means the documented URL itself (live)."""

    name: str                      # "live" | "emulator"
    api_key: str                   # the emulator's key; for live, "" (each host's is read per request)
    send_to: str | None = None     # e.g. "http://127.0.0.1:8123": replaces scheme://host:port
    base_url: str = ""             # live: what a placeholder host stands for ("" : none, skipped)
    key_name: str = KEY_NAME       # the variable the documented request writes the key as
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)


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
    status: str                    # "recorded" | "unchanged" | "skipped" | "failed"
    reason: str = ""
    cassette: Path | None = None


@dataclass(frozen=True, slots=True)
class RecordSummary:
    results: tuple[Result, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def __str__(self) -> str:
        lines = [f"recorded {self.count('recorded')}, unchanged {self.count('unchanged')}, "
                 f"skipped {self.count('skipped')}, failed {self.count('failed')}"]
        lines += [f"  {r.status} {r.label}: {r.reason}" for r in self.results
                  if r.status in ("skipped", "failed")]
        return "\n".join(lines)


# ---------------------------------------------------------------- sending


def _address(url: str, target: Target) -> str:
    parts = urlsplit(url)
    base = target.send_to or (target.base_url if url.startswith(DEFAULT_BASE) else None)
    if base is None:
        return url
    return base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


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


def _fill_header(name: str, value: str, key: str, written: str = PLACEHOLDER) -> str:
    if name.lower() == "authorization" and value[:6].lower() == "basic ":
        # `-u user:${ARK_API_KEY}`: the placeholder sits inside the base64 of user:password
        try:
            pair = base64.b64decode(value[6:], validate=True).decode("utf-8")
        except ValueError:
            return value
        if written in pair:
            filled = pair.replace(written, key).encode("utf-8")
            return value[:6] + base64.b64encode(filled).decode("ascii")
    return value.replace(written, key)


def _fill_url(url: str, key: str, written: str = PLACEHOLDER) -> str:
    quoted = quote(key, safe="")
    return url.replace(written, quoted).replace(quote(written, safe=""), quoted)


def filled_request(documented: httpx.Request, target: Target) -> httpx.Request:
    """The documented request with the key put where the page says `${ARK_API_KEY}` (or the
    variable the page names for it, `target.key_name`)."""
    key, name = target.api_key, target.key_name
    written = "${" + name + "}"
    headers = [(k, _fill_header(k, v, key, written)) for k, v in documented.headers.multi_items()
               if k.lower() != "content-length"]   # stale once the key is in: httpx recounts
    if any(key in v for _, v in headers) and not _HEADER_SAFE.fullmatch(key):
        raise RecordError(f"{name} holds a character an HTTP header cannot carry "
                          "(a control character, a line break or a non-ASCII letter)",
                          hint=f"set {name} to the key alone, without quotes or line ends")
    try:
        return httpx.Request(documented.method, _fill_url(_address(str(documented.url), target), key, written),
                             # as curl sends them: UTF-8 bytes (httpx alone would insist on ASCII)
                             headers=[(k.encode("utf-8"), v.encode("utf-8")) for k, v in headers],
                             content=documented.content.replace(written.encode(), key.encode("utf-8")))
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise RecordError(f"cannot build the request: {type(exc).__name__}") from None


def exchange(client: httpx.Client, documented: httpx.Request, target: Target,
             policy: Policy) -> Interaction:
    """One documented request sent to the target; the interaction names the documented URL."""
    filled = filled_request(documented, target)
    response = send(client, filled, policy)
    if response.status_code in (401, 403):
        # The body may echo the key ("Incorrect API key provided: …"): scrubbed before shown.
        echo = scrub_message(response.text[:200], {target.key_name: target.api_key})
        raise RecordError(f"the API refused the key ({response.status_code}): {echo}",
                          hint=f"check {target.key_name}")
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


def _key_variable(documented: httpx.Request) -> str:
    """The variable the page writes the key as (`Bearer $OPENAI_API_KEY`, `?key=${GEMINI_KEY}`), or ""."""
    pairs = documented.headers.multi_items()
    auth = [v for k, v in pairs if is_secret_name(k)]   # Authorization, X-Api-Key, X-Goog-Api-Key, …
    found = [m.group(1) for text in auth for m in _VARIABLE.finditer(text)]
    if found:   # `Cookie: s=${SESSION}` beside `Authorization: Bearer ${ARK_API_KEY}`: the key's name wins
        return next((name for name in found if is_secret_name(name)), found[0])
    anywhere = [unquote(str(documented.url)), *(v for _, v in pairs), documented.content.decode("utf-8", "replace")]
    return next((m.group(1) for text in anywhere for m in _VARIABLE.finditer(text)
                if is_secret_name(m.group(1))), "")


def plan(documented: httpx.Request, target: Target, settings: Settings) -> Target:
    """The target for one request, with its key; Unrecordable when it cannot be sent there."""
    url = str(documented.url)
    method = documented.method.upper()
    if method not in SENT_METHODS:
        raise Unrecordable(f"record does not send {method} requests (they change things on the server)")
    placeholder = url.startswith(DEFAULT_BASE)
    if target.send_to is not None:
        skip = emulator_skip(documented)
        if skip is not None:
            raise skip
        return replace(target, key_name=_key_variable(documented) or target.key_name)
    base = target.base_url or settings.base_url
    if placeholder and not base:
        raise Unrecordable("the host is a placeholder and the site names no base URL for it",
                           hint="set `base_url` in the docverify plugin's settings, or pass --base-url")
    host = host_of(base if placeholder else url)
    name = settings.key_name(host, _key_variable(documented))
    key = target.environ.get(name, "").strip()   # a key file saved on Windows ends in \r\n
    if not key:
        raise RecordError(f"{name} is not set (the key for {host})",
                          hint=f"export {name}=…, or name another in the site's `key_variables` setting")
    return replace(target, api_key=key, base_url=base, key_name=_key_variable(documented) or name)


def record(pages: Sequence[Claims], target: Target, cassette_dir: Path, *, client_profile: str,
           policy: Policy = Policy(), progress: Progress | None = None,
           settings: Settings = Settings()) -> RecordSummary:
    jobs = list(_jobs(pages, cassette_dir))
    results: list[Result] = []
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    secrets = {target.key_name: target.api_key}
    with httpx.Client(timeout=policy.timeout, follow_redirects=False, trust_env=False) as client:
        for n, (claims, label, example, path, source) in enumerate(jobs):
            if progress:
                progress(n, len(jobs), label)
            documented_hosts = {host_of(e.url) for e in claims.endpoints}
            try:
                if example == "models":
                    documented = documented_request(f"curl {source} -H 'Authorization: Bearer ${{{KEY_NAME}}}'")
                else:
                    documented = documented_request(source)
                where = plan(documented, target, settings)
                secrets = {where.key_name: where.api_key}
                url = str(documented.url)
                if url.startswith(DEFAULT_BASE):   # the site's own base URL (or the emulator) gets it
                    if where.send_to is None:
                        check_host(where.base_url, {host_of(where.base_url)}, policy.allow_hosts, resolve=True)
                else:
                    check_host(url, documented_hosts, policy.allow_hosts, resolve=where.send_to is None)
                interaction = exchange(client, documented, where, policy)
                status = interaction.response.status
                if not 200 <= status < 300 and (example == "models" or status not in
                                                 documented_statuses(claims, _curl_of(claims, example))):
                    raise RecordError(f"the API answered {status}, not 2xx: {interaction.response.body[:200]}",
                                      hint="fix the example (or document the status beside it); nothing was written")
                metadata = {"recorded_by": "docverify", "docverify_version": __version__,
                            "target": target.name, "recorded_at": today, "client": client_profile,
                            "emulator_url": target.send_to, "page": claims.page.rel,
                            "lang": claims.page.lang, "example": example}
                result = save(path, interaction, metadata, secrets)
                results.append(Result(label, result, cassette=path))
            except Unrecordable as exc:
                # A reason may quote the page's command or URL, and with it a key written there.
                results.append(Result(label, "skipped", scrub_outgoing(_reason(exc), secrets,
                                                                       environ=target.environ)))
            except DocverifyError as exc:
                # The message may quote the key (an HTTP library's "Illegal header value …").
                results.append(Result(label, "failed", scrub_outgoing(str(exc), secrets,
                                                                      environ=target.environ), path))
    if progress:
        progress(len(jobs), len(jobs), "done")
    return RecordSummary(tuple(results))


def _curl_of(claims: Claims, example: str | int) -> Any:
    return next((c for c in claims.curls if c.index == example), None)


def _reason(exc: DocverifyError) -> str:
    return f"{exc.message} ({exc.hint})" if exc.hint else exc.message
