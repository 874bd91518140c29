"""The lines a page talks about translating on: on an ASCII page, found stem by stem with
str.find, the very lines the stem pattern (the trie) finds."""

from __future__ import annotations

import random

import pytest

from docverify.checks.leak import TRANSLATING, _talking_lines


def _by_pattern(text: str) -> list[int]:
    """The reference: the lines of the trie's matches in the lower-cased page."""
    lowered = text.lower()
    lines: list[int] = []
    for m in TRANSLATING.pattern.finditer(lowered):
        line = lowered.count("\n", 0, m.start()) + 1
        if line not in lines:
            lines.append(line)
    return lines


@pytest.mark.parametrize("text", [
    "# Setup\n\nThis page was Translated by AI.\n",
    "TRADUTRANSLATED\nvertaalvertal\n\nnothing here\nUebersetzung and PENERJEMAH\n",
    "tradu\ntraduc\ntradott oversett preklad terjemah\n",
    "no stem at all\n",
    "",
])
def test_lines_as_the_pattern_finds_them(text: str) -> None:
    assert _talking_lines(text) == _by_pattern(text)


def test_random_ascii_pages() -> None:
    rng = random.Random(17)
    pieces = [*TRANSLATING.ascii, "tra", "trans", "vert", "over", " ", "\n", "x", "T", "RANSLAT", "Pre"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert text.isascii()
        assert _talking_lines(text) == _by_pattern(text), text
    assert TRANSLATING.ascii       # the ASCII stems were read from the lexicon
