"""GitBook Git Sync trees -> MkDocs Material sites (`docverify import-gitbook`)."""

from docverify.gitbook.context import Tally, Unconverted
from docverify.gitbook.importer import import_gitbook

__all__ = ["Tally", "Unconverted", "import_gitbook"]
