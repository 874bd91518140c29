"""The catalogue as data: statuses, dotted and dashed IDs, endpoints, an account's activated set."""

from __future__ import annotations

import re

import pytest

from docverify.emulator.catalogue import CATALOGUE, DEFAULT_ENDPOINTS, Catalogue, Status, canonical_id


def test_ids_are_canonical_and_versioned() -> None:
    ids = [m.id for m in CATALOGUE]
    assert len(ids) == len(set(ids))
    for model_id in ids:
        assert model_id == canonical_id(model_id)
        assert re.search(r"-\d{6}$", model_id), model_id


def test_catalogue_holds_every_status() -> None:
    assert {m.status for m in CATALOGUE} == set(Status)


@pytest.mark.parametrize(("requested", "expected"), [
    ("doubao-1.5-pro-32k-250115", Status.ACTIVATED),
    ("doubao-1-5-pro-32k-250115", Status.ACTIVATED),
    ("kimi-k2-250905", Status.NOT_ACTIVATED),
    ("doubao-pro-32k-241215", Status.RETIRED),
    ("ep-20250115073707-v8h4p", Status.ACTIVATED),
    ("ep-20990101000000-zzzzz", None),
    ("gpt-4o", None),
])
def test_lookup(requested: str, expected: Status | None) -> None:
    assert Catalogue().lookup(requested).status is expected


def test_endpoint_maps_to_model() -> None:
    found = Catalogue().lookup("ep-20250115073707-v8h4p")
    assert found.via_endpoint and found.model is not None
    assert found.model.id == DEFAULT_ENDPOINTS["ep-20250115073707-v8h4p"]


def test_activated_set_overrides_but_never_revives_retired() -> None:
    catalogue = Catalogue(activated={"kimi-k2-250905", "doubao-pro-32k-241215"})
    assert catalogue.lookup("kimi-k2-250905").status is Status.ACTIVATED
    assert catalogue.lookup("deepseek-v3-250324").status is Status.NOT_ACTIVATED
    assert catalogue.lookup("doubao-pro-32k-241215").status is Status.RETIRED
