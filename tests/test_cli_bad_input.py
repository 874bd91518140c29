"""Bad and odd input on every command: one `error:` line (plus a hint), exit 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.cli import main

PAGE = "# Page\n\nSome text.\n"
SUMMARY = "# Summary\n\n* [A](a.md)\n"

# (id, files to create under tmp_path ("/" ending = folder), argv, text the error line must hold)
CASES: list[tuple[str, dict[str, str | bytes], list[str], str]] = [
    ("plugins-is-a-number", {"mkdocs.yml": "site_name: x\nplugins: 5\n", "docs/": ""},
     ["check"], "plugins must be a list or a mapping"),
    ("docs-dir-missing", {"mkdocs.yml": "site_name: x\ndocs_dir: nope\n"},
     ["check"], "docs_dir is not a folder"),
    ("docs-dir-is-a-file", {"mkdocs.yml": "site_name: x\ndocs_dir: mkdocs.yml\n"},
     ["check"], "docs_dir is not a folder"),
    ("docs-dir-is-a-list", {"mkdocs.yml": "site_name: x\ndocs_dir: [1, 2]\n"},
     ["check"], "docs_dir must be a folder name"),
    ("unknown-i18n-layout", {"mkdocs.yml": "site_name: x\nplugins:\n  - i18n:\n      docs_structure: weird\n"
                                           "      languages:\n        - locale: zh\n", "docs/": ""},
     ["check"], "docs_structure must be"),
    ("output-onto-a-folder", {"a.md": PAGE, "out/": ""},
     ["check", "a.md", "--output", "out"], "cannot write the file"),
    ("output-under-a-file", {"a.md": PAGE},
     ["check", "a.md", "--output", "a.md/report.txt"], "cannot write the file"),
    ("changed-since-is-an-option", {"a.md": PAGE},
     ["check", "a.md", "--changed-since=--output=pwned"], "not a git revision"),
    ("changed-since-empty", {"a.md": PAGE},
     ["check", "a.md", "--changed-since", ""], "not a git revision"),
    ("check-unknown-client", {"a.md": PAGE},
     ["check", "a.md", "--client", "nope@9"], "unknown client profile"),
    ("check-empty-client", {"a.md": PAGE},
     ["check", "a.md", "--client", ""], "unknown client profile"),
    ("status-output-onto-a-folder", {"a.md": PAGE, "out/": ""},
     ["status", ".", "--output", "out"], "cannot write the file"),
    ("check-empty-path", {"a.md": PAGE}, ["check", ""], "an empty PATH"),
    ("check-output-format-without-output", {"a.md": PAGE},
     ["check", "a.md", "--output-format", "json"], "--output-format needs --output FILE"),
    ("extract-empty-path", {"a.md": PAGE}, ["extract", "a.md", ""], "an empty PATH"),
    ("status-empty-path", {"a.md": PAGE}, ["status", ""], "an empty PATH"),
    ("record-empty-path", {"a.md": PAGE}, ["record", "", "--target", "emulator"], "an empty PATH"),
    ("check-config-is-a-folder", {"d/": ""}, ["check", "--config", "d"], "d: not a file"),
    ("status-config-is-a-folder", {"d/": ""}, ["status", "--config", "d"], "d: not a file"),
    ("record-negative-timeout", {"a.md": PAGE},
     ["record", "a.md", "--target", "emulator", "--timeout", "-1"], "--timeout"),
    ("record-nan-timeout", {"a.md": PAGE},
     ["record", "a.md", "--target", "emulator", "--timeout", "nan"], "--timeout"),
    ("record-remote-emulator-url", {"a.md": PAGE},
     ["record", "a.md", "--target", "emulator", "--emulator-url", "http://10.0.0.5:8123"], "loopback"),
    ("record-broken-emulator-url", {"a.md": PAGE},
     ["record", "a.md", "--target", "emulator", "--emulator-url", "http://[::1"], "loopback"),
    ("import-onto-a-folder-that-is-not-a-site", {"src/SUMMARY.md": SUMMARY, "src/a.md": PAGE,
                                                 "out/keep.txt": "mine"},
     ["import-gitbook", "src", "--out", "out"], "not empty and not an earlier import"),
    ("import-into-a-path-under-a-file", {"src/SUMMARY.md": SUMMARY, "src/a.md": PAGE, "f.txt": "x"},
     ["import-gitbook", "src", "--out", "f.txt/site"], "cannot create the output folder"),
    ("import-lang-not-a-code", {"src/SUMMARY.md": SUMMARY, "src/a.md": PAGE},
     ["import-gitbook", "src", "--out", "out", "--lang", "../x"], "--lang must be a language code"),
    ("import-summary-not-utf8", {"src/SUMMARY.md": b"# S\n* [A](a.md) \xff\n", "src/a.md": PAGE},
     ["import-gitbook", "src", "--out", "out"], "SUMMARY.md:2: SUMMARY.md is not UTF-8"),
    ("import-lang-empty", {"src/SUMMARY.md": SUMMARY, "src/a.md": PAGE},
     ["import-gitbook", "src", "--out", "out", "--lang", ""], "--lang must be a language code"),
]


def _make(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.mark.parametrize(("files", "argv", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_error_line_and_exit_2(files: dict[str, str | bytes], argv: list[str], expected: str,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _make(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    before = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines and lines[0].startswith("error: ") and expected in lines[0], lines
    assert len(lines) <= 2 and all(line.startswith("hint: ") for line in lines[1:]), lines
    after = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before   # refused input writes nothing (no `pwned`, no replaced folder)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docverify", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_a_finding_or_an_error_never_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "b.md").write_text(PAGE, encoding="utf-8")
    result = _run("check", "pipe.md", "b.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)
    assert [(f["check"], f["path"]) for f in found["findings"]] == [("encoding.invalid", "pipe.md")]
    assert found["summary"]["pages"] == 2
    result = _run("repair-encoding", "pipe.md", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("error: pipe.md: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("address", ["http://127.0.0.1:99999/api/v3", "http://127.0.0.1:abc/api/v3",
                                     "http://[::1/api/v3", "https://[fe80::1/v1/chat/completions"])
def test_a_malformed_address_on_a_page_crashes_nothing(address: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    page = (f"# P\n\nAPI 地址: `{address}`\n\n```bash\ncurl {address}/chat/completions -d '{{}}'\n```\n"
            "\n[broken](nowhere.md)\n")
    (tmp_path / "a.md").write_text(page, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.md", "--format", "json"]) == 1
    checks = {f["check"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "check.crashed" not in checks and "link.broken" in checks   # the page was still checked


@pytest.mark.parametrize("client", ["cherry-studio@1.6", "cherry-studio@2"])
def test_resolve_an_unparsable_address_requests_nothing(client: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "http://[::1", "--client", client, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["request_url"] == ""


def test_check_client_on_one_page_reads_the_sites_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _make(tmp_path, {"mkdocs.yml": "site_name: x\nplugins:\n  - i18n:\n      docs_structure: suffix\n"
                                   "      languages:\n        - locale: zh\n          default: true\n",
                     "docs/index.zh.md": "# Home\n\n[guide](guide/page.md)\n",
                     "docs/guide/page.zh.md": PAGE})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "docs/index.zh.md", "--client", "cherry-studio@2", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_import_replaces_an_earlier_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _make(tmp_path, {"src/SUMMARY.md": SUMMARY, "src/a.md": PAGE})
    monkeypatch.chdir(tmp_path)
    assert main(["import-gitbook", "src", "--out", "out"]) == 0
    (tmp_path / "out/site").mkdir()   # what `mkdocs build` leaves behind
    assert main(["import-gitbook", "src", "--out", "out"]) == 0
    # the import owns docs/ and mkdocs.yml only (its marker lists them); the build output is
    # `mkdocs build`'s to replace
    assert sorted(os.listdir(tmp_path / "out")) == [".docverify-import.json", "docs", "mkdocs.yml", "site"]


def test_findings_on_cjk_and_bengali_paths_stay_readable_and_valid_json(tmp_path: Path) -> None:
    _make(tmp_path, {"中文/页面.md": "# 标题\n\n[坏链接](不存在.md)\n",
                     "বাংলা/পাতা.md": "# শিরোনাম\n\n[ভাঙা](নেই.md)\n\n```bash\ncurl \"http://x\n```\n"})
    result = _run("check", ".", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and "\x1b[" not in result.stdout + result.stderr
    found = {(f["path"], f["check"]): f["message"] for f in json.loads(result.stdout)["findings"]}
    assert "'不存在.md'" in found[("中文/页面.md", "link.broken")]   # as written, not %E4%B8%8D…
    assert "'নেই.md'" in found[("বাংলা/পাতা.md", "link.broken")]
    assert ("বাংলা/পাতা.md", "curl.parse") in found


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_bytes_from_a_page_never_reach_the_terminal(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# T\n\n[x](a%1B[31mRED%00b.md)\n", encoding="utf-8")
    result = _run("check", "a.md", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout
    assert "a\\x1b[31mRED\\x00b.md" in result.stdout   # shown, escaped, not executed


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["check", "a.md"], ["extract", "a.md", "--format", "json"]])
def test_a_full_disk_on_stdout_is_one_error_line(argv: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(PAGE, encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "docverify", *argv], stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "error: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_import_skips_a_fifo_page_instead_of_hanging(tmp_path: Path) -> None:
    _make(tmp_path, {"src/SUMMARY.md": "# S\n\n* [A](a.md)\n* [B](b.md)\n", "src/b.md": PAGE})
    os.mkfifo(tmp_path / "src/a.md")
    result = _run("import-gitbook", "src", "--out", "out", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["pages"] == 1
    assert {"path": "SUMMARY.md", "line": 3, "construct": "summary.missing-page"} in summary["unconverted"]
