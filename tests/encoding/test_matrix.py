"""The round-trip matrix (21 languages x 12 codecs) and clean text (every Babel locale string)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from babel import localedata
from sentences import LANGUAGES, MATRIX_CODECS, SENTENCES, damage

from docverify.page.encoding import repair_text

# Damage whose only sign is an exact round trip over fewer than three double-byte characters:
# Spanish has two accented letters, and "¿está" read as GBK is "驴est谩". Clean Chinese
# round-trips like that by chance ("立方米" in EUC-KR is valid UTF-8), so it is left alone.
_TOO_SHORT_TO_TELL = {("es", codec) for codec in ("gbk", "gb18030", "euc-kr", "big5")}


@pytest.mark.parametrize("codec", MATRIX_CODECS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_round_trip_restores_exactly_or_is_left_alone(lang: str, codec: str) -> None:
    original = SENTENCES[lang]
    damaged = damage(original, codec)
    if damaged is None:
        # Python's strict codec refuses some byte: what a site shows then went through
        # errors="replace", and "�" lost bytes no repair can bring back. Left alone, and
        # reported when the rest would repair.
        lossy = original.encode("utf-8").decode(codec, errors="replace")
        repair = repair_text(lossy)
        assert repair.text == lossy and repair.codec is None
        return
    assert damaged != original
    repair = repair_text(damaged)
    if (lang, codec) in _TOO_SHORT_TO_TELL:
        assert repair.text == damaged and repair.codec is None
        return
    assert repair.text == original, (repair.codec, repair.ambiguous)
    assert repair.text.encode("utf-8") == original.encode("utf-8")


def test_the_matrix_is_mostly_exact_damage() -> None:
    """Guards the test above from passing by calling everything lossy."""
    exact = [(lang, codec) for lang in LANGUAGES for codec in MATRIX_CODECS
             if damage(SENTENCES[lang], codec) is not None]
    assert len(LANGUAGES) >= 20 and len(MATRIX_CODECS) == 12
    assert len(exact) >= 160, len(exact)
    assert {codec for _, codec in exact} == set(MATRIX_CODECS)


def test_lossy_damage_that_would_repair_is_reported() -> None:
    lossy = SENTENCES["ja"].encode("utf-8").decode("shift_jis", errors="replace")
    repair = repair_text(lossy)
    assert repair.text == lossy
    assert repair.ambiguous and "lossy" in repair.ambiguous[0][1]


@pytest.mark.parametrize("text", ["ёлка и ёжик", "Ёлка", "Ємен", "Ààrẹ", "╔╗╚╝", "立方米", "кВт·ч",
                                  "Ọjọ́ Àìkú", "Ð¸ is a letter pair", "{0} мА"])
def test_clean_text_is_never_changed(text: str) -> None:
    repair = repair_text(text)
    assert repair.text == text and repair.codec is None


def test_chinese_read_as_gbk_is_repaired() -> None:
    assert repair_text("妯″瀷鏈嶅姟").text == "模型服务"
    assert repair_text("妯″瀷鏈嶅姟").codec == "gbk"


def test_mojibake_in_a_code_fence_or_under_an_ignore_is_reported_not_changed() -> None:
    shown = damage("Откройте консоль", "cp1251")
    assert shown is not None
    page = "\n".join([
        "# Encoding", "", "What a wrong codec does:", "", "```text", shown, "```", "",
        '<!-- docverify: ignore encoding.mojibake reason="shown on purpose" -->', shown, "",
        shown, ""])
    repair = repair_text(page)
    lines = repair.text.split("\n")
    assert lines[5] == shown and lines[9] == shown           # kept as shown
    assert lines[11] == "Откройте консоль"                   # outside: repaired
    assert [n for n, _ in repair.ambiguous] == [6, 10]       # and the kept ones are reported


def test_a_page_wide_ignore_keeps_the_whole_page() -> None:
    shown = damage("Откройте консоль", "cp1251")
    page = f'<!-- docverify: ignore encoding reason="a page about mojibake" -->\n# T\n\n{shown}\n'
    assert repair_text(page).text == page


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif hasattr(value, "items"):
        for key, item in value.items():  # type: ignore[union-attr]
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif isinstance(getattr(value, "pattern", None), str):
        yield value.pattern  # type: ignore[attr-defined]


def test_no_babel_locale_string_is_changed() -> None:
    """Every string of every locale Babel ships (names, months, units, patterns): clean text
    in hundreds of languages and scripts, none of which repair may touch."""
    texts = {text for locale in localedata.locale_identifiers()
             for text in _strings(localedata.load(locale)) if not text.isascii()}
    assert len(texts) > 100_000
    changed = {text: repair_text(text).text for text in texts}
    assert {old: new for old, new in changed.items() if old != new} == {}


@pytest.mark.parametrize(("damaged", "original"), [
    ("The Mona Lisa doesnâ€™t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."),
    ("cafÃƒÂ©", "café"),                                  # mojibake of mojibake
    ("mojibake ðŸŽ‰ party", "mojibake 🎉 party"),
    ("â”œâ”€â”€ docs", "├── docs"),
])
def test_short_everyday_damage_is_repaired(damaged: str, original: str) -> None:
    assert repair_text(damaged).text == original


def test_a_word_two_codecs_read_differently_is_reported_not_guessed() -> None:
    repair = repair_text("Ã¼ber")          # "über" in cp1252, "Ǭber" in cp850
    assert repair.text == "Ã¼ber" and repair.ambiguous == ((1, "cp850 or cp1252"),)
