"""Bad input becomes findings or one error, never an exception: bytes, binaries, nesting, size."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pytest

from docverify.errors import InputError
from docverify.page.extract import extract
from docverify.page.parse import parse_page, parse_text
from docverify.pageset.site import load_site
from docverify.site.config import load_config


def test_invalid_utf8_is_a_finding_with_its_line(tmp_path: Path) -> None:
    page_file = tmp_path / "bad.md"
    page_file.write_bytes("# 标题\n\nok\n".encode() + b"caf\xe9 `https://api.x.ai/v1`\n")
    page = parse_page(page_file, load_config(tmp_path))
    [finding] = page.parse_findings
    assert (finding.check, finding.line) == ("encoding.invalid", 4) and "0xe9" in finding.message
    assert "\ufffd" in page.source and extract(page).endpoints[0].line == 4


def test_binary_file_is_one_finding_and_an_empty_page(tmp_path: Path) -> None:
    page_file = tmp_path / "image.md"
    page_file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    page = parse_page(page_file, load_config(tmp_path))
    assert [f.check for f in page.parse_findings] == ["encoding.invalid"]
    assert page.source == "" and page.headings == ()


def test_one_bad_page_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\x00\x01")
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    site = load_site([tmp_path])
    assert [len(c.page.parse_findings) for c in site] == [1, 0]
    assert site.get(str(tmp_path / "b.md")).page.title == "B"


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_site([tmp_path / "nope.md"])


@pytest.mark.parametrize("text", [
    "".join("  " * i + "- x\n" for i in range(1500)),
    ">" * 20000 + " deep\n",
    "[" * 20000 + "x" + "]" * 20000 + "(y)",
    "*" * 20000 + "x" + "*" * 20000,
    "<div>" * 5000 + "x",
], ids=["list", "blockquote", "brackets", "emphasis", "html"])
def test_deep_nesting_does_not_recurse(text: str) -> None:
    extract(parse_text(text))   # markdown-it stops nesting at maxNesting=20, so no RecursionError


def test_large_page_parses_in_reasonable_time() -> None:
    block = "## API 地址\n\n* `https://ark.cn-beijing.volces.com/api/v3/`\n\n| 模型 ID |\n|---|\n| `m` |\n\n"
    text = block * (2_000_000 // len(block.encode()))
    started = time.perf_counter()
    claims = extract(parse_text(text, syntax="gitbook"))
    assert len(claims.endpoints) == text.count("## API")
    assert time.perf_counter() - started < 30   # 2 MB; 20 MB took 14 s on the shared machine


def test_link_escaping_the_docs_dir_is_kept_as_written() -> None:
    page = parse_text("[up](../../../../etc/passwd)\n")
    assert page.links[0].target == "../../../../etc/passwd"   # link checks judge it; parsing keeps it


def test_extract_command_reports_a_missing_path(tmp_path: Path) -> None:
    from docverify.commands import extract as command

    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    with pytest.raises(InputError):
        command.run(parser.parse_args([str(tmp_path / "missing.md")]))


def test_crlf_and_lone_cr_lines_match_lf() -> None:
    lf = "# T\n\ntext\n`https://api.x.ai/v1`\n"
    for newline in ("\r\n", "\r"):
        page = parse_text(lf.replace("\n", newline))
        assert [s.line for s in page.code_spans] == [4] and page.source == lf
