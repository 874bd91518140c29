"""Sample interactions shared by the replay tests."""

from __future__ import annotations

from docverify.traffic.cassette import Interaction, RecordedRequest, RecordedResponse

ARK = "https://ark.cn-beijing.volces.com/api/v3"


def chat(model: str = "doubao-1-5-pro-32k-250115", n: int = 0, status: int = 200) -> Interaction:
    body = ('{"model": "%s", "messages": [{"role": "user", "content": "常见的十字花科植物有哪些？ %d"}]}'
            % (model, n))
    reply = ('{"id": "r%d", "object": "chat.completion", "model": "%s", "choices": [{"index": 0, '
             '"finish_reason": "stop", "message": {"role": "assistant", "content": "白菜"}}]}' % (n, model))
    return Interaction(
        RecordedRequest("POST", f"{ARK}/chat/completions", body,
                        (("Content-Type", "application/json"), ("Authorization", "Bearer ${ARK_API_KEY}"))),
        RecordedResponse(status, "OK", (("Content-Type", "application/json"),), reply), n)
