"""Benchmark: `import-gitbook` of the shared corpus against raw markdown-it-py parsing of the same files.

Prints both times (best of N), their ratio (target <= 2x) and the `mkdocs build` time of the result.
Usage: .venv/bin/python tools/bench/bench_import.py [CORPUS] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from docverify.page.encoding import repair_text
from docverify.gitbook import import_gitbook

CORPUS = Path(__file__).resolve().parents[3] / "shared/corpus/cherry-studio-docs"


def _pages(src: Path) -> list[Path]:
    return sorted(p for p in src.rglob("*.md") if p.name != "SUMMARY.md" and ".gitbook" not in p.parts)


def _parse_all(pages: list[Path]) -> float:
    md = MarkdownIt("commonmark").enable("table")
    start = time.perf_counter()
    for page in pages:
        md.parse(page.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def _repair_all(pages: list[Path]) -> float:
    texts = [page.read_text(encoding="utf-8") for page in pages]
    start = time.perf_counter()
    for text in texts:
        repair_text(text)
    return time.perf_counter() - start


def _import(src: Path, out: Path) -> float:
    start = time.perf_counter()
    import_gitbook(src, out)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = _pages(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        baseline = min(_parse_all(pages) for _ in range(args.runs))
        imported = min(_import(args.corpus, out) for _ in range(args.runs))
        repair = min(_repair_all(pages) for _ in range(args.runs))
        print(f"pages: {len(pages)}")
        print(f"markdown-it-py parse (baseline): {baseline * 1000:8.1f} ms")
        print(f"import-gitbook:                  {imported * 1000:8.1f} ms")
        print(f"ratio import / parse:            {imported / baseline:8.2f}x (target <= 2x)")
        print(f"  of which encoding repair:      {repair * 1000:8.1f} ms ({repair / imported:.0%} of the import)")
        mkdocs = Path(sys.executable).with_name("mkdocs")
        start = time.perf_counter()
        result = subprocess.run([str(mkdocs), "build", "-d", str(Path(tmp) / "html")], cwd=out,
                                capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        built = time.perf_counter() - start
        warnings = sum(1 for line in result.stderr.splitlines() if line.startswith("WARNING"))
        print(f"mkdocs build of the result:      {built * 1000:8.1f} ms "
              f"(exit {result.returncode}, {warnings} warnings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
