"""Domain aliases, domain access lists, settings and health, walked as a WildDuck admin client
would: the records through the API, their effect through login and delivery."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


def _user(client: httpx.Client, username: str, address: str, **fields: Any) -> str:
    answer = client.post("/users", json={"username": username, "password": "secret-pass-1", "address": address, **fields})
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def _deliver(client: httpx.Client, to: str, sender: str, subject: str) -> list[str]:
    answer = client.post("/_mock/inbound", json={"to": [to], "from": sender, "subject": subject, "text": "Hello"})
    assert answer.status_code == 200, answer.text
    return answer.json()["delivered"]


def _mailbox_of(client: httpx.Client, user: str, subject: str) -> str | None:
    """The path of the mailbox holding the message with ``subject``; None if nowhere."""
    for box in client.get(f"/users/{user}/mailboxes").json()["results"]:
        found = client.get(f"/users/{user}/mailboxes/{box['id']}/messages").json()["results"]
        if any(m["subject"] == subject for m in found):
            return box["path"]
    return None


def test_a_domain_alias_is_listed_resolved_read_and_deleted(client: httpx.Client) -> None:
    created = client.post("/domainaliases", json={"alias": " Example.NET ", "domain": "Example.com"}).json()
    assert created["success"] is True and len(created["id"]) == 24
    again = client.post("/domainaliases", json={"alias": "example.net", "domain": "other.com"})
    assert (again.status_code, again.json()) == (400, {"error": "This domain alias already exists", "code": "AliasExists"})
    client.post("/domainaliases", json={"alias": "aliased.org", "domain": "example.com"})

    listing = client.get("/domainaliases", params={"query": "example"}).json()
    assert [(r["alias"], r["domain"]) for r in listing["results"]] == [("aliased.org", "example.com"), ("example.net", "example.com")]
    assert listing["query"] == "example" and listing["total"] == 2 and listing["nextCursor"] is False
    first = client.get("/domainaliases", params={"limit": 1}).json()
    second = client.get("/domainaliases", params={"limit": 1, "next": first["nextCursor"]}).json()
    assert [r["alias"] for r in first["results"] + second["results"]] == ["aliased.org", "example.net"]

    assert client.get("/domainaliases/resolve/EXAMPLE.net").json() == {"success": True, "id": created["id"]}
    alias = client.get(f"/domainaliases/{created['id']}").json()
    assert alias["alias"] == "example.net" and alias["domain"] == "example.com" and alias["created"].endswith("Z")
    assert client.delete(f"/domainaliases/{created['id']}").json() == {"success": True}
    gone = client.get(f"/domainaliases/{created['id']}")
    assert (gone.status_code, gone.json()) == (404, {"error": "Invalid or unknown alias", "code": "AliasNotFound"})
    unknown = client.get("/domainaliases/resolve/example.net")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "AliasNotFound")
    assert client.delete(f"/domainaliases/{created['id']}").json()["error"] == "Invalid or unknown email alias identifier"


def test_an_alias_domain_logs_in_and_receives_mail_for_the_users_of_the_domain(client: httpx.Client) -> None:
    user = _user(client, "wd-domains-ann", "ann@corp.example")
    login = {"username": "ann@alias.example", "password": "secret-pass-1"}
    assert client.post("/authenticate", json=login).status_code == 403
    assert _deliver(client, "ann@alias.example", "bob@elsewhere.example", "Before") == []

    alias = client.post("/domainaliases", json={"alias": "alias.example", "domain": "corp.example"}).json()["id"]
    answer = client.post("/authenticate", json=login).json()
    assert answer["success"] is True and answer["id"] == user
    assert _deliver(client, "Ann@Alias.Example", "bob@elsewhere.example", "Via alias") == ["Ann@Alias.Example"]
    assert _mailbox_of(client, user, "Via alias") == "INBOX"

    client.delete(f"/domainaliases/{alias}")
    assert _deliver(client, "ann@alias.example", "bob@elsewhere.example", "After") == []


def test_blocked_sender_domains_go_to_junk_and_allowed_ones_never_do(client: httpx.Client) -> None:
    user = _user(client, "wd-domains-tagged", "tagged@corp.example", tags=["staff"])
    untagged = _user(client, "wd-domains-plain", "plain@corp.example")
    blocked = client.post("/domainaccess/staff/block", json={"domain": "Spam.Example"}).json()
    assert blocked["success"] is True
    client.post(f"/users/{user}/filters", json={"query": {"subject": "offer"}, "action": {"spam": True}})
    client.post("/domainaccess/staff/allow", json={"domain": "partner.example"})

    _deliver(client, "tagged@corp.example", "x@spam.example", "Hi from spam")
    _deliver(client, "tagged@corp.example", "x@partner.example", "A good offer")
    _deliver(client, "tagged@corp.example", "x@other.example", "A bad offer")
    _deliver(client, "plain@corp.example", "x@spam.example", "Hi from spam")
    assert _mailbox_of(client, user, "Hi from spam") == "Junk"
    assert _mailbox_of(client, user, "A good offer") == "INBOX", "an allowed domain beats the filter"
    assert _mailbox_of(client, user, "A bad offer") == "Junk"
    assert _mailbox_of(client, untagged, "Hi from spam") == "INBOX", "lists apply to tagged users only"

    assert client.get("/domainaccess/STAFF/block").json() == {
        "success": True, "results": [{"id": blocked["id"], "domain": "spam.example", "action": "block"}]}
    assert [r["domain"] for r in client.get("/domainaccess/staff/allow").json()["results"]] == ["partner.example"]
    moved = client.post("/domainaccess/staff/allow", json={"domain": "spam.example"}).json()
    assert moved["id"] == blocked["id"] and client.get("/domainaccess/staff/block").json()["results"] == []
    _deliver(client, "tagged@corp.example", "x@spam.example", "Now allowed")
    assert _mailbox_of(client, user, "Now allowed") == "INBOX"

    assert client.delete(f"/domainaccess/{blocked['id']}").json() == {"success": True, "deleted": blocked["id"]}
    again = client.delete(f"/domainaccess/{blocked['id']}")
    assert (again.status_code, again.json()) == (404, {"error": "Domain was not found", "code": "DomainNotFound"})

    # as on the real server, a listing's tag is compared as written with the user's
    # lower-cased tags: one written with capitals never applies
    client.post("/domainaccess/Staff/block", json={"domain": "capitals.example"})
    _deliver(client, "tagged@corp.example", "x@capitals.example", "Capitals")
    assert _mailbox_of(client, user, "Capitals") == "INBOX"


def test_settings_list_the_real_keys_with_defaults_and_keep_what_is_set(client: httpx.Client) -> None:
    listed = client.get("/settings").json()["settings"]
    keys = [s["key"] for s in listed]
    assert keys == sorted(keys) and len(keys) == 16
    quota = next(s for s in listed if s["key"] == "const:max:storage")
    assert quota == {"key": "const:max:storage", "value": 1073741824, "name": "Disk quota",
                     "description": "Maximum allowed storage size in bytes", "default": 1073741824, "type": "size", "custom": False}

    assert client.post("/settings/const:max:storage", json={"value": "2048"}).json() == {"success": True, "key": "const:max:storage"}
    assert client.get("/settings/const:max:storage").json() == {"success": True, "key": "const:max:storage", "value": 2048}
    client.post("/settings/const:domaincache:enabled", json={"value": "true"})
    assert client.get("/settings/const:domaincache:enabled").json()["value"] is True
    filtered = client.get("/settings", params={"filter": "STORAGE"}).json()
    assert filtered["filter"] == "STORAGE"
    assert [s["key"] for s in filtered["settings"] if s["custom"]] == ["const:max:storage"]

    assert client.get("/settings/no:such:key").json() == {"success": False, "key": "no:such:key", "error": "Key was not found"}
    refused = client.post("/settings/const:max:filters", json={"value": "many"})
    assert refused.status_code == 400 and refused.json()["code"] == "InputValidationError"
    assert client.post("/settings/const:sender:defer_times", json={"value": "5m, 1h"}).status_code == 200
    assert client.post("/settings/const:sender:defer_times", json={"value": "soon"}).status_code == 400
    assert client.post("/settings/no:such:key", json={"value": 1}).status_code == 400


def test_health_and_what_a_user_token_may_do(client: httpx.Client) -> None:
    assert client.get("/health").json() == {"success": True}
    _user(client, "wd-domains-token", "token@corp.example")
    token = client.post("/authenticate", json={"username": "wd-domains-token", "password": "secret-pass-1", "token": True}).json()["token"]
    as_user = {"X-Access-Token": token}
    assert client.get("/health", headers=as_user).json() == {"success": True}
    for path in ("/domainaliases", "/dkim", "/certs", "/domainaccess/staff/allow", "/settings"):
        refused = client.get(path, headers=as_user)
        assert (refused.status_code, refused.json()["code"]) == (403, "MissingPrivileges"), path


@pytest.mark.parametrize("path", ["/domainaliases/zzz", "/dkim/123", "/certs/not-an-id", "/domainaccess/abc"])
def test_ids_are_checked_before_lookups(client: httpx.Client, path: str) -> None:
    answer = client.delete(path) if path.startswith("/domainaccess") else client.get(path)
    assert answer.status_code == 400 and answer.json()["code"] == "InputValidationError"
