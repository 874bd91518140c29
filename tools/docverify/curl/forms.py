"""Request bodies the way curl builds them: data pieces, URL-encoding, multipart forms.

What curl reads from a file at run time cannot be known without the file: it is shown as
`<contents of NAME>` and the builder adds a warning. Multipart bodies use a fixed boundary
(curl picks a random one per run) so that a parse is deterministic; the differential test
swaps curl's boundary for this one before comparing.
"""

from __future__ import annotations

from dataclasses import dataclass

BOUNDARY = "------------------------d0cve41f7b0und4y"
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def file_placeholder(name: str) -> str:
    return f"<contents of {name}>"


def escape(text: str, *, plus_for_space: bool) -> str:
    """curl_easy_escape: every byte but the unreserved ones as %XX (upper-case hex).

    `--data-urlencode` in curl 7.88 then writes a space as `+` (form encoding); `--url-query`
    does the same since it shares the code.
    """
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char in _UNRESERVED:
            out.append(char)
        elif char == " " and plus_for_space:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def urlencode_piece(spec: str, read: "Reader") -> str:
    """`--data-urlencode` / `--url-query` value: `content`, `=content`, `name=content`,
    `@file`, `name@file` (the name part is sent as written, only the content is encoded)."""
    eq, at = spec.find("="), spec.find("@")
    if at >= 0 and (eq < 0 or at < eq):
        name, content = spec[:at], read(spec[at + 1:], strip_newlines=False)
    elif eq >= 0:
        name, content = spec[:eq], spec[eq + 1:]
    else:
        name, content = "", spec
    encoded = escape(content, plus_for_space=True)
    return f"{name}={encoded}" if name else encoded


class Reader:
    """Reads `@name` for data options: `-` is the command's stdin (a heredoc), anything else a
    file that is not there at parse time."""

    def __init__(self, stdin: str | None) -> None:
        self.stdin = stdin
        self.files: list[str] = []

    def __call__(self, name: str, *, strip_newlines: bool) -> str:
        if name == "-" and self.stdin is not None:
            content = self.stdin
        else:
            self.files.append("stdin" if name == "-" else name)
            return file_placeholder("stdin" if name == "-" else name)
        # curl drops CR and LF from what -d/--data reads from a file, not from --data-binary
        return content.replace("\r", "").replace("\n", "") if strip_newlines else content


@dataclass(frozen=True, slots=True)
class Part:
    """One `-F` part: `name=value`, `name=@file` (an upload), `name=<file` (its text)."""

    name: str
    value: str
    filename: str | None = None
    content_type: str | None = None


def form_part(spec: str, literal: bool, read: Reader) -> Part | None:
    name, eq, rest = spec.partition("=")
    if not eq:
        return None
    if literal:     # --form-string: no @, < or ;type= interpretation
        return Part(name, rest)
    content_type = filename = None
    for key in (";filename=", ";type="):
        head, sep, tail = rest.partition(key)
        if sep:
            rest = head
            if key == ";type=":
                content_type = tail
            else:
                filename = tail
    if rest.startswith("@"):
        path = rest[1:]
        read.files.append(path)
        return Part(name, file_placeholder(path), filename or path.rsplit("/", 1)[-1],
                    content_type or "application/octet-stream")
    if rest.startswith("<"):
        return Part(name, read(rest[1:], strip_newlines=False), filename, content_type)
    return Part(name, rest, filename, content_type)


def multipart(parts: list[Part]) -> str:
    chunks = []
    for part in parts:
        disposition = f'form-data; name="{part.name}"'
        if part.filename is not None:
            disposition += f'; filename="{part.filename}"'
        head = f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n"
        if part.content_type:
            head += f"Content-Type: {part.content_type}\r\n"
        chunks.append(f"{head}\r\n{part.value}\r\n")
    return "".join(chunks) + f"--{BOUNDARY}--\r\n"
