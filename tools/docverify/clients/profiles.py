"""Client URL profiles: how a client release turns a typed API address into the URL it requests.

Each profile is a row of `PROFILES`: a name, its source in the client's code, and a few
small functions ported from that code. `resolve` runs them in the profile's order and
then does what every HTTP client does with the result (the part after `#` is a fragment,
never sent). Adding a release or another client is a new row and its functions; the
checks only ever call `resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from docverify.errors import ProfileError

__all__ = ["DEFAULT_PROFILE", "PROFILES", "Profile", "Resolution", "Route", "SUPPORTED_ENDPOINTS",
           "get_profile", "has_api_version", "known_profiles", "on_the_wire", "resolve"]


class Route(NamedTuple):
    """What `routeToEndpoint` returns: the base URL and the endpoint a full address names."""

    base: str
    endpoint: str   # "" when the address names none: the client's default endpoint is used


FormatApiHost = Callable[[str], str]
RouteToEndpoint = Callable[[str], Route]
RequestUrl = Callable[[str, str], str]          # (base, endpoint) -> the URL the client builds


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    description: str
    source: str                     # where in the client's code each function comes from
    format_api_host: FormatApiHost
    route_to_endpoint: RouteToEndpoint
    request_url: RequestUrl
    route_first: bool = False       # call order: routeToEndpoint before formatApiHost?
    aliases: tuple[str, ...] = ()   # release names that behave the same

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Resolution:
    input: str
    client: str
    base_url: str       # what the client hands its HTTP library as base URL
    request_url: str    # the URL that goes on the wire ("" when the address is empty)

    def to_json(self) -> dict[str, str]:
        return {"input": self.input, "client": self.client, "base_url": self.base_url,
                "request_url": self.request_url}


# ---------------------------------------------------------------- shared pieces of the code

# hasAPIVersion: `/v<digits>` optionally alpha|beta, then `/` or the end, anywhere in the path.
_VERSION = re.compile(r"/v\d+(?:alpha|beta)?(?=/|$)", re.IGNORECASE)

# SUPPORTED_ENDPOINT_LIST, in the source's order (the first suffix that matches wins).
SUPPORTED_ENDPOINTS: tuple[str, ...] = (
    "chat/completions", "responses", "messages", "generateContent",
    "streamGenerateContent", "images/generations", "images/edits", "predict",
)

_JS_WHITESPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
                 "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _trim(text: str) -> str:
    """JavaScript's String.prototype.trim (and lodash `trim`): full-width spaces included."""
    return text.strip(_JS_WHITESPACE)


def _one(text: str, suffix: str) -> str:
    """Strip ONE trailing `suffix`, as `url.replace(/\\/$/, '')` does."""
    return text[: -len(suffix)] if text.endswith(suffix) else text


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


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def on_the_wire(url: str) -> str:
    """The URL an HTTP client sends, as the WHATWG URL parser reads it; "" if none can be built.

    Outer C0 controls and spaces go, tabs and newlines anywhere go, inner spaces are
    percent-encoded, and the `#fragment` is never sent. A relative result (no scheme and
    host) makes `new URL()` throw, so no request is made at all.
    """
    text = url.strip(_C0_AND_SPACE)
    for char in "\t\n\r":
        text = text.replace(char, "")
    text = text.split("#", 1)[0].replace(" ", "%20")
    try:
        parts = urlsplit(text)
    except ValueError:   # an address `new URL()` rejects: no request is made
        return ""
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


# ---------------------------------------------------------------- cherry-studio@1.6


def format_api_host_16(host: str) -> str:
    if not host:
        return ""   # since Sep 2025 (`apiVersion` parameter); an empty address requests nothing
    if host.endswith("/") or host.endswith("volces.com/api/v3"):
        return host
    return f"{host}/v1/"


def no_route(host: str) -> Route:
    """Releases before routeToEndpoint: the address is all base, the endpoint is the default."""
    return Route(host, "")


def request_url_openai_sdk(base: str, endpoint: str) -> str:
    # The OpenAI SDK joins base and path with exactly one `/`.
    return base + endpoint if base.endswith("/") else f"{base}/{endpoint}"


# ---------------------------------------------------------------- cherry-studio@2


def format_api_host_2(host: str) -> str:
    normalized = _one(_trim(host), "/")
    if not normalized:
        return ""
    if normalized.endswith("#") or has_api_version(normalized):
        return _one(normalized, "#")
    return f"{normalized}/v1"


def route_to_endpoint_2(api_host: str) -> Route:
    trimmed = _trim(api_host)
    if not trimmed.endswith("#"):
        return Route(trimmed, "")
    host = trimmed[:-1]
    for endpoint in SUPPORTED_ENDPOINTS:
        if host.endswith(endpoint):
            # A trailing `:` is Gemini's `…/models/x:generateContent` style.
            base = _one(_one(host[: -len(endpoint)], "/"), ":")
            return Route(base, endpoint)
    return Route(_one(host, "/"), "")


def request_url_ai_sdk(base: str, endpoint: str) -> str:
    # The AI SDK providers drop one trailing `/` of baseURL (withoutTrailingSlash), then add `/path`.
    return f"{_one(base, '/')}/{endpoint}"


# ---------------------------------------------------------------- the table

_SRC_16 = ("CherryHQ/cherry-studio v1.0-v1.6: src/renderer/src/utils/api.ts formatApiHost(host) "
           "(`/` or `volces.com/api/v3` kept, else + `/v1/`); "
           "src/renderer/src/providers/AiProvider/BaseProvider.ts getBaseURL() -> OpenAI SDK "
           "base + `chat/completions`; no `#` code: it is a URL fragment")
_SRC_2 = ("CherryHQ/cherry-studio v1.7+/V2: src/renderer/src/utils/api.ts formatApiHost, "
          "hasAPIVersion, routeToEndpoint, SUPPORTED_ENDPOINT_LIST; "
          "src/renderer/src/aiCore/provider/providerConfig.ts getActualProvider -> "
          "formatProviderApiHost (formatApiHost) runs before providerToAiSdkConfig -> "
          "routeToEndpoint (issues 12123, 12645, 18608)")

PROFILES: dict[str, Profile] = {
    "cherry-studio@1.6": Profile(
        name="cherry-studio@1.6",
        description="Cherry Studio 1.0 to 1.6 (Feb-Sep 2025): `/` ending appends only "
                    "chat/completions, `#` ending uses the address as typed, else /v1/",
        source=_SRC_16, format_api_host=format_api_host_16, route_to_endpoint=no_route,
        request_url=request_url_openai_sdk,
        aliases=tuple(f"cherry-studio@1.{minor}" for minor in range(6))),
    "cherry-studio@2": Profile(
        name="cherry-studio@2",
        description="Cherry Studio 1.7 and V2 (Dec 2025 on): version segment detected, "
                    "`#` stripped by formatApiHost before routeToEndpoint sees it",
        source=_SRC_2, format_api_host=format_api_host_2, route_to_endpoint=route_to_endpoint_2,
        request_url=request_url_ai_sdk, aliases=("cherry-studio@1.7", "cherry-studio")),
}
DEFAULT_PROFILE = "cherry-studio@2"


def known_profiles() -> tuple[str, ...]:
    return tuple(PROFILES)


def get_profile(name: str) -> Profile:
    key = name.strip()
    if key in PROFILES:
        return PROFILES[key]
    for profile in PROFILES.values():
        if key in profile.aliases:
            return profile
    raise ProfileError(f"unknown client profile {name!r}; known profiles: "
                       f"{', '.join(known_profiles())}",
                       hint=f"pass --client with one of them (default: {DEFAULT_PROFILE})")


def resolve(address: str, client: str = DEFAULT_PROFILE,
            endpoint: str = "chat/completions") -> Resolution:
    """The base URL a client release derives from `address` and the URL it then requests."""
    profile = get_profile(client)
    if profile.route_first:
        route = profile.route_to_endpoint(address)
        base = profile.format_api_host(route.base)
    else:
        # The 1.7/V2 order: formatApiHost has already dropped the `#` that routeToEndpoint
        # looks for, so a full address keeps its endpoint in the base.
        route = profile.route_to_endpoint(profile.format_api_host(address))
        base = route.base
    if not base:
        return Resolution(address, profile.name, "", "")
    url = profile.request_url(base, route.endpoint or endpoint.lstrip("/"))
    return Resolution(address, profile.name, base, on_the_wire(url))

