"""Assets: where a space's `.gitbook/assets` files go, which exist upstream, and copying them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ASSET_FOLDER = ".gitbook/assets/"


@dataclass(frozen=True, slots=True)
class AssetIndex:
    """The files that exist upstream (ASSETS.txt), to tell a copy's gap from a broken reference."""

    listed: frozenset[str]     # paths relative to SRC

    @classmethod
    def read(cls, src: Path) -> AssetIndex:
        listing = src / "ASSETS.txt"
        if not listing.is_file():
            return cls(frozenset())
        # a path with a stray byte just never matches; the listing only tells gaps from breakage
        lines = listing.read_text(encoding="utf-8", errors="replace").splitlines()
        return cls(frozenset(line.strip() for line in lines if line.strip()))

    def status(self, src: Path, rel: str) -> str:
        """"present", "missing-in-copy" (upstream has it) or "missing" (nobody has it)."""
        if (src / rel).is_file():
            return "present"
        return "missing-in-copy" if rel in self.listed else "missing"


def asset_base(lang: str, name: str, layout: str) -> str:
    """The asset's path as pages of `lang` see it (folder layout: inside the language folder)."""
    return f"assets/{name}" if layout == "folder" else f"assets/{lang}/{name}"


def docs_path(lang: str, base: str, layout: str) -> str:
    return f"{lang}/{base}" if layout == "folder" else base


def asset_files(space_root: Path, lang: str, layout: str) -> list[tuple[str, Path]]:
    """Every file of the space's asset folder: (its path under docs/, the file to copy)."""
    folder = space_root / ASSET_FOLDER
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        # not only regular files: the importer reports links out of the tree and special files
        if not path.is_dir():
            name = path.relative_to(folder).as_posix()
            files.append((docs_path(lang, asset_base(lang, name, layout), layout), path))
    return files
