"""repair_text / detect_mojibake / find_mojibake on generated mojibake and on correct text."""

from __future__ import annotations

import pytest
from sentences import CODECS_UNDER_TEST, SENTENCES, damage, mojibake, windows_mojibake

from docverify.page.encoding import CODECS, Repair, detect_mojibake, find_mojibake, repair_text


def _pairs() -> list[tuple[str, str]]:
    return [(codec, lang) for codec in CODECS_UNDER_TEST for lang in SENTENCES
            if damage(SENTENCES[lang], codec) is not None]


def test_every_codec_under_test_is_supported() -> None:
    assert set(CODECS_UNDER_TEST) <= set(CODECS)


@pytest.mark.parametrize("codec", CODECS_UNDER_TEST)
def test_each_codec_has_sentences_in_several_scripts(codec: str) -> None:
    # Guards the parametrisation below from quietly testing nothing for a codec.
    usable = [lang for lang in SENTENCES if damage(SENTENCES[lang], codec) is not None]
    assert len(usable) >= 3, usable


@pytest.mark.parametrize(("codec", "lang"), _pairs())
def test_round_trip_repairs_exactly(codec: str, lang: str) -> None:
    original = SENTENCES[lang]
    damaged = damage(original, codec)
    assert damaged is not None and damaged != original
    repair = repair_text(damaged)
    assert repair.text == original
    # Codecs overlap (cp437/cp850/cp866 share box drawing): the one named must explain the damage.
    assert repair.codec is not None
    assert windows_mojibake(original, repair.codec) == damaged
    assert detect_mojibake(damaged) == repair.codec


@pytest.mark.parametrize("codec", ["cp1251", "cp1252", "cp1253"])
@pytest.mark.parametrize("lang", ["zh", "bn", "ja", "emoji"])
def test_windows_style_mojibake_with_c1_controls(codec: str, lang: str) -> None:
    damaged = windows_mojibake(SENTENCES[lang], codec)
    assert repair_text(damaged).text == SENTENCES[lang]


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_correct_text_is_left_alone(lang: str) -> None:
    text = SENTENCES[lang]
    assert repair_text(text) == Repair(text, None)
    assert detect_mojibake(text) is None
    assert find_mojibake(text) == []


def test_full_width_punctuation_survives() -> None:
    text = "注意：（一）“引号”、《书名》……！？"
    assert repair_text(text).text == text


def test_mixed_file_repairs_only_damaged_lines() -> None:
    lines = [SENTENCES["zh"], mojibake(SENTENCES["bn"], "cp866"), "plain ascii line",
             SENTENCES["ru"], damage(SENTENCES["zh"], "cp1252"), SENTENCES["ja"], ""]
    text = "\r\n".join(lines)
    repair = repair_text(text)
    expected = "\r\n".join([SENTENCES["zh"], SENTENCES["bn"], "plain ascii line", SENTENCES["ru"],
                            SENTENCES["zh"], SENTENCES["ja"], ""])
    assert repair.text == expected
    assert find_mojibake(text) == [(2, "cp866"), (5, "cp1252")]


def test_mojibake_within_a_line_next_to_correct_text() -> None:
    line = f"{SENTENCES['ru']} / {mojibake(SENTENCES['bn'], 'cp866')}"
    assert repair_text(line).text == f"{SENTENCES['ru']} / {SENTENCES['bn']}"


def test_double_mojibake_is_undone_twice() -> None:
    once = mojibake(SENTENCES["bn"], "cp866")
    assert once is not None
    twice = mojibake(once, "latin-1")
    assert twice is not None
    assert repair_text(twice).text == SENTENCES["bn"]


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_repair_is_idempotent(lang: str) -> None:
    damaged = mojibake(SENTENCES[lang], "cp866")
    assert damaged is not None
    once = repair_text(damaged).text
    assert repair_text(once) == Repair(once, None)


def test_short_cyrillic_word_that_happens_to_round_trip_is_kept() -> None:
    # "чем" in cp866 is e7 a5 ac, valid UTF-8 for one CJK character: exactness alone is not enough.
    assert "чем".encode("cp866").decode("utf-8") == "祬"
    assert repair_text("чем").text == "чем"


def test_seed_repairs_to_bengali(seed_file) -> None:  # type: ignore[no-untyped-def]
    text = seed_file.read_text(encoding="utf-8")
    repair = repair_text(text)
    assert repair.codec == "cp866"
    content = [line for line in repair.text.split("\n") if line.strip() and "{%" not in line]
    assert content[0].startswith("এই নথিটি")
    assert detect_mojibake(repair.text) is None
    assert "\u0980" <= content[0][0] <= "\u09ff"


@pytest.mark.corpus
def test_corpus_pages_are_left_alone(corpus_dir) -> None:  # type: ignore[no-untyped-def]
    pages = sorted(corpus_dir.rglob("*.md"))
    assert len(pages) >= 357
    damaged = {str(page.relative_to(corpus_dir)): find_mojibake(page.read_text(encoding="utf-8"))
               for page in pages}
    assert {page: lines for page, lines in damaged.items() if lines} == {}
