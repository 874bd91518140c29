"""Secrets never reach disk: scrubbed by name and by value, then a scan refuses leftovers."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from docverify.traffic.cassette import Interaction, RecordedRequest, RecordedResponse, render
from docverify.errors import SecretLeakError
from docverify.traffic.scrub import REDACTED, assert_clean, scrub_interaction

# Real keys are URL/base64-ish; `$`, `{` and `}` are left out because the placeholder uses them.
KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/=",
               min_size=12, max_size=64)
FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


def leaky(key: str, pad: str) -> Interaction:
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": f"{pad}{key}{pad}"}],
                       "api_key": key})
    sse = f"data: {{\"echo\": \"{key}\"}}\n\n{pad}data: {quote(key, safe='')}\n\ndata: [DONE]\n\n"
    return Interaction(
        RecordedRequest("POST", f"https://ark.cn-beijing.volces.com/api/v3/chat?api_key={quote(key, safe='')}"
                        f"&token=abc&x={key}", body,
                        (("Authorization", f"Bearer {key}"), ("X-Api-Key", key), ("Cookie", "s=1"),
                         ("X-Echo", f"{pad}{key}"))),
        RecordedResponse(200, "OK", (("Set-Cookie", "sid=2"), ("X-Seen-Key", key),
                                     ("Content-Type", "text/event-stream")), sse))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=KEYS, pad=FILLER)
@example(key="CONTENT-TYPE", pad="")   # found by hypothesis: a header name, assumed away above
@example(key="sk-proj-0123456789abcdef", pad="\r\n")
def test_a_random_key_placed_everywhere_never_reaches_the_file(key: str, pad: str) -> None:
    # A "key" that is also ordinary text of the exchange (`CONTENT-TYPE`, a header name the scan
    # sees upper-cased) cannot be told from that text; the scan then refuses to write, which is
    # safe but not what this property is about. Real keys are not words of the protocol.
    scaffold = render([leaky("\x00", pad)], {"target": "emulator"}).lower()
    assume(key.lower() not in scaffold)
    secrets = {"ARK_API_KEY": key}
    text = render([scrub_interaction(leaky(key, pad), secrets)], {"target": "emulator"})
    assert_clean(text, secrets)                       # the scan agrees…
    assert key not in text and quote(key, safe="") not in text   # …and so do we, independently
    assert base64.b64encode(key.encode()).decode().rstrip("=")[:-2] not in text


def test_credentials_are_replaced_by_name_and_value() -> None:
    key = "0123456789abcdef-secret"
    clean = scrub_interaction(leaky(key, " "), {"ARK_API_KEY": key})
    headers = dict(clean.request.headers)
    assert headers["Authorization"] == "Bearer ${ARK_API_KEY}"
    assert headers["Cookie"] == REDACTED and dict(clean.response.headers)["Set-Cookie"] == REDACTED
    assert "token=%3Credacted%3E" in clean.request.uri or f"token={REDACTED}" in clean.request.uri
    assert "api_key=${ARK_API_KEY}" in clean.request.uri
    assert "${ARK_API_KEY}" in clean.response.body and key not in clean.response.body


def test_an_unknown_bearer_token_keeps_its_scheme() -> None:
    req = Interaction(RecordedRequest("GET", "https://x.test/", None, (("Authorization", "Bearer other"),)),
                      RecordedResponse(200))
    assert dict(scrub_interaction(req, {}).request.headers)["Authorization"] == f"Bearer {REDACTED}"


@pytest.mark.parametrize("form", ["raw", "url", "base64-in-basic-auth"])
def test_the_scan_refuses_a_leftover_key(form: str, tmp_path: Path) -> None:
    key = "sk-live-0123456789abcdefXYZ"
    leftover = {"raw": key, "url": quote(key, safe=""),
                "base64-in-basic-auth": base64.b64encode(f"user:{key}".encode()).decode()}[form]
    text = f'{{"headers": {{"X": ["{leftover}"]}}}}\n'
    with pytest.raises(SecretLeakError) as caught:
        assert_clean(text, {"ARK_API_KEY": key}, path=str(tmp_path / "c.yaml"))
    assert caught.value.line == 1 and "ARK_API_KEY" in caught.value.message
