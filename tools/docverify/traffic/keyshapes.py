"""Key shapes: where a real-looking credential sits in a text, for the page check and the scrubber.

Precision over recall: a checker that cries wolf gets switched off. A value is a key only
when it has a provider's key shape *and* does not read as a placeholder (`$ARK_API_KEY`,
`${…}`, `<YOUR_API_KEY>`, `sk-xxx`, `your-api-key`, `****`, …). Bare UUIDs are everywhere
(asset names, request ids), so an Ark key counts only where a key is expected: after
`Bearer`, or assigned to a key-like name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["KeySpan", "find_keys", "looks_real"]

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_KEY_NAME = r"(?:api[_-]?key|apikey|access[_-]?token|secret[_-]?key|auth[_-]?token|x-api-key)"
# The letters a _KEY_NAME match can start with, under (?i) (U+017F folds to s): a plain class
# lets the regex engine skip to candidates, three times faster on a page than (?i:…) alone.
_KEY_START = "(?=[aAsSxX\u017f])"


def _standalone(prefix: str, rest: str, after: str = "") -> re.Pattern[str]:
    """`prefix` + `rest` as group 1, where no word character or `-` comes before it.

    The check sits after the literal prefix, not before it: a pattern that opens with a
    lookbehind loses the regex engine's literal-prefix search and tries every position of
    the page (20x slower on a docs corpus, where `_` triggers the GitHub rule on most pages)."""
    literal = re.escape(prefix)
    return re.compile(f"({literal}(?<![\\w-]{literal}){rest}){after}")


# (kind, cheap lowercase trigger, pattern with the value in group 1, error?). Read top to
# bottom; the first rule to claim a span wins. A rule whose trigger is absent is skipped, so
# a long page without keys costs a few substring searches.
RULES: tuple[tuple[str, str, re.Pattern[str], bool], ...] = (
    ("anthropic key", "sk-", _standalone("sk-", r"ant-[A-Za-z0-9_-]{20,}"), True),
    ("openai-style key", "sk-", _standalone("sk-", r"(?:proj-|or-v1-)?[A-Za-z0-9_-]{20,}"), True),
    ("google api key", "aiza", _standalone("AIza", r"[0-9A-Za-z_-]{35}"), True),
    ("github token", "_", _standalone("gh", r"[pousr]_[A-Za-z0-9]{36,}"), True),
    ("aws access key", "akia", _standalone("AKIA", r"[0-9A-Z]{16}", r"(?![0-9A-Z])"), True),
    ("ark key", "bearer", re.compile(r"(?i:bearer)[ \t]+(" + _UUID + r")(?![\w-])"), True),
    ("ark key", "", re.compile(_KEY_START + r"(?i:" + _KEY_NAME + r")[\"']?[ \t]*[:=][ \t]*[\"']?("
                               + _UUID + r")"), True),
    ("bearer token", "bearer", re.compile(r"(?i:bearer)[ \t]+([A-Za-z0-9._~+/=-]{24,})"), True),
    ("key-like value", "", re.compile(_KEY_START + r"(?i:" + _KEY_NAME + r")[\"']?[ \t]*[:=][ \t]*[\"']?"
                                      r"([A-Za-z0-9._~+/=-]{24,})"), False),
)
_KEY_WORDS = ("key", "token")   # every _KEY_NAME alternative holds one of these

_PLACEHOLDER = re.compile(
    r"x{3,}|X{3,}|\*{3,}|\.{3}|…|your|example|sample|dummy|placeholder|replace|redacted|"
    r"api[_-]?key|token|secret|changeme|test|fake|0{8}|1234|abcd|<|>|\$|\{|\}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KeySpan:
    start: int
    end: int
    kind: str
    error: bool      # a sure shape (error) or only a key-like name with a long value (warning)


def looks_real(value: str) -> bool:
    """Random enough to be a key: letters and digits, varied characters, no placeholder words."""
    if _PLACEHOLDER.search(value):
        return False
    body = value.split("-", 1)[1] if value.startswith("sk-") else value
    if not (re.search(r"\d", body) and re.search(r"[A-Za-z]", body)):
        return False
    counts = Counter(body)
    entropy = -sum(n / len(body) * math.log2(n / len(body)) for n in counts.values())
    return entropy >= 3.0


# Where a case-blind rule can start, found in the lower-cased text by a case-sensitive pattern
# the regex engine can jump through (a case-blind scan tries every character of a CJK page).
_STARTS: dict[str, re.Pattern[str]] = {
    "bearer": re.compile("bearer"),
    "": re.compile(_KEY_NAME),
}
# Characters where str.lower() and re's case-blind matching disagree (or lower() changes the
# length): a page holding one is scanned the slow way, so the answers stay the same. Looked
# for one by one: four substring searches cost a fifth of one character-class scan.
_FOLD_ODD = "\u0130\u0131\u017f\u212a"


def _matches(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only `starts` (the places a rule could start) if known."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start < end:
            continue            # inside the last match: finditer would not look here either
        m = pattern.match(text, start)
        if m:
            end = max(m.end(), m.start() + 1)
            yield m


def find_keys(text: str) -> list[KeySpan]:
    """Every real-looking key in `text`, in order of position."""
    lower = text.lower()
    # Whether each trigger is in the page, looked for once: rules share triggers.
    present = {"": any(word in lower for word in _KEY_WORDS)}
    exact = lower if len(lower) == len(text) and not any(c in text for c in _FOLD_ODD) else None
    # Where a case-blind rule can start, per trigger: its two rules try the same places.
    places: dict[tuple[str, bool], list[int] | None] = {}
    taken: list[tuple[int, int]] = []
    found: list[KeySpan] = []
    for kind, trigger, pattern, error in RULES:
        if trigger not in present:
            present[trigger] = trigger in lower
        if not present[trigger]:
            continue
        blind = bool(pattern.flags & re.IGNORECASE) or "(?i" in pattern.pattern
        if (trigger, blind) not in places:
            finder = _STARTS.get(trigger) if blind else None
            places[trigger, blind] = ([m.start() for m in finder.finditer(exact)]
                                      if finder is not None and exact is not None else None)
        for m in _matches(pattern, text, places[trigger, blind]):
            start, end = m.span(1)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            if looks_real(m.group(1)):
                found.append(KeySpan(start, end, kind, error))
    return sorted(found, key=lambda k: k.start)
