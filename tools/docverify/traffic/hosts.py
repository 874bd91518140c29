"""Which hosts a recording may contact: those the page documents, never private or metadata addresses."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from docverify.errors import RecordError

__all__ = ["check_host", "forbidden_ip", "host_of"]


def host_of(url: str) -> str:
    """The host as check_host compares it: the documented hosts must be read the same way."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:   # `http://[::1`: no host at all, so none that may be contacted
        return ""


def forbidden_ip(text: str) -> bool:
    try:
        ip = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return ip.is_private or ip.is_link_local or ip.is_loopback or ip.is_reserved \
        or ip.is_multicast or ip.is_unspecified


def check_host(url: str, documented: set[str], allow_hosts: frozenset[str], *, resolve: bool) -> None:
    """Raise RecordError unless `url`'s host may be contacted; `resolve` when the bytes go there."""
    host = host_of(url)
    if host in allow_hosts:
        return
    if host not in documented:
        raise RecordError(f"{host or url!r} is not an endpoint the page documents",
                          hint=f"document it, or pass --allow-host {host}")
    if forbidden_ip(host):
        raise RecordError(f"refusing to contact {host}: a private, link-local or metadata address",
                          hint=f"pass --allow-host {host} if you really mean it")
    if resolve:   # only when the bytes go to this host (live): the emulator never resolves it
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError as exc:
            raise RecordError(f"cannot resolve {host}: {exc}") from None
        bad = sorted({str(i[4][0]) for i in infos if forbidden_ip(str(i[4][0]))})
        if bad:
            raise RecordError(f"refusing to contact {host}: it resolves to {', '.join(bad)}",
                              hint=f"pass --allow-host {host} if you really mean it")
