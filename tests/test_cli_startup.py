"""Start-up failures are one line naming what is wrong, exit 2, and no banner (issue 16, item 6)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


def _serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mock_server.cli", "serve", "--port", "1", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(("args", "env", "named"), [
    (["--scenario", "nope"], {}, "--scenario"),
    ([], {"MOCK_RETARUS_CREDENTIALS": "garbage"}, "MOCK_RETARUS_CREDENTIALS"),
    ([], {"MOCK_MAX_NAMESPACES": "many"}, "MOCK_MAX_NAMESPACES"),
    ([], {"MOCK_CLOCK": "yesterday"}, "MOCK_CLOCK"),
], ids=["unknown-scenario", "bad-credentials", "bad-number", "bad-clock"])
def test_a_bad_setting_is_one_line_and_exit_2(args, env, named):
    result = _serve(*args, env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], result.stderr
    assert "mock-server: http" not in result.stdout


def test_a_port_in_use_is_one_line_and_no_banner():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mock_server.cli", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip() == f"mock-server: cannot listen on 127.0.0.1:{port}: Address already in use"
    assert result.stdout == ""
