"""Public suffixes of host names, from the Public Suffix List that `publicsuffixlist` ships (offline).

Loaded on first use (about 30 ms), so a run that meets no host name never pays for it.
Only ICANN suffixes count: `myapp.herokuapp.com` is registered under `herokuapp.com`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["public_suffix", "registered_label"]


@lru_cache(maxsize=1)
def _suffixes() -> Any:
    from publicsuffixlist import PublicSuffixList
    return PublicSuffixList(accept_unknown=False, only_icann=True)


@lru_cache(maxsize=4096)
def public_suffix(host: str) -> str:
    """`com` for `api.example.com`; "" for a name under no known suffix (`your-server-address`)."""
    return str(_suffixes().publicsuffix(host.lower().rstrip(".")) or "")


@lru_cache(maxsize=4096)
def registered_label(host: str) -> str:
    """`volces` for `ark.cn-beijing.volces.com`: the label registered under the public suffix, or ""."""
    registered = _suffixes().privatesuffix(host.lower().rstrip("."))
    return str(registered).split(".")[0] if registered else ""
