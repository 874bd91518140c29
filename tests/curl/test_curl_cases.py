"""Every parser case: the command in cases/NAME.sh parses to the request in cases/NAME.json."""

from __future__ import annotations

import pytest

from docverify.curl import parse_curl
from docverify.errors import CurlParseError

from .curlcases import Case, load_cases

CASES = load_cases()


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    spec = case.spec
    assert spec["why"], "a case says what curl does and why"
    if "error" in spec:
        with pytest.raises(CurlParseError) as info:
            parse_curl(case.command)
        assert spec["error"]["contains"] in info.value.message
        assert info.value.line == spec["error"]["line"]
        return
    req = parse_curl(case.command)
    expected = spec["request"]
    assert (req.method, req.url, [list(h) for h in req.headers], req.body) == (
        expected["method"], expected["url"], expected["headers"], expected["body"])
    assert list(req.warnings) == spec["warnings"]
    assert [{"line": d.line_offset, "col": d.col, "char": d.char, "repaired": d.repaired}
            for d in req.damage] == spec["damage"]


def test_every_damage_kind_is_covered() -> None:
    kinds = {"QUOTATION MARK", "IDEOGRAPHIC SPACE", "NO-BREAK SPACE", "FULLWIDTH COLON",
             "CIRCUMFLEX ACCENT", "EN DASH", "EM DASH", "ZERO WIDTH SPACE", "SPACE (U+0020)"}
    seen = " ".join(w for case in CASES for w in case.spec.get("warnings", ()))
    assert {k for k in kinds if k not in seen} == set()
