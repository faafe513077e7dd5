"""Determinism, namespace isolation and the export/import round trip of the whole state."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from mock_server.settings import Settings
from tests.support.live_server import LiveServer
from tests.support.send_email import send, user_of

CLOCK = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def _walk(base_url: str) -> list[tuple[int, list[tuple[str, str]], bytes]]:
    """A fixed request sequence touching seeded data, ids, tokens, mail and state."""
    # Links in mails name the host the client used: both servers are called by the same name.
    headers = {"X-Mock-Namespace": "walk", "Host": "localhost:8080"}
    with httpx.Client(base_url=base_url, headers=headers) as client:
        user = user_of(client, "demo")
        send(client, user, {"mailType": "FORGOT_PASSWORD", "appName": "account"})
        message_id = client.get("/_mock/outbox").json()["messages"][0]["id"]
        responses = [
            client.get("/_mock/fixtures/send-email"),
            send(client, user, {"mailType": "VERIFY", "requiredactions": ["UPDATE_PASSWORD"]}),
            send(client, user, {"mailType": "WELCOME"}),
            client.get("/_mock/outbox"),
            client.get(f"/_mock/outbox/{message_id}"),
            client.get(f"/_mock/outbox/{message_id}/raw"),
            client.get("/_mock/state"),
        ]
    return [(r.status_code, sorted(r.headers.items()), r.content) for r in responses]


def test_same_seed_and_clock_give_byte_identical_responses():
    settings = Settings(seed=99, clock=CLOCK)
    with LiveServer(settings) as first, LiveServer(settings) as second:
        assert _walk(first.url) == _walk(second.url)


def test_another_seed_gives_other_data():
    with LiveServer(Settings(seed=1, clock=CLOCK)) as first, LiveServer(Settings(seed=2, clock=CLOCK)) as second:
        assert _walk(first.url)[0] != _walk(second.url)[0]


def test_namespaces_share_nothing(server):
    with httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": "iso-a"}) as a, \
         httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": "iso-b"}) as b:
        send(a, user_of(a, "demo"), {"mailType": "TEST"})
        a.put("/_mock/clock", json={"advanceSeconds": 3600})
        assert a.get("/_mock/outbox").json()["total"] == 1
        assert b.get("/_mock/outbox").json()["total"] == 0
        assert a.get("/_mock/clock").json()["now"] != b.get("/_mock/clock").json()["now"]
        # every namespace starts from the same seed: the same seeded tenants and users
        assert _users(a) == _users(b)


def _users(client: httpx.Client) -> list[tuple[str, str, str]]:
    tenants = client.get("/_mock/fixtures/send-email").json()["tenants"]
    return [(tenant["id"], user["id"], user["email"]) for tenant in tenants for user in tenant["users"]]


def test_reset_returns_one_namespace_to_the_seed_and_leaves_the_others(server):
    with httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": "reset-a"}) as a, \
         httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": "reset-b"}) as b:
        for client in (a, b):
            send(client, user_of(client, "demo"), {"mailType": "TEST"})
        assert a.post("/_mock/reset").json() == {"reset": ["reset-a"]}
        assert a.get("/_mock/outbox").json()["total"] == 0
        assert b.get("/_mock/outbox").json()["total"] == 1


def test_export_then_import_changes_nothing_and_continues_the_same_way():
    settings = Settings(seed=7, clock=CLOCK)
    with LiveServer(settings) as original, LiveServer(Settings(seed=8, clock=CLOCK)) as copy:
        same_host = {"Host": "localhost:8080"}  # mails link to the host the client called
        with httpx.Client(base_url=original.url, headers=same_host) as a, \
             httpx.Client(base_url=copy.url, headers=same_host) as b:
            send(a, user_of(a, "acme"), {"mailType": "TEST"})
            a.put("/_mock/clock", json={"advanceSeconds": 90})
            exported = a.get("/_mock/state").json()
            assert b.put("/_mock/state", json=exported).status_code == 200
            assert b.get("/_mock/state").json() == exported
            # the random streams continue where they were: the next mail has the same ids
            user_a, user_b = user_of(a, "acme"), user_of(b, "acme")
            assert user_a == user_b
            send(a, user_a, {"mailType": "FORGOT_PASSWORD"})
            send(b, user_b, {"mailType": "FORGOT_PASSWORD"})
            assert a.get("/_mock/outbox").json() == b.get("/_mock/outbox").json()
            assert a.get("/_mock/state").json() == b.get("/_mock/state").json()


@pytest.mark.parametrize(
    "document",
    [
        {"version": 99, "namespaces": {}},
        {"version": 1, "namespaces": {"x": {"namespace": "x", "clock": {}, "outbox": {}, "random": {}, "apis": {}}}},
        {"version": 1, "namespaces": {"x": {"namespace": "x", "clock": {"frozen_at": None, "offset_seconds": 0},
                                            "outbox": {"messages": []}, "random": {"outbox": [1, 2]}, "apis": {}}}},
    ],
)
def test_a_bad_state_document_is_refused_and_the_state_kept(client, document):
    send(client, user_of(client, "demo"), {"mailType": "TEST"})
    before = client.get("/_mock/state").json()
    response = client.put("/_mock/state", json=document)
    assert response.status_code == 400
    assert set(response.json()) == {"error", "status"}
    assert client.get("/_mock/state").json() == before


def test_namespace_limit_is_a_clear_429_in_the_apis_own_shape():
    with LiveServer(Settings(seed=1, max_namespaces=2)) as live, httpx.Client(base_url=live.url) as client:
        for name in ("one", "two"):
            assert client.get("/_mock/clock", headers={"X-Mock-Namespace": name}).status_code == 200
        refused = client.post("/auth/realms/demo/mail/test", json={"mailType": "TEST"}, headers={"X-Mock-Namespace": "three"})
        assert refused.status_code == 429
        assert refused.json()["status"] == "TOO_MANY_REQUESTS" and "Namespace limit" in refused.json()["message"]
        client.post("/_mock/reset", params={"all": "true"}, headers={"X-Mock-Namespace": "one"})
        assert client.get("/_mock/clock", headers={"X-Mock-Namespace": "three"}).status_code == 200


def test_an_invalid_namespace_name_is_400(client):
    response = client.get("/_mock/outbox", headers={"X-Mock-Namespace": "no spaces/allowed"})
    assert response.status_code == 400
    assert "X-Mock-Namespace" in response.json()["error"]
