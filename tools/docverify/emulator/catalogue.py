"""The emulator's model catalogue as data: which Ark models exist, which are usable, which are gone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    ACTIVATED = "activated"           # chat works
    NOT_ACTIVATED = "not-activated"   # listed, but chat answers 404 ModelNotOpen
    RETIRED = "retired"               # listed, but chat answers 404 InvalidEndpointOrModel.NotFound

    def __str__(self) -> str:
        return self.value


class Thinking(str, Enum):
    NEVER = "never"        # plain chat models
    ALWAYS = "always"      # deepseek-r1: always returns reasoning_content
    OPTIONAL = "optional"  # doubao-seed: request `thinking.type` decides, enabled by default


@dataclass(frozen=True, slots=True)
class CatalogueModel:
    id: str                       # canonical Model ID, dashes only, ends with YYMMDD
    status: Status = Status.ACTIVATED
    thinking: Thinking = Thinking.NEVER
    kind: str = "chat"            # "chat" or "embedding" (an embedding model refuses chat)
    owned_by: str = "volcengine"
    created: int = 1736899200     # fixed so the listing is byte-stable between runs


_A, _N, _R = Status.ACTIVATED, Status.NOT_ACTIVATED, Status.RETIRED

# Every ID named in facts/volcengine-ark.md. Which are activated or retired is the emulator's
# choice (the facts say only that the listing holds both kinds); older generations are retired.
CATALOGUE: tuple[CatalogueModel, ...] = (
    CatalogueModel("doubao-seed-1-8-251228", _N, Thinking.OPTIONAL, created=1766880000),
    CatalogueModel("doubao-seed-1-6-251015", _A, Thinking.OPTIONAL, created=1760486400),
    CatalogueModel("doubao-seed-1-6-flash-250828", _A, Thinking.OPTIONAL, created=1756339200),
    CatalogueModel("doubao-seed-1-6-vision-250815", _N, Thinking.OPTIONAL, created=1755216000),
    CatalogueModel("doubao-1-5-pro-32k-250115", _A, created=1736899200),
    CatalogueModel("doubao-1-5-pro-256k-250115", _A, created=1736899200),
    CatalogueModel("doubao-1-5-lite-32k-250115", _A, created=1736899200),
    CatalogueModel("doubao-1-5-vision-pro-32k-250115", _A, created=1736899200),
    CatalogueModel("doubao-pro-32k-241215", _R, created=1734220800),
    CatalogueModel("doubao-lite-32k-240828", _R, created=1724803200),
    CatalogueModel("doubao-embedding-large-text-240915", _A, kind="embedding", created=1726358400),
    CatalogueModel("deepseek-r1-250528", _A, Thinking.ALWAYS, owned_by="deepseek", created=1748390400),
    CatalogueModel("deepseek-r1-250120", _A, Thinking.ALWAYS, owned_by="deepseek", created=1737331200),
    CatalogueModel("deepseek-v3-250324", _A, owned_by="deepseek", created=1742774400),
    CatalogueModel("deepseek-v3-1-250821", _A, owned_by="deepseek", created=1755734400),
    CatalogueModel("kimi-k2-250905", _N, owned_by="moonshot", created=1757030400),
)

# The official cURL example's endpoint (facts file) points at a model every account can use.
DEFAULT_ENDPOINTS: Mapping[str, str] = {"ep-20250115073707-v8h4p": "doubao-1-5-pro-32k-250115"}

def canonical_id(model: str) -> str:
    """The docs write `doubao-1.5-pro-32k-250115` and `doubao-1-5-pro-32k-250115` for one model."""
    return model.strip().replace(".", "-")


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a `model` field names: a catalogue model (maybe through an endpoint), or nothing."""

    requested: str
    model: CatalogueModel | None
    status: Status | None       # the effective status for this emulator's account
    via_endpoint: bool = False


class Catalogue:
    """The catalogue one emulator serves, with its account's activated set and endpoints."""

    def __init__(self, models: Iterable[CatalogueModel] = CATALOGUE, *,
                 activated: Iterable[str] | None = None,
                 endpoints: Mapping[str, str] = DEFAULT_ENDPOINTS) -> None:
        self.models = tuple(models)
        self._by_id = {m.id: m for m in self.models}
        self._activated = None if activated is None else {canonical_id(a) for a in activated}
        self.endpoints = {ep: canonical_id(model) for ep, model in endpoints.items()}

    def status(self, model: CatalogueModel) -> Status:
        if model.status is Status.RETIRED or self._activated is None:
            return model.status
        return Status.ACTIVATED if model.id in self._activated else Status.NOT_ACTIVATED

    def lookup(self, requested: str) -> Lookup:
        via_endpoint = requested in self.endpoints
        target = self.endpoints[requested] if via_endpoint else canonical_id(requested)
        model = self._by_id.get(target)
        if model is None:
            return Lookup(requested, None, None, via_endpoint)
        return Lookup(requested, model, self.status(model), via_endpoint)
