"""Parse a cURL example into the request it sends: repair damage, split words, pick curl, build."""

from __future__ import annotations

import functools
import os

from docverify.curl.build import build
from docverify.curl.damage import repair
from docverify.curl.request import CurlRequest, Notice
from docverify.curl.words import Command, Word, split_commands
from docverify.errors import CurlParseError

_ECHO_FLAGS = {"-n", "-e", "-ne", "-en"}


def _is_curl(command: Command) -> bool:
    words = _skip_assignments(command)
    if not words:
        return False
    name = os.path.basename(words[0].text)
    return name in ("curl", "curl.exe")


def _skip_assignments(command: Command) -> list[Word]:
    words = command.words
    i = 0
    while i < len(words) and "=" in words[i].text and words[i].text.split("=", 1)[0].isidentifier():
        i += 1
    return words[i:]


def _piped_stdin(previous: Command) -> str | None:
    """What `echo …` or `cat <<EOF` writes into the pipe that feeds curl."""
    words = [w.text for w in previous.words]
    if words and words[0] == "echo":
        newline = "-n" not in words[1:2] and "-ne" not in words[1:2] and "-en" not in words[1:2]
        args = words[2:] if words[1:2] and words[1] in _ECHO_FLAGS else words[1:]
        return " ".join(args) + ("\n" if newline else "")
    if words == ["cat"] or words == ["cat", "-"]:
        return previous.stdin
    return None


def _pick(commands: list[Command]) -> int:
    index = next((i for i, c in enumerate(commands) if _is_curl(c)), None)
    if index is None:
        raise CurlParseError("no curl command in the text", line=1,
                             hint="a cURL example starts with 'curl'")
    return index


def curl_arguments(text: str) -> list[str]:
    """The words bash would pass to curl (after damage repair), `${VAR}` still symbolic."""
    commands, _ = split_commands(repair(text)[0])
    return [w.text for w in _skip_assignments(commands[_pick(commands)])[1:]]


@functools.lru_cache(maxsize=4096)
def parse_curl(text: str) -> CurlRequest:
    """The request the command in `text` would send; cached, so checks can call it freely.

    Raises CurlParseError (with `line`, 1-based within `text`) when bash or curl would reject
    the command, or when it holds no curl command at all.
    """
    repaired, damage = repair(text)
    commands, notices = split_commands(repaired)
    index = _pick(commands)
    command = commands[index]
    for i, other in enumerate(commands):
        if i == index:
            continue
        kind = "piped into" if i == index + 1 and other.piped_from_previous else "ignored:"
        what = " ".join(w.text for w in other.words)
        if len(what) > 40:
            what = what[:37] + "..."
        notices.append(Notice("ignored", other.words[0].line, f"{kind} '{what}' "
                              "(only the curl command is modelled)"))
    words = _skip_assignments(command)
    if len(words) < len(command.words):
        notices.append(Notice("ignored", command.words[0].line, "variable assignments before "
                              "curl apply to curl's environment, not to $VARs in its arguments"))
    for op, target in command.redirects:
        notices.append(Notice("ignored", target.line, f"redirection '{op}{target.text}' "
                              "ignored"))
    stdin = command.stdin
    if stdin is None and command.piped_from_previous and index > 0:
        stdin = _piped_stdin(commands[index - 1])
    built = build(words[1:], stdin)
    notices.extend(built.notices)
    notices.sort(key=lambda n: n.line_offset)
    warnings = tuple(str(d) for d in damage) + tuple(str(n) for n in notices)
    return CurlRequest(built.method, built.url, built.headers, built.body, warnings,
                       damage, tuple(notices))
