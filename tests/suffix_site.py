"""Write a small suffix-layout MkDocs site (mkdocs.yml and docs/ pages) for tests of any stage."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def suffix_config(languages: Sequence[str]) -> str:
    """mkdocs.yml for mkdocs-static-i18n's suffix layout; the first language is the default."""
    locales = "".join(f"        - locale: {lang}\n" + ("          default: true\n" if n == 0 else "")
                      for n, lang in enumerate(languages))
    return ("site_name: t\ndocs_dir: docs\nplugins:\n  - i18n:\n      docs_structure: suffix\n"
            f"      languages:\n{locales}")


def write_site(root: Path, pages: Mapping[str, str | Path] | Iterable[Path],
               languages: Sequence[str] = ("zh", "en")) -> Path:
    """Write mkdocs.yml and the pages (name under docs/ -> text, or files to copy); returns root."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(suffix_config(languages), encoding="utf-8")
    items = pages.items() if isinstance(pages, Mapping) else ((p.name, p) for p in pages)
    for name, content in items:
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    return root
