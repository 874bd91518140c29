"""Record modes as in pytest-recording (`none`, `once`, `rewrite`): which examples to record, and where.

`once` records the examples that have no cassette yet, `rewrite` every example (an unchanged
interaction leaves its cassette untouched, see record.save). The emulator is started on
127.0.0.1 for the run; `live` reads each host's key from the variable the site names for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from docverify.traffic.cassette import cassette_path, models_cassette_path
from docverify.errors import RecordError
from docverify.model import Claims
from docverify.traffic.record import RecordSummary, Target, record
from docverify.pageset.site import load_site
from docverify.site.config import SiteConfig
from docverify.site.settings import site_settings

__all__ = ["RECORD_MODES", "record_site", "to_record"]

RECORD_MODES = ("none", "once", "rewrite")


def to_record(pages: Sequence[Claims], mode: str, cassette_dir: Path) -> list[Claims]:
    """The pages to record, each with only the examples `mode` records."""
    if mode == "rewrite":
        return list(pages)
    if mode == "none":
        return []
    todo = []
    for claims in pages:
        rel, lang = claims.page.rel or Path(claims.page.path).name, claims.page.lang
        missing = tuple(c for c in claims.curls if not cassette_path(cassette_dir, rel, lang, c.index).is_file())
        no_listing = not models_cassette_path(cassette_dir, rel, lang).is_file()
        if missing or (claims.curls and no_listing and claims.model_ids):
            # The model listing is recorded beside the page's chat examples, so it needs one.
            todo.append(dataclasses.replace(claims, curls=missing or claims.curls[:1]))
    return todo


@contextmanager
def target_for(name: str) -> Iterator[Target]:
    if name == "live":
        yield Target("live", "")   # each host's key is read per request (site/settings.py)
        return
    from docverify.emulator import EmulatorConfig, serve
    with serve(config=EmulatorConfig(deterministic=True)) as emulator:
        yield Target("emulator", emulator.api_key, emulator.base_url)


def record_site(config: SiteConfig, mode: str, target: str = "emulator",
                client: str | None = None) -> RecordSummary:
    """Record what `mode` asks for over the whole site of `config`."""
    if mode not in RECORD_MODES:
        raise RecordError(f"unknown record mode {mode!r}", hint=f"one of {', '.join(RECORD_MODES)}")
    pages = to_record(load_site((), config).pages, mode, config.cassette_dir)
    if not pages:
        return RecordSummary()
    profile = client or (config.clients[0] if config.clients else "")   # profiles are opt-in
    with target_for(target) as where:
        return record(pages, where, config.cassette_dir, client_profile=profile,
                      settings=site_settings(config))
