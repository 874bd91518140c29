"""parse(to_curl(parse(x))) == parse(x), and to_curl(r) parses back to r, for generated requests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docverify.curl import CurlRequest, parse_curl, to_curl, to_httpx
from docverify.errors import InputError

from .curlcases import load_cases

_VAR = st.sampled_from(["${ARK_API_KEY}", "${BASE}", "${X_1}"])
# Everything bash can carry in an argument (no NUL), weighted towards what breaks quoting.
_TRICKY = st.sampled_from(list("'\"$\\`!#&|;<>(){}[]*?~^ \t\n\r%+=:@“”‘’«»\u00a0\u3000–—：-"))
_CHAR = st.one_of(_TRICKY, st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
_TEXT = st.lists(st.one_of(_CHAR.map(str), _VAR), max_size=30).map("".join)
_TOKEN = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1,
                 max_size=12)
_VALUE = _TEXT.map(lambda s: s.replace("\n", " ").replace("\r", " ").strip(" \t"))
_SEGMENT = st.one_of(_TOKEN, _VAR, st.text("abc%20~.-_", min_size=1, max_size=5))


@st.composite
def requests(draw: st.DrawFn) -> CurlRequest:
    scheme = draw(st.sampled_from(["http://", "https://"]))
    host = draw(st.sampled_from(["api.example.com", "127.0.0.1:8080", "${HOST}"]))
    path = "/".join(draw(st.lists(_SEGMENT, max_size=4)))
    query = draw(st.one_of(st.just(""), st.builds(lambda k, v: f"?{k}={v}", _TOKEN, _SEGMENT)))
    url = f"{scheme}{host}/{path}{query}"
    body = draw(st.one_of(st.none(), _TEXT))
    headers = tuple(draw(st.lists(st.tuples(_TOKEN, _VALUE), max_size=4)))
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    method = draw(st.sampled_from(methods + (["HEAD"] if body is None else [])))
    return CurlRequest(method, url, headers, body)


@settings(max_examples=300, deadline=None)
@given(requests())
def test_to_curl_parses_back(req: CurlRequest) -> None:
    assert parse_curl(to_curl(req)) == req


@pytest.mark.parametrize("case", [c for c in load_cases() if "request" in c.spec], ids=str)
def test_case_round_trip(case) -> None:  # type: ignore[no-untyped-def]
    req = parse_curl(case.command)
    again = parse_curl(to_curl(req))
    assert again == req
    assert parse_curl(to_curl(again)) == again


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_parses_or_raises_our_error(text: str) -> None:
    """Bad input is a CurlParseError with a line, never another exception."""
    try:
        parse_curl("curl http://h/ -d " + text)
    except InputError as exc:
        assert exc.line is not None and exc.line >= 1


def test_to_httpx_fills_variables_at_send_time() -> None:
    req = parse_curl('curl "$BASE/chat" -H "Authorization: Bearer $ARK_API_KEY" '
                     "--json '{\"m\": \"中\"}'")
    assert req.url == "${BASE}/chat"
    sent = to_httpx(req, {"BASE": "http://127.0.0.1:9/v3", "ARK_API_KEY": "k"})
    assert str(sent.url) == "http://127.0.0.1:9/v3/chat"
    assert sent.headers["authorization"] == "Bearer k"
    assert sent.content == '{"m": "中"}'.encode()


def test_to_httpx_names_a_missing_variable() -> None:
    req = parse_curl('curl https://h/ -H "Authorization: Bearer $ARK_API_KEY"')
    with pytest.raises(InputError, match=r"\$\{ARK_API_KEY\}, which is not set"):
        to_httpx(req, {})
