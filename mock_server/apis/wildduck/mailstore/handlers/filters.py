"""``/users/{user}/filters``: rules delivery applies to incoming mail.

One filter is looked up by (user, id), as on the real server, so an unknown user is 404
``FilterNotFound`` there; listing and creating check the user first (``UserNotFound``)."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...access.caller import current_caller
from ...accounts.users import get_user
from ...context import Context
from ...paging import paginate_keys
from .. import filters


@endpoint
def list_filters(user_id: str, meta_data: bool = False, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    records = filters.of_user(ctx, get_user(ctx, user_id).id)
    return {"success": True, "limits": {"allowed": ctx.config.max_filters_per_user, "used": len(records)},
            "results": [filters.listing_item(ctx, f, with_meta=meta_data) for f in records]}


@endpoint
def list_all_filters(forward: str | None = None, meta_data: bool = False, limit: int = 20, next_: str | None = None,
                     previous: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    """Every user's filters by id (a user token: its own), ``forward`` a case-sensitive part
    of a forward target, as the real query (a regex without the ``i`` option) matches. Read
    from the filter index: a page of all filters, or only those that forward when
    ``forward`` is given (see ``filters.listed_ids``)."""
    ctx = Context.current()
    caller = current_caller()
    keys = filters.listed_ids(ctx, None if caller.is_root else caller.user, forward.strip() if forward else "")
    listed = paginate_keys(keys, limit=limit, next_cursor=next_, previous_cursor=previous)
    store = ctx.state.mail
    return {"success": True, **listed.envelope(lambda i: filters.global_listing_item(ctx, store.filters[i], with_meta=meta_data))}


@endpoint
def create_filter(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    ctx = Context.current()
    return {"success": True, "id": filters.create(ctx, get_user(ctx, user_id).id, body).id}


@endpoint
def get_filter(user_id: str, filter_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    return filters.view(ctx, filters.get(ctx, user_id.lower(), filter_id))


@endpoint
def update_filter(user_id: str, filter_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = Context.current()
    filters.update(ctx, user_id.lower(), filter_id, body or {})
    return {"success": True}


@endpoint
def delete_filter(user_id: str, filter_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    filters.delete(ctx, user_id.lower(), filter_id)
    return {"success": True}
