"""Data-driven page cases: each `cases/NAME.md` is parsed and compared with `cases/NAME.json`.

The JSON names only what the case is about; every listed item's listed fields must match,
in order, and a listed collection must have exactly that many items.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from docverify.page.extract import extract
from docverify.page.parse import parse_text

CASES = Path(__file__).parent / "cases"
PAGE_FIELDS = ("headings", "links", "images", "code_spans", "tables", "admonitions", "directives")
CLAIM_FIELDS = ("endpoints", "model_ids", "curl")


def _items(values: Any) -> list[dict[str, Any]]:
    out = []
    for value in values:
        item = dataclasses.asdict(value)
        out.append({k: list(v) if isinstance(v, tuple) else v for k, v in item.items()})
    return out


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.md")))
def test_case(case: str) -> None:
    expected = json.loads((CASES / f"{case}.json").read_text(encoding="utf-8"))
    text = (CASES / f"{case}.md").read_text(encoding="utf-8")
    claims = extract(parse_text(text, path=f"{case}.md", syntax=expected.pop("syntax", "mkdocs")))
    if "title" in expected:
        assert claims.page.title == expected.pop("title")
    for name, want in expected.items():
        assert name in PAGE_FIELDS + CLAIM_FIELDS, f"unknown key {name} in {case}.json"
        source = getattr(claims.page, name) if name in PAGE_FIELDS else getattr(
            claims, "curls" if name == "curl" else name)
        got = _items(source)
        assert len(got) == len(want), f"{name}: expected {want}, found {got}"
        for have, expect in zip(got, want):
            assert {k: have[k] for k in expect} == expect, f"{name}: found {have}"
