"""The server around the app: loopback only, free ports, graceful stop, and the CLI command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from docverify.cli import main
from docverify.emulator import serve
from docverify.emulator.testing import auth_headers, chat_body, start_emulator
from docverify.errors import ConfigError, DocverifyError


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


def test_two_emulators_get_their_own_free_ports() -> None:
    with start_emulator() as one, start_emulator() as two:
        assert one.host == two.host == "127.0.0.1"
        assert one.port != two.port and 0 not in (one.port, two.port)
        assert one.base_url == f"http://127.0.0.1:{one.port}"
        assert httpx.get(f"{two.api_url}/models", headers=auth_headers(two)).status_code == 200
    assert refused(one.port) and refused(two.port)


def test_stop_frees_the_port_for_a_new_emulator() -> None:
    with start_emulator() as first:
        httpx.get(f"{first.api_url}/models", headers=auth_headers(first))
        port = first.port
    with serve(port=port) as second:
        assert second.port == port


def test_a_taken_port_is_a_clear_error() -> None:
    with start_emulator() as running:
        with pytest.raises(DocverifyError, match=f"cannot listen on 127.0.0.1:{running.port}"):
            serve(port=running.port)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_non_loopback_hosts_are_refused(host: str) -> None:
    with pytest.raises(ConfigError, match="non-loopback"):
        serve(host)


def test_stop_lets_an_open_request_finish() -> None:
    emu = start_emulator()
    results: list[int] = []
    worker = threading.Thread(target=lambda: results.append(httpx.post(
        f"{emu.api_url}/chat/completions", json=chat_body(),
        headers=auth_headers(emu, fault="delay;delay=0.3")).status_code))
    worker.start()
    time.sleep(0.1)
    emu.stop()
    worker.join(5)
    assert results == [200]
    assert refused(emu.port)


def test_cli_refuses_a_public_host(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: refusing to serve the emulator on non-loopback host")
    assert err[1].startswith("hint: ")


def test_cli_serves_until_ctrl_c() -> None:
    key = "cli-test-key"
    process = subprocess.Popen([sys.executable, "-m", "docverify", "emulator", "--key", key],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONWARNINGS": "error"})
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip().removeprefix("Ark emulator: ")
        assert process.stdout.readline().strip() == f"API key: {key}"
        assert process.stdout.readline().startswith(f"OpenAI-compatible: {url.removesuffix('/api/v3')}/v1 ")
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api/v3")
        response = httpx.post(f"{url}/chat/completions", json=chat_body(),
                              headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 200
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert refused(int(url.split(":")[2].split("/")[0]))
