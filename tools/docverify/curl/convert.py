"""Convert a CurlRequest: to the httpx.Request it sends, and back to a canonical cURL command."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from docverify.curl.request import VARIABLE, CurlRequest
from docverify.errors import InputError

if TYPE_CHECKING:
    import httpx

_BARE = re.compile(r"[A-Za-z0-9_./:@%+=,-]+")


def quote(text: str) -> str:
    """One bash word that reads back as `text`; `${NAME}` stays a variable the shell expands."""
    if _BARE.fullmatch(text):
        return text
    out, pos = [], 0
    for match in VARIABLE.finditer(text):
        out.append(_literal(text[pos:match.start()]))
        out.append(f'"{match.group()}"')
        pos = match.end()
    out.append(_literal(text[pos:]))
    return "".join(out) or "''"


def _literal(text: str) -> str:
    if not text:
        return ""
    if _BARE.fullmatch(text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def to_curl(req: CurlRequest) -> str:
    """The canonical command: explicit headers, `--data-raw` for the body, one option a line.

    Only what decides the request is written, so `parse_curl(to_curl(r)) == r`.
    """
    args: list[str] = ["curl"]
    default = "GET" if req.body is None else "POST"
    if req.method == "HEAD" and req.body is None:
        args.append("--head")
    elif req.method != default:
        args += ["-X", quote(req.method)]
    args.append(quote(req.url))
    names = set()
    for name, value in req.headers:
        names.add(name.lower())
        args += ["-H", quote(f"{name}: {value}" if value else f"{name};")]
    if req.body is not None:
        if "content-type" not in names:
            args += ["-H", quote("Content-Type:")]   # keep curl from adding its form type
        args += ["--data-raw", quote(req.body)]
    lines, current = [], args[0]
    for word in args[1:]:
        if word.startswith("-") and current != "curl":
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    return " \\\n  ".join(lines)


def fill(text: str, env: Mapping[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            raise InputError(f"the command uses ${{{name}}}, which is not set",
                             hint=f"export {name}=… before sending the request")
        return env[name]
    return VARIABLE.sub(value, text)


def to_httpx(req: CurlRequest, env: Mapping[str, str] | None = None) -> httpx.Request:
    """The request as httpx would send it, with each `${VAR}` filled from `env` (default:
    the process environment). A variable that is not set is an InputError, not an empty value."""
    # httpx (with its CLI's rich and click, ~45 ms) loads where a request is built, not with
    # the parser every check imports.
    import httpx
    env = os.environ if env is None else env
    headers = [(fill(k, env).encode(), fill(v, env).encode()) for k, v in req.headers]
    content = None if req.body is None else fill(req.body, env).encode()
    try:
        return httpx.Request(req.method, fill(req.url, env), headers=headers, content=content)
    except (httpx.InvalidURL, ValueError) as exc:
        raise InputError(f"cannot build a request for {req.url}: {exc}") from exc
