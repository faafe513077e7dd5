"""``/webhooks``: list, register, remove.

A user token lists only its own user's webhooks (the real role ``user`` has
``read:own``) and may not register or remove any (see access/roles.py)."""

from __future__ import annotations

from typing import Any

from connexion import request

from ..access.caller import current_caller
from ..access.rights import endpoint
from ..context import Context
from ..paging import paginate
from . import registry


@endpoint
def list_webhooks(type_: str | None = None, limit: int = 20, next_: str | None = None, previous: str | None = None,
                  sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    """Echoes ``type`` and ``user`` back, as the real answer does. The ``user`` query value is
    read from the request: Connexion's security puts its own ``user`` argument in its place."""
    ctx = Context.current()
    caller = current_caller()
    user = request.query_params.get("user")
    owner = caller.user if not caller.is_root else (user.lower() if user else None)
    wanted = type_.strip().lower() if type_ and type_.strip() else None
    found = registry.listing(ctx, wanted, owner)
    listed = paginate(found, key=lambda w: w.id, limit=limit, page=1, next_cursor=next_, previous_cursor=previous,
                      descending=False)
    answer: dict[str, Any] = {"success": True}
    if wanted:
        answer["type"] = wanted
    answer["user"] = owner
    return {**answer, **listed.envelope(registry.view)}


@endpoint
def create_webhook(body: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "id": registry.create(Context.current(), body).id}


@endpoint
def delete_webhook(webhook_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    registry.delete(Context.current(), webhook_id)
    return {"success": True}
