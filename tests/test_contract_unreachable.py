"""``compare`` and ``conform`` stop at once, in one line, when the backend cannot be reached
(issue 16, item 9: compare sent all 300 exchanges and reported "0/300 agree")."""

from __future__ import annotations

import socket
import time

import pytest

from mock_server.cli import main


@pytest.fixture
def dead_url() -> str:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("command", [
    lambda dead, mock: ["compare", "wildduck", "--url", dead, "--mock-url", mock],
    lambda dead, mock: ["conform", "retarus", "--url", dead],
], ids=["compare", "conform"])
def test_an_unreachable_backend_stops_the_run_in_one_line(server, dead_url, capsys, command):
    started = time.monotonic()
    assert main(command(dead_url, server.url)) == 2
    assert time.monotonic() - started < 15
    captured = capsys.readouterr()
    assert captured.err.strip() == captured.err.strip().splitlines()[0]
    assert f"--url {dead_url} cannot be reached" in captured.err
    assert "agree" not in captured.out
