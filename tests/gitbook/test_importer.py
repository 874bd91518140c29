"""The import as a whole: repeatable byte for byte, atomic, bad input as one error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.errors import InputError
from docverify.gitbook import importer, import_gitbook


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_importing_twice_gives_identical_bytes(gitbook_space: Path, tmp_path: Path) -> None:
    import_gitbook(gitbook_space, tmp_path / "a")
    import_gitbook(gitbook_space, tmp_path / "b")
    import_gitbook(gitbook_space, tmp_path / "b")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_failure_midway_leaves_output_as_it_was(gitbook_space: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "mkdocs.yml").write_text("previous good site")   # an earlier import: replaceable
    marker = b'{"written_by": "docverify import-gitbook", "files": ["mkdocs.yml"]}'
    (out / importer.MARKER).write_bytes(marker)
    calls = []
    real = importer._write_page

    def failing(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 5:
            raise OSError("disk full")
        real(path, text)
    monkeypatch.setattr(importer, "_write_page", failing)
    with pytest.raises(OSError):
        import_gitbook(gitbook_space, out)
    assert _tree(out) == {"mkdocs.yml": b"previous good site", importer.MARKER: marker}
    assert sorted(os.listdir(tmp_path)) == ["site", "space"]   # no staging folder left behind


def test_folder_layout_puts_each_language_in_its_folder(gitbook_space: Path, tmp_path: Path) -> None:
    import_gitbook(gitbook_space, tmp_path / "site", layout="folder")
    docs = tmp_path / "site/docs"
    assert (docs / "zh/hint-styles.md").is_file() and (docs / "en/hint-styles.md").is_file()
    assert (docs / "zh/assets/shot.png").is_file()
    assert "](assets/shot.png)" in (docs / "zh/figure-caption.md").read_text(encoding="utf-8")


def test_not_a_gitbook_space_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="SUMMARY.md"):
        import_gitbook(tmp_path, tmp_path.parent / "out-nowhere")


def test_cli_prints_json_summary(gitbook_space: Path, tmp_path: Path) -> None:
    code = ("import sys, argparse\nfrom docverify.commands import import_gitbook as m\n"
            "p = argparse.ArgumentParser(); m.add_arguments(p)\nsys.exit(m.run(p.parse_args(sys.argv[1:])))")
    result = subprocess.run([sys.executable, "-c", code, str(gitbook_space), "--out", str(tmp_path / "s"),
                             "--format", "json"], capture_output=True, text=True, check=True)
    assert '"pages": 20' in result.stdout


def test_imported_fixture_site_builds(gitbook_space: Path, tmp_path: Path) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    import_gitbook(gitbook_space, tmp_path / "site")
    result = subprocess.run([str(mkdocs), "build", "-q", "-d", str(tmp_path / "html")],
                            cwd=tmp_path / "site", capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert 'id="api-di-zhi"' in (tmp_path / "html/hint-styles/index.html").read_text(encoding="utf-8")


def _stamps(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def test_reimport_rewrites_only_changed_files_and_removes_only_what_is_gone(
        gitbook_space: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    import_gitbook(gitbook_space, out)
    before = _stamps(out)
    (out / "site").mkdir()
    (out / "site/index.html").write_text("built")          # mkdocs build's output: not ours
    page = next(p for p in sorted(gitbook_space.glob("*.md")) if p.name not in ("SUMMARY.md", "README.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    asset = next(p for p in sorted((gitbook_space / ".gitbook/assets").rglob("*")) if p.is_file())
    asset.unlink()
    import_gitbook(gitbook_space, out)
    after = _stamps(out)
    changed = {rel for rel in after if rel in before and after[rel] != before[rel]}
    # a new inode: renamed into place (the marker lists the files, one fewer now)
    assert changed == {f"docs/{page.name}", importer.MARKER}
    gone = set(before) - set(after)
    assert len(gone) == 1 and gone.pop().endswith(asset.name)
    assert (out / "site/index.html").read_text() == "built"
    fresh = tmp_path / "fresh"
    import_gitbook(gitbook_space, fresh)
    assert _tree(fresh) == {k: v for k, v in _tree(out).items() if not k.startswith("site/")}
    assert not [p for p in out.rglob(".*.import-*")]     # no temporary file left


def test_write_failure_on_reimport_leaves_every_file_as_it_was(
        gitbook_space: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    import_gitbook(gitbook_space, out)
    before = _tree(out)
    for page in sorted(gitbook_space.glob("*.md"))[:4]:
        page.write_text(page.read_text(encoding="utf-8") + "\nchanged\n", encoding="utf-8")
    calls = []
    real = importer._write_page

    def failing(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk full")
        real(path, data)
    monkeypatch.setattr(importer, "_write_page", failing)
    with pytest.raises(OSError):
        import_gitbook(gitbook_space, out)
    assert _tree(out) == before
