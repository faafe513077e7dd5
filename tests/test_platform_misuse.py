"""What a new user or a long CI run can throw at the platform, and what it must not break
(issue 16, items 2, 3, 5, 10 and 11)."""

from __future__ import annotations

import json

import httpx
import pytest

from mock_server.settings import Settings
from tests.support.live_server import LiveServer
from tests.support.send_email import send, user_of
from tests.test_overkiz_signup import BASE as OVERKIZ, sign_up_body


# -- item 10: the clock ----------------------------------------------------------------------

def test_a_clock_it_cannot_show_is_refused_and_the_namespace_keeps_answering(client):
    before = client.get("/_mock/clock").json()
    response = client.put("/_mock/clock", json={"now": "9939-04-17T00:56:42Z", "advanceSeconds": 3009041226})
    assert response.status_code == 400
    assert response.json()["error"].startswith("now: ")
    assert client.get("/_mock/clock").json()["frozen"] == before["frozen"]
    moved = client.put("/_mock/clock", json={"now": "8999-06-01T00:00:00Z", "advanceSeconds": 3009041226})
    assert moved.status_code == 400, "a move past what the clock can show is refused as a whole"
    assert "outside the years 1970-8999" in moved.json()["error"]
    assert client.get("/_mock/health").status_code == 200
    assert client.get("/users").status_code == 200


def test_the_latest_instant_the_clock_takes_leaves_every_api_working(client):
    user = user_of(client, "demo")
    assert client.put("/_mock/clock", json={"now": "8999-12-31T23:59:59Z"}).status_code == 200
    assert send(client, user, {"mailType": "TEST"}).status_code == 401  # its token expired long ago
    assert client.get("/_mock/fixtures/send-email").status_code == 200
    assert client.post("/users", json={"username": "late", "password": "pw-late-9"}).status_code == 200
    assert client.post(f"{OVERKIZ}/enduser/mainAccount", json=sign_up_body("late@example.com")).status_code == 201


# -- item 5: short control messages ----------------------------------------------------------

@pytest.mark.parametrize(("request_args", "expected"), [
    (("GET", "/_mock/journal?limit=0"), "limit: 0 is less than the minimum of 1"),
    (("GET", "/_mock/outbox?limit=x"), "limit: 'x' is not of type 'integer'"),
    (("PUT", "/_mock/clock", {"now": 5}), "now: expected text, got a number"),
    (("PUT", "/_mock/clock", {"colour": 5}), "colour: is not allowed here"),
    (("POST", "/_mock/inbound", {}), "to: is required"),
])
def test_control_validation_messages_name_the_field_and_the_reason(client, request_args, expected):
    method, path, *body = request_args
    response = client.request(method, path, json=body[0] if body else None)
    assert response.status_code == 400
    assert response.json() == {"error": expected, "status": 400}


# -- item 11: what goes over the wire ----------------------------------------------------------

def test_wildduck_sends_non_ascii_as_utf8(client):
    created = client.post("/users", json={"username": "heloise", "password": "pw-heloise-1", "name": "Héloïse"})
    answer = client.get(f"/users/{created.json()['id']}")
    assert '"name": "Héloïse"' in answer.content.decode("utf-8")
    assert b"\\u00e9" not in answer.content


def test_overkiz_empty_answers_carry_no_json_content_type(client):
    created = client.post(f"{OVERKIZ}/enduser/mainAccount", json=sign_up_body("empty@example.com"))
    assert created.status_code == 201
    assert created.content == b""
    assert "content-type" not in created.headers


# -- items 2 and 3: state documents ----------------------------------------------------------

def test_the_largest_state_the_limits_allow_round_trips_byte_for_byte():
    settings = Settings(seed=5, max_namespaces=3, outbox_size=15, max_body_bytes=32 * 1024)
    with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        for name in ("n1", "n2", "n3"):
            with httpx.Client(base_url=live.url, headers={"X-Mock-Namespace": name}) as inside:
                user = user_of(inside, "demo")
                for _ in range(settings.outbox_size):
                    send(inside, user, {"mailType": "WELCOME"})
        exported = client.get("/_mock/state").content
        assert len(exported) > settings.max_body_bytes
        assert client.put("/_mock/state", content=exported, headers={"Content-Type": "application/json"}).status_code == 200
        assert client.get("/_mock/state").content == exported


@pytest.fixture(scope="module")
def small_server():
    with LiveServer(Settings(seed=11, max_namespaces=5)) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        client.post("/users", json={"username": "known", "password": "pw-known-1"}, headers={"X-Mock-Namespace": "s1"})
        yield client


def _document(client: httpx.Client) -> dict:
    return client.get("/_mock/state").json()


def _first_user(document: dict) -> dict:
    users = document["namespaces"]["s1"]["apis"]["wildduck"]["users"]
    return next(iter(users.values()))


def _assert_still_answering(client: httpx.Client) -> None:
    for path in ("/users", "/_mock/health", "/email/continuity/v2/users", "/_mock/outbox"):
        assert client.get(path, headers={"X-Mock-Namespace": "s1"}).status_code < 500, path
    users = client.get("/users", headers={"X-Mock-Namespace": "s1"}).json()["results"]
    assert client.get(f"/users/{users[0]['id']}", headers={"X-Mock-Namespace": "s1"}).status_code == 200


@pytest.mark.parametrize(("corrupt", "words"), [
    (lambda doc: _first_user(doc).update(username=12345),
     ["namespace 's1', API 'wildduck', record users.", ".username: expected text, got a number"]),
    (lambda doc: _first_user(doc).update(storage_used=None),
     ["namespace 's1', API 'wildduck', record users.", ".storage_used: expected a whole number, got nothing (null)"]),
    (lambda doc: doc["namespaces"].update({"bad name/..": {**doc["namespaces"]["s1"], "namespace": "bad name/.."}}),
     ["namespace 'bad name/..'", "does not match"]),
    (lambda doc: doc["namespaces"]["s1"]["random"].update(x={"words": 1, "position": 0, "gauss": None}), ["namespace 's1', random.x.words", "expected a list, got a number"]),
    (lambda doc: doc["namespaces"]["s1"]["clock"].update(offset_seconds=1e12), ["clock"]),
])
def test_a_corrupt_state_document_is_refused_in_words_and_nothing_changes(small_server, corrupt, words):
    before = small_server.get("/_mock/state").content
    document = json.loads(before)
    corrupt(document)
    response = small_server.put("/_mock/state", json=document)
    assert response.status_code == 400, response.text
    message = response.json()["error"]
    for word in words:
        assert word in message
    assert "object is not" not in message and "Error" not in message
    assert small_server.get("/_mock/state").content == before
    _assert_still_answering(small_server)


def test_an_exception_that_escapes_everything_is_answered_in_the_apis_shape():
    def broken(_world):
        raise RuntimeError("a bug while preparing a namespace")

    with LiveServer(Settings(seed=5)) as live, httpx.Client(base_url=live.url) as client:
        live.app.runtime.worlds.prepare = broken
        wildduck = client.get("/users", headers={"X-Mock-Namespace": "fresh-1"})
        send_email = client.post("/digitanium/v4/mail/test", json={}, headers={"X-Mock-Namespace": "fresh-2"})
    assert wildduck.status_code == 500 and wildduck.json()["code"] == "InternalError"
    assert send_email.status_code == 500 and {"message", "status", "subSystem"} <= set(send_email.json())
