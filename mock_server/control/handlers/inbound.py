"""Deliver a message from outside, as an MTA would, to the APIs that keep mailboxes."""

from __future__ import annotations

from typing import Any

from ...outbox import compose
from ...world import current_world


def deliver(body: dict[str, Any]) -> dict[str, Any]:
    world = current_world()
    recipients = body["to"]
    raw = body.get("raw")
    if raw is None:
        ids = world.random("inbound")
        raw = compose(
            sender=("", body.get("from", "sender@example.com")),
            to=[("", address) for address in recipients],
            subject=body.get("subject", ""),
            text=body.get("text", ""),
            html=body.get("html"),
            message_id=f"<{ids.hex(24)}@inbound.mock.invalid>",
            boundary=lambda: f"=_{ids.hex(32)}",
            date=world.now(),
        )
    delivered = world.deliver(raw, recipients)
    return {"delivered": delivered, "undeliverable": [a for a in recipients if a not in delivered]}
