"""Filters over HTTP take and show the real server's nested shape only: the seed's flat keys
are refused as WildDuck 1.46 refuses them, `GET` answers what the real server answers, and a
`listId` filter files mailing-list mail by its List-ID header."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


@pytest.fixture
def user(client: httpx.Client) -> str:
    return client.get("/_mock/fixtures/wildduck").json()["users"][1]["id"]


@pytest.mark.parametrize("method, path", [("POST", ""), ("PUT", "/{filter}")])
def test_the_seeds_flat_keys_are_refused_like_the_real_server(client: httpx.Client, user: str, method: str, path: str) -> None:
    existing = client.post(f"/users/{user}/filters", json={"query": {}, "action": {}}).json()["id"]
    body: dict[str, Any] = {"query_from": "abc", "query": {"from": "abc"}, "action": {"flag": True}}
    answer = client.request(method, f"/users/{user}/filters" + path.format(filter=existing), json=body)
    assert answer.status_code == 400
    assert answer.json() == {"error": '"query_from" is not allowed', "code": "InputValidationError",
                             "details": {"query_from": '"query_from" is not allowed'}}


@pytest.mark.parametrize("body, missing", [({"action": {"flag": True}}, "query"), ({"query": {"from": "abc"}}, "action")])
def test_create_needs_both_query_and_action(client: httpx.Client, user: str, body: dict[str, Any], missing: str) -> None:
    answer = client.post(f"/users/{user}/filters", json={"name": "x", **body})
    assert answer.status_code == 400
    assert answer.json()["code"] == "InputValidationError" and answer.json()["error"] == f'"{missing}" is required'
    assert client.get(f"/users/{user}/filters").json()["results"] == []


def test_a_filter_reads_back_as_the_real_server_shows_it(client: httpx.Client, user: str) -> None:
    body = {"name": " ", "metaData": {"k": "v"}, "disabled": True,
            "query": {"from": "  abc   def ", "to": "", "listId": "list.example.com", "text": "hello", "ha": False, "size": -100},
            "action": {"seen": True, "flag": False, "targets": ["fwd@example.com", "https://example.com/hook", "smtp://mx.example.com:25"]}}
    created = client.post(f"/users/{user}/filters", json=body).json()["id"]

    shown = client.get(f"/users/{user}/filters/{created}").json()
    assert shown.pop("created").endswith("Z")
    assert shown == {"success": True, "id": created, "disabled": True, "metaData": {"k": "v"},
                     "query": {"from": "abc def", "listId": "list.example.com", "text": "hello", "ha": False, "size": -100},
                     "action": {"seen": True, "flag": False,
                                "targets": ["fwd@example.com", "https://example.com/hook", "smtp://mx.example.com:25"]}}

    listing = client.get(f"/users/{user}/filters").json()
    assert listing["limits"] == {"allowed": 400, "used": 1}
    (item,) = listing["results"]
    assert "name" not in item and "metaData" not in item
    assert item["query"] == [["from", "(abc def)"], ["listId", "(list.example.com)"], [False, '"hello"'], ["smaller", 100]]
    assert item["action"] == [["mark as read"], ["do not flag it"], ["forward to", "fwd@example.com, example.com, smtp://mx.example.com:25"]]
    assert client.get(f"/users/{user}/filters", params={"metaData": "true"}).json()["results"][0]["metaData"] == {"k": "v"}


def test_an_update_clears_empty_keys_and_keeps_the_rest(client: httpx.Client, user: str) -> None:
    folder = client.post(f"/users/{user}/mailboxes", json={"path": "Lists"}).json()["id"]
    created = client.post(f"/users/{user}/filters", json={"name": "Kept", "query": {"from": "abc", "size": -5000},
                                                           "action": {"flag": True, "targets": ["a@example.org"]}}).json()["id"]
    changed = client.put(f"/users/{user}/filters/{created}", json={"name": "", "query": {"from": "", "subject": "subj"},
                                                                   "action": {"flag": "", "targets": "", "mailbox": folder}})
    assert changed.json() == {"success": True}
    shown = client.get(f"/users/{user}/filters/{created}").json()
    assert (shown["name"], shown["query"], shown["action"]) == ("Kept", {"subject": "subj", "size": -5000}, {"mailbox": folder})


def test_a_list_id_filter_files_mailing_list_mail(client: httpx.Client, user: str) -> None:
    address = client.get(f"/users/{user}").json()["address"]
    folder = client.post(f"/users/{user}/mailboxes", json={"path": "Lists"}).json()["id"]
    client.post(f"/users/{user}/filters", json={"query": {"listId": "<Dev.Lists.Example.org>"}, "action": {"mailbox": folder}})
    for subject, list_id in (("From the list", "Developers <dev.lists.example.org>"), ("Not from it", "Other <other.example.org>")):
        raw = (f"From: a@example.org\r\nTo: {address}\r\nSubject: {subject}\r\nList-ID: {list_id}\r\n"
               "Message-ID: <x@example.org>\r\n\r\nHello\r\n")
        assert client.post("/_mock/inbound", json={"to": [address], "raw": raw}).json()["delivered"] == [address]
    filed = client.get(f"/users/{user}/mailboxes/{folder}/messages").json()["results"]
    assert [m["subject"] for m in filed] == ["From the list"]
