"""ReplayTransport: an httpx transport answered from the cassette index, never from a socket."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from tests.replay.replay_samples import ARK, chat

from docverify.traffic.cassette import dump_cassette, load_cassette
from docverify.traffic.replay import ReplayMiss, ReplayTransport, documented_request, to_recorded


def test_replay_answers_from_the_cassette_without_the_network(tmp_path: Path, no_network: list[object]) -> None:
    path = tmp_path / "c.yaml"
    dump_cassette(path, [chat(n=n) for n in range(3)], {})
    with httpx.Client(transport=ReplayTransport(load_cassette(path))) as client:
        response = client.post(f"{ARK}/chat/completions", content=chat(n=2).request.body,
                               headers={"Content-Type": "application/json"})
        assert response.status_code == 200 and response.json()["id"] == "r2"
        with pytest.raises(ReplayMiss, match=r"closest recorded request #\d .*body.messages\[0\].content"):
            client.post(f"{ARK}/chat/completions", content=chat(n=9).request.body,
                        headers={"Content-Type": "application/json"})


def test_placeholders_stay_symbolic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARK_API_KEY", "must-not-appear")
    request = documented_request('curl https://x.test/v1 -H "Authorization: Bearer $ARK_API_KEY" -d \'{"a":1}\'')
    recorded = to_recorded(request)
    assert recorded.header("authorization") == "Bearer ${ARK_API_KEY}"
    assert recorded.header("host") is None and recorded.body == '{"a":1}'
