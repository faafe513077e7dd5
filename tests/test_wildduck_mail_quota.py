"""Quota: storage used is the sum of the stored sources' sizes; archived mail does not count;
``quota/reset`` recounts it; a deleted user's mail goes with the user."""

from __future__ import annotations

import httpx

from mock_server.world import World


def _used(client: httpx.Client, user: str) -> int:
    return client.get(f"/users/{user}").json()["limits"]["quota"]["used"]


def test_storage_follows_delivery_deletion_and_recount(client: httpx.Client, world: World) -> None:
    user = client.post("/users", json={"username": "quota.user", "password": "secret-pass-1", "quota": 1_000_000}).json()["id"]
    address = client.get(f"/users/{user}").json()["address"]
    sources = [f"From: a@example.org\r\nTo: {address}\r\nSubject: n{n}\r\n\r\n" + "x" * (100 * n) for n in (1, 2)]
    for raw in sources:
        assert client.post("/_mock/inbound", json={"to": [address], "raw": raw}).json()["delivered"] == [address]
    sizes = [len(raw.encode()) for raw in sources]
    assert _used(client, user) == sum(sizes)
    inbox = client.get(f"/users/{user}/mailboxes").json()["results"][0]["id"]
    client.delete(f"/users/{user}/mailboxes/{inbox}/messages/1")
    assert _used(client, user) == sizes[1], "archived messages do not count"
    world.state("wildduck").users[user].storage_used = 7  # counters drift; the reset recounts
    assert client.post(f"/users/{user}/quota/reset", json={}).json() == {"success": True, "storageUsed": sizes[1], "previousStorageUsed": 7}
    client.delete(f"/users/{user}")
    assert world.state("wildduck").mail.mailboxes_of(user) == []


def test_a_user_over_quota_is_not_delivered_to(client: httpx.Client) -> None:
    user = client.post("/users", json={"username": "tiny", "password": "secret-pass-1", "quota": 50}).json()["id"]
    address = client.get(f"/users/{user}").json()["address"]
    answer = client.post("/_mock/inbound", json={"to": [address], "from": "a@example.org", "subject": "Big", "text": "x" * 500}).json()
    assert answer == {"delivered": [], "undeliverable": [address]}
