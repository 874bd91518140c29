"""What an import may read: files inside the source tree, never a link out of it or a special file.

A cloned GitBook repository is untrusted: a page, an asset, the `.gitbook/assets` folder or a
whole space may be a symlink to the importer's own files (`~/.ssh/id_rsa`), and publishing the
site would publish them. Such paths are left out and reported, not followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["Confinement"]


class Confinement:
    """Answers, for a path under the source tree, why it may not be read ("" when it may)."""

    def __init__(self, src: Path) -> None:
        self.root = os.path.realpath(src)

    def refusal(self, path: Path) -> str:
        real = os.path.realpath(path)
        if real != self.root and not real.startswith(self.root.rstrip(os.sep) + os.sep):
            return "symlink.outside"
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return "symlink.dangling"   # a link to nothing: nothing to copy
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            return "file.special"
        return ""
