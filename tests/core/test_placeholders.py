"""Placeholder hosts and segments told by shape (cases/placeholder-urls.yaml), mapped and compared as one value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from docverify.page.placeholders import CANONICAL, DEFAULT_BASE, canonical, find_placeholder, map_to_base

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases" / "placeholder-urls.yaml")
                                             .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["url"] for c in CASES])
def test_placeholder_prefix(case: dict[str, Any]) -> None:
    found = find_placeholder(case["url"])
    if case["prefix"] is None:
        assert found is None, found
        assert canonical(case["url"]) == case["url"]
        return
    assert found is not None and found.prefix == case["prefix"], found
    assert found.mappable is case["mappable"]
    assert found.prefix + found.rest == case["url"]


def test_translated_placeholders_are_one_value() -> None:
    zh = "https://你的newapi服务器地址/v1/chat/completions"
    en = "https://your-newapi-server-address/v1/chat/completions"
    ja = "https://<あなたのホスト>/v1/chat/completions"
    assert canonical(zh) == canonical(en) == canonical(ja) == CANONICAL + "/v1/chat/completions"
    assert canonical(en) != canonical("https://your-newapi-server-address/v1/completions")


def test_mapping_to_a_base_url() -> None:
    assert map_to_base("{base_url}/models", "https://gw.acme.ai/v1/") == "https://gw.acme.ai/v1/models"
    assert map_to_base("https://api.openai.com/v1/models", DEFAULT_BASE) == "https://api.openai.com/v1/models"
    assert map_to_base("https://api.x.ai/v1/YOUR_DEPLOYMENT/chat", DEFAULT_BASE) is None
