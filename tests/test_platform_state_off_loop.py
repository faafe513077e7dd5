"""A state export, import or save of many megabytes does not hold up the other clients, and
reads and refuses exactly as it did when it all ran on the event loop."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import httpx
import pytest

from mock_server.control import body_validation
from mock_server.persistence import StateFile
from mock_server.settings import Settings
from mock_server.state_document import encode
from mock_server.world import Worlds
from tests.support.live_server import LiveServer


def test_the_export_and_the_state_file_are_the_standard_json_of_the_document(tmp_path: Path) -> None:
    worlds = Worlds(Settings(seed=4))
    for name in ("b-team", "a-team"):
        worlds.get(name).clock.offset_seconds = 90.5
    worlds.get("a-team").behaviour.scenario = "Zoë ✓"  # non-ASCII leaves escaped, as before
    document = worlds.export()
    assert encode(document) == (json.dumps(document) + "\n").encode()
    assert encode({"version": 2, "namespaces": {}}) == b'{"version": 2, "namespaces": {}}\n'

    state_file = StateFile(tmp_path / "state.json", worlds, save_interval=0)
    assert asyncio.run(state_file.save()).namespaces == 2
    assert state_file.path.read_bytes() == encode(document)


def _document_with(**world_changes: object) -> dict:
    worlds = Worlds(Settings(seed=6))
    worlds.get("one")
    document = worlds.export()
    document["namespaces"]["one"].update(world_changes)
    return document


@pytest.mark.parametrize("corruption", [
    {"seed": "text"},  # refused by the schema check
    {"clock": {"frozen_at": "9999-12-31T23:59:59+00:00", "offset_seconds": 0.0}},  # by the records' own check
], ids=["schema", "records"])
def test_a_large_document_is_refused_in_the_same_words_on_and_off_the_loop(client, namespace, monkeypatch, corruption):
    client.get("/_mock/clock")  # this test's namespace exists: an import would replace it
    document = _document_with(**corruption)
    answers = []
    for threshold in (10**12, 0):  # on the loop as Connexion does it, then in a worker thread
        monkeypatch.setattr(body_validation, "OFF_LOOP_BYTES", threshold)
        answers.append(client.put("/_mock/state", json=document))
    assert [answer.status_code for answer in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert "namespace 'one'" in answers[1].json()["error"]
    names = client.get("/_mock/namespaces").json()["namespaces"]
    assert namespace in names and "one" not in names, "all or nothing: nothing was replaced"


def test_other_clients_are_answered_while_a_large_import_is_checked() -> None:
    with LiveServer(Settings(seed=8, max_namespaces=4)) as live, httpx.Client(base_url=live.url, timeout=120) as client:
        for number in range(4):
            client.get("/_mock/clock", headers={"X-Mock-Namespace": f"big-{number}"})
        exported = client.get("/_mock/state").content
        assert len(exported) > 1_000_000
        outcome: dict[str, object] = {}

        def import_it() -> None:
            started = time.perf_counter()
            outcome["status"] = client.put("/_mock/state", content=exported,
                                           headers={"Content-Type": "application/json"}).status_code
            outcome["seconds"] = time.perf_counter() - started

        importing = threading.Thread(target=import_it)
        importing.start()
        slowest = 0.0
        with httpx.Client(base_url=live.url, timeout=120) as other:
            while importing.is_alive():
                started = time.perf_counter()
                assert other.get("/_mock/health").status_code == 200
                slowest = max(slowest, time.perf_counter() - started)
                time.sleep(0.01)
        importing.join()
        assert outcome["status"] == 200
        # on the loop, the schema check alone kept every health check waiting most of the import
        assert slowest < float(outcome["seconds"]) / 3, (slowest, outcome["seconds"])
