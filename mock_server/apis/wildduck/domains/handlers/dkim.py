"""``lib/api/dkim.js``: ``/dkim``."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...context import Context
from .. import dkim_keys


@endpoint
def list_dkim_keys(query: str | None = None, limit: int = 20, next_: str | None = None, previous: str | None = None,
                   sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    query = query.strip() if query and query.strip() else None
    return dkim_keys.listing(Context.current(), query, limit, next_, previous)


@endpoint
def update_dkim_key(body: dict[str, Any]) -> dict[str, Any]:
    return {**dkim_keys.set_key(Context.current(), body), "success": True}


@endpoint
def resolve_dkim(domain: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "id": dkim_keys.resolve(Context.current(), domain).id}


@endpoint
def get_dkim_key(dkim_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {**dkim_keys.view(dkim_keys.get(Context.current(), dkim_id)), "success": True}


@endpoint
def delete_dkim_key(dkim_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    dkim_keys.delete(Context.current(), dkim_id)
    return {"success": True}
