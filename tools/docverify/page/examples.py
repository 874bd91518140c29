"""A page's API examples: the cURL examples that call an API, which recording and replay act on."""

from __future__ import annotations

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
