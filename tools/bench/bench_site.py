"""Benchmark: `mkdocs build` of the site with the docverify plugin against the same build without it.

Run: .venv/bin/python tools/bench/bench_site.py [--runs N] [--corpus [DIR]]

Both builds run in one go, alternating, each in a fresh process (`python -m mkdocs build -q`,
so the plugin's imports and its first full check are counted); the median of N runs of each
is printed, CPU and wall time, with the ratio with/without (target <= 1.15, on CPU time). The repo's site is nine pages; with
`--corpus` the GitBook corpus is imported into a temporary folder (`docverify import-gitbook`,
about 350 pages in three languages) and measured the same way, as a site large enough for
the ratio to mean something.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "cherry-studio-docs"
# Builds run as an installed package does: with a warm bytecode cache. Some machines set
# PYTHONDONTWRITEBYTECODE, which would charge the plugin's modules with being compiled on every
# build while MkDocs' own ship precompiled; a private cache and one warm-up build each fix that.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"
_PLUGIN_BLOCK = re.compile(r"^(\s*)- docverify:.*\n(?:\1 {2,}.*\n)*", re.MULTILINE)


def without_plugin(config: Path, dest: Path) -> Path:
    """A copy of `config` without the docverify plugin, reading the same docs."""
    text = _PLUGIN_BLOCK.sub("", config.read_text(encoding="utf-8"))
    docs = re.search(r"^docs_dir:\s*(\S+)", text, re.MULTILINE)
    docs_dir = (config.parent / (docs.group(1) if docs else "docs")).resolve()
    text = re.sub(r"^docs_dir:.*\n", "", text, flags=re.MULTILINE)
    dest.write_text(f"docs_dir: {docs_dir}\n" + text, encoding="utf-8")
    return dest


def with_plugin(config: Path, dest: Path) -> Path:
    """`config` with `- docverify: {}` appended to its plugins (written beside it)."""
    text = config.read_text(encoding="utf-8")
    if _PLUGIN_BLOCK.search(text):
        return config
    text = re.sub(r"^plugins:\n((?:[ -].*\n)*)", lambda m: m.group(0) + "- docverify: {}\n",
                  text, count=1, flags=re.MULTILINE)
    dest.write_text(text, encoding="utf-8")
    return dest


def build(config: Path, site_dir: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one build; CPU time (the child's user + system) is what the
    ratio uses, because wall time on a shared machine mostly measures the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                           "-d", str(site_dir)], cwd=config.parent, env=ENV,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"error: mkdocs build -f {config} failed:\n{proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(name: str, plain: Path, plugged: Path, runs: int, tmp: Path) -> float:
    runs_of: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
    build(plain, tmp / "site-without")      # warm-up: fills the bytecode cache, not counted
    build(plugged, tmp / "site-with")
    for _ in range(runs):
        runs_of["without"].append(build(plain, tmp / "site-without"))
        runs_of["with"].append(build(plugged, tmp / "site-with"))
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs_of.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs_of.items()}
    ratio = cpu["with"] / cpu["without"]
    print(f"{name}, median of {runs}: without plugin {cpu['without']:.2f} s CPU ({wall['without']:.2f} s wall), "
          f"with plugin {cpu['with']:.2f} s CPU ({wall['with']:.2f} s wall); "
          f"ratio {ratio:.3f} CPU, {wall['with'] / wall['without']:.3f} wall (target <= 1.15)")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", nargs="?", const=str(DEFAULT_CORPUS), default=None,
                        help="also measure a site imported from this GitBook corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as raw:
        tmp = Path(raw)
        ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        repo_config = REPO / "mkdocs.yml"
        compare("repo site", without_plugin(repo_config, tmp / "without.yml"),
                with_plugin(repo_config, tmp / "with.yml"), args.runs, tmp)
        if args.corpus:
            out = tmp / "corpus"
            subprocess.run([sys.executable, "-m", "docverify", "import-gitbook", args.corpus, "--out",
                            str(out), "--layout", "suffix"], check=True, capture_output=True, env=ENV)
            pages = sum(1 for _ in (out / "docs").rglob("*.md"))
            compare(f"imported corpus ({pages} pages)", without_plugin(out / "mkdocs.yml", tmp / "c-without.yml"),
                    with_plugin(out / "mkdocs.yml", out / "mkdocs.with.yml"), args.runs, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
