"""Atomic file writes: a temporary file beside the target, then one rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from docverify.errors import InputError


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    A write the system refuses (a folder in the way, no space, no permission) is an
    InputError naming the path: the CLI shows it as one line, never a traceback.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(target)
        # the pid in the name lets a later write tell a killed writer's file from a live one's
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except (FileExistsError, NotADirectoryError) as exc:
        raise _write_error(target, "a file stands where its folder should be") from exc
    except OSError as exc:
        raise _write_error(target, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(target, exc.strerror or str(exc)) from exc
        raise


def _clean_leftovers(target: Path) -> None:
    """`.NAME.PID.xxxx.tmp` files beside `target` that a killed writer left behind."""
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            try:
                os.unlink(target.parent / name)
            except OSError:
                pass


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one we may not signal counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _write_error(target: Path, reason: str) -> InputError:
    return InputError(f"cannot write the file: {reason}", path=str(target),
                      hint="give a file path in a folder you can write to (the old file, if any, "
                           "was left as it was)")


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
