"""A client profile's URL rules as data: the steps of a profile file (clients/profiles/*.yml) made into functions.

A client release is a YAML file naming its steps, so a new client is a file, not code:

    format_api_host:                 # run top to bottom on the typed address
      - trim                         # JavaScript's String.prototype.trim
      - strip_one: "/"               # drop ONE trailing "/" (as `url.replace(/\\/$/, '')`)
      - return_if_empty              # "" -> "" (no request is made)
      - return_if: [{ends_with: "#"}, has_api_version]   # any of these: return now…
        strip_one: "#"                                   # …after dropping one "#"
      - append: "/v1"                # return the address + "/v1"
    route_to_endpoint: {marker: "#", endpoints: [chat/completions, …]}   # or null
    order: format_first              # or route_first
    request_url: ai-sdk              # how base and route are joined: openai-sdk | ai-sdk | url-path
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from docverify.errors import ProfileError

__all__ = ["JOINS", "Route", "format_steps", "has_api_version", "route_steps", "trim"]


class Route(NamedTuple):
    """What `routeToEndpoint` returns: the base URL and the endpoint a full address names."""

    base: str
    endpoint: str   # "" when the address names none: the client's default endpoint is used


# hasAPIVersion: `/v<digits>` optionally alpha|beta, then `/` or the end, anywhere in the path.
_VERSION = re.compile(r"/v\d+(?:alpha|beta)?(?=/|$)", re.IGNORECASE)
_JS_WHITESPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
                 "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def trim(text: str) -> str:
    """JavaScript's String.prototype.trim (and lodash `trim`): full-width spaces included."""
    return text.strip(_JS_WHITESPACE)


def strip_one(text: str, suffix: str) -> str:
    """Strip ONE trailing `suffix`, as `url.replace(/\\/$/, '')` does."""
    return text[: -len(suffix)] if suffix and text.endswith(suffix) else text


def has_api_version(host: str) -> bool:
    """hasAPIVersion: the version test on the URL's pathname, or on the raw text if not a URL."""
    if not host:
        return False
    try:
        parts = urlsplit(host)
    except ValueError:   # `new URL()` throws too (`http://[::1`): the raw text is tested
        return bool(_VERSION.search(host))
    # `new URL()` accepts any `scheme:` with something after it; pathname then excludes `#…`/`?…`.
    path = parts.path if parts.scheme and (parts.netloc or parts.path) else host
    return bool(_VERSION.search(path))


def _condition(spec: Any, where: str) -> Callable[[str], bool]:
    if spec == "has_api_version":
        return has_api_version
    if spec == "empty":
        return lambda text: not text
    if isinstance(spec, dict) and set(spec) == {"ends_with"} and isinstance(spec["ends_with"], str):
        suffix = spec["ends_with"]
        return lambda text: text.endswith(suffix)
    raise ProfileError(f"{where}: unknown condition {spec!r}",
                       hint="use has_api_version, empty or {ends_with: TEXT}")


_Step = Callable[[str], tuple[str, bool]]   # text -> (new text, done)


def _step(spec: Any, where: str) -> _Step:
    if spec == "trim":
        return lambda text: (trim(text), False)
    if spec == "return_if_empty":
        return lambda text: (text, not text)
    if isinstance(spec, dict) and set(spec) == {"strip_one"}:
        suffix = str(spec["strip_one"])
        return lambda text: (strip_one(text, suffix), False)
    if isinstance(spec, dict) and set(spec) == {"append"}:
        tail = str(spec["append"])
        return lambda text: (text + tail, True)
    if isinstance(spec, dict) and "return_if" in spec and set(spec) <= {"return_if", "strip_one"}:
        raw = spec["return_if"]
        tests = [_condition(c, where) for c in (raw if isinstance(raw, list) else [raw])]
        suffix = str(spec.get("strip_one") or "")

        def step(text: str) -> tuple[str, bool]:
            if any(test(text) for test in tests):
                return strip_one(text, suffix), True
            return text, False
        return step
    raise ProfileError(f"{where}: unknown step {spec!r}",
                       hint="steps: trim, strip_one, return_if_empty, return_if, append (clients/rules.py)")


def format_steps(specs: Any, where: str) -> Callable[[str], str]:
    """formatApiHost from a list of steps; the address comes back unchanged when no step returns."""
    if not isinstance(specs, list):
        raise ProfileError(f"{where}: format_api_host must be a list of steps")
    steps = [_step(s, where) for s in specs]

    def format_api_host(host: str) -> str:
        for step in steps:
            host, done = step(host)
            if done:
                return host
        return host
    return format_api_host


def route_steps(spec: Any, where: str) -> Callable[[str], Route]:
    """routeToEndpoint: with `marker` at the end, a known endpoint suffix splits off the base."""
    if spec is None:
        return lambda host: Route(host, "")     # the address is all base, the endpoint the default
    if not isinstance(spec, Mapping) or not isinstance(spec.get("endpoints"), list):
        raise ProfileError(f"{where}: route_to_endpoint must be null or {{marker, endpoints}}")
    marker = str(spec.get("marker") or "#")
    endpoints: Sequence[str] = tuple(str(e) for e in spec["endpoints"])

    def route_to_endpoint(api_host: str) -> Route:
        trimmed = trim(api_host)
        if not trimmed.endswith(marker):
            return Route(trimmed, "")
        host = trimmed[: -len(marker)]
        for endpoint in endpoints:   # the source's order: the first suffix that matches wins
            if host.endswith(endpoint):
                # A trailing `:` is Gemini's `…/models/x:generateContent` style.
                return Route(strip_one(strip_one(host[: -len(endpoint)], "/"), ":"), endpoint)
        return Route(strip_one(host, "/"), "")
    return route_to_endpoint


def _openai_sdk(base: str, endpoint: str) -> str:
    # The OpenAI Node SDK joins base and path with exactly one `/`, on the raw string.
    return base + endpoint if base.endswith("/") else f"{base}/{endpoint}"


def _ai_sdk(base: str, endpoint: str) -> str:
    # The AI SDK providers drop one trailing `/` of baseURL (withoutTrailingSlash), then add `/path`.
    return f"{strip_one(base, '/')}/{endpoint}"


def _url_path(base: str, endpoint: str) -> str:
    # openai-python: a parsed URL; `/` enforced after the raw path (before `?`), route appended to
    # the path, the `#fragment` kept aside (it is never sent).
    # httpx's raw_path holds `?query`, so a base with a query gets the route after it, as the client does.
    rest, hash_, fragment = base.partition("#")
    path, q, query = rest.partition("?")
    path = path if path.endswith("/") else path + "/"
    return path + q + query + endpoint.lstrip("/") + hash_ + fragment


JOINS: Mapping[str, Callable[[str, str], str]] = {
    "openai-sdk": _openai_sdk, "ai-sdk": _ai_sdk, "url-path": _url_path}
