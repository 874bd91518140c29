"""What one emulator instance is told: keys it accepts, its catalogue, rate limit and faults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from docverify.emulator.catalogue import CATALOGUE, DEFAULT_ENDPOINTS, CatalogueModel

# Shaped like a real Ark key (a UUID) so it passes the format check, and obviously fake.
DEFAULT_API_KEY = "00000000-0000-4000-8000-00000000a4c0"

# Fixed `created` for deterministic mode: the timestamp of the public example in the facts.
DETERMINISTIC_CREATED = 1752039167


class FaultKind(str, Enum):
    DELAY = "delay"              # wait `delay` seconds, then answer normally
    ERROR = "error"              # answer `status` with Ark's error body (500 InternalServiceError)
    DROP_BEFORE = "drop-before"  # close the connection before sending a single byte
    DROP_DURING = "drop-during"  # send the status line, headers and part of the body, then close

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Fault:
    """One injected misbehaviour; `times=N` makes the first N matching requests fail, then pass."""

    kind: FaultKind
    times: int | None = None     # None: every matching request
    delay: float = 0.0           # seconds, for DELAY
    status: int = 500            # for ERROR: a 5xx with Ark's InternalServiceError body
    path: str | None = None      # only requests to this path, e.g. "/api/v3/chat/completions"

    def __post_init__(self) -> None:
        if self.kind is FaultKind.ERROR and not 500 <= self.status <= 599:
            raise ValueError(f"an ERROR fault answers a 5xx status, got {self.status}")
        if (self.times is not None and self.times < 0) or self.delay < 0:
            raise ValueError("times and delay must not be negative")

    def matches(self, path: str) -> bool:
        return self.path is None or self.path == path


@dataclass(frozen=True, slots=True)
class EmulatorConfig:
    api_keys: tuple[str, ...] = (DEFAULT_API_KEY,)
    catalogue: tuple[CatalogueModel, ...] = CATALOGUE
    activated: frozenset[str] | None = None   # None: each model's catalogue status decides
    endpoints: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ENDPOINTS))
    account_id: str = "2100000000"
    rpm: int | None = None                    # requests per minute per key; None: unlimited
    rate_window: float = 60.0                 # seconds the RPM counts over (short in tests)
    deterministic: bool = False               # fixed ids and `created`, for stable recordings
    faults: tuple[Fault, ...] = ()
    fault_header: bool = True                 # honour `X-Emulator-Fault` on requests

    @property
    def api_key(self) -> str:
        return self.api_keys[0] if self.api_keys else DEFAULT_API_KEY


FAULT_HEADER = "X-Emulator-Fault"


def parse_fault(text: str) -> Fault:
    """The header form, `kind[;times=N][;delay=S][;status=N][;id=NAME]`, as a Fault.

    Requests carrying the same header value share one `times` counter, so
    `error;times=2;id=t1` fails twice, then passes; `id` only makes a value unique.
    Raises ValueError on a bad value.
    """
    kind_text, *options = [part.strip() for part in text.split(";")]
    kind = FaultKind(kind_text)
    values: dict[str, str] = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep or name not in ("times", "delay", "status", "id"):
            raise ValueError(f"unknown option {option!r}; use times=, delay=, status=, id=")
        values[name] = value
    times = int(values["times"]) if "times" in values else None
    status = int(values.get("status", "500"))
    if not 500 <= status <= 599:   # 4xx answers come from real conditions (keys, models, rpm)
        raise ValueError(f"status must be 5xx, got {status}")
    return Fault(kind, times=times, delay=float(values.get("delay", "0")), status=status)
