"""The client profiles against cases.yaml: one case per rule and corner, for each profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from docverify.clients import profiles
from docverify.errors import ProfileError
from docverify.clients.profiles import (DEFAULT_PROFILE, PROFILES, Profile, Route, has_api_version,
                                resolve, route_to_endpoint_2)

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))
NAMES = ("cherry-studio@1.6", "cherry-studio@2")


def _resolve_cases() -> list[Any]:
    return [pytest.param(case, name, id=f"{case['name']}[{name}]")
            for case in CASES["resolve"] for name in NAMES]


@pytest.mark.parametrize(("case", "client"), _resolve_cases())
def test_resolve(case: dict[str, Any], client: str) -> None:
    base_url, request_url = case[client]
    got = resolve(case["address"], client, case.get("endpoint", "chat/completions"))
    assert (got.base_url, got.request_url) == (base_url, request_url), case.get("why", "")
    assert got.input == case["address"] and got.client == client


def test_every_case_covers_every_built_in_profile() -> None:
    assert set(NAMES) <= set(PROFILES)   # other clients have their own cases (test_openai_python.py)
    missing = [c["name"] for c in CASES["resolve"] if not all(n in c for n in NAMES)]
    assert not missing


@pytest.mark.parametrize(("host", "expected"), CASES["has_api_version"],
                         ids=[repr(c[0]) for c in CASES["has_api_version"]])
def test_has_api_version(host: str, expected: bool) -> None:
    assert has_api_version(host) is expected


@pytest.mark.parametrize(("address", "base", "endpoint"), CASES["route_to_endpoint"],
                         ids=[repr(c[0]) for c in CASES["route_to_endpoint"]])
def test_route_to_endpoint(address: str, base: str, endpoint: str) -> None:
    assert route_to_endpoint_2(address) == Route(base, endpoint)


def test_default_is_the_newest_profile() -> None:
    assert DEFAULT_PROFILE == "cherry-studio@2" and DEFAULT_PROFILE in PROFILES
    assert resolve("https://api.example.com").client == DEFAULT_PROFILE


@pytest.mark.parametrize("name", NAMES)
def test_every_profile_cites_its_source(name: str) -> None:
    profile = PROFILES[name]
    assert profile.name == name and profile.description
    assert "CherryHQ/cherry-studio" in profile.source and "formatApiHost" in profile.source


@pytest.mark.parametrize(("alias", "name"), [("cherry-studio@1.7", "cherry-studio@2"),
                                             ("cherry-studio@1.3", "cherry-studio@1.6"),
                                             ("cherry-studio", "cherry-studio@2")])
def test_release_aliases(alias: str, name: str) -> None:
    assert resolve("https://api.example.com/", alias).client == name


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ProfileError) as info:
        resolve("https://api.example.com", "cherry-studio@9")
    assert "cherry-studio@9" in str(info.value)
    assert all(name in str(info.value) for name in NAMES)
    assert info.value.hint


# A hypothetical fixed 2.x release that calls routeToEndpoint before formatApiHost: a table
# entry made of the existing functions, no change to resolve or the checks.
FIXED = Profile(name="cherry-studio@2-fixed", description="2.x with the call order fixed",
                source="hypothetical: routeToEndpoint before formatApiHost (fix for issue 12123)",
                format_api_host=profiles.format_api_host_2,
                route_to_endpoint=profiles.route_to_endpoint_2,
                request_url=profiles.request_url_ai_sdk, route_first=True)


@pytest.fixture
def fixed_profile(monkeypatch: pytest.MonkeyPatch) -> Profile:
    monkeypatch.setitem(PROFILES, FIXED.name, FIXED)
    return FIXED


@pytest.mark.parametrize(("address", "request_url"), [
    ("https://ark.cn-beijing.volces.com/api/v3/chat/completions#",
     "https://ark.cn-beijing.volces.com/api/v3/chat/completions"),
    ("https://ark.cn-beijing.volces.com/api/v3/", "https://ark.cn-beijing.volces.com/api/v3/chat/completions"),
    ("https://api.anthropic.com/v1/messages#", "https://api.anthropic.com/v1/messages"),
    ("https://api.example.com", "https://api.example.com/v1/chat/completions"),
])
def test_a_third_profile_is_a_table_entry(fixed_profile: Profile, address: str,
                                          request_url: str) -> None:
    assert resolve(address, fixed_profile.name).request_url == request_url
