"""``/addresses`` and ``/users/{user}/addresses``."""

from __future__ import annotations

from typing import Any

from ..access.caller import current_caller
from ..access.rights import endpoint
from ..accounts.users import get_user, split_tags
from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from ..flags import flag
from ..paging import paginate
from ..state import ForwardedAddress
from . import forwarded, register, rename, resolution, user_addresses


@endpoint
def search_addresses(
    query: str | None = None,
    tags: str | None = None,
    required_tags: str | None = None,
    meta_data: bool = False,
    internal_data: bool = False,
    limit: int = 20,
    page: int = 1,
    next_: str | None = None,
    previous: str | None = None,
    sess: str | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    ctx = Context.current()
    query = query.strip().lower() if query and query.strip() else None
    caller = current_caller()  # a user token finds its own addresses only
    found = [record for record in user_addresses.search(ctx, query, split_tags(tags), split_tags(required_tags)) if caller.may_touch(getattr(record, "user", ""))]
    listing = paginate(found, lambda record: record.addrview, limit=limit, page=page, next_cursor=next_, previous_cursor=previous)
    return listing.answer(lambda record: user_addresses.listing_view(record, with_meta=meta_data, with_internal=internal_data),
                          echo={"query": query})


@endpoint
def list_user_addresses(
    user_id: str, meta_data: bool = False, internal_data: bool = False, sess: str | None = None, ip: str | None = None
) -> dict[str, Any]:
    ctx = Context.current()
    owner = get_user(ctx, user_id)
    return {
        "success": True,
        "results": [
            user_addresses.user_address_view(owner, record, with_meta=meta_data, with_internal=internal_data)
            for record in ctx.state.addresses_of(owner.id)
        ],
    }


@endpoint
def get_user_address(user_id: str, address_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    owner, record = user_addresses.get(Context.current(), user_id, address_id, "Invalid or unknown address")
    return {"success": True, **user_addresses.user_address_view(owner, record, with_meta=True, with_internal=True)}


@endpoint
def add_user_address(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    record = user_addresses.add(Context.current(), user_id, body)
    return {"success": True, "id": record.id}


@endpoint
def update_user_address(user_id: str, address_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    user_addresses.update(Context.current(), user_id, address_id, body or {})
    return {"success": True}


@endpoint
def delete_user_address(user_id: str, address_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    user_addresses.delete(Context.current(), user_id, address_id)
    return {"success": True}


@endpoint
def create_forwarded(body: dict[str, Any]) -> dict[str, Any]:
    record = forwarded.create(Context.current(), body)
    return {"success": True, "id": record.id}


@endpoint
def get_forwarded(address_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    return forwarded.view(ctx, forwarded.get(ctx, address_id, "Invalid or unknown address"))


@endpoint
def update_forwarded(address_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    forwarded.update(Context.current(), address_id, body or {})
    return {"success": True}


@endpoint
def delete_forwarded(address_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    forwarded.delete(Context.current(), address_id)
    return {"success": True}


@endpoint
def resolve_address(address: str, allow_wildcard: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    """By id (24 hex digits) or by address (wildcards only with ``allowWildcard``)."""
    ctx = Context.current()
    if "@" in address:
        record = resolution.resolve(ctx, address, wildcard=flag(allow_wildcard))
    else:
        record = ctx.state.addresses.get(address.lower()) or ctx.state.forwarded.get(address.lower())
    if record is None:
        fail(404, "Invalid or unknown address", "AddressNotFound")
    if isinstance(record, ForwardedAddress):
        return forwarded.view(ctx, record, name_default="")
    answer: dict[str, Any] = {"success": True, "id": record.id, "address": record.address, "user": record.user,
                              "tags": list(record.tags), "created": iso_ms(record.created)}
    if record.meta_data:
        answer["metaData"] = record.meta_data
    if record.internal_data:
        answer["internalData"] = record.internal_data
    return answer


@endpoint
def rename_domain(body: dict[str, Any]) -> dict[str, Any]:
    return rename.rename_domain(Context.current(), body["oldDomain"], body["newDomain"])


@endpoint
def list_address_register(user_id: str, query: str, limit: int = 20, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    owner = get_user(ctx, user_id)
    return {"success": True, "results": [register.view(entry) for entry in register.search(ctx, owner.id, query.strip(), limit)]}


@endpoint
def update_address_register(user_id: str, entry_id: str, body: dict[str, Any], sess: str | None = None,
                            ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    owner = get_user(ctx, user_id)
    return {"success": register.update(ctx, owner.id, entry_id, body)}
