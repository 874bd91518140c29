"""Benchmark: `repair-encoding` against ftfy on the round-trip matrix and on clean text (Babel).

Run: .venv/bin/python tools/bench/bench_encoding.py

The matrix is the test's (tests/encoding/sentences.py): the UTF-8 text of 21 languages decoded as
each of 12 codecs, strictly (Windows code pages the Windows way: undefined bytes become C1
controls); where Python's strict codec refuses a byte, with errors="replace", as a browser
would, which loses bytes no tool can restore. Each tool's output is classed as restored (byte-
exact), left alone (unchanged), or wrong (changed into a third text). Clean text: every non-ASCII
string of every Babel locale, where any change is wrong. ftfy runs as `ftfy.fix_encoding` (its
mojibake repair alone, no other normalisation, so a change is a repair attempt).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import ftfy
from babel import localedata

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "encoding"))
from sentences import LANGUAGES, MATRIX_CODECS, SENTENCES, damage  # noqa: E402

from docverify.page.encoding import repair_text  # noqa: E402

Tool = Callable[[str], str]
TOOLS: dict[str, Tool] = {"docverify": lambda text: repair_text(text).text, "ftfy": ftfy.fix_encoding}
DOUBLE_BYTE = {"gbk", "gb18030", "shift_jis", "euc-kr", "big5"}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif hasattr(value, "items"):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)


def matrix(tool: Tool) -> dict[str, Counter[str]]:
    """Outcome counts per group: single-byte exact, double-byte exact, lossy."""
    out: dict[str, Counter[str]] = {"single-byte": Counter(), "double-byte": Counter(), "lossy": Counter()}
    for lang in LANGUAGES:
        for codec in MATRIX_CODECS:
            original = SENTENCES[lang]
            damaged = damage(original, codec)
            group = "double-byte" if codec in DOUBLE_BYTE else "single-byte"
            if damaged is None:
                damaged, group = original.encode("utf-8").decode(codec, errors="replace"), "lossy"
            fixed = tool(damaged)
            out[group]["restored" if fixed == original else "left alone" if fixed == damaged else "wrong"] += 1
    return out


def main() -> int:
    texts = sorted({t for loc in localedata.locale_identifiers() for t in _strings(localedata.load(loc))
                    if not t.isascii()})
    print(f"matrix: {len(LANGUAGES)} languages x {len(MATRIX_CODECS)} codecs; clean text: "
          f"{len(texts):,} Babel locale strings\n")
    print("| tool | single-byte damage | double-byte damage | lossy (\"�\") | clean text changed | time (clean) |")
    print("|---|---|---|---|---|---|")
    for name, tool in TOOLS.items():
        found = matrix(tool)
        start = time.perf_counter()
        changed = [t for t in texts if tool(t) != t]
        took = time.perf_counter() - start

        def cell(c: Counter[str]) -> str:
            return ", ".join(f"{c[k]} {k}" for k in ("restored", "left alone", "wrong") if c[k]) or "-"
        print(f"| {name} | {cell(found['single-byte'])} | {cell(found['double-byte'])} | "
              f"{cell(found['lossy'])} | {len(changed)} | {took:.2f} s |")
        for text in changed[:5]:
            print(f"|   e.g. | {text!r} -> {tool(text)!r} | | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
