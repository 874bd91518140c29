"""Placeholder hosts and segments told by shape (cases/placeholder-urls.yaml), mapped and compared as one value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from docverify.page.placeholders import (CANONICAL, DEFAULT_BASE, canonical, find_placeholder,
                                         is_placeholder_credential, map_to_base)

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


@pytest.mark.parametrize(("value", "expected"), [
    ("sk-xxxxxxxx", True), ("YOUR_API_KEY", True), ("<token>", True), ("你的令牌", True), ("your-key", True),
    ("sk-...", True), ("${NEWAPI_API_KEY}", False), ("$OPENAI_API_KEY", False), ("sk-proj-a1B2c3D4e5", False)])
def test_placeholder_credentials(value: str, expected: bool) -> None:
    assert is_placeholder_credential(value) is expected


def test_a_translated_placeholder_key_is_no_parity_finding() -> None:
    from docverify.checks.parity_compare import compare_curl
    from docverify.model import Curl

    zh = Curl('curl https://你的服务器地址/v1/models -H "Authorization: Bearer 你的令牌"', 1, 0)
    en = Curl('curl https://your-server-address/v1/models -H "Authorization: Bearer your-token"', 1, 0)
    assert compare_curl(zh, en) == []
    real = Curl('curl https://your-server-address/v1/models -H "Authorization: Bearer $KEY"', 1, 0)
    assert compare_curl(zh, real) != []
    # any header named for a credential (the one rule of docverify/credentials.py), not a list of four
    zh = Curl('curl https://你的服务器地址/v1/models -H "X-Auth-Token: 你的令牌"', 1, 0)
    en = Curl('curl https://your-server-address/v1/models -H "X-Auth-Token: <your-token>"', 1, 0)
    assert compare_curl(zh, en) == []
    plain = Curl('curl https://your-server-address/v1/models -H "X-Request-Id: <your-token>"', 1, 0)
    other = Curl('curl https://your-server-address/v1/models -H "X-Request-Id: 你的令牌"', 1, 0)
    assert compare_curl(other, plain) != []
