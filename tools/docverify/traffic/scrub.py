"""Keep secrets off disk and out of messages: scrub what is written or shown, then scan for leftovers.

Three layers, because one mistake must not leak a key. `scrub_interaction` replaces every
encoded form of a known secret (`ARK_API_KEY`'s value) by its placeholder; `mask_request`
and `mask_text` redact credentials nobody told us about: by name (`docverify.credentials`,
the one rule: `X-Api-Key`, `access_token`, `Cookie`, not `max_tokens`) in headers, query, form
and JSON at any depth, and by value shape (`sk-…`, `Bearer <uuid>`, …) anywhere. `assert_clean` then
refuses text that still holds a known secret in any form we can think of (raw, stripped,
URL-encoded, JSON- or `\\u`-escaped, upper-cased, hex, base64 at any offset, split across SSE
chunks). `scrub_message` and `scrub_outgoing` (which adds the environment's credentials) are
the same for text about to leave the process: a message, a reason, a traceback.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

from docverify.credentials import env_secrets, is_secret_name
from docverify.errors import SecretLeakError
from docverify.traffic.cassette import Interaction, RecordedRequest, RecordedResponse
from docverify.traffic.keyshapes import find_keys

REDACTED = "<redacted>"
_MIN_FORM = 6           # a shorter secret form would redact ordinary words
_JSON_LIMIT = 1 << 20   # bodies larger than this are scrubbed as text only

Secrets = Mapping[str, str]   # placeholder name -> value, e.g. {"ARK_API_KEY": "a1b2…"}

__all__ = ["REDACTED", "assert_clean", "mask_request", "mask_text",
           "scrub_interaction", "scrub_message", "scrub_outgoing", "scrub_text", "secret_forms"]


def placeholder(name: str) -> str:
    return "${" + name + "}"


def _kept(value: str) -> bool:
    """A placeholder (documented or ours) is safe and meaningful: never redacted."""
    return not value or value == REDACTED or value.startswith("$") or value.startswith("<")


# ---------------------------------------------------------------- known values


def _replaceable_forms(value: str) -> list[str]:
    forms = {value, value.strip(), quote(value, safe=""), quote_plus(value),
             json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
             repr(value)[1:-1], str(value.encode("utf-8", "backslashreplace"))[2:-1],
             value.encode("utf-8", "surrogatepass").hex(),
             "".join(f"\\u{ord(c):04x}" for c in value)}
    return sorted((f for f in forms if len(f) >= _MIN_FORM or f == value), key=len, reverse=True)


def scrub_text(text: str, secrets: Secrets) -> str:
    """Replace every encoded form of every secret (in any letter case) with its placeholder."""
    for name, value in secrets.items():
        if not value:
            continue
        pattern = re.compile("|".join(re.escape(f) for f in _replaceable_forms(value)), re.IGNORECASE)
        for _ in range(3):   # a replacement can never rebuild the value, but be sure
            if not pattern.search(text):
                break
            text = pattern.sub(lambda _: placeholder(name), text)
    return text


def scrub_message(text: str, secrets: Secrets) -> str:
    """A line about to be printed: known secrets and key-shaped values both go."""
    return mask_text(scrub_text(text, secrets))


_URL = re.compile(r"https?://[^\s'\"`]+")   # `<region>` inside one is part of it


def scrub_outgoing(text: str, secrets: Secrets | None = None, *,
                   environ: Mapping[str, str] | None = None) -> str:
    """Text about to be printed, logged or reported (a reason, an exception, a traceback).

    The values of the environment's credential-named variables (and of `secrets`) become
    their `${NAME}` placeholder, a URL quoted in it loses its credential query values and
    user info, and key-shaped values become `<redacted>`.
    """
    known = {**env_secrets(environ), **(secrets or {})}
    text = scrub_text(text, known)
    if "://" in text:
        text = _URL.sub(lambda m: _mask_quoted_uri(m.group(0)), text)
    return mask_text(text)


def _mask_quoted_uri(uri: str) -> str:
    try:
        return _mask_uri(uri)
    except ValueError:      # not a URL after all (`http://[::1`): its key shapes still go
        return mask_text(uri)


# ---------------------------------------------------------------- unknown values


def mask_text(text: str) -> str:
    """Every key-shaped value (`sk-…`, `Bearer <uuid>`, `api_key=<long random>`) redacted."""
    spans = find_keys(text)
    for span in reversed(spans):
        text = text[:span.start] + REDACTED + text[span.end:]
    return text


def _mask_json(value: Any, depth: int = 0) -> Any:
    if depth > 200:
        return value
    if isinstance(value, dict):
        return {k: (REDACTED if isinstance(v, str) and is_secret_name(str(k)) and not _kept(v)
                    else _mask_json(v, depth + 1)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_json(v, depth + 1) for v in value]
    return value


def _mask_body(body: str, media: str) -> str:
    if len(body) <= _JSON_LIMIT:
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            data = None
        else:
            masked = _mask_json(data)
            if masked != data:
                body = json.dumps(masked, ensure_ascii=False)
        if data is None and (media == "application/x-www-form-urlencoded" or media == ""):
            body = _mask_form(body)
        if data is None and "data:" in body:
            body = "\n".join(_mask_sse_line(line) for line in body.split("\n"))
    return mask_text(body)


def _mask_sse_line(line: str) -> str:
    if not line.startswith("data:"):
        return line
    try:
        data = json.loads(line[5:])
    except (ValueError, RecursionError):
        return line
    masked = _mask_json(data)
    return line if masked == data else "data: " + json.dumps(masked, ensure_ascii=False)


def _mask_form(body: str) -> str:
    if "=" not in body or "\n" in body.strip():
        return body
    pairs = parse_qsl(body, keep_blank_values=True)
    if not any(is_secret_name(k) and not _kept(v) for k, v in pairs):
        return body
    return urlencode([(k, REDACTED if is_secret_name(k) and not _kept(v) else v) for k, v in pairs],
                     safe="${}<>")


def _mask_uri(uri: str) -> str:
    parts = urlsplit(uri)
    if parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        if any(is_secret_name(k) and not _kept(v) for k, v in pairs):
            query = urlencode([(k, REDACTED if is_secret_name(k) and not _kept(v) else v)
                               for k, v in pairs], safe="${}<>")
            parts = parts._replace(query=query)
            uri = urlunsplit(parts)
    if parts.username or parts.password:   # on the query just redacted, not the original
        uri = urlunsplit(parts._replace(netloc=f"{REDACTED}@" + parts.netloc.rsplit("@", 1)[1]))
    return mask_text(uri)


def _mask_header(name: str, value: str) -> str:
    if not is_secret_name(name) or _kept(value) or "${" in value:
        return mask_text(value)
    if name.lower() in ("authorization", "proxy-authorization") and " " in value.strip():
        scheme, rest = value.strip().split(" ", 1)
        return value if _kept(rest.strip()) else f"{scheme} {REDACTED}"   # the scheme is documentation
    return REDACTED


def _media(headers: tuple[tuple[str, str], ...]) -> str:
    value = next((v for k, v in headers if k.lower() == "content-type"), "")
    return value.split(";")[0].strip().lower()


def mask_request(req: RecordedRequest) -> RecordedRequest:
    """Credentials the page wrote literally, redacted; replay masks both sides the same way."""
    return RecordedRequest(
        method=req.method, uri=_mask_uri(req.uri),
        body=None if req.body is None else _mask_body(req.body, _media(req.headers)),
        headers=tuple((k, _mask_header(k, v)) for k, v in req.headers))


def _mask_response(resp: RecordedResponse) -> RecordedResponse:
    return replace(resp, headers=tuple((k, _mask_header(k, v)) for k, v in resp.headers),
                   body=_mask_body(resp.body, _media(resp.headers)))


def scrub_interaction(interaction: Interaction, secrets: Secrets) -> Interaction:
    """Known secrets replaced by their placeholder, then unknown credentials redacted."""
    req, resp = interaction.request, interaction.response
    request = RecordedRequest(
        method=req.method, uri=scrub_text(req.uri, secrets),
        body=None if req.body is None else scrub_text(req.body, secrets),
        headers=tuple((k, scrub_text(v, secrets)) for k, v in req.headers))
    response = RecordedResponse(
        status=resp.status, message=scrub_text(resp.message, secrets),
        headers=tuple((k, scrub_text(v, secrets)) for k, v in resp.headers),
        body=scrub_text(resp.body, secrets))
    return replace(interaction, request=mask_request(request), response=_mask_response(response))


# ---------------------------------------------------------------- the final scan


def secret_forms(value: str) -> Iterator[str]:
    """Every way the value may show up in a file: raw, escaped, hex, and base64 at any alignment."""
    yield from _replaceable_forms(value)
    raw = value.encode("utf-8", "surrogatepass")
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


_U_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _views(text: str) -> Iterator[tuple[str, bool]]:
    """The text as written, with `\\u` escapes decoded, and each SSE body as a reader joins it.

    The flag says whether a view is case-sensitive (base64 is; everything else is not).
    """
    yield text, True
    yield _unescape(text).lower(), False
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return
    for value in _strings(document):
        value = _unescape(value)
        yield value.lower(), False
        if "data:" in value:
            yield _sse_joined(value).lower(), False


def _unescape(text: str) -> str:
    return _U_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "\\u" in text else text


def _sse_joined(text: str) -> str:
    """Every string inside the `data:` events, concatenated: a key split across chunks rejoins."""
    parts: list[str] = []
    for line in text.split("\n"):
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        try:
            parts.extend(_strings(json.loads(payload)))
        except (ValueError, RecursionError):
            parts.append(payload)
    return "".join(parts)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def assert_clean(text: str, secrets: Secrets, *, path: str = "") -> None:
    views = list(_views(text)) if any(secrets.values()) else []
    for name, value in secrets.items():
        if not value:
            continue
        for form in secret_forms(value):
            for n, (view, exact) in enumerate(views):
                at = view.find(form if exact else form.lower())
                if at < 0:
                    continue
                line = text.count("\n", 0, at) + 1 if n == 0 else None
                raise SecretLeakError(
                    f"refusing to write: the value of {name} is still in the cassette",
                    path=path or None, line=line,
                    hint="report this as a docverify bug; nothing was written")
