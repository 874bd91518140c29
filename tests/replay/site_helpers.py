"""Building small sites in tmp_path for the replay tests: page copies, config, recording."""

from __future__ import annotations

import shutil
from pathlib import Path

from docverify.checks.replay import check_replay
from docverify.emulator import EmulatorConfig, serve
from docverify.model import Finding
from docverify.traffic.record import Policy, RecordSummary, Target, record
from docverify.pageset.site import Site, load_site
from docverify.site.config import SiteConfig

PAGES = Path(__file__).parent / "pages"


def make_site(root: Path, pages: dict[str, str]) -> Path:
    """Copy fixture pages (name in tests/replay/pages -> path under docs/); returns the root."""
    for name, rel in pages.items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PAGES / name, target)
    return root


def config(root: Path) -> SiteConfig:
    return SiteConfig(root=root, docs_dir=root / "docs", languages=("zh", "en", "bn"),
                      default_language="zh", layout="suffix", clients=("cherry-studio@2",),
                      cassette_dir=root / "tests" / "cassettes")


def site(root: Path) -> Site:
    return load_site([root / "docs"], config(root))


def replay_findings(root: Path) -> list[Finding]:
    """What the replay check finds on every page of the site at root."""
    built = site(root)
    return [f for claims in built.pages for f in check_replay(claims, built)]


def record_site(root: Path, emulator_config: EmulatorConfig | None = None,
                policy: Policy | None = None) -> RecordSummary:
    with serve(config=emulator_config or EmulatorConfig(deterministic=True)) as emulator:
        target = Target("emulator", emulator.api_key, emulator.base_url)
        return record(site(root).pages, target, config(root).cassette_dir,
                      client_profile="cherry-studio@2", policy=policy or Policy(sleep=lambda s: None))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
