"""The parser cases: `cases/NAME.sh` (the command as a page has it) beside `cases/NAME.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    """One parser case: `NAME.sh` holds the command exactly as a page would, `NAME.json` the
    expected request (or error), why curl behaves so, and how the differential test runs it."""

    name: str
    command: str
    spec: dict[str, Any]

    def __str__(self) -> str:
        return self.name


def load_cases() -> list[Case]:
    cases = []
    for sh in sorted(CASES_DIR.glob("*.sh")):
        spec = json.loads(sh.with_suffix(".json").read_text(encoding="utf-8"))
        cases.append(Case(sh.stem, sh.read_text(encoding="utf-8"), spec))
    return cases
