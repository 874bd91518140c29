"""A stand-in for Site: the endpoint check reads only the profiles the configuration targets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass(frozen=True)
class StubConfig:
    clients: tuple[str, ...] = ()


@dataclass(frozen=True)
class StubSite:
    config: StubConfig = field(default_factory=StubConfig)


@pytest.fixture
def make_site() -> Callable[..., Any]:
    """`make_site("cherry-studio@2", …)`: a site whose mkdocs.yml targets those profiles."""
    return lambda *clients: StubSite(StubConfig(tuple(clients)))
