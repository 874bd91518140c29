"""`docverify resolve`: the request URL a client release derives from an API address."""

from __future__ import annotations

import argparse
import json
import sys

from docverify.clients.profiles import DEFAULT_PROFILE, PROFILES, get_profile, resolve


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", metavar="ADDRESS",
                        help="the API address as typed into the client (quote it: `#` and spaces)")
    parser.add_argument("--client", default=DEFAULT_PROFILE, metavar="PROFILE",
                        help=f"client profile, one of {', '.join(PROFILES)} "
                             f"(default: {DEFAULT_PROFILE})")
    parser.add_argument("--endpoint", default="chat/completions",
                        help="the route the client requests (default: chat/completions)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    resolution = resolve(args.address, args.client, args.endpoint)
    if args.format == "json":
        sys.stdout.write(json.dumps(resolution.to_json(), ensure_ascii=False) + "\n")
        return 0
    profile = get_profile(resolution.client)
    sys.stdout.write(f"input:       {resolution.input}\n"
                     f"client:      {resolution.client}\n"
                     f"base_url:    {resolution.base_url}\n"
                     f"request_url: {resolution.request_url or '(none: no absolute URL to request)'}\n"
                     f"rules:       {profile.source}\n")
    return 0
