"""Turn curl's argument words into the request it sends, option by option, with curl's semantics."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field

from docverify.curl import forms
from docverify.curl.options import REQUEST_OPTIONS, UNMODELLED, Option, lookup_long, lookup_short
from docverify.curl.request import Notice
from docverify.curl.words import Word
from docverify.errors import CurlParseError

# What Debian's curl 7.88 (built with zlib, brotli and zstd) offers for --compressed.
ACCEPT_ENCODING = "deflate, gzip, br, zstd"
FORM_TYPE = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"


@dataclass(slots=True)
class _State:
    urls: list[str] = field(default_factory=list)
    method: str | None = None
    custom: list[tuple[str, str | None]] = field(default_factory=list)  # None: removed
    data: list[tuple[str, str]] = field(default_factory=list)           # (option, piece)
    parts: list[forms.Part] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    get: bool = False
    head: bool = False
    compressed: bool = False
    user: str | None = None
    bearer: str | None = None
    agent: str | None = None
    referer: str | None = None
    cookies: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Built:
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: str | None
    notices: tuple[Notice, ...]


def _options(words: list[Word]) -> Iterator[tuple[Option | None, bool, Word]]:
    """(option or None for a URL, negated, value word or the URL word) in command order."""
    i = 0
    while i < len(words):
        word = words[i]
        text = word.text
        i += 1
        if text.startswith("--"):
            opt, negated = lookup_long(text, word.line)
            if opt.takes_value:
                if i >= len(words):
                    raise CurlParseError(f"option {text} needs a value", line=word.line)
                yield opt, False, words[i]
                i += 1
            else:
                yield opt, negated, word
        elif text.startswith("-") and len(text) > 1:
            for k, letter in enumerate(text[1:], start=1):
                opt = lookup_short(letter, word.line)
                if not opt.takes_value:
                    yield opt, False, word
                    continue
                rest = text[k + 1:]
                if rest:   # `-XPOST`, `-H'…'`: the rest of the word is the value
                    yield opt, False, Word(rest, word.line, word.col + k + 1)
                elif i < len(words):
                    yield opt, False, words[i]
                    i += 1
                else:
                    raise CurlParseError(f"option -{letter} needs a value", line=word.line)
                break
        else:
            yield None, False, word


def build(words: list[Word], stdin: str | None) -> Built:
    """`words` are curl's arguments (without `curl` itself); `stdin` what a heredoc feeds it."""
    st, notices = _State(), list[Notice]()
    read = forms.Reader(stdin)
    first_line = words[0].line if words else 1
    for opt, negated, word in _options(words):
        if opt is None:
            st.urls.append(word.text)
        elif opt.name in REQUEST_OPTIONS:
            _apply(st, opt, negated, word, read, notices)
        elif opt.name in UNMODELLED:
            notices.append(Notice("ignored", word.line, f"--{opt.name} changes the request in "
                                  "a way docverify does not model"))
    if not st.urls:
        raise CurlParseError("no URL: curl needs one to send a request", line=first_line)
    if len(st.urls) > 1:
        notices.append(Notice("ignored", first_line, f"curl sends one request per URL; "
                              f"only the first ({st.urls[0]}) is modelled"))
    for name in read.files:
        notices.append(Notice("ignored", first_line, f"the body reads {name} at run time; "
                              f"shown as {forms.file_placeholder(name)}"))
    if st.parts and st.data:
        raise CurlParseError("curl refuses -F together with -d/--data/--json: "
                             "you can only select one HTTP request method", line=first_line)
    if st.head and (st.data or st.parts) and not st.get:
        raise CurlParseError("curl refuses -I/--head together with a request body: "
                             "you can only select one HTTP request method", line=first_line)
    url = st.urls[0]
    if "://" not in url and not url.startswith("${"):
        url = "http://" + url    # what curl assumes; a leading ${VAR} likely holds the scheme
    derived_first, derived_last, body = _derived(st)
    joined = _join(st.data)
    queries = list(st.queries)
    if st.get and joined is not None:
        queries.insert(0, joined)
        joined = None
    if queries:
        url += ("&" if "?" in url else "?") + "&".join(queries)
    if joined is not None:
        body = joined
    method = st.method or ("HEAD" if st.head else "GET" if st.get
                           else "POST" if body is not None else "GET")
    return Built(method, url, _headers(st, derived_first, derived_last), body,
                 tuple(notices))


def _apply(st: _State, opt: Option, negated: bool, word: Word, read: forms.Reader,
           notices: list[Notice]) -> None:
    name, value = opt.name, word.text
    if name == "request":
        st.method = value
    elif name == "url":
        st.urls.append(value)
    elif name == "header":
        _header(st, word, notices)
    elif name in ("data", "data-ascii", "data-binary", "json"):
        if value.startswith("@"):
            value = read(value[1:], strip_newlines=name in ("data", "data-ascii"))
        st.data.append((name, value))
    elif name == "data-raw":
        st.data.append((name, value))
    elif name == "data-urlencode":
        st.data.append((name, forms.urlencode_piece(value, read)))
    elif name == "url-query":
        st.queries.append(value[1:] if value.startswith("+")
                          else forms.urlencode_piece(value, read))
    elif name in ("form", "form-string"):
        part = forms.form_part(value, name == "form-string", read)
        if part is None:
            raise CurlParseError(f"-F '{value}' has no '=': curl needs name=content",
                                 line=word.line)
        st.parts.append(part)
    elif name == "get":
        st.get = not negated
    elif name == "head":
        st.head = not negated
    elif name == "compressed":
        st.compressed = not negated
    elif name == "user":
        st.user = value
        if ":" not in value:
            notices.append(Notice("quoting", word.line, f"-u '{value}' has no password: "
                                  "curl would stop and prompt for it"))
    elif name == "oauth2-bearer":
        st.bearer = value
    elif name == "user-agent":
        st.agent = value
    elif name == "referer":
        st.referer = value.removesuffix(";auto")
    elif name == "cookie" and "=" in value:
        st.cookies.append(value)    # without '=' it names a cookie file for the engine


def _header(st: _State, word: Word, notices: list[Notice]) -> None:
    value = word.text
    if value.startswith("@"):
        notices.append(Notice("ignored", word.line, f"-H {value} reads headers from a file "
                              "at run time; not modelled"))
        return
    colon, semi = value.find(":"), value.find(";")
    if colon > 0 and (semi < 0 or colon < semi):
        name, content = value[:colon], value[colon + 1:].strip(" \t")
        # `Name:` with nothing after it removes a header curl would add, and sends nothing
        st.custom.append((name, content or None))
    elif semi > 0 and not value[semi + 1:].strip(" \t"):
        st.custom.append((value[:semi], ""))   # `Name;` sends the header with no value
    else:
        notices.append(Notice("ignored", word.line, f"-H '{value}' is not 'Name: value', "
                              "so curl sends no header for it"))


def _join(data: list[tuple[str, str]]) -> str | None:
    if not data:
        return None
    out = data[0][1]
    for (prev, _), (name, piece) in zip(data, data[1:]):
        # --json pieces are concatenated; every other piece is joined with '&'
        out += piece if name == "json" and prev == "json" else "&" + piece
    return out


def _derived(st: _State) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str | None]:
    first: list[tuple[str, str]] = []
    if st.bearer is not None:
        first.append(("Authorization", f"Bearer {st.bearer}"))
    elif st.user is not None:
        user = st.user if ":" in st.user else st.user + ":"
        first.append(("Authorization", "Basic " + base64.b64encode(user.encode()).decode()))
    if st.agent:
        first.append(("User-Agent", st.agent))
    if st.referer:
        first.append(("Referer", st.referer))
    if st.cookies:
        first.append(("Cookie", "; ".join(st.cookies)))
    if st.compressed:
        first.append(("Accept-Encoding", ACCEPT_ENCODING))
    last: list[tuple[str, str]] = []
    body = None
    if st.parts:
        body = forms.multipart(st.parts)
        last.append(("Content-Type", f"multipart/form-data; boundary={forms.BOUNDARY}"))
    elif st.data and not st.get:
        is_json = any(name == "json" for name, _ in st.data)
        last.append(("Content-Type", JSON_TYPE if is_json else FORM_TYPE))
        if is_json:
            last.append(("Accept", JSON_TYPE))
    return first, last, body


def _headers(st: _State, first: list[tuple[str, str]],
             last: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    custom = {name.lower() for name, _ in st.custom}
    if st.agent == "":
        custom.add("user-agent")
    out = [(n, v) for n, v in first if n.lower() not in custom]
    out += [(n, v) for n, v in st.custom if v is not None]
    out += [(n, v) for n, v in last if n.lower() not in custom]
    return tuple(out)
