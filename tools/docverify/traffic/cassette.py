"""The cassette layer: vcrpy's YAML format read fast, indexed by request, and written back.

Files keep vcrpy's shape (`version: 1`, `interactions: [{request, response}]`, plus a
top-level `metadata` mapping that vcrpy >= 9 keeps beside the interactions), so vcrpy and
pytest-recording replay them. We *write* that document in YAML's flow style, which is also
JSON: every YAML loader (vcrpy's included) reads it, and we read it with `json.loads`
first, roughly 50x faster than libyaml. vcrpy-written block YAML is read by rapidyaml
(yamlread.py); what that reader leaves to PyYAML falls back to `yaml.CSafeLoader`; nothing
ever uses a loader that can build Python objects.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from docverify.collector import collector_paused
from docverify.errors import CassetteError
from docverify.fsutil import atomic_write_text
from docverify.traffic import yamlread
from docverify.traffic.matchers import RequestKey, closest, dotted, request_key

_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FORMAT_VERSION = 1
# Characters YAML 1.1 treats as line breaks or refuses in a stream; JSON lets us escape them.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")

__all__ = ["Cassette", "Interaction", "Miss", "RecordedRequest", "RecordedResponse",
           "cassette_path", "dump_cassette", "load_cassette", "models_cassette_path"]


class _Headers:
    __slots__ = ()
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True, slots=True)
class RecordedRequest(_Headers):
    method: str
    uri: str
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.method} {self.uri}"


@dataclass(frozen=True, slots=True)
class RecordedResponse(_Headers):
    status: int
    message: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""


@dataclass(frozen=True, slots=True)
class Interaction:
    request: RecordedRequest
    response: RecordedResponse
    index: int = 0       # position in the cassette, so a miss can name it


@dataclass(frozen=True, slots=True)
class Miss:
    """No recorded request matched: the closest one and why it differs (vcrpy's style)."""

    closest: Interaction | None
    differences: tuple[AssertionError, ...] = ()

    def explain(self) -> str:
        if self.closest is None:
            return "the cassette holds no interactions"
        why = "; ".join(str(d) for d in self.differences)
        return f"closest recorded request #{self.closest.index} ({self.closest.request}) differs: {why}"


@dataclass(frozen=True)
class Cassette:
    path: str
    metadata: Mapping[str, Any]
    interactions: tuple[Interaction, ...]
    _index: dict[RequestKey, Interaction] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for interaction in reversed(self.interactions):   # the first recording wins, as in vcrpy
            self._index[request_key(interaction.request)] = interaction

    def find(self, request: RecordedRequest) -> Interaction | Miss:
        hit = self._index.get(request_key(request))
        if hit is not None:
            return hit
        best, failures = closest(request, [i.request for i in self.interactions])
        return Miss(None if best is None else self.interactions[best], failures)


def cassette_path(cassette_dir: Path, page_rel: str, lang: str, index: int | str) -> Path:
    """`providers/doubao.md`, `bn`, 0 -> `<dir>/providers/doubao.bn.0.yaml`."""
    rel = PurePosixPath(page_rel.replace("\\", "/"))
    stem = rel.with_suffix("").as_posix().lstrip("/")
    parts = [stem] + ([lang] if lang else []) + [str(index)]
    return Path(cassette_dir) / (".".join(parts) + ".yaml")


def models_cassette_path(cassette_dir: Path, page_rel: str, lang: str) -> Path:
    """The page's recorded model listing (`GET …/models`), one per page."""
    return cassette_path(cassette_dir, page_rel, lang, "models")



# ---------------------------------------------------------------- reading


def load_cassette(path: str | Path) -> Cassette:
    with collector_paused():     # a 1 MB cassette is ~100,000 objects and no cycle
        return _load(path)


def _load(path: str | Path) -> Cassette:
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CassetteError("cassette does not exist", path=where) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CassetteError(f"cannot read cassette: {exc}", path=where) from exc
    data = _parse(text, where)
    try:
        return _build(data, where)
    except _ShapeError as exc:
        raise CassetteError(f"not a vcrpy cassette: {exc.message}", path=where,
                            line=_line_of(text, exc.trail),
                            hint="re-record it with `docverify record`") from None


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise _unusable("nested too deeply to be a recording", where) from None
    except ValueError:
        pass
    try:
        return yamlread.load(text)   # never expands an alias: it leaves those to PyYAML
    except Exception:  # noqa: BLE001 - Unsupported, or rapidyaml failing its own way: PyYAML decides
        pass
    _refuse_aliases(text, where)
    try:
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 -- a safe loader, never the full one
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CassetteError(f"cassette is not valid YAML: {problem}", path=where,
                            line=mark.line + 1 if mark else None,
                            hint="re-record it with `docverify record`") from None
    except (RecursionError, ValueError, OverflowError) as exc:
        raise _unusable(_why(exc), where) from None


def _why(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply to be a recording"
    return f"a value cannot be read ({str(exc).split(':')[0]})"


def _unusable(why: str, where: str, line: int | None = None) -> CassetteError:
    return CassetteError(f"cassette unusable: {why}", path=where, line=line,
                         hint="re-record it with `docverify record`")


def _refuse_aliases(text: str, where: str) -> None:
    """A recording never needs `*alias`, and a few of them expand 1 KB into gigabytes."""
    if "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise _unusable("it uses a YAML alias (`*name`), which a recording never needs "
                                "and which can expand a small file into gigabytes", where,
                                event.start_mark.line + 1 if event.start_mark else None)
    except yaml.YAMLError:
        return   # the loader below reports the syntax error with its line
    except RecursionError:
        raise _unusable("nested too deeply to be a recording", where) from None


class _ShapeError(Exception):
    def __init__(self, message: str, trail: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.message, self.trail = message, trail


def _need(node: Any, key: str, kind: type | tuple[type, ...], trail: tuple[str | int, ...]) -> Any:
    if not isinstance(node, dict):
        raise _ShapeError(f"expected a mapping at {dotted(trail)}", trail)
    if key not in node:
        raise _ShapeError(f"missing key {dotted(trail + (key,))}", trail)
    value = node[key]
    if not isinstance(value, kind):
        raise _ShapeError(f"{dotted(trail + (key,))} has the wrong type "
                          f"({type(value).__name__})", trail + (key,))
    return value


def _headers(node: Any, trail: tuple[str | int, ...]) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    if not isinstance(node, dict):
        raise _ShapeError(f"{dotted(trail)} must map names to lists of values", trail)
    pairs = []
    for name, values in node.items():
        for value in values if isinstance(values, list) else [values]:
            pairs.append((str(name), str(value)))
    return tuple(pairs)


def _build(data: Any, where: str) -> Cassette:
    if not isinstance(data, dict):
        raise _ShapeError("the document must be a mapping with `interactions`", ())
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise _ShapeError(f"unsupported version {data.get('version')!r}", ("version",))
    raw = _need(data, "interactions", list, ())
    interactions = []
    for n, item in enumerate(raw):
        at: tuple[str | int, ...] = ("interactions", n)
        req = _need(item, "request", dict, at)
        resp = _need(item, "response", dict, at)
        status = _need(resp, "status", dict, at + ("response",))
        body = _need(resp, "body", dict, at + ("response",))
        request = RecordedRequest(
            method=str(_need(req, "method", str, at + ("request",))),
            uri=str(_need(req, "uri", str, at + ("request",))),
            body=_text(req.get("body")),
            headers=_headers(req.get("headers"), at + ("request", "headers")))
        code = _need(status, "code", int, at + ("response", "status"))
        if not 100 <= code <= 999:
            raise _ShapeError(f"{dotted(at + ('response', 'status', 'code'))} is not an HTTP status "
                              f"(expected 100 to 999)", at + ("response", "status", "code"))
        resp_headers = _headers(resp.get("headers"), at + ("response", "headers"))
        string = body.get("string")
        if isinstance(string, bytes):
            string, resp_headers = _decoded(string, resp_headers, at)
        response = RecordedResponse(
            status=code,
            message=str(status.get("message") or ""),
            headers=resp_headers,
            body=_text(string) or "")
        interactions.append(Interaction(request, response, n))
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise _ShapeError("metadata must be a mapping", ("metadata",))
    return Cassette(where, metadata, tuple(interactions))


_WBITS = {"gzip": 47, "x-gzip": 47, "deflate": 15}   # 47: gzip or zlib header, found by zlib
_MAX_BODY = 64 << 20   # a recorded body larger than this once inflated is not a recording


def _decoded(data: bytes, headers: tuple[tuple[str, str], ...], at: tuple[str | int, ...]
             ) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    """A body vcrpy kept as the server's compressed bytes (`!!binary`), inflated; the
    Content-Encoding header goes with it, so replay hands out what the client would read."""
    codings = [c.strip().lower() for k, v in headers if k.lower() == "content-encoding"
               for c in v.split(",") if c.strip() and c.strip().lower() != "identity"]
    trail = at + ("response", "body")
    for coding in reversed(codings):
        if coding not in _WBITS:
            raise _ShapeError(f"response body is {coding}-encoded, which replay cannot read", trail)
        inflater = zlib.decompressobj(_WBITS[coding])
        try:
            data = inflater.decompress(data, _MAX_BODY)
        except zlib.error as exc:
            raise _ShapeError(f"response body is not valid {coding}: {exc}", trail) from None
        if inflater.unconsumed_tail:
            raise _ShapeError("response body inflates beyond 64 MB", trail)
    if not codings:
        return data, headers
    return data, tuple((k, v) for k, v in headers if k.lower() not in ("content-encoding", "content-length"))


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return json.dumps(value, ensure_ascii=False)


def _line_of(text: str, trail: tuple[str | int, ...]) -> int | None:
    """The line of the deepest node of `trail` that exists (only paid on a broken file)."""
    try:
        node = yaml.compose(text, Loader=_SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for step in trail:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


# ---------------------------------------------------------------- writing


def to_document(interactions: Sequence[Interaction], metadata: Mapping[str, Any]) -> dict[str, Any]:
    def headers(pairs: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in pairs:
            out.setdefault(name, []).append(value)
        return out
    return {"version": FORMAT_VERSION, "metadata": dict(metadata), "interactions": [
        {"request": {"method": i.request.method, "uri": i.request.uri, "body": i.request.body,
                     "headers": headers(i.request.headers)},
         "response": {"status": {"code": i.response.status, "message": i.response.message},
                      "headers": headers(i.response.headers), "body": {"string": i.response.body}}}
        for i in interactions]}


def render(interactions: Sequence[Interaction], metadata: Mapping[str, Any]) -> str:
    text = json.dumps(to_document(interactions, metadata), ensure_ascii=False, indent=2)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def dump_cassette(path: str | Path, interactions: Sequence[Interaction],
                  metadata: Mapping[str, Any]) -> str:
    """Write atomically; returns the text written. Callers scrub before this (scrub.py)."""
    text = render(interactions, metadata)
    atomic_write_text(path, text)
    return text
