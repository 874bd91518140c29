"""Request matching for replay: one index key per request, and vcrpy-style matchers for misses.

A hit is one dict lookup on `request_key` (method, normalized URL, canonical JSON body,
media type), so replay cost does not grow with the cassette. Only a miss runs the matchers:
tiny functions that raise `AssertionError("a != b")`, as vcrpy's do, to name the closest
recorded request and every way it differs.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from functools import lru_cache
from collections.abc import Callable, Sequence
from typing import Any, Protocol
from urllib.parse import parse_qsl, unquote, urlsplit

RequestKey = tuple[str, str, str, str]
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MISSING = object()


class RequestLike(Protocol):
    @property
    def method(self) -> str: ...
    @property
    def uri(self) -> str: ...
    @property
    def body(self) -> str | None: ...
    def header(self, name: str) -> str | None: ...


class FieldMismatch(AssertionError):
    """A difference inside a JSON body, with the path of the field (`("model",)`)."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.path = path


@lru_cache(maxsize=4096)   # cassettes repeat a few URLs many times; parsing them dominated loading
def _split(uri: str) -> tuple[str, str, int | None, str, tuple[tuple[str, str], ...]]:
    parts = urlsplit(uri)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return scheme, (parts.hostname or "").lower(), port, unquote(parts.path) or "/", query


@lru_cache(maxsize=4096)
def normalize_url(uri: str) -> str:
    scheme, host, port, path, query = _split(uri)
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    qs = "&".join(f"{k}={v}" for k, v in query)
    return f"{scheme}://{netloc}{path}" + (f"?{qs}" if qs else "")


def _json(body: str | None) -> Any:
    if not body:
        return _MISSING
    try:
        return json.loads(body)
    except ValueError:
        return _MISSING


def canonical_body(body: str | None) -> str:
    value = _json(body)
    if value is _MISSING:
        return body or ""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def media_type(request: RequestLike) -> str:
    return (request.header("content-type") or "").split(";")[0].strip().lower()


def request_key(request: RequestLike) -> RequestKey:
    return (request.method.upper(), normalize_url(request.uri), canonical_body(request.body),
            media_type(request))


# ---------------------------------------------------------------- matchers (vcrpy's shape)


def method(r1: RequestLike, r2: RequestLike) -> None:
    if r1.method.upper() != r2.method.upper():
        raise AssertionError(f"method: {r1.method} != {r2.method}")


def scheme_host_port(r1: RequestLike, r2: RequestLike) -> None:
    a, b = _split(r1.uri)[:3], _split(r2.uri)[:3]
    if a != b:
        raise AssertionError(f"host: {a[0]}://{a[1]}:{a[2]} != {b[0]}://{b[1]}:{b[2]}")


def path(r1: RequestLike, r2: RequestLike) -> None:
    a, b = _split(r1.uri)[3], _split(r2.uri)[3]
    if a != b:
        raise AssertionError(f"path: {a} != {b}")


def query(r1: RequestLike, r2: RequestLike) -> None:
    a, b = _split(r1.uri)[4], _split(r2.uri)[4]
    if a != b:
        raise AssertionError(f"query: {list(a)} != {list(b)}")


def body(r1: RequestLike, r2: RequestLike) -> None:
    a, b = _json(r1.body), _json(r2.body)
    if a is _MISSING or b is _MISSING:
        if canonical_body(r1.body) != canonical_body(r2.body):
            raise AssertionError(f"body: {r1.body!r} != {r2.body!r}")
        return
    diffs = list(json_diff(a, b))
    if diffs:
        first = diffs[0][0]
        text = "; ".join(f"body.{dotted(p)}: {_show(x)} != {_show(y)}" for p, x, y in diffs[:5])
        raise FieldMismatch(text, first)


def content_type(r1: RequestLike, r2: RequestLike) -> None:
    if media_type(r1) != media_type(r2):
        raise AssertionError(f"content-type: {media_type(r1) or '(none)'} != {media_type(r2) or '(none)'}")


Matcher = Callable[[RequestLike, RequestLike], None]
MATCHERS: tuple[Matcher, ...] = (method, scheme_host_port, path, query, body, content_type)


def json_diff(a: Any, b: Any, at: tuple[str | int, ...] = ()) -> Any:
    """Yield (path, a, b) for every leaf that differs; `_MISSING` stands for an absent key."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            yield from json_diff(a.get(key, _MISSING), b.get(key, _MISSING), at + (key,))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for n, (x, y) in enumerate(zip(a, b)):
            yield from json_diff(x, y, at + (n,))
    elif a != b or type(a) is not type(b):
        yield at, a, b


def failures(r1: RequestLike, r2: RequestLike) -> tuple[AssertionError, ...]:
    out = []
    for matcher in MATCHERS:
        try:
            matcher(r1, r2)
        except AssertionError as exc:
            out.append(exc)
    return tuple(out)


def closest(request: RequestLike, recorded: Sequence[RequestLike]
            ) -> tuple[int | None, tuple[AssertionError, ...]]:
    """The recorded request failing the fewest matchers, and its failures.

    Ties go to the most similar text (a one-digit model change beats a different model).
    """
    best: int | None = None
    best_failures: tuple[AssertionError, ...] = ()
    best_score: tuple[int, float] = (len(MATCHERS) + 1, 0.0)
    wanted = " ".join(request_key(request))
    for n, candidate in enumerate(recorded):
        found = failures(request, candidate)
        if len(found) > best_score[0]:
            continue
        similar = SequenceMatcher(None, wanted, " ".join(request_key(candidate))).ratio()
        if (len(found), -similar) < (best_score[0], -best_score[1]):
            best, best_failures, best_score = n, found, (len(found), similar)
    return best, best_failures


def dotted(p: Sequence[str | int]) -> str:
    """`("messages", 1, "content")` -> `messages[1].content`."""
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in p).lstrip(".") or "(root)"


def _show(value: Any) -> str:
    return "(absent)" if value is _MISSING else json.dumps(value, ensure_ascii=False)
