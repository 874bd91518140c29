"""Key shapes start a word: a provider prefix glued to a word or a `-` is not a key."""

from __future__ import annotations

import pytest

from docverify.traffic.keyshapes import find_keys

_BODIES = {
    "anthropic key": "sk-ant-Zq81kXw0PbN3vR7tYc2LmA9e",
    "openai-style key": "sk-proj-Zq81kXw0PbN3vR7tYc2LmA9e",
    "google api key": "AIzaSyZq81kXw0PbN3vR7tYc2LmA9eHd4uJ5gFq",
    "github token": "ghp_Zq81kXw0PbN3vR7tYc2LmA9eHd4uJ5gFa1Bz",
    "aws access key": "AKIAZQ81KXW0PBN3VR7T",
}


@pytest.mark.parametrize("kind", sorted(_BODIES))
@pytest.mark.parametrize("before", ["", " ", "(", "\n", "=", "\"", "é "])
def test_a_key_after_a_non_word_character_is_found(kind: str, before: str) -> None:
    text = before + _BODIES[kind] + " tail"
    assert [(k.kind, k.start, k.end) for k in find_keys(text)] == \
        [(kind, len(before), len(before) + len(_BODIES[kind]))]


@pytest.mark.parametrize("kind", sorted(_BODIES))
@pytest.mark.parametrize("before", ["x", "-", "_", "9", "é"])
def test_a_key_glued_to_a_word_or_dash_is_not_a_key(kind: str, before: str) -> None:
    assert find_keys("see " + before + _BODIES[kind] + " tail") == []


def test_an_aws_key_followed_by_more_capitals_is_not_one() -> None:
    assert find_keys("AKIAZQ81KXW0PBN3VR7TX") == []


@pytest.mark.parametrize("prefix", ["", "中文說明 ", "ſ "])    # plain, CJK, a character lower() and re fold apart
@pytest.mark.parametrize("line", ['X-API-KEY: "550e8400-e29b-41d4-a716-446655440000"',
                                  "Secret_Key=550e8400-e29b-41d4-a716-446655440000",
                                  "Authorization: BEARER 550e8400-e29b-41d4-a716-446655440000",
                                  "apiKey: a1B2c3D4e5F6g7H8i9J0k1L2m3N4q5"])
def test_case_blind_rules_find_keys_on_every_path(prefix: str, line: str) -> None:
    # a page is searched only where a case-blind rule can start (fast), unless it holds a character
    # that str.lower() and the regex engine fold differently (then at every position, as before)
    text = prefix + line
    value = line.replace("=", " ").split()[-1].strip('"')
    assert [text[k.start:k.end] for k in find_keys(text)] == [value]
