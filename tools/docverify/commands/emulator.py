"""`docverify emulator`: serve the Ark-compatible emulator on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import threading

from docverify.emulator import DEFAULT_API_KEY, EmulatorConfig, serve
from docverify.errors import InputError


EPILOG = """Fault injection per request: send the header
  X-Emulator-Fault: delay;delay=0.5 | error[;status=503] | drop-before | drop-during
with ';times=N' to fail only the first N such requests (see tools/docverify/emulator/README.md)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; others need --allow-remote)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    parser.add_argument("--key", default=DEFAULT_API_KEY,
                        help="the API key it accepts as 'Authorization: Bearer KEY'")
    parser.add_argument("--rpm", type=int, default=None,
                        help="requests per minute per key before 429 (default: unlimited)")
    parser.add_argument("--deterministic", action="store_true",
                        help="fixed ids and 'created' times, for byte-stable recordings")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow a non-loopback --host (the emulator has no real security)")


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise InputError(f"--port must be 0 to 65535, got {args.port}")
    if args.rpm is not None and args.rpm < 1:
        raise InputError(f"--rpm must be at least 1, got {args.rpm}")
    if not args.key.strip():
        raise InputError("--key must not be empty")
    config = EmulatorConfig(api_keys=(args.key,), rpm=args.rpm, deterministic=args.deterministic)
    with serve(args.host, args.port, config, allow_remote=args.allow_remote) as emulator:
        print(f"Ark emulator: {emulator.api_url}", flush=True)
        print(f"API key: {emulator.api_key}", flush=True)
        print(f"OpenAI-compatible: {emulator.base_url}/v1  Anthropic: {emulator.base_url}/v1/messages",
              flush=True)
        print("Press Ctrl-C to stop.", file=sys.stderr, flush=True)
        try:
            threading.Event().wait()   # sleeps until Ctrl-C raises KeyboardInterrupt here
        except KeyboardInterrupt:
            print("stopping", file=sys.stderr, flush=True)
    return 0
