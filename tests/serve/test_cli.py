"""`akhbar serve` from the command line: it binds to loopback by default, serves, and refuses bad settings."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

AKHBAR = [sys.executable, "-m", "akhbar"]


def test_serve_starts_on_loopback_and_answers(tmp_path: Path, seed_files: list[Path]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*AKHBAR, "serve", "--port", str(port)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert json.loads(response.read())["status"] == "ok"
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                assert server.poll() is None, server.stderr.read().decode()  # type: ignore[union-attr]
                time.sleep(0.2)
        body = json.dumps({"articles": [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in seed_files],
                           "facts": False}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/summarize", data=body,
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            assert json.loads(response.read())["summary"]
        connections = subprocess.run(["ss", "-ltn"], capture_output=True, text=True, check=False).stdout
        if connections:
            assert f"127.0.0.1:{port}" in connections and f"0.0.0.0:{port}" not in connections
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"listening on http://127.0.0.1:{port}/" in server.stderr.read().decode()  # type: ignore[union-attr]


def test_serve_on_a_busy_port_says_so_and_exits_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([*AKHBAR, "serve", "--port", str(port)], capture_output=True, text=True,
                                check=False, timeout=60)
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr and "already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_missing_or_broken_store(tmp_path: Path) -> None:
    missing = subprocess.run([*AKHBAR, "serve", "--db", str(tmp_path / "none.db")], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "no such story store" in missing.stderr
    broken = tmp_path / "broken.db"
    broken.write_text("not a database", encoding="utf-8")
    result = subprocess.run([*AKHBAR, "serve", "--db", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "not an akhbar store" in result.stderr


def test_serve_refuses_a_bad_config(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[serve]\nmax_request_mb = 0\n", encoding="utf-8")
    result = subprocess.run([*AKHBAR, "serve", "--config", str(config)], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "max_request_mb must be between 1" in result.stderr
