"""Replay checks: each cURL example against its recording, and the model table against the listing.

| id | severity | why |
|---|---|---|
| `replay.missing` | error | no cassette, a corrupt one, or (warning) the site has never recorded anything |
| `replay.request-drift` | error | the page's request differs from the recorded one: the page changed |
| `replay.response-drift` | error | the recording contradicts the page (status, model, shape) |
| `model.unknown` | error | a model-table ID neither the recorded listing nor a recorded chat knows |
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from docverify.errors import CassetteError, Unrecordable
from docverify.page.examples import api_examples, documented_statuses, models_listing_url
from docverify.traffic.matchers import FieldMismatch
from docverify.model import Claims, Curl, Finding, Severity

if TYPE_CHECKING:
    from docverify.traffic.cassette import Interaction
    from docverify.traffic.replay import Outcome
    from docverify.pageset.site import Site

# The ids these checks can report (for reports that list checks that found nothing).
REPLAY_IDS: tuple[str, ...] = ("model.unknown", "replay.missing", "replay.request-drift",
                               "replay.response-drift")


def _record_command(claims: Claims) -> str:
    return f"docverify record {claims.page.path} --target emulator"


def _record_hint(claims: Claims) -> str:
    return f"record it: {_record_command(claims)}"


def check_replay(claims: Claims, site: Site) -> Iterator[Finding]:
    """Every replay finding of a page: its examples, then its model table (replayed once)."""
    outcomes = replay_page(claims, site)
    yield from check_examples(claims, site, outcomes)
    yield from check_models(claims, site, outcomes)


def replay_page(claims: Claims, site: Site) -> list[Outcome]:
    """Each of the page's API examples replayed against its cassette."""
    examples = [curl for curl, _ in api_examples(claims)]
    if not examples:
        return []
    # The replay layer sends through httpx: it loads only for a site that has cURL examples.
    from docverify.traffic.replay import replay_example
    return [replay_example(curl, claims.page, site.config.cassette_dir) for curl in examples]


def check_examples(claims: Claims, site: Site, outcomes: Sequence[Outcome]) -> Iterator[Finding]:
    never_recorded = not site.config.cassette_dir.is_dir()
    for out in outcomes:
        curl = out.curl
        where = dict(path=claims.page.path, hint=_record_hint(claims))
        if isinstance(out.problem, Unrecordable):
            # record lists it as skipped: a recording is missing for a reason, not by neglect
            yield Finding("replay.missing", Severity.WARNING, line=curl.line, path=claims.page.path,
                          message=f"no recording of cURL example #{curl.index}: {out.problem.message}",
                          hint=out.problem.hint or "record it against a target that can answer it")
            continue
        if out.problem is not None and not isinstance(out.problem, CassetteError):
            continue   # an unparsable example is the curl.parse check's finding
        if out.absent or out.problem is not None:
            why = f"cassette {out.cassette} is absent" if out.absent else f"cassette unusable: {out.problem}"
            severity = Severity.WARNING if never_recorded else Severity.ERROR
            yield Finding("replay.missing", severity, line=curl.line, message=(
                f"expected a recording of cURL example #{curl.index}; {why}"), **where)
        elif out.miss is not None:
            yield Finding("replay.request-drift", Severity.ERROR, line=_drift_line(curl, out),
                          message=f"cURL example #{curl.index} (page != recording): "
                                  f"{out.miss.explain()} [{out.cassette}]",
                          hint=f"if the page is right, re-record: {_record_command(claims)}",
                          path=claims.page.path)
        elif out.interaction is not None:
            status = out.interaction.response.status
            if not 200 <= status < 300 and status in documented_statuses(claims, curl):
                continue   # the page shows this error on purpose, and record kept it for that
            for problem in response_problems(out.interaction):
                yield Finding("replay.response-drift", Severity.ERROR, line=curl.line,
                              message=f"cURL example #{curl.index}: {problem} [{out.cassette}]",
                              hint="the documented request does not work as shown: fix the "
                                   "page, or re-record if the API changed", path=claims.page.path)


def _drift_line(curl: Curl, out: Outcome) -> int:
    """The line of the changed thing inside the example, else the example's first line."""
    lines = curl.text.splitlines()
    needles: list[str] = []
    for diff in out.miss.differences if out.miss else ():
        if isinstance(diff, FieldMismatch) and out.request is not None:
            value: Any = json.loads(out.request.body or "null")
            for step in diff.path:
                if isinstance(value, dict):
                    value = value[step]
                elif isinstance(value, list) and isinstance(step, int):
                    value = value[step]
                else:
                    value = None
            if isinstance(value, str):
                needles.append(value)
            needles += [f'"{s}"' for s in reversed(diff.path) if isinstance(s, str)]
        elif str(diff).startswith(("host", "path", "query")) and out.request is not None:
            needles += [out.request.uri.split("?")[0], out.request.uri.split("://")[-1].split("/")[0]]
        elif str(diff).startswith("content-type"):
            needles.append("content-type")
        elif str(diff).startswith("method"):
            needles += ["-X", "--request"]
    for needle in needles:
        for n, text in enumerate(lines):
            if needle.lower() in text.lower():
                return curl.line + n
    return curl.line


_VERSIONED = re.compile(r"(?:-\d{6}|^ep-\d{14}-\w+)$")


def _canon(model: str) -> str:
    return model.strip().lower().replace(".", "-")


def response_problems(interaction: Interaction) -> Iterator[str]:
    req, resp = interaction.request, interaction.response
    if not 200 <= resp.status < 300:
        yield f"expected a 2xx response, the recording has {resp.status}: {resp.body[:160]}"
        return
    if not req.uri.rstrip("/").endswith("/chat/completions"):
        return
    try:
        asked = json.loads(req.body or "{}").get("model", "")
    except (ValueError, AttributeError):
        return
    streamed = "text/event-stream" in (resp.header("content-type") or "")
    bodies = [_json(line[5:].strip()) for line in resp.body.splitlines()
              if line.startswith("data:") and line[5:].strip() != "[DONE]"] if streamed else [_json(resp.body)]
    first = bodies[0] if bodies else None
    if not isinstance(first, dict):
        yield "expected a JSON chat completion, the recorded response body is not one"
        return
    got = str(first.get("model", ""))
    # An `ep-…` inference endpoint answers with the model behind it, so only model IDs compare.
    if asked and not asked.startswith("ep-") and _canon(got) != _canon(asked):
        yield f"expected the response model {asked!r}, the recording answered as {got!r}"
    part = "delta" if streamed else "message"
    choices = first.get("choices")
    if not (isinstance(choices, list) and choices and isinstance(choices[0], dict) and part in choices[0]):
        yield f"expected choices[0].{part} in the response, the recording has none"


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def known_models(claims: Claims, site: Site, outcomes: Sequence[Outcome]) -> set[str] | None:
    """IDs the recorded listing and the page's successful recorded chats know; None if unrecorded."""
    # Cassettes (and the YAML readers behind them) load only for a page with a model table:
    # ~6 ms of every run of a site without one.
    from docverify.traffic.cassette import load_cassette, models_cassette_path
    page = claims.page
    path = models_cassette_path(site.config.cassette_dir, page.rel or page.path, page.lang)
    if not path.is_file():
        return None
    known: set[str] = set()
    for interaction in load_cassette(path).interactions:
        listing = _json(interaction.response.body)
        if interaction.response.status == 200 and isinstance(listing, dict):
            known.update(_canon(str(m.get("id", ""))) for m in listing.get("data") or []
                         if isinstance(m, dict))
    for out in outcomes:
        if out.interaction is not None and out.interaction.response.status == 200:
            body = _json(out.interaction.request.body or "")
            if isinstance(body, dict) and body.get("model"):
                known.add(_canon(str(body["model"])))
    return known


def check_models(claims: Claims, site: Site, outcomes: Sequence[Outcome]) -> Iterator[Finding]:
    table = [m for m in claims.model_ids if m.source == "table"]
    if not table or models_listing_url(claims) is None:
        return   # no model table, or no documented API to list the models of
    try:
        known = known_models(claims, site, outcomes)
    except CassetteError as exc:
        yield Finding("replay.missing", Severity.ERROR, claims.page.path, table[0].line,
                      f"expected a readable model listing; {exc}", _record_hint(claims))
        return
    if known is None:
        severity = Severity.ERROR if site.config.cassette_dir.is_dir() else Severity.WARNING
        yield Finding("replay.missing", severity, claims.page.path, table[0].line,
                      f"expected a recorded model listing (GET {models_listing_url(claims)}) for the "
                      "model table; there is none", _record_hint(claims))
        return
    rows: dict[int, list[str]] = {}
    for model in table:
        rows.setdefault(model.line, []).append(model.id)
    for line, ids in rows.items():
        # A row may also carry a display name ("Doubao-1.5-pro-32k"); the row is right when
        # any of its IDs is known, and a wrong row is reported by its versioned ID.
        if any(_canon(i) in known for i in ids):
            continue
        shown = [i for i in ids if _VERSIONED.search(i)] or ids
        for model_id in shown:
            yield Finding("model.unknown", Severity.ERROR, claims.page.path, line,
                          f"expected {model_id!r} in the recorded model listing; it is not there",
                          "check the ID against the provider's model list, then re-record")
