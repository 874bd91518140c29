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
