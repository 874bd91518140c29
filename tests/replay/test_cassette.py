"""The cassette layer: vcrpy's format both ways, the index, misses explained, corrupt files."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import vcr

from docverify.traffic.cassette import (Miss, RecordedRequest, cassette_path, dump_cassette,
                                load_cassette, models_cassette_path)
from docverify.errors import CassetteError
from tests.replay.replay_samples import ARK, chat

HERE = Path(__file__).parent / "cassettes"
META = {"target": "emulator", "recorded_at": "2026-11-27", "page": "providers/doubao.md"}


def test_cassette_path_is_named_from_page_language_and_index(tmp_path: Path) -> None:
    assert cassette_path(tmp_path, "providers/doubao.md", "bn", 0) == tmp_path / "providers/doubao.bn.0.yaml"
    assert cassette_path(tmp_path, "index.md", "", 3) == tmp_path / "index.3.yaml"
    assert models_cassette_path(tmp_path, "providers/doubao.md", "zh").name == "doubao.zh.models.yaml"


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    dump_cassette(path, [chat(n=0), chat(n=1)], META)
    loaded = load_cassette(path)
    assert loaded.metadata == META
    assert [i.request for i in loaded.interactions] == [chat(n=0).request, chat(n=1).request]
    assert loaded.interactions[1].response == chat(n=1).response


def test_vcrpy_replays_our_cassette_through_httpx(tmp_path: Path, no_network: list[object]) -> None:
    path = tmp_path / "ours.yaml"
    dump_cassette(path, [chat(n=0)], META)
    with vcr.use_cassette(str(path), record_mode="none") as cassette:
        response = httpx.post(f"{ARK}/chat/completions", content=chat(n=0).request.body,
                              headers={"Content-Type": "application/json"})
    assert response.json()["choices"][0]["message"]["content"] == "白菜"
    assert cassette.play_count == 1
    assert cassette.get_metadata("target", None) == "emulator"   # vcrpy keeps our metadata key


def test_index_finds_the_same_request_written_differently(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    dump_cassette(path, [chat(n=n) for n in range(50)], META)
    wanted = chat(n=7).request
    spaced = RecordedRequest("post", wanted.uri.replace("ark.cn", "ARK.cn").replace("/api", ":443/api"),
                             wanted.body.replace(", ", ",  "), wanted.headers)
    assert load_cassette(path).find(spaced) == chat(n=7)


def test_a_miss_names_the_closest_request_and_why(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    dump_cassette(path, [chat(n=0), chat("doubao-seed-1-6-251015", n=0)], META)
    asked = chat("doubao-seed-1-6-251016", n=0).request
    miss = load_cassette(path).find(asked)
    assert isinstance(miss, Miss) and miss.closest is not None and miss.closest.index == 1
    assert 'body.model: "doubao-seed-1-6-251016" != "doubao-seed-1-6-251015"' in miss.explain()


def test_reads_vcrpy_block_yaml(tmp_path: Path) -> None:
    cassette = load_cassette(HERE / "vcrpy-block-style.yaml")
    assert cassette.interactions[0].response.status == 200
    assert cassette.find(RecordedRequest("GET", "https://example.com/ping")).response.body == "pong"


@pytest.mark.parametrize(("name", "line", "words"), [
    ("corrupt-bad-yaml.yaml", 6, "not valid YAML"),
    ("corrupt-missing-response.yaml", 2, "missing key interactions[0].response"),
    ("corrupt-status-not-int.yaml", 9, "interactions[0].response.status.code has the wrong type"),
    ("corrupt-not-a-mapping.yaml", 1, "must be a mapping"),
])
def test_corrupt_cassettes_are_one_clear_error(name: str, line: int, words: str) -> None:
    with pytest.raises(CassetteError) as caught:
        load_cassette(HERE / name)
    assert caught.value.path == str(HERE / name) and caught.value.line == line
    assert words in caught.value.message


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("interactions: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(CassetteError, match="not valid YAML"):
        load_cassette(path)
