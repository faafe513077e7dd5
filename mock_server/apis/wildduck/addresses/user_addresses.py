"""A user's addresses: aliases unique across all users, one of them the main address."""

from __future__ import annotations

from typing import Any

from ..accounts import metadata
from ..accounts.users import clean_tags, ensure_address_free, get_user
from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from ..flags import flag
from ..state import Address, ForwardedAddress, User
from ..webhooks import events
from .addressing import addrview, normalize_address


def add(ctx: Context, user_id: str, body: dict[str, Any]) -> Address:
    body = metadata.read_fields(body)  # checked before the user is looked up, as on the real server
    user = get_user(ctx, user_id)
    address = normalize_address(body["address"])
    _check_special_characters(address, body)
    ensure_address_free(ctx, address)
    if len(ctx.state.addresses_of(user.id)) >= ctx.config.max_addresses_per_user:
        fail(403, f"A user may hold at most {ctx.config.max_addresses_per_user} addresses", "TooManyAddresses")
    record = Address(
        id=ctx.object_id(),
        user=user.id,
        address=address,
        addrview=addrview(address),
        created=ctx.now,
        name=body.get("name") or None,
        tags=clean_tags(body.get("tags") or []),
        meta_data=body.get("metaData") or {},
        internal_data=body.get("internalData") or {},
    )
    ctx.state.put_address(record)
    if (not user.address and "*" not in address) or flag(body.get("main")):
        user.address = record.address
    events.publish(ctx, events.ADDRESS_USER_CREATED, user=user.id, address=record.id, value=record.address)
    return record


def _check_special_characters(address: str, body: dict[str, Any]) -> None:
    """The real server's refusals, in its order: no ``+``; ``*`` only with ``allowWildcard``,
    once, and never in the main address."""
    if "+" in address:
        fail(400, "Address can not contain +", "InputValidationError")
    if "*" not in address:
        return
    if not flag(body.get("allowWildcard")):
        fail(400, "Address can not contain *", "InputValidationError")
    if address.count("*") > 1:
        fail(400, 'Invalid wildcard address, use "*@domain" or "user@*"', "InputValidationError")
    if flag(body.get("main")):
        fail(400, "Main address can not contain *", "InputValidationError")


def get(ctx: Context, user_id: str, address_id: str,
        unknown: str = "Invalid or unknown email address identifier") -> tuple[User, Address]:
    """The user's address; 404 ``AddressNotFound`` with the real route's text (reading
    says "Invalid or unknown address", changing and deleting say ``unknown``'s default)."""
    user = get_user(ctx, user_id)
    record = ctx.state.addresses.get(address_id.lower())
    if record is None or record.user != user.id:
        fail(404, unknown, "AddressNotFound")
    return user, record


def update(ctx: Context, user_id: str, address_id: str, body: dict[str, Any]) -> None:
    """Rename, name, tag, or make main (``main`` can only be set, never unset)."""
    body = metadata.read_fields(body)
    user, record = get(ctx, user_id, address_id)
    was_main = record.address == user.address
    if body.get("address"):
        rename(ctx, record, normalize_address(body["address"]))
    if body.get("name"):
        record.name = body["name"]
    if "tags" in body:
        record.tags = clean_tags(body["tags"])
    for field_name, attribute in (("metaData", "meta_data"), ("internalData", "internal_data")):
        if body.get(field_name):
            setattr(record, attribute, body[field_name])
    if body.get("main") or was_main:
        user.address = record.address


def rename(ctx: Context, record: Address | ForwardedAddress, address: str) -> None:
    """Give an address a new spelling; 400 ``AddressExistsError`` when another record has it."""
    holder = ctx.state.address_by_view(addrview(address))
    if holder is not None and holder.id != record.id:
        fail(400, "Address already exists", "AddressExistsError")
    ctx.state.readdress(record, address, addrview(address))


def delete(ctx: Context, user_id: str, address_id: str) -> None:
    user, record = get(ctx, user_id, address_id)
    if record.address == user.address:
        fail(400, "Can not delete main address", "NotPermitted")
    ctx.state.drop_address(record)
    events.publish(ctx, events.ADDRESS_USER_DELETED, user=user.id, address=record.id, value=record.address)


def search(ctx: Context, query: str | None, any_tags: list[str], all_tags: list[str]) -> list[Address | ForwardedAddress]:
    """Users' and forwarded addresses alike, as the real listing shows both."""

    def wanted(record: Address | ForwardedAddress) -> bool:
        tags = {tag.lower() for tag in record.tags}
        return (
            (not query or query in record.address)
            and (not all_tags or set(all_tags) <= tags)
            and (not any_tags or bool(tags & set(any_tags)))
        )

    records: list[Address | ForwardedAddress] = [*ctx.state.addresses.values(), *ctx.state.forwarded.values()]
    return [record for record in records if wanted(record)]


def user_address_view(user: User, record: Address, *, with_meta: bool = False, with_internal: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {"id": record.id}
    if record.name:
        view["name"] = record.name
    view.update(address=record.address, main=record.address == user.address, tags=record.tags, created=iso_ms(record.created))
    _add_meta(view, record, with_meta, with_internal)
    return view


def listing_view(record: Address | ForwardedAddress, *, with_meta: bool = False, with_internal: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {"id": record.id}
    if record.name:
        view["name"] = record.name
    if isinstance(record, ForwardedAddress):
        view.update(address=record.address, forwarded=True, forwardedDisabled=bool(record.forwarded_disabled), tags=record.tags)
    else:
        view.update(address=record.address, user=record.user, forwarded=False, forwardedDisabled=False, tags=record.tags)
    _add_meta(view, record, with_meta, with_internal)
    return view


def _add_meta(view: dict[str, Any], record: Address | ForwardedAddress, with_meta: bool, with_internal: bool) -> None:
    if with_meta and record.meta_data:
        view["metaData"] = record.meta_data
    if with_internal and record.internal_data:
        view["internalData"] = record.internal_data
