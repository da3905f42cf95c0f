"""`polemos serve` as a user starts it, in a real subprocess: loopback by default, refusing a
network address without a token, requiring the token on it, a missing store as one line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from polemos.serve.server import is_loopback


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


def serve(*args: str, token: str | None = None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "POLEMOS_TOKEN"}
    if token is not None:
        env["POLEMOS_TOKEN"] = token
    return subprocess.Popen([sys.executable, "-m", "polemos", "serve", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False),
])
def test_server_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_server_refuses_a_network_address_without_a_token(coded_store: Path) -> None:
    proc = serve("--host", "0.0.0.0", "--port", str(free_port()), "--db", str(coded_store))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and out == ""
    assert err.count("\n") == 1 and "refusing to serve on '0.0.0.0' without a token" in err
    assert "Traceback" not in err


def test_server_missing_store_is_one_line(tmp_path: Path) -> None:
    proc = serve("--port", str(free_port()), "--db", str(tmp_path / "none.duckdb"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "no store here" in err and "Traceback" not in err


def test_server_on_a_network_address_requires_the_token(coded_store: Path) -> None:
    port = free_port()
    proc = serve("--host", "0.0.0.0", "--port", str(port), "--db", str(coded_store),
                 token="t0ken")
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                refused = httpx.get(url + "/health", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert refused.status_code == 401
        allowed = httpx.get(url + "/events", params={"limit": 1}, timeout=30,
                            headers={"Authorization": "Bearer t0ken"})
        assert allowed.status_code == 200 and allowed.json()["total"] == 7
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
