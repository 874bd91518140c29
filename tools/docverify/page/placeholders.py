"""Placeholder hosts and path segments: `https://<your-host>/v1`, `{base_url}`, `你的服务器地址`, `api.example.com`.

A page that documents "your server" writes its address as a placeholder, and translations
translate the placeholder. Such an address is one claim, "the placeholder", the same in
every language; recording and replay put the target's base URL in its place. A placeholder
is told by its shape, never by a list of pages: the rules below are a table read top to
bottom, each a small predicate on one host or path segment.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

import idna

from docverify.site.domains import public_suffix

__all__ = ["CANONICAL", "DEFAULT_BASE", "HOST_RULES", "Placeholder", "canonical", "find_placeholder",
           "host_rule", "map_to_base", "segment_rule"]

# How parity shows "the placeholder", and what a recording puts there when no base URL is set:
# `.invalid` is reserved (RFC 6761 §6.4) never to resolve, so nothing is ever sent to it.
CANONICAL = "{placeholder}"
DEFAULT_BASE = "https://placeholder.invalid"

# Variable and template forms: <host>, {base_url}, {{host}}, [server], ${VAR}, $VAR, %VAR%.
_BRACKETED = re.compile(r"<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]|\$\{?[A-Za-z_]\w*\}?|%[A-Za-z_]\w*%")
# RFC 2606 and RFC 6761 special-use names (`localhost` is a real local server, so not here).
_RESERVED_TLDS = frozenset({"example", "invalid", "test"})
_RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
# IANA's reserved IDN test TLDs (".测试", ".テスト", ".испытание" …), compared in their A-label form.
_RESERVED_IDN_TLDS = frozenset({
    "xn--0zwm56d", "xn--g6w251d", "xn--zckzah", "xn--11b5bs3a9aj6g", "xn--80akhbyknj4f",
    "xn--9t4b11yi5a", "xn--deba0ad", "xn--hgbk6aj7f53bba", "xn--hlcj6aya9esc7a", "xn--jxalpdlp",
    "xn--kgbechtv", "xn--e1a4c", "xn--mgbh0fb", "xn--fsqu00a", "xn--fsq", "xn--r8jz45g"})
# English words that make a host or segment "yours to fill in"; other languages are caught by
# shape (a non-ASCII host with no public suffix, or one that is not a valid IDN).
_WORDS = re.compile(r"(?:^|[-_.\d])(?:your|yours|server|host|hostname|domain|address|addr"
                    r"|baseurl|placeholder|xxx+|somewhere|dummy)(?=$|[-_.\d])", re.IGNORECASE)
_CAPS_WORD = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}[A-Z0-9]*$")
# Placeholder words in a path segment (`your-deployment`, `my_bucket`, `xxx`).
_SEGMENT_WORDS = re.compile(r"(?:^|[-_])(?:your|my|xxx+)(?=$|[-_])", re.IGNORECASE)
# scheme://, host[:port], the rest (see _split_host); a port at the end of an authority.
_URL_PARTS = re.compile(r"^([A-Za-z][\w+.-]*://)?([^/?#]*)(.*)$", re.DOTALL)
_PORT = re.compile(r":\d+$")
# Hosts that are real without a public suffix: this machine, and names of a private network.
_LOCAL_SUFFIXES = (".internal", ".local", ".lan", ".home.arpa", ".localhost")


def _ip(host: str) -> bool:
    address = host.strip("[]")
    if ":" not in address and not address.replace(".", "").isdigit():
        return False    # neither IPv6 (colons) nor IPv4 (digits and dots): ipaddress would raise thrice
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _a_label(host: str) -> str | None:
    """The host as an IDNA A-label, or None when it is no valid internationalised name.

    Kept per host: two rules ask it of the same host, and UTS #46 is slow pure Python."""
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def _bracketed(host: str) -> bool:
    return bool(_BRACKETED.search(host)) and not _ip(host)


def _reserved(host: str) -> bool:
    labels = (_a_label(host) or host).lower().rstrip(".").split(".")
    return labels[-1] in _RESERVED_TLDS or labels[-1] in _RESERVED_IDN_TLDS \
        or ".".join(labels[-2:]) in _RESERVED_DOMAINS


def _not_a_hostname(host: str) -> bool:
    """`YOUR_API_BASE`, `api base`, `服务器 地址`: a name no resolver would accept."""
    return not _ip(host) and _a_label(host) is None


def _all_caps(host: str) -> bool:
    return any(_CAPS_WORD.match(label) for label in host.split("."))


def _words(host: str) -> bool:
    return bool(_WORDS.search(host))


def _no_public_suffix(host: str) -> bool:
    """`your-server-address`, `你的服务器地址`: no public suffix, and not this machine or a LAN name.

    A single ASCII label is a real name on a private network (`ollama` in docker compose)
    only when nothing else says otherwise, so that case needs a placeholder word as well.
    """
    lower = host.lower().rstrip(".")
    if public_suffix(lower):
        return False
    return not lower.isascii() or "." in lower


def _local(host: str) -> bool:
    lower = host.lower().rstrip(".")
    return _ip(lower) or lower == "localhost" or lower.endswith(_LOCAL_SUFFIXES)


HostRule = Callable[[str], bool]

# The rules, top to bottom; the first that holds names why the host is a placeholder.
HOST_RULES: tuple[tuple[str, HostRule], ...] = (
    ("bracketed", _bracketed),
    ("reserved name", _reserved),
    ("not a host name", _not_a_hostname),
    ("all-caps word", _all_caps),
    ("placeholder word", _words),
    ("no public suffix", _no_public_suffix),
)


@functools.lru_cache(maxsize=4096)
def host_rule(host: str) -> str:
    """Why `host` is a placeholder ("" when it is a real host name)."""
    host = host.strip()
    if not host or (_local(host) and not _bracketed(host)):
        return ""   # this machine or a private network's name (`host.docker.internal`) is real
    return next((name for name, rule in HOST_RULES if rule(host)), "")


def segment_rule(segment: str) -> str:
    """Why a path segment is a placeholder: `{model}`, `<deployment>`, `YOUR_DEPLOYMENT`, `你的路径`."""
    if not segment:
        return ""
    if _BRACKETED.search(segment):
        return "bracketed"
    if _CAPS_WORD.match(segment) and "_" in segment:
        return "all-caps word"
    if _SEGMENT_WORDS.search(segment):
        return "placeholder word"
    if not segment.isascii() and not any(c.isdigit() for c in segment):
        return "non-ASCII words"
    return ""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Where a URL's placeholder is: `prefix` (as written) stands for a base URL, `rest` follows it.

    `mappable` is False when the placeholder sits after a real host (`https://api.x.com/{tenant}/v1`):
    no base URL can stand in for it, so such an example cannot be recorded.
    """

    prefix: str
    rest: str
    why: str
    mappable: bool = True


def _split_host(url: str) -> tuple[str, str, str]:
    """(scheme://, host[:port], path?query) without urlsplit's refusals of `[server]` and ports."""
    match = _URL_PARTS.match(url)
    assert match is not None   # the pattern matches every string
    return match.group(1) or "", match.group(2), match.group(3)


def find_placeholder(url: str) -> Placeholder | None:
    """The placeholder part of a URL (host and the placeholder path segments after it), if any."""
    scheme, authority, tail = _split_host(url.strip())
    host = authority.rsplit("@", 1)[-1]
    if host.startswith("[") and "]" in host:
        host = host[:host.index("]") + 1]          # an IPv6 literal, maybe with a port
    elif _PORT.search(host):
        host = host.rsplit(":", 1)[0]
    path, sep, query = tail.partition("?")
    segments = path.split("/")[1:] if path.startswith("/") else []
    why = host_rule(host) if (scheme or _BRACKETED.search(host)) else ""
    if why:
        taken = 0
        while taken < len(segments) and segment_rule(segments[taken]):
            taken += 1
        prefix = scheme + authority + "".join("/" + s for s in segments[:taken])
        return Placeholder(prefix, url.strip()[len(prefix):], why)
    for n, segment in enumerate(segments):
        reason = segment_rule(segment)
        if reason:
            prefix = scheme + authority + "".join("/" + s for s in segments[:n + 1])
            return Placeholder(prefix, url.strip()[len(prefix):], reason, mappable=False)
    return None


def canonical(url: str) -> str:
    """The URL as compared across languages: its placeholder part written as `{placeholder}`."""
    found = find_placeholder(url)
    return url if found is None else CANONICAL + found.rest


def map_to_base(url: str, base: str) -> str | None:
    """`url` with its placeholder replaced by `base`; the URL itself when it has none; None if unmappable."""
    found = find_placeholder(url)
    if found is None:
        return url
    if not found.mappable:
        return None
    return base.rstrip("/") + found.rest


# `sk-xxxx`, `sk-...`, `YOUR_API_KEY`, `<token>`, `你的令牌`: a key the reader fills in, translated freely.
_KEY_FILLER = re.compile(r"^(?:sk-)?(?:x{3,}|\.{3}|\*{3,}|…)|(?:^|[-_])(?:your|yours)(?=$|[-_])", re.IGNORECASE)


def is_placeholder_credential(value: str) -> bool:
    """A credential written as a placeholder (not a `$VARIABLE`, which is code and the same everywhere)."""
    value = value.strip()
    if not value or "${" in value or value.startswith("$"):
        return False
    return bool(_BRACKETED.search(value) or _KEY_FILLER.search(value) or _CAPS_WORD.match(value)
                or not value.isascii())
