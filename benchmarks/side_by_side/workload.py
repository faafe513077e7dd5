"""The requests measured: what a frontend and a CI job send most, one per API, plus a WildDuck
list page and a WildDuck write."""

from __future__ import annotations

import base64
import json
import urllib.request
from dataclasses import dataclass, field

RETARUS_ADMIN = "Basic " + base64.b64encode(b"continuity-admin:Continuity2024!").decode()


@dataclass(frozen=True)
class Request:
    key: str
    title: str
    method: str
    path: str
    document: str
    """The spec a Prism process serves for this request."""
    base_path: str
    """Where the mock mounts that document; Prism serves it at the root, so it is cut off there."""
    headers: dict[str, str] = field(default_factory=dict)
    bodies: tuple[str, ...] = ()
    """Bodies sent in turn (a write that must change something each time alternates two)."""


    def path_on(self, server: str) -> str:
        return self.path.removeprefix(self.base_path) if server == "prism" else self.path


FIRST_CALL = Request("wildduck-users", "WildDuck GET /users", "GET", "/users", "wildduck.yaml", "")
"""What a new namespace is first asked (its ids differ from the default namespace's)."""


def requests_for(base: str) -> list[Request]:
    """Concrete requests against the mock's seeded data (namespace ``default``, seed 1)."""
    wildduck = _json(base + "/_mock/fixtures/wildduck")
    user = wildduck["users"][0]["id"]
    mailboxes = _json(f"{base}/users/{user}/mailboxes")["results"]
    inbox = next(m["id"] for m in mailboxes if m["path"] == "INBOX")
    listing = _json(f"{base}/users/{user}/mailboxes/{inbox}/messages?limit=20")
    uid = listing["results"][0]["id"]
    return [
        Request("wildduck-user", "WildDuck GET /users/{id}", "GET", f"/users/{user}", "wildduck.yaml", ""),
        Request("wildduck-page", "WildDuck GET a page of 20 INBOX messages", "GET",
                f"/users/{user}/mailboxes/{inbox}/messages?limit=20", "wildduck.yaml", ""),
        Request("wildduck-flag", "WildDuck PUT a message's flags (write)", "PUT",
                f"/users/{user}/mailboxes/{inbox}/messages/{uid}", "wildduck.yaml", "",
                {"Content-Type": "application/json"}, ('{"flagged": true}', '{"flagged": false}')),
        Request("retarus-list", "Retarus GET /{customer} (Basic auth)", "GET", "/email/continuity/v2/44444",
                "retarus-email-continuity.yaml", "/email/continuity/v2", {"Authorization": RETARUS_ADMIN}),
        Request("send-email", "Send Email POST (SHIFT, TEST mail)", "POST", "/auth/realms/demo/mail/test",
                "send-email-shift.yaml", "/auth/realms",
                {"Content-Type": "application/json", "Authorization": f"Bearer {_send_email_token(base)}"},
                (json.dumps({"mailType": "TEST"}),)),
    ]


def _send_email_token(base: str) -> str:
    tenant = next(t for t in _json(base + "/_mock/fixtures/send-email")["tenants"] if t["id"] == "demo")
    return next(u for u in tenant["users"] if u["exists"])["tokens"][0]["accessToken"]


def _json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)
