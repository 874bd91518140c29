"""An untrusted GitBook tree and other people's folders: nothing outside the source is read or deleted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from docverify import cli
from docverify.errors import InputError
from docverify.gitbook import importer
from docverify.gitbook.importer import import_gitbook

MARKER = getattr(importer, "MARKER", ".docverify-import.json")

SECRET = "PRIVATE-KEY-OF-THE-PERSON-IMPORTING"
DEAD_PID = 2 ** 22 + 12345   # above Linux's pid_max: no process has it


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """The importer's own files, which a hostile tree links to."""
    folder = tmp_path / "home"
    (folder / "assets").mkdir(parents=True)
    (folder / "id_rsa.md").write_text(f"# keys\n\n{SECRET}\n", encoding="utf-8")
    (folder / "assets" / "id_rsa.png").write_text(SECRET, encoding="utf-8")
    return folder


def site_text(out: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file())


def unconverted(tally: importer.Tally) -> set[tuple[str, str]]:
    return {(u.path, u.construct) for u in tally.unconverted}


def test_a_page_linking_out_of_the_tree_is_reported_not_copied(gitbook_space: Path, outside: Path,
                                                                tmp_path: Path) -> None:
    (gitbook_space / "leak.md").symlink_to(outside / "id_rsa.md")
    tally = import_gitbook(gitbook_space, tmp_path / "site")
    assert SECRET not in site_text(tmp_path / "site")
    assert ("leak.md", "symlink.outside") in unconverted(tally)


def test_an_asset_linking_out_of_the_tree_is_reported_not_copied(gitbook_space: Path, outside: Path,
                                                                  tmp_path: Path) -> None:
    (gitbook_space / ".gitbook/assets/leak.png").symlink_to(outside / "assets" / "id_rsa.png")
    tally = import_gitbook(gitbook_space, tmp_path / "site")
    assert SECRET not in site_text(tmp_path / "site")
    assert (".gitbook/assets/leak.png", "symlink.outside") in unconverted(tally)
    assert (tmp_path / "site/docs/assets").is_dir()     # the other assets still came


def test_a_linked_assets_folder_is_not_copied(gitbook_space: Path, outside: Path, tmp_path: Path) -> None:
    shutil.rmtree(gitbook_space / ".gitbook/assets")
    (gitbook_space / ".gitbook/assets").symlink_to(outside / "assets", target_is_directory=True)
    tally = import_gitbook(gitbook_space, tmp_path / "site")
    assert SECRET not in site_text(tmp_path / "site")
    assert any(why == "symlink.outside" for _, why in unconverted(tally))


def test_a_space_linking_out_of_the_tree_is_left_out(gitbook_space: Path, outside: Path, tmp_path: Path) -> None:
    space = outside / "space"
    shutil.copytree(gitbook_space / "i18n" / "english", space)
    (space / "secret.md").write_text(f"# Secret\n\n{SECRET}\n", encoding="utf-8")
    (gitbook_space / "i18n" / "deutsch").symlink_to(space, target_is_directory=True)
    tally = import_gitbook(gitbook_space, tmp_path / "site")
    assert SECRET not in site_text(tmp_path / "site")
    assert any("a link out of the GitBook tree" in w for w in tally.warnings)


def test_a_special_file_is_never_copied(gitbook_space: Path, tmp_path: Path) -> None:
    os.mkfifo(gitbook_space / ".gitbook/assets/pipe.png")   # reading it would block forever
    tally = import_gitbook(gitbook_space, tmp_path / "site")
    assert (".gitbook/assets/pipe.png", "file.special") in unconverted(tally)
    assert not (tmp_path / "site/docs/assets/pipe.png").exists()


def test_a_hand_written_site_is_never_replaced(gitbook_space: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    (out / "docs").mkdir(parents=True)
    (out / "mkdocs.yml").write_text("site_name: mine\n")
    (out / "docs" / "mine.md").write_text("# Mine\n")
    assert cli.main(["import-gitbook", str(gitbook_space), "--out", str(out)]) == 2
    assert "not an earlier import" in capsys.readouterr().err
    assert (out / "docs" / "mine.md").read_text() == "# Mine\n" and sorted(os.listdir(out / "docs")) == ["mine.md"]


def test_an_output_holding_the_source_is_refused(gitbook_space: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    src = out / "docs" / "gbsrc"
    shutil.copytree(gitbook_space, src)
    before = sorted(p.relative_to(src) for p in src.rglob("*"))
    with pytest.raises(InputError, match="would delete the source"):
        import_gitbook(src, out)
    assert sorted(p.relative_to(src) for p in src.rglob("*")) == before


def test_only_what_the_import_wrote_is_replaced(gitbook_space: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    import_gitbook(gitbook_space, out)
    assert (out / MARKER).is_file()
    (out / "docs" / "mine.md").write_text("# Mine\n")            # added by hand after the import
    import_gitbook(gitbook_space, out)
    assert (out / "docs" / "mine.md").read_text() == "# Mine\n"


def test_temporary_files_of_a_killed_run_are_cleaned_up(gitbook_space: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    import_gitbook(gitbook_space, out)
    leftovers = [out / "docs" / f".README.md.import-{DEAD_PID}", out / f".mkdocs.yml.{DEAD_PID}.k2j4.tmp",
                 tmp_path / f".site.import-{DEAD_PID}" / "docs" / "x.md"]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half")
    live = out / "docs" / f".README.md.import-{os.getppid()}"    # a run still going: kept
    live.write_text("busy")
    import_gitbook(gitbook_space, out)
    assert not [p for p in leftovers if p.exists()] and not (tmp_path / f".site.import-{DEAD_PID}").exists()
    assert live.exists()


def test_an_atomic_write_cleans_up_a_killed_writers_temporary_file(tmp_path: Path) -> None:
    from docverify.fsutil import atomic_write_text
    stale = tmp_path / f".report.json.{DEAD_PID}.x1y2.tmp"
    stale.write_text("half")
    atomic_write_text(tmp_path / "report.json", "{}")
    assert not stale.exists() and sorted(os.listdir(tmp_path)) == ["report.json"]
