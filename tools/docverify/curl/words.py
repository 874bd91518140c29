"""Bash word splitting without a shell: quotes, escapes, variables, comments, operators, heredocs.

Only what decides the words curl receives is modelled. Variables bash would expand become
`${NAME}` (symbolic); nothing is ever executed, so `$(…)` and backticks stay literal, with a
warning. Each word keeps the line and column it starts at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docverify.curl import expand
from docverify.curl.request import Notice
from docverify.errors import CurlParseError

_PLAIN = re.compile(r"[^ \t\r\n'\"\\$|&;<>()`]+")   # bash splits on blank and newline only
_SQ_BODY = re.compile(r"[^']*")
_DQ_PLAIN = re.compile(r'[^"\\$`]+')
_OPERATOR = re.compile(r"\|\||&&|;;|\|&|[|;&()]|<<<|<<-|<<|<>|>>|>\||&>>|&>|>&|<&|[<>]")
_PROMPT = re.compile(r"[ \t]*\$[ \t]+(?=\S)")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    line: int
    col: int
    literal: bool = False   # written with no quotes, escapes or expansions (can be an fd number)


@dataclass(slots=True)
class Command:
    """One simple command: its words, its redirections and what a heredoc feeds its stdin."""

    words: list[Word] = field(default_factory=list)
    redirects: list[tuple[str, Word]] = field(default_factory=list)
    stdin: str | None = None
    piped_from_previous: bool = False


class _Splitter:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.notices: list[Notice] = []
        self.commands: list[Command] = [Command()]
        self.pending_heredocs: list[tuple[Command, str, bool, bool]] = []

    def warn(self, kind: str, message: str, line: int | None = None) -> None:
        self.notices.append(Notice(kind, line or self.line, message))

    def newline(self, at: int) -> None:
        self.line += 1
        self.line_start = at + 1

    def run(self) -> list[Command]:
        text, n = self.text, len(self.text)
        self.skip_prompt()
        while self.pos < n:
            ch = text[self.pos]
            if ch == "\n":
                self.newline(self.pos)
                self.pos += 1
                self.read_heredocs()
                self.end_command("\n")
                self.skip_prompt()
            elif ch in " \t\r":
                self.pos += 1
            elif ch == "\\" and text.startswith("\n", self.pos + 1):
                self.newline(self.pos + 1)
                self.pos += 2
            elif ch == "#":
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif ch in "|&;<>()":
                self.operator()
            else:
                word = self.word()
                if text.startswith(("<", ">"), self.pos) and word.literal and word.text.isdigit():
                    self.operator(word.text)   # `2>&1`: the digits name a file descriptor
                else:
                    self.commands[-1].words.append(word)
        if self.pending_heredocs:
            self.read_heredocs()
        return [c for c in self.commands if c.words]

    def skip_prompt(self) -> None:
        match = _PROMPT.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def end_command(self, op: str) -> None:
        if self.commands[-1].words or op in ("|", "|&"):
            self.commands.append(Command(piped_from_previous=op in ("|", "|&")))

    def operator(self, fd: str = "") -> None:
        match = _OPERATOR.match(self.text, self.pos)
        assert match is not None
        op = match.group()
        self.pos = match.end()
        if op in ("(", ")"):
            raise CurlParseError(f"'{op}' (a subshell or function) is not part of a curl command",
                                 line=self.line)
        if op in ("|", "|&", "||", "&&", ";", "&", ";;"):
            self.end_command(op)
            return
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1
        if self.pos >= len(self.text) or self.text[self.pos] in "\n|&;<>()":
            raise CurlParseError(f"redirection '{op}' has no target", line=self.line)
        target = self.word()
        command = self.commands[-1]
        if op in ("<<", "<<-"):
            quoted = not target.literal
            self.pending_heredocs.append((command, target.text, quoted, op == "<<-"))
        elif op == "<<<":
            command.stdin = target.text + "\n"
        else:
            command.redirects.append((fd + op, target))

    def read_heredocs(self) -> None:
        """Read the bodies of heredocs opened on the line that just ended."""
        for command, delimiter, quoted, strip_tabs in self.pending_heredocs:
            lines: list[str] = []
            start_line = self.line
            while True:
                if self.pos >= len(self.text):
                    raise CurlParseError(f"heredoc is not closed: no line '{delimiter}'",
                                         line=start_line)
                end = self.text.find("\n", self.pos)
                end = len(self.text) if end < 0 else end
                raw = self.text[self.pos:end]
                self.pos = end + 1 if end < len(self.text) else end
                if end < len(self.text):
                    self.newline(end)
                if strip_tabs:
                    raw = raw.lstrip("\t")
                if raw.rstrip("\r") == delimiter:
                    break
                lines.append(raw + "\n")
            body = "".join(lines)
            command.stdin = body if quoted else expand.heredoc(body, self.warn, start_line)
        self.pending_heredocs = []

    def word(self) -> Word:
        text, n = self.text, len(self.text)
        line, col, start = self.line, self.pos - self.line_start + 1, self.pos
        parts: list[str] = []
        while self.pos < n:
            ch = text[self.pos]
            match = _PLAIN.match(text, self.pos)
            if match:
                parts.append(match.group())
                self.pos = match.end()
            elif ch == "'":
                self.single_quoted(parts)
            elif ch == '"':
                self.pos += 1
                self.double_quoted(parts)
            elif ch == "\\":
                if self.pos + 1 >= n:
                    self.pos += 1
                    break
                nxt = text[self.pos + 1]
                if nxt == "\n":
                    self.newline(self.pos + 1)
                else:
                    parts.append(nxt)
                self.pos += 2
            elif ch == "$":
                if text.startswith("$'", self.pos):
                    self.ansi_c(parts)
                elif text.startswith('$"', self.pos):
                    self.pos += 2
                    self.double_quoted(parts)
                else:
                    parts.append(self.dollar())
            elif ch == "`":
                parts.append(self.substitution("`", "`"))
            else:
                break
        if self.pos == start:
            raise CurlParseError(f"unexpected {text[start]!r}", line=line)
        value = "".join(parts)
        return Word(value, line, col, literal=value == text[start:self.pos])

    def single_quoted(self, parts: list[str]) -> None:
        line = self.line
        match = _SQ_BODY.match(self.text, self.pos + 1)
        assert match is not None
        if match.end() >= len(self.text):
            raise CurlParseError("unclosed single quote (')", line=line,
                                 hint="close the quote; bash would wait for more input")
        body = match.group()
        for var in re.finditer(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", body):
            at = line + body.count("\n", 0, var.start())
            self.warn("quoting", f"'{var.group()}' is inside single quotes, so the shell sends "
                      f"it literally instead of the value of {var.group(1)}", at)
        if "\n" in body:
            self.line += body.count("\n")
            self.line_start = self.pos + 1 + body.rfind("\n") + 1
        parts.append(body)
        self.pos = match.end() + 1

    def double_quoted(self, parts: list[str]) -> None:
        text, n, line = self.text, len(self.text), self.line
        while True:
            if self.pos >= n:
                raise CurlParseError('unclosed double quote (")', line=line,
                                     hint="close the quote; bash would wait for more input")
            ch = text[self.pos]
            match = _DQ_PLAIN.match(text, self.pos)
            if match:
                chunk = match.group()
                newlines = chunk.count("\n")
                if newlines:
                    self.line += newlines
                    self.line_start = self.pos + chunk.rfind("\n") + 1
                parts.append(chunk)
                self.pos = match.end()
            elif ch == '"':
                self.pos += 1
                return
            elif ch == "\\":
                nxt = text[self.pos + 1] if self.pos + 1 < n else ""
                if nxt == "\n":
                    self.newline(self.pos + 1)
                elif nxt in ('$', '`', '"', '\\'):
                    parts.append(nxt)
                else:
                    parts.append("\\" + nxt)
                self.pos += 2
            elif ch == "$":
                parts.append(self.dollar())
            else:
                parts.append(self.substitution("`", "`"))

    def ansi_c(self, parts: list[str]) -> None:
        value, end = expand.ansi_c(self.text, self.pos + 2, self.line)
        self.advance(end)
        parts.append(value)

    def dollar(self) -> str:
        value, end = expand.dollar(self.text, self.pos, self.warn, self.line)
        self.advance(end)
        return value

    def substitution(self, opener: str, closer: str) -> str:
        value, end = expand.substitution(self.text, self.pos, opener, closer, self.warn, self.line)
        self.advance(end)
        return value

    def advance(self, end: int) -> None:
        """Move to `end`, counting the lines passed on the way."""
        newlines = self.text.count("\n", self.pos, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.pos, end) + 1
        self.pos = end


def split_commands(text: str) -> tuple[list[Command], list[Notice]]:
    """The simple commands of a script, in order, and the warnings met while splitting."""
    splitter = _Splitter(text)
    commands = splitter.run()
    return commands, splitter.notices

