"""Webhooks are really called: a receiver on 127.0.0.1 gets the real event payloads; a
failing receiver is retried, then given up; a slow one blocks no request; the request
journal records each attempt. The mock runs here with short retry waits."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pyotp
import pytest

from mock_server.apis.wildduck.config import WildDuckConfig
from mock_server.settings import Settings
from tests.support.live_server import LiveServer

ATTEMPTS = 3


class Receiver:
    """A tiny HTTP server on a free loopback port that records what is POSTed to it and
    answers ``status`` after ``delay`` seconds."""

    def __init__(self, status: int = 204, delay: float = 0.0) -> None:
        self.received: list[dict[str, Any]] = []
        self.agents: list[str] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                time.sleep(delay)
                with receiver.arrived:
                    receiver.received.append(body)
                    receiver.agents.append(self.headers["User-Agent"])
                    receiver.arrived.notify_all()
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/hook"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.received) >= count, timeout), self.received
            return list(self.received)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def fast_server() -> Iterator[LiveServer]:
    config = WildDuckConfig(webhook_attempts=ATTEMPTS, webhook_backoff_seconds=0.05, webhook_timeout_seconds=5)
    with LiveServer(Settings(seed=7, apis={"wildduck": config})) as live:
        yield live


@pytest.fixture
def api(fast_server: LiveServer, namespace: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fast_server.url, headers={"X-Mock-Namespace": namespace}, timeout=30) as http:
        yield http


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    yield made
    made.close()


def _user_with_message(api: httpx.Client, name: str) -> dict[str, Any]:
    user = api.post("/users", json={"username": name, "password": "secret-pass-1"}).json()["id"]
    address = api.get(f"/users/{user}").json()["address"]
    raw = (f"From: Ann Example <ann@example.org>\r\nTo: {address}\r\nCc: Cy <cy@example.org>\r\n"
           "Message-ID: <offer-1@example.org>\r\nSubject: Cheap offer\r\n\r\nBuy now\r\n")
    api.post("/_mock/inbound", json={"to": [address], "raw": raw})
    boxes = {m["path"]: m["id"] for m in api.get(f"/users/{user}/mailboxes").json()["results"]}
    return {"id": user, "address": address, "boxes": boxes}


def _journal_notes(api: httpx.Client, url: str) -> list[str]:
    entries = api.get("/_mock/journal", params={"limit": 200}).json()["entries"]
    return [note for e in entries if e["api"] == "wildduck-webhook" and e["path"] == url for note in e["notes"]]


def test_a_webhook_for_message_events_receives_the_real_payload(api: httpx.Client, receiver: Receiver) -> None:
    ann = _user_with_message(api, "hook.ann")
    other = Receiver()
    try:
        api.post("/webhooks", json={"type": ["marked.*"], "user": ann["id"], "url": receiver.url})
        api.post("/webhooks", json={"type": ["mailbox.*"], "url": other.url})  # not a message event
        inbox, junk = ann["boxes"]["INBOX"], ann["boxes"]["Junk"]
        moved = api.put(f"/users/{ann['id']}/mailboxes/{inbox}/messages", json={"message": "1", "moveTo": junk})
        assert moved.json()["id"] == [[1, 1]]
        spam = receiver.wait_for(1)[0]
        assert list(spam) == ["id", "time", "ev", "user", "mailbox", "message", "from", "to", "cc",
                              "messageId", "subject", "date"]
        assert re.fullmatch(r"[0-9a-f]{24}:1", spam["id"]) and isinstance(spam["time"], int)
        assert spam | {"id": None, "time": None, "date": None} == {
            "id": None, "time": None, "ev": "marked.spam", "user": ann["id"], "mailbox": junk, "message": 1,
            "from": {"name": "Ann Example", "address": "ann@example.org"},
            "to": [{"name": "", "address": ann["address"]}], "cc": [{"name": "Cy", "address": "cy@example.org"}],
            "messageId": "<offer-1@example.org>", "subject": "Cheap offer", "date": None}
        assert receiver.agents[0] == "wildduck/1.46.1"
        api.put(f"/users/{ann['id']}/mailboxes/{junk}/messages", json={"message": "1:*", "moveTo": inbox})
        ham = receiver.wait_for(2)[1]
        assert (ham["ev"], ham["mailbox"], ham["message"]) == ("marked.ham", inbox, 2)
        time.sleep(0.3)
        assert other.received == []
        assert any(note.endswith("attempt 1/3: delivered") and "marked.spam" in note
                   for note in _journal_notes(api, receiver.url))
    finally:
        other.close()


def test_account_and_mailbox_events_reach_matching_webhooks(api: httpx.Client, receiver: Receiver) -> None:
    api.post("/webhooks", json={"type": ["user.created", "mailbox.*", "address.user.created"], "url": receiver.url})
    user = api.post("/users", json={"username": "hook.bob", "password": "secret-pass-1"}).json()["id"]
    folder = api.post(f"/users/{user}/mailboxes", json={"path": "Receipts"}).json()["id"]
    api.put(f"/users/{user}/mailboxes/{folder}", json={"path": "Bills"})
    api.delete(f"/users/{user}/mailboxes/{folder}")
    api.post(f"/users/{user}/addresses", json={"address": "bob.alias@example.com"})
    events = receiver.wait_for(5)
    assert [e["ev"] for e in events] == ["user.created", "mailbox.created", "mailbox.renamed", "mailbox.deleted",
                                         "address.user.created"]
    assert events[0]["username"] == "hook.bob" and events[0]["user"] == user
    assert events[2]["previous"] == "Receipts" and events[2]["current"] == "Bills"
    assert events[4]["value"] == "bob.alias@example.com"


def test_a_failing_receiver_is_retried_then_given_up_and_nothing_blocks(api: httpx.Client) -> None:
    failing, slow = Receiver(status=500), Receiver(delay=1.5)
    try:
        api.post("/webhooks", json={"type": ["*"], "url": failing.url})
        api.post("/webhooks", json={"type": ["*"], "url": slow.url})
        user = api.post("/users", json={"username": "hook.cy", "password": "secret-pass-1"}).json()["id"]
        started = time.monotonic()
        assert api.post(f"/users/{user}/mailboxes", json={"path": "Later"}).status_code == 200
        assert time.monotonic() - started < 1.0, "the request does not wait for the receivers"
        assert len(failing.wait_for(2 * ATTEMPTS)) == 2 * ATTEMPTS  # user.created and mailbox.created, 3 tries each
        time.sleep(0.3)
        assert len(failing.received) == 2 * ATTEMPTS, "no tries after giving up"
        notes = _journal_notes(api, failing.url)
        assert sum("given up" in note for note in notes) == 2
        assert any("attempt 1/3: HTTP 500; retrying" in note for note in notes)
        assert [e["ev"] for e in slow.wait_for(2)] == ["user.created", "mailbox.created"]
    finally:
        failing.close()
        slow.close()


def test_an_unreachable_receiver_is_given_up_and_a_410_removes_the_webhook(api: httpx.Client) -> None:
    gone = Receiver(status=410)
    try:
        closed = Receiver()
        closed.close()  # nothing listens there any more
        api.post("/webhooks", json={"type": ["user.*"], "url": closed.url})
        hook = api.post("/webhooks", json={"type": ["user.*"], "url": gone.url}).json()["id"]
        api.post("/users", json={"username": "hook.dan", "password": "secret-pass-1"})
        gone.wait_for(1)
        deadline = time.monotonic() + 10
        while not any("given up" in n for n in _journal_notes(api, closed.url)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any("given up" in n for n in _journal_notes(api, closed.url))
        assert hook not in [w["id"] for w in api.get("/webhooks").json()["results"]]
    finally:
        gone.close()


def test_webhooks_are_listed_filtered_and_removed(api: httpx.Client, receiver: Receiver) -> None:
    ann = api.post("/users", json={"username": "hook.eve", "password": "secret-pass-1"}).json()["id"]
    everyone = api.post("/webhooks", json={"type": [" Mailbox.* "], "url": receiver.url}).json()["id"]
    own = api.post("/webhooks", json={"type": ["marked.spam"], "user": ann, "url": "https://hooks.example.com/x"}).json()["id"]
    listed = api.get("/webhooks").json()
    assert listed["user"] is None and listed["total"] == 2
    assert listed["results"][0] == {"id": everyone, "type": ["mailbox.*"], "user": None, "url": receiver.url}
    assert [w["id"] for w in api.get("/webhooks", params={"type": "marked.spam"}).json()["results"]] == [own]
    assert [w["id"] for w in api.get("/webhooks", params={"user": ann}).json()["results"]] == [own]
    token = api.post("/authenticate", json={"username": "hook.eve", "password": "secret-pass-1", "token": True}).json()["token"]
    as_ann = {"X-Access-Token": token}
    assert [w["id"] for w in api.get("/webhooks", headers=as_ann).json()["results"]] == [own]
    assert api.post("/webhooks", headers=as_ann, json={"type": ["*"], "url": receiver.url}).status_code == 403
    assert api.post("/webhooks", json={"type": ["*"], "user": "c" * 24, "url": receiver.url}).json()["code"] == "UserNotFound"
    assert api.post("/webhooks", json={"type": ["*"], "url": "ftp://example.com"}).status_code == 400
    assert api.delete(f"/webhooks/{own}").json() == {"success": True}
    missing = api.delete(f"/webhooks/{own}")
    assert (missing.status_code, missing.json()) == (404, {"error": "Invalid or unknown webhook identifier", "code": "WebhookNotFound"})


def test_domain_address_and_security_events_carry_the_real_payloads(api: httpx.Client, receiver: Receiver) -> None:
    """The events of ``lib/events.js`` beyond mail: DKIM keys, certificates, domain aliases,
    forwarded addresses, a domain rename, application passwords, a password change and every
    2FA change, each with the fields the real ``publish`` call sends."""
    from tests.test_wildduck_domains_keys import _certificate
    from tests.test_wildduck_webauthn import register
    from mock_server.apis.wildduck.twofa.soft_authenticator import SoftAuthenticator

    api.put("/_mock/clock", json={"now": "2031-05-01T12:00:00Z"})
    api.post("/webhooks", json={"type": ["*"], "url": receiver.url})
    dkim = api.post("/dkim", json={"domain": "hooks.example", "selector": "s1"}).json()
    api.post("/dkim", json={"domain": "hooks.example", "selector": "s2"})
    api.delete(f"/dkim/{dkim['id']}")
    cert_pem, key_pem, _expires = _certificate(["mail.hooks.example"])
    cert = api.post("/certs", json={"servername": "mail.hooks.example", "cert": cert_pem, "privateKey": key_pem}).json()
    api.post("/certs", json={"servername": "mail.hooks.example", "cert": cert_pem, "privateKey": key_pem})
    api.delete(f"/certs/{cert['id']}")
    alias = api.post("/domainaliases", json={"alias": "alias.hooks.example", "domain": "hooks.example"}).json()["id"]
    api.delete(f"/domainaliases/{alias}")
    forwarded = api.post("/addresses/forwarded", json={"address": "list@hooks.example", "targets": ["a@example.org"]}).json()["id"]
    api.delete(f"/addresses/forwarded/{forwarded}")
    api.put("/addresses/renameDomain", json={"oldDomain": "hooks.example", "newDomain": "hooks.example.net"})
    user = api.post("/users", json={"username": "hook.sec", "password": "secret-pass-1"}).json()["id"]
    asp = api.post(f"/users/{user}/asps", json={"description": "phone", "scopes": ["imap"]}).json()["id"]
    api.delete(f"/users/{user}/asps/{asp}")
    api.put(f"/users/{user}", json={"password": "secret-pass-2"})
    seed = api.post(f"/users/{user}/2fa/totp/setup", json={"issuer": "Hooks"}).json()["seed"]
    code = pyotp.TOTP(seed).at(datetime(2031, 5, 1, 12, 0, tzinfo=timezone.utc))
    assert api.post(f"/users/{user}/2fa/totp/enable", json={"token": code}).json() == {"success": True}
    api.delete(f"/users/{user}/2fa/totp")
    api.put(f"/users/{user}/2fa/custom", json={})
    api.delete(f"/users/{user}/2fa/custom")
    credential = register(api, user, SoftAuthenticator())
    api.delete(f"/users/{user}/2fa/webauthn/credentials/{credential['id']}")
    api.delete(f"/users/{user}/2fa")

    expected = ["dkim.created", "dkim.updated", "dkim.deleted", "cert.created", "cert.updated", "cert.deleted",
                "domainalias.created", "domainalias.deleted", "address.forwarded.created", "address.forwarded.deleted",
                "address.domain.renamed", "user.created", "asp.created", "asp.deleted", "user.password.changed",
                "mfa.totp.enabled", "mfa.totp.disabled", "mfa.custom.enabled", "mfa.custom.disabled",
                "mfa.webauthn.registered", "mfa.webauthn.removed", "mfa.disabled"]
    events = {e["ev"]: e for e in receiver.wait_for(len(expected))}
    assert [e["ev"] for e in receiver.received] == expected
    strip = lambda event: {k: v for k, v in event.items() if k not in ("id", "time", "ev")}  # noqa: E731
    assert strip(events["dkim.created"]) == {"dkim": dkim["id"], "domain": "hooks.example", "selector": "s1",
                                             "fingerprint": dkim["fingerprint"]}
    assert strip(events["dkim.updated"])["selector"] == "s2"
    assert strip(events["cert.created"]) == {"cert": cert["id"], "servername": "mail.hooks.example",
                                             "fingerprint": cert["fingerprint"]}
    assert strip(events["domainalias.created"]) == {"domainalias": alias, "alias": "alias.hooks.example", "domain": "hooks.example"}
    assert strip(events["address.forwarded.deleted"]) == {"address": forwarded, "value": "list@hooks.example"}
    assert strip(events["address.domain.renamed"]) == {"previous": "hooks.example", "current": "hooks.example.net"}
    assert strip(events["asp.created"]) == {"user": user, "asp": asp, "description": "phone"}
    for name in ("user.password.changed", "mfa.totp.enabled", "mfa.custom.disabled", "mfa.disabled"):
        assert strip(events[name]) == {"user": user}
    assert strip(events["mfa.webauthn.registered"]) == {"user": user, "credential": {
        "id": credential["id"], "rawId": credential["rawId"], "description": "YubiKey",
        "authenticatorAttachment": credential["authenticatorAttachment"]}}
    assert strip(events["mfa.webauthn.removed"]) == {"user": user, "credential": credential["id"]}
