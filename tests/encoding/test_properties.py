"""Hypothesis: clean text never changes; mojibake of real-word text always repairs to the original."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from sentences import CODECS_UNDER_TEST as ALL
from sentences import SENTENCES, mojibake, windows_mojibake

_TWINS = [{"cp437", "cp850"}, {"cp1253", "iso8859-7"}, {"cp1252", "latin-1"}]

from docverify.page.encoding import _evidence, find_mojibake, repair_text

WORDS = {lang: sentence.split() for lang, sentence in SENTENCES.items()}
CODECS = st.sampled_from(["cp866", "cp437", "cp850", "cp1251", "cp1252", "latin-1",
                          "koi8-r", "mac-roman", "iso8859-5", "iso8859-7", "cp1253"])


# Characters no supported codec produces from a high byte: text made of them cannot be mojibake.
_HIGH = {char for codec in ALL for byte in range(0x80, 0x100)
         for char in [bytes([byte]).decode(codec, errors="ignore")] if char}
# ... nor CJK and full-width characters, which double-byte codecs (GBK, Shift_JIS) produce.
_DOUBLE = re.compile("[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
CLEAN = st.characters(codec="utf-8", exclude_characters=_HIGH,
                      exclude_categories=["Cs", "Co", "Cn"]).filter(lambda c: not _DOUBLE.match(c))


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Lines of at least four real words of one language each.

    A lone short word can have two exact readings that rank the same ("и" in cp1252 is a
    valid Greek pair in iso8859-7): repair needs a line's worth of context, as real pages have.
    """
    lines = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        words = WORDS[draw(st.sampled_from(sorted(WORDS)))]
        lines.append(" ".join(draw(st.lists(st.sampled_from(words), min_size=4, max_size=10))))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CLEAN))
def test_text_without_a_mojibake_pattern_never_changes(text: str) -> None:
    assert repair_text(text).text == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_change_is_an_exact_round_trip_that_reads_better(text: str) -> None:
    repair = repair_text(text)
    if repair.codec is None:
        assert repair.text == text
        return
    for old, new in zip(text.split("\n"), repair.text.split("\n"), strict=True):
        if old != new:
            assert _evidence(new) <= _evidence(old)


@settings(max_examples=300, deadline=None)
@given(prose(), CODECS)
def test_repair_undoes_mojibake_of_real_words_or_leaves_it(text: str, codec: str) -> None:
    """A damaged line comes back exactly, or stays as it is: never a third text.

    Restricted honestly: some damage reads like clean text ("konsolę" in mac-roman is
    "konsolƒô", all letters; Greek "και" in iso8859-5 is "ЮКЮБЮЙ"), and repair must not
    touch text like that, so such damage is left alone (the round-trip matrix in
    test_matrix.py holds recall on whole sentences). Codecs of one family (cp1253 and
    iso8859-7, cp437 and cp850) can give two exact readings that rank the same: the one
    chosen must still explain the damage exactly.
    """
    damaged = mojibake(text, codec)
    if damaged is None or damaged == text:
        return
    repair = repair_text(damaged)
    if repair.text == text:
        assert repair.codec is not None
        return
    codecs = dict(find_mojibake(damaged))
    for number, (bad, fixed, good) in enumerate(zip(damaged.split("\n"), repair.text.split("\n"),
                                                    text.split("\n")), 1):
        if fixed not in (bad, good):
            assert number in codecs and codecs[number] != codec
            assert {codec, codecs[number]} in _TWINS, (codec, codecs[number])
            assert windows_mojibake(fixed, codecs[number]) == bad


@settings(max_examples=200, deadline=None)
@given(prose())
def test_real_words_are_clean(text: str) -> None:
    assert repair_text(text).text == text
