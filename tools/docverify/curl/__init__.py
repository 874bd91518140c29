"""Read cURL examples the way bash and curl would, without running either."""

from __future__ import annotations

from docverify.curl.convert import to_curl, to_httpx
from docverify.curl.parse import parse_curl
from docverify.curl.request import CurlRequest, Damage, Notice

__all__ = ["CurlRequest", "Damage", "Notice", "parse_curl", "to_curl", "to_httpx"]
