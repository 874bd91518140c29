"""Client URL profiles: how a client release turns a typed API address into the URL it requests.

Each profile is a file in clients/profiles/ (one per client release): a name, its source in
the client's code, and the steps of its URL code as data (clients/rules.py makes them into
functions). `resolve` runs them in the profile's order and then does what every HTTP client
does with the result (the part after `#` is a fragment, never sent). Adding a release or
another client is a new file; the checks only ever call `resolve`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

import yaml

from docverify.clients.rules import JOINS, Route, format_steps, has_api_version, route_steps
from docverify.errors import ProfileError

__all__ = ["DEFAULT_PROFILE", "PROFILES", "Profile", "Resolution", "Route", "SUPPORTED_ENDPOINTS",
           "get_profile", "has_api_version", "known_profiles", "load_profile", "on_the_wire", "resolve"]


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


# ---------------------------------------------------------------- the table, read from profiles/*.yml

_FILES = resources.files("docverify.clients") / "profiles"


# libyaml's safe loader where PyYAML was built with it: the built-in profiles load on every start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_profile(text: str, where: str) -> Profile:
    """One profile file: its steps made into the functions `resolve` runs (clients/rules.py)."""
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 -- a safe loader (libyaml's when built)
    except yaml.YAMLError as exc:
        raise ProfileError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ProfileError(f"{where}: a profile is a mapping with a `name`")
    join = data.get("request_url", "openai-sdk")
    if join not in JOINS or data.get("order", "format_first") not in ("format_first", "route_first"):
        raise ProfileError(f"{where}: request_url must be one of {', '.join(JOINS)}, order "
                           "format_first or route_first")
    return Profile(name=data["name"], description=" ".join(str(data.get("description", "")).split()),
                   source=" ".join(str(data.get("source", "")).split()),
                   format_api_host=format_steps(data.get("format_api_host") or [], where),
                   route_to_endpoint=route_steps(data.get("route_to_endpoint"), where),
                   request_url=JOINS[join], route_first=data.get("order") == "route_first",
                   aliases=tuple(str(a) for a in data.get("aliases") or ()))


def _builtin() -> dict[str, Profile]:
    found = [load_profile(f.read_text(encoding="utf-8"), f"clients/profiles/{f.name}")
             for f in sorted(_FILES.iterdir(), key=lambda f: f.name) if f.name.endswith(".yml")]
    return {p.name: p for p in found}


PROFILES: dict[str, Profile] = _builtin()
DEFAULT_PROFILE = "cherry-studio@2"
SUPPORTED_ENDPOINTS: tuple[str, ...] = (   # SUPPORTED_ENDPOINT_LIST (cherry-studio@2.yml), for routes
    "chat/completions", "responses", "messages", "generateContent",
    "streamGenerateContent", "images/generations", "images/edits", "predict")

# The ported functions by their names in the client's code, for tests and new profiles.
format_api_host_16 = PROFILES["cherry-studio@1.6"].format_api_host
format_api_host_2 = PROFILES["cherry-studio@2"].format_api_host
route_to_endpoint_2 = PROFILES["cherry-studio@2"].route_to_endpoint
request_url_ai_sdk = JOINS["ai-sdk"]
request_url_openai_sdk = JOINS["openai-sdk"]


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

