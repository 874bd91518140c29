"""What one import run collects (converted counts, unconverted places) and what a page needs to know."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Unconverted:
    """A place the importer left verbatim (or could not honour): `path:line construct`."""

    path: str
    line: int
    construct: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.construct}"

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "construct": self.construct}


@dataclass(slots=True)
class Tally:
    """Everything one run reports; the importer fills it, the command prints it."""

    pages: int = 0
    converted: Counter[str] = field(default_factory=Counter)
    unconverted: list[Unconverted] = field(default_factory=list)
    repaired_encoding: list[tuple[str, str]] = field(default_factory=list)
    missing_assets: int = 0          # references to files that do not exist upstream either
    missing_in_copy: int = 0         # listed in ASSETS.txt, absent from this copy
    copied_assets: int = 0
    pairs: list[tuple[str, str, str, str]] = field(default_factory=list)  # (lang, src, target, how)
    layout: str = ""                 # the layout the tree was read as (site/layouts.py)
    warnings: list[str] = field(default_factory=list)      # folders left out, and why
    fixed_assets: list[tuple[str, int, str, str]] = field(default_factory=list)  # (path, line, from, to)

    def convert(self, construct: str, n: int = 1) -> None:
        self.converted[construct] += n

    def leave(self, path: str, line: int, construct: str) -> None:
        self.unconverted.append(Unconverted(path, line, construct))

    def to_json(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "converted": dict(sorted(self.converted.items())),
            "unconverted": [u.to_json() for u in sorted(set(self.unconverted))],
            "repaired_encoding": [{"path": p, "from": c} for p, c in sorted(self.repaired_encoding)],
            "missing_assets": self.missing_assets,
            "layout": self.layout,
            "warnings": list(self.warnings),
            "fixed_assets": [{"path": p, "line": n, "from": a, "to": b} for p, n, a, b in self.fixed_assets],
        }


# (target as written, line) -> the target to write in the output page
Rewrite = Callable[[str, int], str]


@dataclass(frozen=True, slots=True)
class PageContext:
    """One page being converted: where it came from, where it goes, how its links move."""

    path: str                 # shown in reports: the file in the GitBook tree, relative to SRC
    lang: str
    rewrite: Rewrite          # relative link/image target -> target from the output page
    include: Callable[[str, int], str | None]  # include target -> converted text, or None
    tally: Tally
    used_anchors: frozenset[str] = frozenset()
