"""WildDuck input rules and answers taken from a real 1.46.1 server (items #24, #25, #28,
#31, #33 and #34 of docs/conformance-wildduck.md): a client that works against the mock
must not be refused by the real server, nor the other way round."""

from __future__ import annotations

import re

import httpx
import pytest

UNKNOWN_USER = "0123456789abcdef01234567"
UNKNOWN_ID = "76543210fedcba9876543210"


def create_user(client: httpx.Client, username: str, **fields: object) -> httpx.Response:
    return client.post("/users", json={"username": username, "password": "secretpass1", **fields})


def refusal(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json().get("code", "")


@pytest.mark.parametrize("username", ["John.Doe", "ann-lee", "a", "user_name=x:y", "ann@example.com"])
def test_usernames_the_real_server_takes(client: httpx.Client, username: str) -> None:
    created = create_user(client, username)
    assert created.status_code == 200, created.text
    assert client.get(f"/users/{created.json()['id']}").json()["username"] == username.lower()


@pytest.mark.parametrize("username", ['|hy{.i1Q".nQ.F0w', "ann..lee", ".ann", "ann.", "ann lee", "änn", "x" * 129])
def test_usernames_the_real_server_refuses(client: httpx.Client, username: str) -> None:
    assert refusal(create_user(client, username)) == (400, "InputValidationError")
    login = client.post("/authenticate", json={"username": username, "password": "secretpass1"})
    assert refusal(login) == (400, "InputValidationError"), "neither a username nor an address"


def test_seeded_usernames_follow_the_real_rule(client: httpx.Client) -> None:
    rule = re.compile(r"^[a-z0-9-]+([._=:][a-z0-9-]+)*$")
    users = client.get("/_mock/fixtures/wildduck").json()["users"]
    assert users and all(rule.match(user["username"]) for user in users)


@pytest.mark.parametrize("address, status", [
    ("ann@example.com", 200), ("андрис@уайлддак.орг", 200), ("o'neil.tag@mail.example.co", 200),
    ("0@0.0", 400), ("ann@example.123", 400), ("a..b@example.com", 400), ("ann@-example.com", 400),
    ("ann@example", 400), ("x" * 65 + "@example.com", 400),
])
def test_addresses_are_checked_like_the_real_server(client: httpx.Client, address: str, status: int) -> None:
    user = create_user(client, "checked", emptyAddress=True).json()["id"]
    assert client.post(f"/users/{user}/addresses", json={"address": address}).status_code == status
    forward = client.put(f"/users/{user}", json={"targets": [address]})
    assert forward.status_code == status, "forward targets follow the same rule"


def test_forward_urls_are_checked_like_the_real_server(client: httpx.Client) -> None:
    user = create_user(client, "forwarder").json()["id"]
    assert client.put(f"/users/{user}", json={"targets": ["smtp://mx2.example.com:25", "https://hooks.example.com/in?x=1"]}).status_code == 200
    for broken in ("smtp://[::1", "https://exa mple.com", "ftp://example.com", "https://example.com/%zz"):
        assert refusal(client.put(f"/users/{user}", json={"targets": [broken]})) == (400, "InputValidationError"), broken


def test_special_mailboxes_need_distinct_names_checked_before_the_username(client: httpx.Client) -> None:
    assert create_user(client, "taken").status_code == 200
    for names in ({"sent": "inbox"}, {"sent": "Archive", "trash": "Archive"}, {"junk": "Trash"}):
        refused = create_user(client, "taken", mailboxes=names)
        assert refusal(refused) == (400, "InputValidationError"), names
        assert refused.json()["error"].startswith("Duplicate mailbox name: ")
    renamed = create_user(client, "renamed", mailboxes={"sent": "Saadetud"}).json()["id"]
    paths = {box["path"] for box in client.get(f"/users/{renamed}/mailboxes").json()["results"]}
    assert {"INBOX", "Saadetud", "Trash", "Drafts", "Junk"} == paths


def test_deleting_a_user_answers_the_scheduled_task(client: httpx.Client) -> None:
    user = create_user(client, "leaving").json()["id"]
    client.post(f"/users/{user}/addresses", json={"address": "leaving.too@example.com"})
    answer = client.delete(f"/users/{user}", params={"deleteAfter": "2030-01-01T00:00:00Z"}).json()
    assert answer["code"] == "TaskScheduled" and answer["user"] == user
    assert answer["addresses"] == {"deleted": 2}
    assert answer["deleteAfter"] == "2030-01-01T00:00:00.000Z"
    assert re.fullmatch(r"[0-9a-f]{24}", answer["task"])
    assert client.get(f"/users/{user}").status_code == 404
    again = client.delete(f"/users/{user}", params={"deleteAfter": "2030-02-01T00:00:00Z"}).json()
    assert (again["task"], again["addresses"], again["deleteAfter"]) == (answer["task"], {"deleted": 0}, "2030-02-01T00:00:00.000Z"), \
        "a pending deletion keeps its task and takes the new time, as on the real server"
    assert refusal(client.delete("/users/0123456789abcdef01234567")) == (404, "UserNotFound")

    client.put("/_mock/clock", json={"now": "2031-05-06T07:08:09Z"})
    right_away = client.delete(f"/users/{create_user(client, 'leaving.now').json()['id']}").json()
    assert right_away["deleteAfter"] == "2031-05-06T07:08:09.000Z", "without deleteAfter: now, by the namespace clock"


def test_sub_resources_of_an_unknown_user_answer_the_resources_code(client: httpx.Client) -> None:
    """The real server looks these up by (user, id), so the resource is what it misses."""
    expected = [
        ("GET", f"/users/{UNKNOWN_USER}/asps/{UNKNOWN_ID}", None, "AspNotFound"),
        ("DELETE", f"/users/{UNKNOWN_USER}/asps/{UNKNOWN_ID}", None, "AspNotFound"),
        ("PUT", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}", {"subscribed": True}, "NoSuchMailbox"),
        ("DELETE", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}", None, "NoSuchMailbox"),
        ("GET", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}", None, "UserNotFound"),
        ("GET", f"/users/{UNKNOWN_USER}/asps", None, "UserNotFound"),
        ("GET", f"/users/{UNKNOWN_USER}/filters/{UNKNOWN_ID}", None, "FilterNotFound"),
        ("PUT", f"/users/{UNKNOWN_USER}/filters/{UNKNOWN_ID}", {"name": "x"}, "FilterNotFound"),
        ("DELETE", f"/users/{UNKNOWN_USER}/filters/{UNKNOWN_ID}", None, "FilterNotFound"),
        ("GET", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}/messages", None, "NoSuchMailbox"),
        ("GET", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}/messages/1", None, "MessageNotFound"),
        ("GET", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}/messages/1/message.eml", None, "MessageNotFound"),
        ("GET", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}/messages/1/attachments/ATT00001", None, "MessageNotFound"),
        ("DELETE", f"/users/{UNKNOWN_USER}/mailboxes/{UNKNOWN_ID}/messages/1", None, "MessageNotFound"),
    ]
    for method, path, body, code in expected:
        assert refusal(client.request(method, path, json=body)) == (404, code), (method, path)


def test_search_reads_criteria_like_the_real_server(client: httpx.Client) -> None:
    user = create_user(client, "searcher").json()["id"]
    boxes = {box["path"]: box["id"] for box in client.get(f"/users/{user}/mailboxes").json()["results"]}
    for path in ("INBOX", "Trash"):
        mail = {"to": ["searcher@example.com"], "from": "ann@example.com", "subject": f"invoice in {path}", "text": "Please pay."}
        assert client.post("/_mock/inbound", json=mail).status_code == 200
    binned = client.get(f"/users/{user}/search", params={"subject": "in Trash"}).json()["results"][0]["id"]
    assert client.put(f"/users/{user}/mailboxes/{boxes['INBOX']}/messages/{binned}", json={"moveTo": boxes["Trash"]}).status_code == 200

    def subjects(**params: object) -> set[str]:
        return {m["subject"] for m in client.get(f"/users/{user}/search", params=params).json()["results"]}

    assert subjects(subject="invoice") == {"invoice in INBOX", "invoice in Trash"}, "Trash is searched by default"
    assert subjects(subject="invoice", searchable="true") == {"invoice in INBOX"}
    assert subjects(subject="invoice", flagged="false") == subjects(subject="invoice"), "false does not narrow"
    assert subjects(subject="invoice", minSize=10_000) == set()


def test_empty_strings_mean_not_given_like_the_real_server(client: httpx.Client) -> None:
    """Joi's ``.empty('')``: an empty ``appId`` or ``deleteAfter`` is as if it were absent."""
    create_user(client, "emptyish")
    login = client.post("/authenticate", json={"username": "emptyish", "password": "secretpass1", "appId": ""})
    assert login.status_code == 200, login.text
    client.put("/_mock/clock", json={"now": "2031-01-02T03:04:05Z"})
    gone = client.delete(f"/users/{login.json()['id']}", params={"deleteAfter": ""})
    assert (gone.status_code, gone.json()["deleteAfter"]) == (200, "2031-01-02T03:04:05.000Z")


def test_a_message_update_must_change_something(client: httpx.Client) -> None:
    """The real server answers 500 "Nothing was changed"; the mock refuses it as bad input."""
    user = create_user(client, "unchanged").json()["id"]
    assert client.post("/_mock/inbound", json={"to": ["unchanged@example.com"], "from": "a@example.com",
                                               "subject": "hi", "text": "hello"}).status_code == 200
    inbox = client.get(f"/users/{user}/mailboxes").json()["results"][0]["id"]
    for body in ({}, {"sess": "abc"}):
        refused = client.put(f"/users/{user}/mailboxes/{inbox}/messages/1", json=body)
        assert refusal(refused) == (400, "InputValidationError"), body
    assert client.put(f"/users/{user}/mailboxes/{inbox}/messages/1", json={"seen": True}).json()["updated"] == 1
