"""Public suffixes of host names, from the Public Suffix List that `publicsuffixlist` ships (offline).

Loaded on first use (about 7 ms CPU), so a run that meets no host name never pays for it; the
punycode spellings of its non-ASCII rules (10 ms more) only when a host is written in them.
Only ICANN suffixes count: `myapp.herokuapp.com` is registered under `herokuapp.com`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

__all__ = ["public_suffix", "registered_label"]


@lru_cache(maxsize=2)
def _suffixes(a_labels: bool) -> Any:
    """The list; with `a_labels`, each non-ASCII rule also in its punycode spelling.

    Those spellings cost most of the load (the stdlib IDNA codec on ~450 rules), and a rule
    matches a host only label for label, so only a host with an `xn--` label can meet one:
    the other hosts get the same answers from the list without them."""
    from publicsuffixlist import PSLFILE, PublicSuffixList
    with open(PSLFILE, encoding="utf-8") as lines:
        return PublicSuffixList(_with_punycode(lines) if a_labels else lines, accept_unknown=False,
                                accept_encoded_idn=False, only_icann=True)


def _with_punycode(lines: Iterator[str]) -> Iterator[str]:
    """The list's lines, each non-ASCII rule followed by its punycode spelling.

    The same set `accept_encoded_idn` builds, but it IDNA-encodes all ~7,000 rules, the ASCII
    ones included (to themselves): two thirds of the load time."""
    for line in lines:
        yield line
        if line.isascii() or line.startswith("//"):
            continue
        rule = line.lower().split(" ")[0].rstrip()
        if rule and not rule.isascii():
            bang = "!" if rule.startswith("!") else ""
            yield bang + rule.lstrip("!").encode("idna").decode("ascii")


def _list_for(host: str) -> Any:
    return _suffixes("xn--" in host)


@lru_cache(maxsize=4096)
def public_suffix(host: str) -> str:
    """`com` for `api.example.com`; "" for a name under no known suffix (`your-server-address`)."""
    name = host.lower().rstrip(".")
    return str(_list_for(name).publicsuffix(name) or "")


@lru_cache(maxsize=4096)
def registered_label(host: str) -> str:
    """`volces` for `ark.cn-beijing.volces.com`: the label registered under the public suffix, or ""."""
    name = host.lower().rstrip(".")
    registered = _list_for(name).privatesuffix(name)
    return str(registered).split(".")[0] if registered else ""
