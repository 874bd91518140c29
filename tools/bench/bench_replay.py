"""Replay speed: httpx.MockTransport vs plain vcrpy vs docverify, per request and per cassette load.

Run: .venv/bin/python tools/bench/bench_replay.py [--quick]
Every figure is measured in this run; ratios are to httpx.MockTransport (per request) and to
vcrpy's loader (loading). Cassettes are generated in a temporary folder; the block-YAML one is
recorded by vcrpy itself (chat completions from a loopback server, every transport header,
`\\u` escapes), not docverify's document re-dumped.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import vcr
from vcr.cassette import Cassette as VcrCassette

import vcrpy_cassette   # a sibling script: python puts tools/bench on the path

from docverify.traffic.cassette import (Interaction, RecordedRequest, RecordedResponse, dump_cassette,
                                load_cassette, to_document)
from docverify.traffic.replay import ReplayTransport

URL = "https://ark.cn-beijing.volces.com/api/v3/chat/completions"
ROUNDS = 3
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer ${ARK_API_KEY}"}


def body(n: int) -> str:
    return json.dumps({"model": "doubao-1-5-pro-32k-250115", "messages": [
        {"role": "system", "content": "你是豆包，是由字节跳动开发的 AI 人工智能助手."},
        {"role": "user", "content": f"常见的十字花科植物有哪些？ #{n}"}]}, ensure_ascii=False)


def reply(n: int) -> str:
    return json.dumps({"id": f"0217520391664839{n:08d}", "object": "chat.completion",
                       "created": 1752039167, "model": "doubao-1-5-pro-32k-250115",
                       "choices": [{"index": 0, "finish_reason": "stop", "message": {
                           "role": "assistant", "content": "白菜、萝卜、甘蓝、油菜和芥菜都是。" * 3}}],
                       "usage": {"prompt_tokens": 30, "completion_tokens": 40, "total_tokens": 70}},
                      ensure_ascii=False)


def interactions(count: int) -> list[Interaction]:
    return [Interaction(RecordedRequest("POST", URL, body(n), tuple(HEADERS.items())),
                        RecordedResponse(200, "OK", (("Content-Type", "application/json"),), reply(n)), n)
            for n in range(count)]


def per_request(send: Callable[[int], httpx.Response], picks: list[int]) -> float:
    for n in picks[:3]:
        send(n)   # warm up
    start = time.perf_counter()
    for n in picks:
        response = send(n)
        assert response.status_code == 200 and f"{n:08d}" in response.text, response.text[:80]
    return (time.perf_counter() - start) / len(picks)


def bench_requests(folder: Path, count: int, requests: int, vcr_requests: int) -> tuple[float, float, float]:
    path = folder / f"c{count}.yaml"
    dump_cassette(path, interactions(count), {"target": "bench"})
    picks = [(i * 7919) % count for i in range(requests)]   # spread over the whole cassette
    replies = {n: reply(n).encode() for n in set(picks)}
    by_body = {body(n).encode(): n for n in range(count)}

    def mock(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "application/json"},
                              content=replies[by_body[request.content]])
    cassette = load_cassette(path)
    t_mock = t_ours = float("inf")
    for _ in range(ROUNDS):   # alternate and keep the best round: the machine is shared and noisy
        with httpx.Client(transport=httpx.MockTransport(mock)) as client:
            t_mock = min(t_mock, per_request(
                lambda n: client.post(URL, content=body(n).encode(), headers=HEADERS), picks))
        with httpx.Client(transport=ReplayTransport(cassette)) as client:
            t_ours = min(t_ours, per_request(
                lambda n: client.post(URL, content=body(n).encode(), headers=HEADERS), picks))
    # The same question docverify answers: which recorded request has this method, URL AND body.
    match_on = ("method", "scheme", "host", "port", "path", "query", "body")
    with vcr.use_cassette(str(path), record_mode="none", allow_playback_repeats=True, match_on=match_on):
        with httpx.Client() as client:
            t_vcr = per_request(lambda n: client.post(URL, content=body(n).encode(), headers=HEADERS),
                                picks[:vcr_requests])
    return t_mock, t_vcr, t_ours


def best_of(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_loading(folder: Path, runs: int) -> list[tuple[str, int, float, float]]:
    count = 1
    while len(json.dumps(to_document(interactions(count), {}), ensure_ascii=False).encode()) < 1_000_000:
        count *= 2
    data = interactions(count * 1_000_000 // len(json.dumps(to_document(interactions(count), {}),
                                                            ensure_ascii=False).encode()))
    ours = folder / "1mb-docverify.yaml"
    dump_cassette(ours, data, {"target": "bench"})
    block = folder / "1mb-vcrpy-recorded.yaml"   # recorded by vcrpy itself, from a loopback server
    vcrpy_cassette.record(block)
    rows = []
    for label, path in (("docverify-written (flow/JSON style)", ours), ("recorded by vcrpy (block YAML)", block)):
        t_vcr = t_ours = float("inf")
        for _ in range(runs):   # interleaved, best of each: a load spike hits both alike
            t_vcr = min(t_vcr, best_of(lambda: VcrCassette.load(path=str(path), record_mode="none"), 1))
            t_ours = min(t_ours, best_of(lambda: load_cassette(path), 1))
        rows.append((label, path.stat().st_size, t_vcr, t_ours))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer requests (a smoke run)")
    args = parser.parse_args()
    requests = 200 if args.quick else 2000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("per request (µs; ratio to httpx.MockTransport)")
        print(f"{'interactions':>12} {'MockTransport':>14} {'vcrpy':>18} {'docverify':>16}")
        for count, vcr_requests in ((10, requests), (1_000, 40), (10_000, 4)):
            t_mock, t_vcr, t_ours = bench_requests(folder, count, requests, vcr_requests)
            print(f"{count:>12,} {t_mock * 1e6:>11.1f} µs {t_vcr * 1e6:>9.0f} µs {t_vcr / t_mock:>6.1f}x "
                  f"{t_ours * 1e6:>7.1f} µs {t_ours / t_mock:>5.2f}x")
        print("\nloading a ~1 MB cassette (best of runs; ratio = vcrpy / docverify)")
        for label, size, t_vcr, t_ours in bench_loading(folder, 3 if args.quick else 7):
            print(f"  {label:<38} {size / 1e6:.2f} MB  vcrpy {t_vcr * 1e3:7.1f} ms  "
                  f"docverify {t_ours * 1e3:6.1f} ms  {t_vcr / t_ours:5.1f}x faster")


if __name__ == "__main__":
    main()
