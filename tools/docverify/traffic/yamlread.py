"""Read block-style YAML (what vcrpy writes) with rapidyaml, resolved exactly as PyYAML's safe loader would.

vcrpy writes cassettes with PyYAML in block style; loading one with libyaml costs about as
much as vcrpy's own load, which is most of its time. rapidyaml parses the same text into a
tree about ten times faster; this module turns that tree into Python values with PyYAML's own
YAML 1.1 rules for plain scalars (`yes` is True, `1e3` stays a string, `0o17` too) and its own
constructors for the rare typed ones, so both readers give the same document. Whatever it does
not handle the same way (anchors and aliases, tags other than the standard scalar ones and
`!!binary`, merge keys, several documents, any parse error) raises `Unsupported`, and the
caller falls back to PyYAML, which stays the reference.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import sys
import threading
from typing import Any

import yaml
from yaml.nodes import ScalarNode

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency; PyYAML alone still works
    ryml = None

__all__ = ["Unsupported", "available", "load"]

_STR = "tag:yaml.org,2002:str"
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers   # first character -> [(tag, regexp)]
_CONSTRUCT = yaml.constructor.SafeConstructor.yaml_constructors
_SIMPLE_TAGS = {"!!str": _STR, "!!int": "tag:yaml.org,2002:int", "!!float": "tag:yaml.org,2002:float",
                "!!bool": "tag:yaml.org,2002:bool", "!!null": "tag:yaml.org,2002:null"}
# Tags PyYAML resolves plain scalars to that this reader builds itself; any other (a timestamp,
# a merge key `<<`, the value key `=`) goes to PyYAML as a whole.
_BUILT = frozenset({_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"})


# Line breaks in YAML 1.1 (PyYAML) but not in YAML 1.2 (rapidyaml), U+0085, U+2028 and U+2029:
# raw in a document they would be read differently (escaped, as vcrpy writes them, they are fine).


class Unsupported(Exception):
    """This document needs PyYAML (see the module docstring); nothing is wrong with it."""


def available() -> bool:
    return ryml is not None


def load(text: str) -> Any:
    """The document in `text`, as `yaml.load(text, Loader=SafeLoader)` gives it."""
    if ryml is None:
        raise Unsupported("rapidyaml is not installed")
    if "\x85" in text or "\u2028" in text or "\u2029" in text:   # 3 scans beat one regex
        raise Unsupported("a YAML 1.1 line break character")
    if not text.strip():
        raise Unsupported("an empty document")
    try:
        tree = _quiet_parse(text.encode("utf-8"))
    except Exception as exc:   # its errors carry no line PyYAML would not give better
        raise Unsupported(f"rapidyaml: {exc}") from None
    try:
        if not _maybe_tagged(text) and not tree.is_stream(tree.root_id()):
            try:
                return _via_json(tree)
            except _Doubt:
                pass
        return _Builder(tree).document()
    except (TypeError, ValueError, OverflowError, UnicodeError) as exc:   # never a traceback: PyYAML decides
        raise Unsupported(f"rapidyaml: {exc}") from None


_QUIET = threading.Lock()


def _quiet_parse(data: bytes) -> Any:
    """rapidyaml's parse, with its C++ error message (printed to stderr before it raises) kept
    off the user's terminal: PyYAML reports the error, as one line, with its own words."""
    with _QUIET:
        sys.stderr.flush()
        try:
            saved = os.dup(2)
        except OSError:
            return ryml.parse_in_arena(data)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
            return ryml.parse_in_arena(data)
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _maybe_tagged(text: str) -> bool:
    """Whether a tag, anchor or alias may start somewhere (or a string merely holds "!", "&"
    or "*" after a space): the JSON route cannot see them, the tree walk handles them.
    str.find, not a regex: a regex scan of a 1 MB cassette costs as much as parsing it."""
    for mark in "!&*":
        at = text.find(mark)
        while at != -1:
            if at == 0 or text[at - 1] in " \t\n[{,":
                return True
            at = text.find(mark, at + 1)
    return False


# What a JSON string always is: a string, or what a plain scalar cannot be ("*" is an alias).
_NEVER_PLAIN = frozenset({_STR, "tag:yaml.org,2002:yaml"})
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


class _Doubt(Exception):
    """The JSON route cannot tell what PyYAML would make of a scalar: walk the tree instead."""


def _via_json(tree: Any) -> Any:
    """The document through rapidyaml's own JSON output, parsed by `json` (all C, no walk).

    rapidyaml writes a quoted scalar as a JSON string and a plain one as a JSON number, true,
    false or null when it reads as one, else as a string. Numbers come back as their text and
    are resolved with PyYAML's rules ("1e3" stays a string); a string is unambiguous unless
    PyYAML would type it had it been plain ("yes", "~", "2024-01-01"): then it may have been
    either, and the tree walk decides.
    """
    try:
        doc = json.loads(ryml.emit_json(tree), strict=False, parse_int=_number, parse_float=_number,
                         parse_constant=_refuse)
    except ValueError as exc:   # "+12" is a number to rapidyaml, not to JSON
        raise _Doubt(str(exc)) from None
    _vouch(doc)
    return doc


def _number(token: str) -> Any:
    resolved = _resolve(token)
    if resolved == _STR:
        return token
    if resolved not in _BUILT:
        raise _Doubt(token)
    return _CONSTRUCT[resolved](yaml.constructor.SafeConstructor(), ScalarNode(resolved, token))


def _refuse(token: str) -> Any:
    raise _Doubt(token)


def _vouch(node: Any) -> None:
    if isinstance(node, str):
        if node and node[0] in _RESOLVERS and _resolve(node) not in _NEVER_PLAIN \
                and not _JSON_NUMBER.fullmatch(node) and node not in ("null", "true", "false"):
            raise _Doubt(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key and key[0] in _RESOLVERS and _resolve(key) not in _NEVER_PLAIN:
                raise _Doubt(key)   # a key PyYAML types (or merges) had it been plain
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                _vouch(value)
    elif isinstance(node, list):
        for item in node:
            _vouch(item)


class _Builder:
    """Walks the tree with one type query per node (rapidyaml's bits), the calls being the cost."""

    __slots__ = ("tree", "constructor", "plain")

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.constructor = yaml.constructor.SafeConstructor()
        self.plain: dict[bytes, Any] = {}   # keys and header values repeat: resolve each once

    def document(self) -> Any:
        tree = self.tree
        root = tree.root_id()
        if tree.is_stream(root):
            docs = [tree.child(root, i) for i in range(tree.num_children(root))]
            if len(docs) != 1:
                raise Unsupported("not exactly one document")
            root = docs[0]
        if not (tree.is_map(root) or tree.is_seq(root) or tree.has_val(root)):
            return None
        return self.node(root, _type(tree, root))

    def node(self, n: int, bits: int) -> Any:
        tree, plain = self.tree, self.plain
        if bits & _REFUSED:
            raise Unsupported("anchors and aliases")
        if not bits & (_MAP | _SEQ):
            return self.scalar(_val(tree, n), bits & _VALQUO, _val_tag(tree, n) if bits & _VALTAG else None)
        if bits & _VALTAG and bytes(_val_tag(tree, n)) not in (b"!!map", b"!!seq"):
            raise Unsupported("tagged collection")
        # The loops below inline the common leaf (an untagged scalar): a call per node is the cost.
        child = _first_child(tree, n)
        if bits & _SEQ:
            items = []
            while child != _NONE:
                kind = _type(tree, child)
                if kind & _COMPLEX:
                    items.append(self.node(child, kind))
                elif kind & _VALQUO:
                    items.append(bytes(_val(tree, child)).decode("utf-8"))
                else:
                    raw = _val(tree, child)
                    data = b"" if raw is None else bytes(raw)
                    items.append(plain[data] if data in plain else self.scalar(data, 0, None))
                child = _next_sibling(tree, child)
            return items
        out: dict[Any, Any] = {}
        while child != _NONE:
            kind = _type(tree, child)
            raw = _key(tree, child)
            data = b"" if raw is None else bytes(raw)
            if kind & (_KEYTAG | _KEYQUO) or data not in plain:
                key = self.scalar(data, kind & _KEYQUO, _key_tag(tree, child) if kind & _KEYTAG else None)
                if key == "<<" and not kind & _KEYQUO:
                    raise Unsupported("merge key")
            else:
                key = plain[data]
            if kind & _COMPLEX:
                out[key] = self.node(child, kind)
            elif kind & _VALQUO:
                out[key] = bytes(_val(tree, child)).decode("utf-8")
            else:
                raw = _val(tree, child)
                data = b"" if raw is None else bytes(raw)
                out[key] = plain[data] if data in plain else self.scalar(data, 0, None)
            child = _next_sibling(tree, child)
        return out

    def scalar(self, raw: Any, quoted: int, tag: Any) -> Any:
        data = b"" if raw is None else bytes(raw)
        if not quoted and tag is None and data in self.plain:
            return self.plain[data]
        value = data.decode("utf-8")
        if tag is not None:
            name = bytes(tag).decode("utf-8")
            if name == "!!binary":
                try:
                    return base64.decodebytes(value.encode("ascii"))
                except (binascii.Error, UnicodeEncodeError) as exc:
                    raise Unsupported(f"bad !!binary: {exc}") from None
            if name not in _SIMPLE_TAGS:
                raise Unsupported(f"tag {name}")
            resolved = _SIMPLE_TAGS[name]
        elif quoted:
            return value
        else:
            resolved = _resolve(value)
        if resolved == _STR:
            built: Any = value
        elif resolved not in _BUILT:
            raise Unsupported(f"plain scalar resolved to {resolved}")
        else:
            built = _CONSTRUCT[resolved](self.constructor, ScalarNode(resolved, value))
        if not quoted and tag is None:
            self.plain[data] = built
        return built


def _resolve(value: str) -> str:
    """PyYAML's implicit tag of a plain scalar (YAML 1.1: `yes`, `~`, `0x1F`, `1_000`, `1.5e3`)."""
    for tag, pattern in _RESOLVERS.get(value[:1] or "", ()):
        if pattern.match(value):
            return str(tag)
    return _STR


if ryml is not None:
    from ryml import _ryml
    _NONE = ryml.NONE
    _MAP, _SEQ, _VALTAG, _KEYTAG = ryml.MAP, ryml.SEQ, ryml.VALTAG, ryml.KEYTAG
    _KEYQUO, _VALQUO = ryml.KEYQUO, ryml.VALQUO
    _REFUSED = ryml.VALANCH | ryml.KEYANCH | ryml.VALREF | ryml.KEYREF
    _COMPLEX = _MAP | _SEQ | _REFUSED | _VALTAG    # anything but an untagged scalar value
    # the extension's functions themselves: the Tree methods only wrap them in one more call
    _type, _key, _val = _ryml.Tree_type, _ryml.Tree_key, _ryml.Tree_val
    _key_tag, _val_tag = _ryml.Tree_key_tag, _ryml.Tree_val_tag
    _first_child, _next_sibling = _ryml.Tree_first_child, _ryml.Tree_next_sibling
