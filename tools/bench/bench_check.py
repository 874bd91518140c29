"""Benchmark: `docverify check` (static checks) against raw markdown-it-py parsing, 1x and 10x.

Run: .venv/bin/python tools/bench/bench_check.py [CORPUS] [--profile] [--whole-process [--runs N]]

With --whole-process it measures what users see instead (bench_table.py's check rows): each
`docverify check` a whole process, interpreter start-up and imports included, on the imported
corpus and ten copies of it, against a whole-process markdown-it-py parse, in paired runs.
The default mode below times the library calls only, in one process.

Measured in one run on temporary copies of the corpus (with an empty file at every path
ASSETS.txt lists, as the asset check needs): raw parsing of every page (read, decode,
a full markdown-it parse with the extensions parse.py enables), then load_site + run_checks of the
static group, on the corpus and on a copy holding it ten times (best of 3 at 1x, of 2 at
10x). Prints check/raw (target <= 1.5), 10x/1x time (target <= 11; raw parsing's own 10x/1x
beside it shows how linear the machine is today) and the process's peak memory (target < 300 MB).
Then the parity group over the 1x copy on a freshly loaded site, as a ratio to the static
check's time (target: parity adds <= 25%): pairing, parity, staleness and the translation checks
(translation.leak notes, .language, .wrapped, .truncated; py3langid's model, when a page needs
it, loads once per process, so in the first of the best-of-3 runs).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from docverify.checks import run_checks
from docverify.pageset.site import find_pages, load_site

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "cherry-studio-docs"


def lay_out(corpus: Path, dest: Path) -> Path:
    """A copy of the corpus with an empty file at each path ASSETS.txt lists."""
    shutil.copytree(corpus, dest)
    listing = corpus / "ASSETS.txt"
    if listing.is_file():
        for line in listing.read_text(encoding="utf-8").splitlines():
            if line.strip():
                (dest / line).parent.mkdir(parents=True, exist_ok=True)
                (dest / line).touch()
    return dest


def raw_parse(root: Path) -> int:
    md = (MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
          .use(front_matter_plugin).use(admon_plugin).use(dollarmath_plugin))
    tokens = 0
    for path in find_pages([root]):
        tokens += len(md.parse(path.read_bytes().decode("utf-8", errors="replace")))
    return tokens


def check(root: Path) -> int:
    site = load_site([root])
    return len(run_checks(site, groups={"static"}))


def parity(root: Path) -> tuple[float, int]:
    """Seconds the parity group (pairing, parity, staleness) adds on a freshly loaded site."""
    site = load_site([root])
    start = time.perf_counter()
    found = len(run_checks(site, groups={"parity"}))
    return time.perf_counter() - start, found


def best(fn: Callable[[Path], int], root: Path, repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(root)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of check (1x)")
    parser.add_argument("--whole-process", action="store_true",
                        help="time `docverify check` as users run it: whole processes, start-up "
                             "included, on the imported corpus (1x and 10x), against a "
                             "whole-process markdown-it parse (bench_table.py's check rows)")
    parser.add_argument("--runs", type=int, default=5, help="pairs with --whole-process")
    args = parser.parse_args()
    if args.whole_process:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import bench_table
        return bench_table.run_rows(["check", "check10"], args.runs, args.corpus)
    if not (args.corpus / "SUMMARY.md").is_file():
        print(f"error: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        one = lay_out(args.corpus, Path(tmp) / "x1")
        ten = Path(tmp) / "x10"
        for n in range(10):
            lay_out(args.corpus, ten / f"copy{n}")
        # The root of a GitBook tree: keeps the ten copies read as GitBook, like the original.
        (ten / "SUMMARY.md").write_text("# Summary\n", encoding="utf-8")
        pages = len(find_pages([one]))
        raw1, _ = best(raw_parse, one, 3)
        chk1, found1 = best(check, one, 3)
        # Best of 2 at 10x too: one 10x run against the best of three 1x runs counted the
        # shared machine's noise as growth (10x/1x scattered over 5.8-12.2).
        raw10, _ = best(raw_parse, ten, 2)
        chk10, found10 = best(check, ten, 2)
        par1, par_found = min(parity(one) for _ in range(3))
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(check, one)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {pages} pages; 10x: {10 * pages} pages")
    print(f"raw parse 1x   {raw1:7.3f} s    check 1x   {chk1:7.3f} s   ({found1} findings)")
    print(f"raw parse 10x  {raw10:7.3f} s    check 10x  {chk10:7.3f} s   ({found10} findings)")
    print(f"check/raw 1x   {chk1 / raw1:5.2f}   (target <= 1.5)")
    print(f"check/raw 10x  {chk10 / raw10:5.2f}")
    print(f"10x/1x check   {chk10 / chk1:5.2f}   (target <= 11; raw parse: {raw10 / raw1:5.2f})")
    print(f"parity 1x      {par1:7.3f} s    ({par_found} findings)   "
          f"parity/check 1x {par1 / chk1:5.2f}   (target <= 0.25)")
    print(f"peak memory    {peak_mb:5.0f} MB (target < 300; ru_maxrss of the whole run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
