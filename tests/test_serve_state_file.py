"""``serve --state-file``: a team server keeps its namespaces across restarts. A clean stop
loses nothing; a SIGKILL loses at most the last save interval; a file the server cannot
restore stops the start instead of being overwritten."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from mock_server.world import EXPORT_VERSION
from mock_server.journal import Journal, JournalEntry
from mock_server.persistence import StateFile
from mock_server.settings import Settings
from mock_server.world import Worlds
from tests.support.serve_process import ServeProcess

TEAM = {"X-Mock-Namespace": "team"}
INTERVAL = 0.5


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., ServeProcess]]:
    """Start ``mock-server serve`` in tmp_path; whatever still runs at the end is killed."""
    processes: list[ServeProcess] = []

    def start(*flags: str) -> ServeProcess:
        processes.append(ServeProcess(tmp_path, *flags))
        return processes[-1]

    yield start
    for process in processes:
        process.stop(signal.SIGKILL)


def create_user(url: str, username: str) -> None:
    created = httpx.post(f"{url}/users", json={"username": username, "password": "pw-" + username}, headers=TEAM,
                         timeout=30)
    assert created.status_code == 200, created.text


def usernames(url: str) -> set[str]:
    listing = httpx.get(f"{url}/users", params={"query": "keeper", "limit": 250}, headers=TEAM,
                        timeout=30).json()
    return {user["username"] for user in listing["results"]}


def test_sigterm_loses_nothing(tmp_path: Path, serve: Callable[..., ServeProcess]) -> None:
    state = tmp_path / "state.json"
    server = serve("--state-file", str(state), "--save-interval", "600").started()
    create_user(server.url, "keeper1")
    create_user(server.url, "keeper2")
    port_file = server.port_file
    server.stop(signal.SIGTERM)  # at once: no periodic save can have run
    assert "POST /users 200" in server.output, "the request log shows each request"
    assert not port_file.exists(), "a clean stop removes the port file"

    again = serve("--state-file", str(state)).started()
    assert usernames(again.url) == {"keeper1", "keeper2"}
    saved = httpx.post(f"{again.url}/_mock/state/save").json()
    assert saved["path"] == str(state) and saved["namespaces"] >= 1


def test_sigkill_loses_at_most_one_interval(tmp_path: Path, serve: Callable[..., ServeProcess]) -> None:
    state = tmp_path / "state.json"
    server = serve("--state-file", str(state), "--save-interval", str(INTERVAL), "--quiet").started()
    create_user(server.url, "keeper1")
    time.sleep(INTERVAL * 4)  # more than one interval (and a save): this change must be on disk
    create_user(server.url, "keeper2")  # this one may be lost
    server.stop(signal.SIGKILL)
    assert server.output.strip().endswith("scenario=none"), "--quiet: no request log"

    again = serve("--state-file", str(state)).started()
    assert "keeper1" in usernames(again.url)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"version": 0, "namespaces": {}})], ids=["broken", "older"])
def test_a_state_file_it_cannot_restore_stops_the_start(
    tmp_path: Path, serve: Callable[..., ServeProcess], content: str
) -> None:
    state = tmp_path / "state.json"
    state.write_text(content)
    server = serve("--state-file", str(state))
    assert server.process.wait(timeout=60) == 2
    server.stop()
    assert len(server.errors.strip().splitlines()) == 1
    assert str(state) in server.errors and "--state-file-reset" in server.errors
    assert state.read_text() == content, "the file is left as it was"


def test_state_file_reset_starts_empty_and_overwrites(tmp_path: Path, serve: Callable[..., ServeProcess]) -> None:
    state = tmp_path / "state.json"
    state.write_text("{not json")
    server = serve("--state-file", str(state), "--state-file-reset").started()
    assert httpx.get(f"{server.url}/_mock/namespaces").json()["namespaces"] == []  # server-wide: makes none
    assert server.stop() != 2
    assert json.loads(state.read_text())["version"] == EXPORT_VERSION


def test_save_without_a_state_file_is_refused(client: httpx.Client) -> None:
    refused = client.post("/_mock/state/save")
    assert refused.status_code == 409
    assert "--state-file" in refused.json()["error"]


def test_only_changes_make_the_state_dirty(tmp_path: Path) -> None:
    settings = Settings(seed=5)
    worlds, journal = Worlds(settings), Journal(10)
    state_file = StateFile(tmp_path / "state.json", worlds, save_interval=1)
    state_file.track(journal)
    assert state_file.load() == 0 and state_file.dirty, "a first start writes the file at the first interval"
    asyncio.run(state_file.save())
    assert not state_file.dirty
    worlds.get("team")
    assert state_file.dirty, "a new namespace is a change"
    asyncio.run(state_file.save())
    journal.record(journal_entry("GET"))
    assert not state_file.dirty, "reads change nothing"
    journal.record(journal_entry("PATCH"))
    assert state_file.dirty

    restored = Worlds(settings)
    assert StateFile(tmp_path / "state.json", restored, save_interval=1).load() == 1
    assert restored.names() == ["team"]


def journal_entry(method: str) -> JournalEntry:
    return JournalEntry(sequence=1, time="", namespace="team", method=method, path="/users", query="", status=200,
                        duration_ms=1.0, api="wildduck")
