"""Register, list, remove webhooks, and find the ones an event goes to.

Matching is the real worker's: a webhook matches an event when one of its types is ``*``,
the event's name, or a prefix of it ending in ``.*`` (``mailbox.*`` for ``mailbox.created``),
and when it names the event's user or no user at all. Like the real worker, a deeper
prefix is spelled with commas (it joins an array into a string: ``user,delete.*`` for
``user.delete.started``), so only one-level prefixes (``user.*``) match in practice.
"""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..errors import fail, user_not_found
from .records import Webhook


def create(ctx: Context, body: dict[str, Any]) -> Webhook:
    user = body["user"].lower() if body.get("user") else None
    if user is not None and user not in ctx.state.users:
        user_not_found()
    types = [name.strip().lower() for name in body["type"]]
    webhook = Webhook(ctx.object_id(), types, user, body["url"], ctx.now)
    ctx.state.webhooks[webhook.id] = webhook
    return webhook


def listing(ctx: Context, type_: str | None, user: str | None) -> list[Webhook]:
    """``type`` is an exact match on one of the webhook's types (the real query is
    ``{type: value}`` on the array), ``user`` on its user; ordered by id."""
    return sorted((w for w in ctx.state.webhooks.values()
                   if (not type_ or type_ in w.type) and (not user or w.user == user)), key=lambda w: w.id)


def get(ctx: Context, webhook_id: str) -> Webhook:
    webhook = ctx.state.webhooks.get(webhook_id.lower())
    if webhook is None:
        fail(404, "Invalid or unknown webhook identifier", "WebhookNotFound")
    return webhook


def delete(ctx: Context, webhook_id: str) -> None:
    del ctx.state.webhooks[get(ctx, webhook_id).id]


def matching(ctx: Context, event: str, user: str | None) -> list[Webhook]:
    patterns = {"*", event}
    parts = event.split(".")[:-1]
    patterns.update(",".join(parts[:n]) + ".*" for n in range(1, len(parts) + 1))
    return [w for w in sorted(ctx.state.webhooks.values(), key=lambda w: w.id)
            if patterns.intersection(w.type) and (user is None or w.user in (user, None))]


def view(webhook: Webhook) -> dict[str, Any]:
    return {"id": webhook.id, "type": webhook.type, "user": webhook.user, "url": webhook.url}
