"""`docverify extract`: print the claims docverify reads from pages (JSON per DESIGN, or text)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from docverify.page.placeholders import find_placeholder
from docverify.model import Claims, Curl
from docverify.pageset.site import load_site
from docverify.site.config import load_config

FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="markdown files or folders")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--config", metavar="FILE",
                        help="mkdocs.yml to read (default: the one above PATH, else a plain folder)")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config) if args.config else None
    site = load_site(args.paths, config, jobs=0)   # one worker per core on a big site
    parse = _curl_parser()
    pages = [page_json(claims, parse) for claims in site.pages]
    if args.format == "json":
        json.dump({"version": 1, "pages": pages}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("".join(_text(page) for page in pages))
    return 0


def page_json(claims: Claims, parse_curl: Callable[[str], Any] | None) -> dict[str, Any]:
    page = claims.page
    return {
        "path": page.path, "lang": page.lang, "title": page.title,
        # A placeholder host (`https://<your-host>`) is named as written: what record maps to a base URL.
        "endpoints": [{"url": e.url, "line": e.line,
                       **({"placeholder": p.prefix} if (p := find_placeholder(e.url)) else {})}
                      for e in claims.endpoints],
        "model_ids": [{"id": m.id, "line": m.line} for m in claims.model_ids],
        "curl": [curl_json(c, parse_curl) for c in claims.curls],
        "links": [{"target": link.target, "line": link.line} for link in page.links],
        "images": [{"src": image.src, "line": image.line} for image in page.images],
        "headings": [{"text": h.text, "anchor": h.anchor, "line": h.line} for h in page.headings],
    }


def curl_json(curl: Curl, parse_curl: Callable[[str], Any] | None) -> dict[str, Any]:
    """One cURL example parsed by the cURL parser; one it cannot read keeps its line and says why."""
    entry: dict[str, Any] = {"line": curl.line, "method": None, "url": None, "headers": [], "body": None}
    if parse_curl is None:
        entry["error"] = "the cURL parser (docverify.curl) is not available"
        return entry
    try:
        request = parse_curl(curl.text)
    except Exception as exc:  # noqa: BLE001 - any parser failure is reported in the entry, never raised
        where = getattr(exc, "line", None)
        entry["error"] = f"line {curl.line + where - 1}: {exc}" if isinstance(where, int) else str(exc)
        return entry
    entry.update(method=request.method, url=request.url,
                 headers=[[name, value] for name, value in request.headers], body=request.body)
    return entry


def _curl_parser() -> Callable[[str], Any] | None:
    try:
        from docverify.curl import parse_curl
    except ImportError:
        return None
    return parse_curl


def _text(page: dict[str, Any]) -> str:
    lines = [f"{page['path']} [{page['lang'] or '-'}] {page['title']}"]
    for e in page["endpoints"]:
        lines.append(f"  {page['path']}:{e['line']}: endpoint {e['url']}")
    for m in page["model_ids"]:
        lines.append(f"  {page['path']}:{m['line']}: model {m['id']}")
    for c in page["curl"]:
        what = c.get("error") or f"{c['method']} {c['url']}"
        lines.append(f"  {page['path']}:{c['line']}: curl {what}")
    lines.append(f"  {len(page['links'])} links, {len(page['images'])} images, "
                 f"{len(page['headings'])} headings")
    return "\n".join(lines) + "\n"
