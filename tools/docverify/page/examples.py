"""A page's API examples: the cURL examples that call an API, which recording and replay act on."""

from __future__ import annotations

import re

from docverify.curl import CurlRequest, parse_curl
from docverify.errors import DocverifyError
from docverify.page.extract import is_endpoint
from docverify.model import Claims, Curl


def api_examples(claims: Claims) -> tuple[tuple[Curl, CurlRequest], ...]:
    """Each example with its parsed request, when it parses and its URL is an API's.

    An example that does not parse is the curl check's finding; one that fetches an install
    script (`curl -fsSL https://ollama.com/install.sh | sh`) calls no API: nothing to record.
    """
    found = []
    for curl in claims.curls:
        try:
            request = parse_curl(curl.text)
        except DocverifyError:
            continue
        if is_endpoint(request.url):
            found.append((curl, request))
    return tuple(found)


def models_listing_url(claims: Claims) -> str | None:
    """Where the page's API lists its models: beside the chat route its examples call.

    A page with no chat example documents no API to list models from, so it has none.
    """
    return next((r.url.rsplit("/chat/completions", 1)[0] + "/models"
                 for _, r in api_examples(claims) if "/chat/completions" in r.url), None)


# "HTTP/1.1 429", "status 401", "状态码 404", "ステータス 400" beside an example: the page shows that answer.
_STATUS = re.compile(r"(?:HTTP/[\d.]+|\bstatus(?:\s+code)?|状态码|狀態碼|ステータス(?:コード)?)\D{0,12}?\b([1-5]\d\d)\b",
                     re.IGNORECASE)


def documented_statuses(claims: Claims, curl: Curl | None) -> frozenset[int]:
    """HTTP statuses the page documents for an example: those named in the example's section.

    An example the page shows failing on purpose (a 401 with a wrong key) records its error;
    any other example must answer 2xx.
    """
    if curl is None:
        return frozenset()
    lines = claims.page.source.splitlines()
    later = [c.line for c in claims.curls if c.line > curl.line]
    heads = [h.line for h in claims.page.headings if h.line > curl.line]
    end = min([*later, *heads, len(lines) + 1])
    start = max([h.line for h in claims.page.headings if h.line <= curl.line], default=1)
    text = "\n".join(lines[start - 1:end - 1])
    return frozenset(int(m.group(1)) for m in _STATUS.finditer(text))
