"""``POST /preauth``, ``POST /authenticate``, ``DELETE /authenticate`` and the auth log."""

from __future__ import annotations

from typing import Any

from ..access.caller import current_caller
from ..access.rights import endpoint
from ..access.tokens import revoke
from ..accounts.users import get_user
from ..context import Context
from ..errors import fail
from ..paging import paginate
from .authenticate import authenticate as authenticate_user
from .authenticate import preauth as preauth_user
from .authlog import event_view, events_of


@endpoint
def preauth(body: dict[str, Any]) -> dict[str, Any]:
    return preauth_user(Context.current(), body)


@endpoint
def authenticate(body: dict[str, Any]) -> dict[str, Any]:
    return authenticate_user(Context.current(), body)


@endpoint
def invalidate_token() -> dict[str, Any]:
    """Drops the user token the call came with; with the master token or none, nothing to drop."""
    token = current_caller().token
    if token is not None:
        revoke(Context.current(), token)
    return {"success": True}


@endpoint
def list_authlog(
    user_id: str,
    action: str | None = None,
    filterip: str | None = None,
    limit: int = 20,
    next_: str | None = None,
    previous: str | None = None,
    sess: str | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    ctx = Context.current()
    owner = get_user(ctx, user_id)
    action = (action or "").strip().lower() or None
    events = events_of(ctx, owner.id, action=action, ip=filterip or ip, sess=sess)
    listing = paginate(events, lambda event: event.id, limit=limit, next_cursor=next_, previous_cursor=previous, descending=True)
    return listing.answer(event_view, echo={"action": action})


@endpoint
def get_authlog_event(user_id: str, event_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    owner = get_user(ctx, user_id)
    event = ctx.state.authlog.get(event_id.lower())
    if event is None or event.user != owner.id or event.expires <= ctx.now:
        fail(404, "Event was not found", "EventNotFound")
    return {"success": True, **event_view(event)}
