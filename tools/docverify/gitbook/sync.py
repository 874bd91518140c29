"""Put an import in place: write only the files whose bytes changed, remove only what it no longer makes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# What a file of the site holds: its bytes, or the source file to copy (an asset).
Content = bytes | Path
Write = Callable[[Path, bytes], None]


@dataclass(frozen=True, slots=True)
class SyncResult:
    written: int
    unchanged: int
    removed: int


def plain_write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def sync_tree(out: Path, files: Mapping[str, Content], write: Write = plain_write,
              owned: Iterable[str] | None = None) -> SyncResult:
    """Make `out` hold `files` (paths relative to `out`), touching only what differs.

    Changed files are first written beside their target under a temporary name and only then
    renamed over it, all at the end: a failure while writing (disk full) removes the temporary
    files and leaves `out` as it was. Only files in `owned` (what an earlier run wrote, by
    default mkdocs.yml and files under docs/) are ever removed.
    """
    stale = [rel for rel in (_owned_files(out) if owned is None else owned) if rel not in files]
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    unchanged = 0
    try:
        for rel, content in sorted(files.items()):
            target = out / rel
            data = content.read_bytes() if isinstance(content, Path) else content
            if _current(target) == data:
                unchanged += 1
                continue
            _make_parents(out, target.parent, made)
            tmp = target.with_name(f".{target.name}.import-{os.getpid()}")
            staged.append((tmp, target))
            write(tmp, data)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(made):
            _rmdir(folder)
        raise
    for tmp, target in staged:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)   # an earlier import had a folder where this file goes now
        os.replace(tmp, target)
    for rel in stale:
        path = out / rel
        if path.is_symlink() or path.is_file():
            path.unlink()
    _remove_empty_folders(out / "docs")
    return SyncResult(written=len(staged), unchanged=unchanged, removed=len(stale))


def _owned_files(out: Path) -> list[str]:
    found = ["mkdocs.yml"] if (out / "mkdocs.yml").is_file() else []
    docs = out / "docs"
    for folder, _, names in os.walk(docs):   # never follows a linked folder out of the site
        rel = Path(folder).relative_to(out).as_posix()
        found.extend(f"{rel}/{name}" for name in names)
    return found


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes() if not target.is_symlink() else None
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _make_parents(out: Path, folder: Path, made: list[Path]) -> None:
    """Create `folder` and its missing parents, noting each; a stale file in the way goes."""
    missing = []
    while not folder.is_dir() and folder != out:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        if path.is_file() or path.is_symlink():
            path.unlink()   # an earlier import wrote a page where a folder goes now
        path.mkdir()
        made.append(path)


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _remove_empty_folders(root: Path) -> None:
    for folder, _, _ in os.walk(root, topdown=False):   # children before their parents
        if Path(folder) != root:
            _rmdir(Path(folder))   # only succeeds on a folder left empty
