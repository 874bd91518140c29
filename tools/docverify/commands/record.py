"""`docverify record`: record each cURL example of the given pages against the live API or the emulator."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docverify.errors import RecordError
from docverify.progress import progress_display
from docverify.traffic.hosts import host_of
from docverify.traffic.record import Policy, Target, record
from docverify.pageset.site import load_site
from docverify.site.config import load_config
from docverify.site.settings import site_settings

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="pages or folders to record (default: every page of ./mkdocs.yml)")
    parser.add_argument("--target", choices=("emulator", "live"), required=True,
                        help="where the requests go; cassettes always record the documented URL")
    parser.add_argument("--config", metavar="FILE", help="mkdocs.yml to read (default: ./mkdocs.yml)")
    parser.add_argument("--cassettes", metavar="DIR", help="cassette folder (default: the site's, "
                        "tests/cassettes)")
    parser.add_argument("--client", metavar="PROFILE", help="client profile named in the metadata")
    parser.add_argument("--emulator-url", metavar="URL",
                        help="use an emulator already running there instead of starting one")
    parser.add_argument("--base-url", metavar="URL", help="live: what a placeholder host "
                        "(`https://<your-host>`) stands for (default: the site's `base_url` setting)")
    parser.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                        help="also allow this host (even a private address); repeatable")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    parser.add_argument("--retries", type=int, default=3, help="retries on 429/5xx/network errors")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar (none is shown in CI "
                        "or when stderr is not a terminal either)")


@contextmanager
def _target(args: argparse.Namespace) -> Iterator[Target]:
    if args.target == "live":
        # Each host's key is read when its first request is made (site/settings.py names them).
        yield Target("live", "", base_url=(args.base_url or "").rstrip("/"))
        return
    from docverify.emulator import DEFAULT_API_KEY, EmulatorConfig, serve
    if args.emulator_url:
        # Never the real key: an emulator is not the place for it.
        yield Target("emulator", DEFAULT_API_KEY, args.emulator_url)
        return
    # Deterministic ids and timestamps, so re-recording an unchanged page changes nothing.
    with serve(config=EmulatorConfig(deterministic=True)) as emulator:
        yield Target("emulator", emulator.api_key, emulator.base_url)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.timeout < float("inf"):   # also NaN
        raise RecordError(f"--timeout must be a positive number of seconds, got {args.timeout}")
    if args.emulator_url is not None:
        host = host_of(args.emulator_url) if "://" in args.emulator_url else ""
        if host not in _LOOPBACK and host not in {h.lower() for h in args.allow_host}:
            raise RecordError(f"--emulator-url must be a loopback http URL, got {args.emulator_url!r}",
                              hint="e.g. http://127.0.0.1:8123 (what `docverify emulator` prints); "
                                   "--allow-host HOST for another machine on purpose")
    if args.base_url is not None and not re.match(r"^https?://[^/\s]+", args.base_url):
        raise RecordError(f"--base-url must be an http(s) URL, got {args.base_url!r}",
                          hint="e.g. --base-url https://gateway.example.org/v1 (what the placeholder host stands for)")
    config = load_config(args.config) if args.config else None
    site = load_site(args.paths, config, jobs=0)   # one worker per core on a big site
    settings = site_settings(site.config)
    cassette_dir = Path(args.cassettes) if args.cassettes else site.config.cassette_dir
    # Profiles are opt-in: a site that declares none records under none ("" in the metadata).
    client = args.client or (site.config.clients[0] if site.config.clients else "")
    policy = Policy(allow_hosts=frozenset(h.lower() for h in args.allow_host),
                    timeout=args.timeout, retries=max(0, args.retries))
    with _target(args) as target, progress_display(quiet=args.quiet) as stage:
        summary = record(site.pages, target, cassette_dir, client_profile=client, policy=policy,
                         progress=stage("recording"), settings=settings)
    sys.stdout.write(f"{summary}\n")
    return 1 if summary.count("failed") else 0
