"""openai-python@1, a profile that is only a file (clients/profiles/openai-python@1.yml), against its
source's own cases and against the real `openai` package building the same request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openai import OpenAI
from openai._models import FinalRequestOptions

from docverify.clients.profiles import PROFILES, load_profile, resolve
from docverify.errors import ProfileError

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "openai-python-cases.yaml")
                                             .read_text(encoding="utf-8"))


def _real(address: str, endpoint: str) -> str:
    """The URL the installed openai client sends for this base URL and route (fragment dropped)."""
    with OpenAI(base_url=address, api_key="sk-not-sent") as client:
        request = client._build_request(FinalRequestOptions(method="post", url="/" + endpoint, json_data={}))
    return str(request.url).split("#", 1)[0]


@pytest.mark.parametrize("case", CASES, ids=[c["address"] + " " + c.get("endpoint", "") for c in CASES])
def test_cases_from_its_source_and_the_real_client(case: dict[str, Any]) -> None:
    endpoint = case.get("endpoint", "chat/completions")
    got = resolve(case["address"], "openai-python@1", endpoint)
    assert got.request_url == case["request_url"]
    assert _real(case["address"], endpoint) == case["request_url"]


def test_it_is_a_file_with_its_source() -> None:
    profile = PROFILES["openai-python@1"]
    assert "openai/openai-python" in profile.source and "_enforce_trailing_slash" in profile.source
    assert resolve("https://api.openai.com/v1", "openai").client == "openai-python@1"


@pytest.mark.parametrize("text", ["name: x\nformat_api_host: [frobnicate]\n", "name: x\nrequest_url: curl\n",
                                  "- not a mapping\n", "name: x\nformat_api_host:\n  - return_if: [{starts_with: a}]\n"])
def test_a_bad_profile_file_is_one_profile_error(text: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(text, "clients/profiles/x.yml")
    assert "clients/profiles/x.yml" in str(caught.value)
