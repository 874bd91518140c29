"""The mojibake scan's shortcuts turn away only lines that the full test would turn away too."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docverify.page.encoding import CODECS, _MULTIBYTE, _opening, _pair_starts, _shows_pair, _table

SINGLE = [c for c in CODECS if c not in _MULTIBYTE]
DOUBLE = [c for c in CODECS if c in _MULTIBYTE]
_FIRST_WIDE = re.compile(r"[^\x00-\x7f]")


def _reference_pairs(codec: str) -> re.Pattern[str]:
    """A lead byte then a continuation byte as `codec` shows them: the pattern the scan used to compile."""
    table = _table(codec)

    def shown(first: int, last: int) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(c for c, b in table.items() if first <= b <= last)) + "]"
    return re.compile(shown(0xC2, 0xF4) + shown(0x80, 0xBF))


def _utf8_starts() -> list[bytes]:
    """Valid UTF-8 of one character, for every lead byte and second byte (third and fourth
    bytes sampled), alone and followed by ASCII: what can begin a mojibake run."""
    out = []
    for lead in range(0xC2, 0xF5):
        for second in range(0x80, 0xC0):
            tails = [b""] if lead < 0xE0 else [bytes([t]) for t in (0x80, 0x9F, 0xA0, 0xBF)]
            if lead >= 0xF0:
                tails = [t + bytes([f]) for t in tails for f in (0x80, 0xBF)]
            for tail in tails:
                data = bytes([lead, second]) + tail
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                out += [data, data + b"a"]
    return out


@pytest.mark.parametrize("codec", DOUBLE)
def test_a_line_that_re_decodes_whole_passes_the_opening_test(codec: str) -> None:
    checked = 0
    for data in _utf8_starts():
        try:
            line = data.decode(codec)     # UTF-8 read by `codec`: mojibake the scan must repair
        except UnicodeDecodeError:
            continue
        first = _FIRST_WIDE.search(line)
        if first is None or line.encode(codec) != data:
            continue
        checked += 1
        assert codec in _opening(first.group()), (data, line)
    assert checked > 500    # the codec reads many of them: the test saw real cases


@pytest.mark.parametrize("codec", DOUBLE)
def test_clean_chinese_and_japanese_lines_are_turned_away_by_most_codecs(codec: str) -> None:
    lines = ["的确如此，我们需要配置模型服务", "設定画面でモデルを選択してください", "모델 서비스를 설정하세요"]
    assert sum(codec in _opening(_FIRST_WIDE.search(line).group()) for line in lines) <= 2


@pytest.mark.parametrize("codec", SINGLE)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_pair_test_agrees_with_the_codecs_own_pattern(codec: str, data: st.DataObject) -> None:
    shown = sorted(_table(codec)) + list("aé中 ")
    line = "".join(data.draw(st.lists(st.sampled_from(shown), max_size=12)))
    starts = _pair_starts(line)
    assert _shows_pair(line, starts, codec) == bool(_reference_pairs(codec).search(line))
