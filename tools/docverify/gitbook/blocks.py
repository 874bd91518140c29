"""GitBook's block tags ({% hint %}, tabs, stepper, details, embed, include) as a tree, rendered as Material blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docverify.gitbook.context import PageContext

_OPEN = re.compile(r'^(?P<ind>\s*)\{%\s*(?P<kind>hint|tabs|tab|stepper|step|content-ref)\b(?P<args>.*?)%\}\s*$')
_CLOSE = re.compile(r"^\s*\{%\s*end(?P<kind>hint|tabs|tab|stepper|step|content-ref)\s*%\}\s*$")
_SINGLE = re.compile(r'^(?P<ind>\s*)\{%\s*(?P<kind>embed|include)\s+(?P<args>.*?)%\}\s*$')
_DETAILS_OPEN = re.compile(r"^(?P<ind>\s*)<details>\s*(?:<summary>(?P<title>.*?)</summary>\s*)?$")
_DETAILS_CLOSE = re.compile(r"^\s*</details>\s*$")
_SUMMARY = re.compile(r"^\s*<summary>(?P<title>.*?)</summary>\s*$")
_LEFTOVER = re.compile(r"\{%-?\s*(?P<name>[\w-]*)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_ARG = re.compile(r'(\w+)="([^"]*)"')
_QUOTED = re.compile(r'"([^"]*)"')

# GitBook hint styles -> Material admonition types
HINT_TYPES = {"info": "info", "warning": "warning", "danger": "danger", "success": "success"}


@dataclass(slots=True)
class Node:
    kind: str
    indent: str
    args: str
    line: int
    raw: str
    children: list[Node | tuple[int, str]] = field(default_factory=list)
    title: str | None = None


Line = tuple[int, str]


def _indent(lines: Sequence[str], base: str) -> list[str]:
    out: list[str] = []
    for text in "\n".join(lines).split("\n"):
        if not text.strip():
            out.append("")
        elif text.startswith(base):
            out.append(f"{base}    {text[len(base):]}")
        else:
            out.append(f"{base}    {text}")
    return out


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _quote(title: str) -> str:
    return '"' + title.replace('"', "&quot;") + '"'


class _Renderer:
    def __init__(self, ctx: PageContext) -> None:
        self.ctx = ctx

    def render(self, items: Sequence[Node | Line]) -> list[str]:
        out: list[str] = []
        for item in items:
            if isinstance(item, Node):
                out.extend(getattr(self, "_" + item.kind.replace("-", "_"))(item))
            else:
                out.append(item[1])
        return out

    def _body(self, node: Node) -> list[str]:
        return _trim(self.render(node.children))

    def _hint(self, node: Node) -> list[str]:
        style = dict(_ARG.findall(node.args)).get("style", "")
        self.ctx.tally.convert("hint")
        kind = HINT_TYPES.get(style, "note")
        return [f'{node.indent}!!! {kind} ""', "", *_indent(self._body(node), node.indent)]

    def _details(self, node: Node) -> list[str]:
        self.ctx.tally.convert("details")
        title = (node.title or "").strip() or "Details"
        return [f"{node.indent}??? note {_quote(title)}", "", *_indent(self._body(node), node.indent)]

    def _tabs(self, node: Node) -> list[str]:
        self.ctx.tally.convert("tabs")
        out: list[str] = []
        for child in node.children:
            if isinstance(child, Node) and child.kind == "tab":
                title = dict(_ARG.findall(child.args)).get("title", "")
                out += [f"{node.indent}=== {_quote(title)}", "", *_indent(self._body(child), node.indent), ""]
            else:
                out.extend(self.render([child]))
        return _trim(out)

    def _tab(self, node: Node) -> list[str]:  # a tab outside {% tabs %}: still one tab
        return self._tabs(Node("tabs", node.indent, "", node.line, node.raw, [node]))

    def _stepper(self, node: Node) -> list[str]:
        self.ctx.tally.convert("stepper")
        out: list[str] = []
        number = 0
        for child in node.children:
            if isinstance(child, Node) and child.kind == "step":
                number += 1
                body = self._body(child)
                # steps that open with a heading are already numbered by it
                if not body or not body[0].lstrip().startswith("#"):
                    body = [f"{node.indent}**{number}.**", "", *body]
                out += [*body, ""]
            else:
                out.extend(self.render([child]))
        return _trim(out)

    def _step(self, node: Node) -> list[str]:
        return self._stepper(Node("stepper", node.indent, "", node.line, node.raw, [node]))

    def _content_ref(self, node: Node) -> list[str]:
        self.ctx.tally.convert("content-ref")
        body = self._body(node)
        if body:
            return body
        url = dict(_ARG.findall(node.args)).get("url", "")
        return [f"{node.indent}[{url}]({url})"]

    def _embed(self, node: Node) -> list[str]:
        url = dict(_ARG.findall(node.args)).get("url")
        if not url:
            self.ctx.tally.leave(self.ctx.path, node.line, "embed")
            return [node.raw]
        self.ctx.tally.convert("embed")
        return [f"{node.indent}[{url}]({url})"]

    def _include(self, node: Node) -> list[str]:
        target = _QUOTED.search(node.args)
        text = self.ctx.include(target.group(1), node.line) if target else None
        if text is None:
            self.ctx.tally.leave(self.ctx.path, node.line, "include")
            return [node.raw]
        self.ctx.tally.convert("include")
        return _trim(text.split("\n"))


def _flatten(node: Node, ctx: PageContext) -> list[Node | Line]:
    """An unclosed block: its opening line stays verbatim and is reported."""
    ctx.tally.leave(ctx.path, node.line, f"{node.kind}.unclosed")
    return [(node.line, node.raw), *node.children]


def _report_leftovers(line: int, text: str, ctx: PageContext) -> None:
    for m in _LEFTOVER.finditer(_CODE_SPAN.sub("", text)):
        ctx.tally.leave(ctx.path, line, m.group("name") or "tag")


def convert_blocks(lines: Sequence[Line], raw: Sequence[str], is_code: Callable[[int], bool],
                   ctx: PageContext) -> str:
    """Build the block tree of a page's lines (already line-converted) and render it."""
    root = Node("root", "", "", 0, "")
    stack = [root]
    for (number, text), original in zip(lines, raw):
        if is_code(number):
            # a tag inside a code fence is shown as code: right in a page about GitBook,
            # but usually a translator's fence swallowed the page, so it is listed
            for leftover in _LEFTOVER.finditer(text):
                ctx.tally.leave(ctx.path, number, f"{leftover.group('name') or 'tag'}.in-code")
            stack[-1].children.append((number, text))
            continue
        if m := _OPEN.match(original) or _SINGLE.match(original):
            node = Node(m.group("kind"), m.group("ind"), m.group("args"), number, original)
            stack[-1].children.append(node)
            if node.kind not in ("embed", "include"):
                stack.append(node)
            continue
        if m := _DETAILS_OPEN.match(original):
            node = Node("details", m.group("ind"), "", number, original, title=m.group("title"))
            stack[-1].children.append(node)
            stack.append(node)
            continue
        if stack[-1].kind == "details" and stack[-1].title is None and (m := _SUMMARY.match(original)):
            stack[-1].title = m.group("title")
            continue
        close = _CLOSE.match(original)
        kind = close.group("kind") if close else ("details" if _DETAILS_CLOSE.match(original) else None)
        if kind is not None:
            if any(n.kind == kind for n in stack[1:]):
                while stack[-1].kind != kind:
                    unclosed = stack.pop()
                    stack[-1].children[-1:] = _flatten(unclosed, ctx)
                stack.pop()
                continue
            if close:  # a closing tag with nothing open: GitBook would show it, so do we
                ctx.tally.leave(ctx.path, number, f"end{kind}.unopened")
                stack[-1].children.append((number, text))
                continue
        _report_leftovers(number, text, ctx)
        stack[-1].children.append((number, text))
    while len(stack) > 1:
        unclosed = stack.pop()
        stack[-1].children[-1:] = _flatten(unclosed, ctx)
    return "\n".join(_Renderer(ctx).render(root.children))
