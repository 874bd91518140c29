"""The real GitBook corpus: the defects SOURCE.md lists are found at their lines, without flooding."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from docverify.checks import STATIC_IDS
from docverify.cli import main

pytestmark = pytest.mark.corpus

JA, EN = "i18n/japanese/", "i18n/english/"
KNOWN = [
    # leaked <think> reasoning in a Japanese page
    ("translation.leak", JA + "cherrystudio/preview/settings/providers.md", 10),
    # the translation model's notes in Japanese: a heading, an intro with its list, a code block
    ("translation.leak", JA + "pre-basic/providers/README.md", 18),
    ("translation.leak", JA + "cherrystudio/preview/README.md", 14),
    ("translation.leak", JA + "knowledge-base/data.md", 25),
    ("translation.leak", JA + "other/model_rank/README.md", 8),
    ("translation.leak", JA + "pre-basic/providers/cherryin/README.md", 10),
    ("translation.leak", JA + "pre-basic/providers/cherryin/README.md", 12),
    # #api-di-zhi: the pinyin anchor of "API 地址", gone from the translated heading
    ("link.anchor", EN + "pre-basic/providers/doubao.md", 58),
    ("link.anchor", JA + "pre-basic/providers/doubao.md", 58),
    # GitBook's broken-reference
    ("link.broken", EN + "cherrystudio/preview/agents.md", 21),
    ("link.broken", EN + "pre-basic/providers/google-gemini.md", 22),
    ("link.broken", EN + "pre-basic/providers/openai.md", 17),
    ("link.broken", JA + "cherrystudio/preview/agents.md", 21),
    ("link.broken", JA + "pre-basic/providers/google-gemini.md", 22),
    ("link.broken", JA + "pre-basic/providers/openai.md", 17),
    # image names translated (MCP-输入框按钮示例.png -> MCP-入力框按钮示例.png) or truncated
    ("asset.missing", JA + "advanced-basic/mcp/config.md", 30),
    ("asset.missing", JA + "advanced-basic/mcp/config.md", 34),
    ("asset.missing", JA + "advanced-basic/mcp/install.md", 33),
    ("asset.missing", EN + "data-settings/obsidian.md", 135),
    ("asset.missing", EN + "pre-basic/providers/newapi.md", 28),
]


@pytest.fixture(scope="module")
def corpus_findings(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:  # type: ignore[type-arg]
    """`check --format json` over a temporary copy with an empty file at every ASSETS.txt path."""
    copy = tmp_path_factory.mktemp("corpus") / "cherry-studio-docs"
    shutil.copytree(corpus_dir, copy)
    for line in (corpus_dir / "ASSETS.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            (copy / line).parent.mkdir(parents=True, exist_ok=True)
            (copy / line).touch()
    out = copy.parent / "report.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(copy)
        assert main(["check", ".", "--format", "json", "--output", str(out)]) == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["summary"]["pages"] >= 350
    # A site this size is read and checked in worker processes (one per core, fanout.py); in
    # one process the report must be the same, finding for finding.
    alone = copy.parent / "report-one-process.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(copy)
        assert main(["check", ".", "--format", "json", "--output", str(alone), "--jobs", "1"]) == 1
    assert json.loads(alone.read_text(encoding="utf-8")) == doc
    return doc["findings"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("check", "path", "line"), KNOWN, ids=[f"{c}:{p}:{n}" for c, p, n in KNOWN])
def test_known_defect_is_found_at_its_line(corpus_findings: list[dict], check: str, path: str,  # type: ignore[type-arg]
                                           line: int) -> None:
    assert any((f["check"], f["path"], f["line"]) == (check, path, line) for f in corpus_findings)


def test_counts_stay_sane(corpus_findings: list[dict]) -> None:  # type: ignore[type-arg]
    counts = Counter(f["check"] for f in corpus_findings)
    assert "check.crashed" not in counts
    assert counts["translation.leak"] == 7          # the <think> page once, six notes (all true)
    assert 5 <= counts["link.broken"] <= 20
    assert 10 <= counts["link.anchor"] <= 50
    assert 10 <= counts["asset.missing"] <= 100     # with the upstream assets laid out
    assert counts["secret.leak"] == 0               # only placeholders (sk-xxxx1, …) in this tree
    assert sum(counts[i] for i in STATIC_IDS) <= 200   # other groups count their own


def test_messages_say_what_to_do(corpus_findings: list[dict]) -> None:  # type: ignore[type-arg]
    anchor = next(f for f in corpus_findings if f["check"] == "link.anchor"
                  and f["path"] == EN + "pre-basic/providers/doubao.md")
    assert "#api-di-zhi" in anchor["message"] and anchor["hint"] == "use #api-address"
    renamed = next(f for f in corpus_findings if f["check"] == "asset.missing"
                   and (f["path"], f["line"]) == (JA + "advanced-basic/mcp/config.md", 30))
    assert "MCP-输入框按钮示例.png" in renamed["hint"]
