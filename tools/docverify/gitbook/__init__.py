"""GitBook Git Sync trees -> MkDocs Material sites (`docverify import-gitbook`)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docverify.gitbook.context import Tally, Unconverted
    from docverify.gitbook.importer import import_gitbook

__all__ = ["Tally", "Unconverted", "import_gitbook"]

# The checks read SUMMARY.md and pair spaces (gitbook.summary, gitbook.spaces) on every site
# build; the importer's rule tables load only when something converts a tree.
_HOMES = {"Tally": "docverify.gitbook.context", "Unconverted": "docverify.gitbook.context",
          "import_gitbook": "docverify.gitbook.importer"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
