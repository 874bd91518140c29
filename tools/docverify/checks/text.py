"""Checks on a page's raw text: mojibake, leftover GitBook tags, leaked translation residue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docverify.page.encoding import find_mojibake
from docverify.model import Claims, Finding, Page, Severity

if TYPE_CHECKING:
    from docverify.pageset.site import Site

_TAG = re.compile(r"\{%-?\s*([A-Za-z][\w-]*)?(.*?)-?%\}")
_OPEN_TAG = re.compile(r"\{%")
# GitBook blocks that need an `end…` tag, and the ones that stand alone.
_PAIRED = frozenset({"hint", "tabs", "tab", "stepper", "step", "content-ref", "code", "swagger",
                     "openapi", "openapi-operation", "columns", "column", "updates", "update"})
_SINGLE = frozenset({"embed", "file", "include", "swagger-description", "openapi-schemas"})

_THINK_OPEN = re.compile(r"<think>", re.IGNORECASE)
_THINK_CLOSE = re.compile(r"</think>", re.IGNORECASE)
# Phrases an LLM translator writes to itself, never to a reader of the page.
_PROMPT = re.compile("|".join((
    r"^[\s>*-]*we are translating\b",
    r"^[\s>*-]*(?:okay,? )?the user wants me to translate\b",
    r"^\s*(?:okay|ok|alright|so),? (?:the user|i need to|let me|let's)\b.{0,60}\btranslat",
    r"^[\s>*-]*let(?:'s| me) (?:break down|start) the translation\b",
    r"^[\s>*\d.-]*translate only (?:the )?textual content\b",
    r"^\s*(?:here is|here's) the (?:translated|translation)\b",
    r"^[\s>*-]*as an ai (?:language model|translator)\b",
)), re.IGNORECASE)


def _code_lines(page: Page) -> set[int]:
    """Lines inside fenced code blocks, fences included: code may show any syntax."""
    lines: set[int] = set()
    for block in page.code_blocks:
        lines.update(range(block.line, block.line + len(block.text.splitlines()) + 2))
    return lines


def in_code_span(line: str, pos: int) -> bool:
    """Whether `pos` of `line` sits inside an inline code span (an odd number of backticks before it)."""
    return line.count("`", 0, pos) % 2 == 1


def _think_lines(page: Page) -> set[int]:
    """Lines of leaked `<think>` blocks: reported once as translation.leak, not checked again."""
    lines: set[int] = set()
    start = 0
    for number, line in enumerate(page.source.splitlines(), 1):
        if not start and _THINK_OPEN.search(line):
            start = number
        if start:
            lines.add(number)
            if _THINK_CLOSE.search(line):
                start = 0
    return lines


def prose_lines(page: Page, skip_think: bool = False) -> Iterator[tuple[int, str]]:
    """(number, line) of each line outside fenced code (and, with `skip_think`, leaked reasoning)."""
    code = _code_lines(page)
    if skip_think and "<think>" in page.source.lower():
        code |= _think_lines(page)
    for number, line in enumerate(page.source.splitlines(), 1):
        if number not in code:
            yield number, line


def check_encoding(claims: Claims, site: Site) -> Iterator[Finding]:
    """encoding.mojibake: lines that are UTF-8 decoded with a wrong codec."""
    page = claims.page
    for line, codec in find_mojibake(page.source):
        yield Finding("encoding.mojibake", Severity.ERROR, page.path, line,
                      f"expected readable text, found UTF-8 decoded as {codec} (mojibake)",
                      f"run `docverify repair-encoding {page.path}`")


def check_gitbook(claims: Claims, site: Site) -> Iterator[Finding]:
    """gitbook.unconverted: any `{% … %}` in MkDocs syntax; unbalanced/unknown in GitBook."""
    page = claims.page
    if "{%" not in page.source:
        return  # no tag, nothing to balance
    if page.syntax != "gitbook" and site.config.templated:
        return  # mkdocs-macros renders `{% … %}` as Jinja: the site's own syntax
    stack: list[tuple[str, int]] = []
    for number, line in prose_lines(page, skip_think=True):
        if "{%" not in line:
            continue
        for m in _OPEN_TAG.finditer(line):
            shortcode = m.start() > 0 and line[m.start() - 1] == "{"   # Hugo's `{{% alert %}}`
            if shortcode or in_code_span(line, m.start()):
                continue
            tag = _TAG.match(line, m.start())
            name = (tag.group(1) or "") if tag else ""
            if page.syntax != "gitbook":
                yield Finding("gitbook.unconverted", Severity.ERROR, page.path, number,
                              f"expected {'MkDocs' if page.syntax == 'mkdocs' else 'plain Markdown'} "
                              "syntax, found GitBook tag "
                              f"{{% {name or '…'} %}} left in the page",
                              "convert it (docverify import-gitbook does) or put it in a code "
                              "span if the page shows it as an example")
                continue
            yield from _balance(page, number, name, stack)
    for name, number in stack:
        yield Finding("gitbook.unconverted", Severity.ERROR, page.path, number,
                      f"expected {{% end{name} %}} to close {{% {name} %}}, found the page ends",
                      f"add {{% end{name} %}} where the block ends")


def _balance(page: Page, number: int, name: str, stack: list[tuple[str, int]]
             ) -> Iterator[Finding]:
    if name in _PAIRED:
        stack.append((name, number))
    elif name.startswith("end") and name[3:] in _PAIRED:
        opened = name[3:]
        if not any(n == opened for n, _ in stack):
            yield Finding("gitbook.unconverted", Severity.ERROR, page.path, number,
                          f"expected a {{% {opened} %}} before {{% {name} %}}, found none open",
                          f"remove the stray {{% {name} %}} or add the opening tag")
            return
        while stack:
            inner, line = stack.pop()
            if inner == opened:
                break
            yield Finding("gitbook.unconverted", Severity.ERROR, page.path, line,
                          f"expected {{% end{inner} %}} before {{% {name} %}} (line {number}), "
                          "found none", f"close {{% {inner} %}} inside its parent block")
    elif name not in _SINGLE:
        yield Finding("gitbook.unconverted", Severity.WARNING, page.path, number,
                      f"expected a known GitBook tag, found {{% {name or '…'} %}}",
                      "check how GitBook renders it; the importer will not convert it")


def check_translation_leak(claims: Claims, site: Site) -> Iterator[Finding]:
    """translation.leak: `<think>` reasoning or translation-prompt text outside code. (Notes about
    the translation in any language need the source page: checks/translation.py, parity group.)"""
    yield from _think_and_prompt(claims.page)


def think_lines(page: Page) -> set[int]:
    """Lines of leaked `<think>` blocks (an unclosed one runs to the end of the page)."""
    return _think_lines(page) if "<think>" in page.source.lower() else set()


# Every _PROMPT phrase holds "translat" or "as an ai"; a line without these or a think tag is
# one _think_and_prompt passes over.
_LEAK_WORDS = ("<think>", "</think>", "translat", "as an ai")
# Line ends str.splitlines() knows besides "\n", and the characters re's IGNORECASE matches to an
# ASCII letter that str.lower() does not turn into it (İ ı ſ): with one of them in a page the
# shortcut below would not be exact.
_UNEVEN = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\u0130", "\u0131", "\u017f")


def _leak_lines(page: Page) -> Iterator[tuple[int, str]]:
    """The prose lines _think_and_prompt must read: those of the lower-cased page holding one of
    _LEAK_WORDS (none on most pages), instead of two case-blind patterns on every line."""
    text = page.source
    if any(char in text for char in _UNEVEN):
        yield from prose_lines(page)
        return
    low = text.lower()
    places = []
    for word in _LEAK_WORDS:
        at = low.find(word)
        while at >= 0:
            places.append(at)
            at = low.find(word, at + 1)
    if not places:
        return
    code = _code_lines(page)
    lines = text.split("\n")
    number, seen, last = 1, 0, 0
    for at in sorted(places):
        number += low.count("\n", seen, at)
        seen = at
        if number != last and number not in code:
            yield number, lines[number - 1]
        last = number


def _think_and_prompt(page: Page) -> Iterator[Finding]:
    think_from = 0
    for number, line in _leak_lines(page):
        if think_from:
            if _THINK_CLOSE.search(line):
                think_from = 0
            continue
        opened = _THINK_OPEN.search(line)
        if opened and not in_code_span(line, opened.start()):
            end = _close_line(page.source, number)
            yield Finding("translation.leak", Severity.ERROR, page.path, number,
                          "expected translated text only, found leaked model reasoning "
                          f"(<think> … {'</think> at line ' + str(end) if end else 'never closed'})",
                          "delete the <think> block and re-check the translation around it")
            think_from = 0 if _THINK_CLOSE.search(line, opened.end()) else number
            continue
        prompt = _PROMPT.search(line)
        if prompt and not in_code_span(line, prompt.start()):
            yield Finding("translation.leak", Severity.ERROR, page.path, number,
                          f"expected translated text only, found translation-prompt text "
                          f"{prompt.group(0).strip()!r}",
                          "delete the translator's notes and re-check the translation")


def _close_line(source: str, start: int) -> int:
    for number, line in enumerate(source.splitlines()[start - 1:], start):
        if _THINK_CLOSE.search(line):
            return number
    return 0
