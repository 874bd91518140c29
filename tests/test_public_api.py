"""The package's public surface (as httpx guards its own): a short, sorted `__all__`, all importable."""

from __future__ import annotations

import importlib
from types import ModuleType

import docverify


def test_all_is_sorted_and_unique() -> None:
    assert docverify.__all__ == sorted(set(docverify.__all__), key=str.casefold)


def test_every_name_in_all_is_importable() -> None:
    module = importlib.import_module("docverify")
    missing = [name for name in docverify.__all__ if not hasattr(module, name)]
    assert missing == [], f"in docverify.__all__ but not importable: {missing}"


def test_every_public_name_is_in_all() -> None:
    # Submodules appear as attributes once something imported them; they are not the surface.
    public = {name for name, value in vars(docverify).items()
              if not name.startswith("_") and not isinstance(value, ModuleType)}
    assert public <= set(docverify.__all__), f"public but not in __all__: {sorted(public - set(docverify.__all__))}"
