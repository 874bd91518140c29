"""Keep secrets off disk: scrub an interaction before it is written, then scan what would be written.

Two layers, because one mistake must not leak a key: `scrub_interaction` replaces
credentials by name (auth and API-key headers, cookies, key-like query parameters) and
every occurrence of a secret's value anywhere (headers, bodies, streamed SSE text) by its
placeholder (`${ARK_API_KEY}`); `assert_clean` then refuses text that still holds a
secret in any form we can think of (raw, URL-encoded, JSON-escaped, base64 at any offset).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

from docverify.traffic.cassette import Interaction, RecordedRequest, RecordedResponse
from docverify.errors import SecretLeakError

REDACTED = "<redacted>"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "api-key",
                            "cookie", "set-cookie", "x-goog-api-key", "ocp-apim-subscription-key"})
SECRET_QUERY = frozenset({"api_key", "apikey", "api-key", "key", "token", "access_token",
                          "auth", "secret", "client_secret", "password", "sig", "signature"})

Secrets = Mapping[str, str]   # placeholder name -> value, e.g. {"ARK_API_KEY": "a1b2…"}

__all__ = ["REDACTED", "assert_clean", "scrub_interaction", "scrub_text", "secret_forms"]


def placeholder(name: str) -> str:
    return "${" + name + "}"


def scrub_text(text: str, secrets: Secrets) -> str:
    """Replace every encoded form of every secret with its placeholder."""
    for name, value in secrets.items():
        if not value:
            continue
        for form in _replaceable_forms(value):
            while form in text:   # a replacement can never rebuild the value, but be sure
                text = text.replace(form, placeholder(name))
    return text


def _replaceable_forms(value: str) -> list[str]:
    forms = {value, quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1]}
    return sorted(forms, key=len, reverse=True)


def _scrub_header(name: str, value: str, secrets: Secrets) -> str:
    scrubbed = scrub_text(value, secrets)
    if name.lower() not in SECRET_HEADERS or "${" in scrubbed:
        return scrubbed   # a placeholder (documented or put there by us) is safe and meaningful
    if name.lower() in ("authorization", "proxy-authorization") and " " in value:
        return f"{value.split(' ', 1)[0]} {REDACTED}"   # keep the scheme: it is documentation
    return REDACTED


def _scrub_uri(uri: str, secrets: Secrets) -> str:
    uri = scrub_text(uri, secrets)
    parts = urlsplit(uri)
    if not parts.query:
        return uri
    pairs = [(k, v if k.lower() not in SECRET_QUERY or v.startswith("${") else REDACTED)
             for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = urlencode(pairs, safe="${}<>")
    return urlunsplit(parts._replace(query=query))


def _headers(pairs: tuple[tuple[str, str], ...], secrets: Secrets) -> tuple[tuple[str, str], ...]:
    return tuple((name, _scrub_header(name, value, secrets)) for name, value in pairs)


def scrub_interaction(interaction: Interaction, secrets: Secrets) -> Interaction:
    req, resp = interaction.request, interaction.response
    request = RecordedRequest(
        method=req.method, uri=_scrub_uri(req.uri, secrets),
        body=None if req.body is None else scrub_text(req.body, secrets),
        headers=_headers(req.headers, secrets))
    response = RecordedResponse(
        status=resp.status, message=resp.message, headers=_headers(resp.headers, secrets),
        body=scrub_text(resp.body, secrets))
    return replace(interaction, request=request, response=response)


def secret_forms(value: str) -> Iterator[str]:
    """Every way the value may show up in a file: raw, escaped, and base64 at any alignment."""
    yield from _replaceable_forms(value)
    raw = value.encode("utf-8")
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        for offset in range(3):
            # Inside a longer base64 stream the value starts at one of three alignments;
            # the characters that depend only on the value are the stable middle part.
            encoded = encode(b"\0" * offset + raw).decode("ascii").rstrip("=")
            start = (offset * 4 + 2) // 3
            end = ((offset + len(raw)) * 4) // 3
            middle = encoded[start:end]
            if len(middle) >= 8:
                yield middle


def assert_clean(text: str, secrets: Secrets, *, path: str = "") -> None:
    for name, value in secrets.items():
        if not value:
            continue
        for form in secret_forms(value):
            at = text.find(form)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                raise SecretLeakError(
                    f"refusing to write: the value of {name} is still in the cassette",
                    path=path or None, line=line,
                    hint="report this as a docverify bug; nothing was written")
