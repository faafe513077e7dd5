"""The real server's event names (``lib/events.js``) and :func:`publish`, which every place
that changes something a webhook may watch calls, as the real code calls its ``publish``.

An event is ``{time, ev, ...payload}`` (``time`` in epoch milliseconds); each matching
webhook gets it with its own ``id`` (``<ObjectId>:<n>``, n counting the webhooks the event
went to), as the real webhooks worker sends it. Delivery happens later, off the request
(see delivery.py), so publishing costs the request only the matching.
"""

from __future__ import annotations

from typing import Any

from ..context import Context
from . import delivery, registry

DKIM_CREATED = "dkim.created"
DKIM_UPDATED = "dkim.updated"
DKIM_DELETED = "dkim.deleted"
CERT_CREATED = "cert.created"
CERT_UPDATED = "cert.updated"
CERT_DELETED = "cert.deleted"
DOMAINALIAS_CREATED = "domainalias.created"
DOMAINALIAS_DELETED = "domainalias.deleted"
ADDRESS_USER_CREATED = "address.user.created"
ADDRESS_USER_DELETED = "address.user.deleted"
ADDRESS_FORWARDED_CREATED = "address.forwarded.created"
ADDRESS_FORWARDED_DELETED = "address.forwarded.deleted"
ADDRESS_DOMAIN_RENAMED = "address.domain.renamed"
FILTER_DELETED = "filter.deleted"
FILTER_CREATED = "filter.created"
ASP_CREATED = "asp.created"
ASP_DELETED = "asp.deleted"
USER_CREATED = "user.created"
USER_PASSWORD_CHANGED = "user.password.changed"
USER_DELETE_STARTED = "user.delete.started"
USER_DELETE_COMPLETED = "user.delete.completed"
USER_DELETE_CANCELLED = "user.delete.cancelled"
AUTOREPLY_USER_ENABLED = "autoreply.user.enabled"
AUTOREPLY_USER_DISABLED = "autoreply.user.disabled"
MFA_TOTP_ENABLED = "mfa.totp.enabled"
MFA_TOTP_DISABLED = "mfa.totp.disabled"
MFA_CUSTOM_ENABLED = "mfa.custom.enabled"
MFA_CUSTOM_DISABLED = "mfa.custom.disabled"
MFA_FIDO_REGISTERED = "mfa.webauthn.registered"
MFA_FIDO_REMOVED = "mfa.webauthn.removed"
MFA_DISABLED = "mfa.disabled"
MAILBOX_CREATED = "mailbox.created"
MAILBOX_RENAMED = "mailbox.renamed"
MAILBOX_DELETED = "mailbox.deleted"
MARKED_SPAM = "marked.spam"
MARKED_HAM = "marked.ham"
FORWARD_ADDED = "forward added"


def publish(ctx: Context, event: str, payload: dict[str, Any] | None = None, **fields: Any) -> None:
    """Send ``event`` with ``payload`` (and/or keyword fields) to every matching webhook.
    ``user`` in the payload narrows the webhooks to that user's and user-less ones."""
    data: dict[str, Any] = {"time": int(ctx.now.timestamp() * 1000), "ev": event, **(payload or {}), **fields}
    hooks = registry.matching(ctx, event, data.get("user"))
    if not hooks:
        return
    batch = ctx.object_id()
    for count, webhook in enumerate(hooks, start=1):
        delivery.submit(ctx, webhook, {"id": f"{batch}:{count}", **data})
