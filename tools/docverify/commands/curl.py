"""`docverify curl`: print the request a cURL command sends, as bash and curl would read it."""

from __future__ import annotations

import argparse
import json
import sys

from docverify.curl import parse_curl
from docverify.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("command", nargs="?", metavar="'CURL COMMAND…'",
                        help="the command as one argument (quote it); read from stdin if absent")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    text = args.command if args.command is not None else sys.stdin.read()
    if not text.strip():
        raise InputError("no cURL command given", hint="pass it as one quoted argument or on stdin")
    req = parse_curl(text)
    if args.format == "json":
        out = {"method": req.method, "url": req.url,
               "headers": [[k, v] for k, v in req.headers], "body": req.body,
               "warnings": list(req.warnings)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return 0
    lines = [f"{req.method} {req.url}"]
    lines += [f"{name}: {value}" for name, value in req.headers]
    if req.body is not None:
        lines += ["", req.body]
    lines += [f"warning: {w}" for w in req.warnings]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
