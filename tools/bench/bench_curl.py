"""Benchmark: cURL parse throughput against shlex.split alone on the same commands (target <= 3x).

The parser does far more than shlex (damage scan, heredocs, variables, curl's option table,
the request), so the ratio says what all of that costs on top of plain word splitting.
Run: .venv/bin/python tools/bench/bench_curl.py [--rounds N]
"""

from __future__ import annotations

import argparse
import shlex
import time
from collections.abc import Callable
from pathlib import Path

from docverify.curl import parse_curl
from docverify.errors import CurlParseError

CASES = Path(__file__).resolve().parents[2] / "tests" / "curl" / "cases"


def _commands() -> list[str]:
    """Every case both sides can read (shlex has no heredocs or ANSI-C quotes, but it still
    splits those texts into some words, which is all the baseline is asked to do)."""
    out = []
    for path in sorted(CASES.glob("*.sh")):
        text = path.read_text(encoding="utf-8")
        try:
            shlex.split(text, comments=True)
            parse_curl(text)
        except (ValueError, CurlParseError):
            continue
        out.append(text)
    return out


def _best(fn: Callable[[str], object], commands: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in commands:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="copies of the case list")
    args = parser.parse_args()
    commands = _commands() * args.repeat
    uncached = parse_curl.__wrapped__    # the cache would turn the benchmark into dict lookups
    baseline = _best(lambda t: shlex.split(t, comments=True), commands, args.rounds)
    ours = _best(uncached, commands, args.rounds)
    n = len(commands)
    print(f"commands: {n} ({n // args.repeat} cases x {args.repeat}), best of {args.rounds}")
    print(f"shlex.split:  {baseline * 1e6 / n:8.1f} us/command")
    print(f"parse_curl:   {ours * 1e6 / n:8.1f} us/command")
    print(f"ratio: {ours / baseline:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
