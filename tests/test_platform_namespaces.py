"""Namespaces on a long-lived shared mock: never locked out, never filling up by itself
(issue 16, item 1)."""

from __future__ import annotations

import httpx
import pytest

from mock_server.settings import Settings
from mock_server.world import Worlds
from tests.support.live_server import LiveServer

SERVER_WIDE = ["/", "/_mock/health", "/_mock/ui/", "/_mock/openapi.json", "/ui/", "/_mock/namespaces",
               "/_mock/state", "/_mock/journal", "/_mock/apis", "/_mock/scenarios"]


@pytest.fixture(scope="module")
def full() -> httpx.Client:
    with LiveServer(Settings(seed=3, max_namespaces=3)) as live, httpx.Client(base_url=live.url) as client:
        for name in ("one", "two", "three"):
            assert client.get("/_mock/clock", headers={"X-Mock-Namespace": name}).status_code == 200
        yield client


@pytest.mark.parametrize("path", SERVER_WIDE)
@pytest.mark.parametrize("namespace", [None, "brand-new"])
def test_server_wide_calls_answer_when_the_namespace_limit_is_reached(full, path, namespace):
    headers = {"X-Mock-Namespace": namespace} if namespace else {}
    assert full.get(path, headers=headers).status_code == 200
    assert full.get("/_mock/namespaces").json()["namespaces"] == ["one", "three", "two"]


def test_a_new_namespace_at_the_limit_is_refused_in_the_apis_own_shape(full):
    response = full.get("/users", headers={"X-Mock-Namespace": "four"})
    assert response.status_code == 429
    assert response.json()["code"] == "TooManyRequests"
    assert "reset?all=true" in response.json()["message"]


def test_reset_of_one_namespace_and_of_all_works_at_the_limit():
    with LiveServer(Settings(seed=3, max_namespaces=2)) as live, httpx.Client(base_url=live.url) as client:
        for name in ("a", "b"):
            client.get("/_mock/clock", headers={"X-Mock-Namespace": name})
        assert client.post("/_mock/reset", headers={"X-Mock-Namespace": "never-made"}).status_code == 200
        assert client.post("/_mock/reset", headers={"X-Mock-Namespace": "a"}).json() == {"reset": ["a"]}
        assert client.get("/_mock/namespaces").json()["namespaces"] == ["b"]
        assert client.post("/_mock/reset?all=true").json() == {"reset": ["b"]}
        assert client.get("/_mock/namespaces").json()["namespaces"] == []


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_namespaces_are_evicted_least_recently_used_first_and_never_one_in_use():
    time = FakeTime()
    worlds = Worlds(Settings(seed=1, max_namespaces=3, namespace_idle_seconds=60), monotonic=time)
    worlds.get("old")
    time.now += 10
    worlds.get("newer")
    time.now += 10
    with worlds.using("busy"):
        time.now += 55  # "old" idle 75 s, "newer" 65 s, "busy" in use
        assert worlds.evict_idle() == ["old", "newer"]
        assert worlds.names() == ["busy"]
    time.now += 59
    assert worlds.names() == ["busy"]  # used until 59 s ago
    time.now += 2
    assert worlds.names() == []


def test_a_full_server_makes_room_by_evicting_an_idle_namespace():
    time = FakeTime()
    worlds = Worlds(Settings(seed=1, max_namespaces=2, namespace_idle_seconds=60), monotonic=time)
    worlds.get("a")
    time.now += 30
    worlds.get("b")
    time.now += 31  # "a" idle 61 s, "b" 31 s
    worlds.get("c")
    assert worlds.names() == ["b", "c"]


def test_idle_time_zero_never_evicts():
    time = FakeTime()
    worlds = Worlds(Settings(seed=1, namespace_idle_seconds=0), monotonic=time)
    worlds.get("a")
    time.now += 10**9
    assert worlds.names() == ["a"]
