"""Audits: a copy of one user's mail over a time range, exported as a real mbox file that
Python's ``mailbox`` module reads back."""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx


def _deliver(client: httpx.Client, address: str, subject: str, body: str = "Hello\r\n") -> None:
    raw = f"From: Ann <ann@example.org>\r\nTo: {address}\r\nSubject: {subject}\r\nStatus: RO\r\n\r\n{body}"
    assert client.post("/_mock/inbound", json={"to": [address], "raw": raw, "from": "ann@example.org"}).json()["delivered"]


def test_an_audit_exports_the_users_mail_as_an_mbox(client: httpx.Client, tmp_path: Path) -> None:
    user = client.post("/users", json={"username": "audited", "password": "secret-pass-1"}).json()["id"]
    address = client.get(f"/users/{user}").json()["address"]
    _deliver(client, address, "Quarterly numbers", "See below.\r\nFrom the desk of Ann\r\n>From quoted\r\n")
    _deliver(client, address, "Gone later")
    inbox = client.get(f"/users/{user}/mailboxes").json()["results"][0]["id"]
    client.delete(f"/users/{user}/mailboxes/{inbox}/messages/2")  # archived messages are audited too
    expires = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    created = client.post("/audit", json={"user": user, "expires": expires, "start": False})
    assert created.status_code == 200
    audit = created.json()["id"]
    info = client.get(f"/audit/{audit}").json()
    assert info["user"] == user and info["start"] is None and info["end"] is None
    assert info["import"] == {"status": "imported", "failed": 0, "copied": 2}

    export = client.get(f"/audit/{audit}/export.mbox")
    assert export.headers["content-type"] == "application/octet-stream"
    assert export.headers["content-disposition"] == "attachment; filename=export.mbox"
    assert b"\r\n" not in export.content and export.content.startswith(b"From ann@example.org ")
    path = tmp_path / "export.mbox"
    path.write_bytes(export.content)
    messages = list(mailbox.mbox(str(path)))
    assert [m["Subject"] for m in messages] == ["Quarterly numbers", "Gone later"]
    assert messages[0]["X-Export-Mailbox"] == "INBOX" and messages[1]["X-Export-Mailbox"] is None
    assert messages[0]["Status"] is None, "mbox bookkeeping headers are removed"
    assert messages[0].get_payload() == "See below.\n>From the desk of Ann\n>>From quoted\n"


def test_the_range_limits_what_is_copied_and_bad_audits_are_refused(client: httpx.Client) -> None:
    user = client.post("/users", json={"username": "audited.two", "password": "secret-pass-1"}).json()["id"]
    address = client.get(f"/users/{user}").json()["address"]
    _deliver(client, address, "Old news")
    now = datetime.now(timezone.utc)
    expires = (now + timedelta(days=1)).isoformat()
    later = client.post("/audit", json={"user": user, "start": (now + timedelta(hours=1)).isoformat(), "expires": expires})
    assert client.get(f"/audit/{later.json()['id']}").json()["import"]["copied"] == 0
    assert client.get(f"/audit/{later.json()['id']}/export.mbox").content == b""
    past = client.post("/audit", json={"user": user, "expires": (now - timedelta(days=1)).isoformat()})
    assert past.status_code == 400 and past.json()["details"] == {"expires": '"expires" must be greater than "now"'}
    assert client.post("/audit", json={"user": "d" * 24, "expires": expires}).json()["code"] == "UserNotFound"
    missing = client.get(f"/audit/{'e' * 24}")
    assert (missing.status_code, missing.json()) == (404, {"error": "Audit not found", "code": "AuditNotFoundError"})
    assert client.get(f"/audit/{'e' * 24}/export.mbox").status_code == 404
