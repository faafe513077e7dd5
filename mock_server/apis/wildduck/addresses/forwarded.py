"""Forwarded addresses: addresses with no mailbox whose mail goes on to their targets (other
addresses, local or not, SMTP relays, HTTP endpoints), within a daily forwarding limit."""

from __future__ import annotations

import re
from typing import Any

from ..accounts import metadata
from ..accounts.users import clean_tags, ensure_address_free
from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from ..flags import flag
from ..state import ForwardedAddress, ForwardTarget
from ..webhooks import events
from .addressing import addrview, normalize_address
from .forward_limit import limit_view
from .user_addresses import rename

_RELAY = re.compile(r"^smtps?:", re.IGNORECASE)
_HTTP = re.compile(r"^https?:", re.IGNORECASE)


def create(ctx: Context, body: dict[str, Any]) -> ForwardedAddress:
    body = metadata.read_fields(body)
    address = normalize_address(body["address"])
    view = addrview(address)
    targets = _targets(ctx, body.get("targets") or [], view)
    if "+" in address:
        _refuse("Address can not contain +")
    if "*" in address:
        if not flag(body.get("allowWildcard")):
            _refuse("Address can not contain *")
        if address.count("*") > 1:
            _refuse('Invalid wildcard address, use "*@domain" or "user@*"')
    ensure_address_free(ctx, address)
    record = ForwardedAddress(
        id=ctx.object_id(), address=address, addrview=view, created=ctx.now, name=body.get("name") or None,
        targets=targets, forwards=body.get("forwards") or 0, autoreply=_autoreply({"status": False}, body.get("autoreply")),
        tags=clean_tags(body.get("tags") or []), meta_data=body.get("metaData") or {},
        internal_data=body.get("internalData") or {},
    )
    ctx.state.put_address(record)
    events.publish(ctx, events.ADDRESS_FORWARDED_CREATED, address=record.id, value=record.address)
    return record


def get(ctx: Context, address_id: str, unknown: str = "Invalid or unknown email address identifier") -> ForwardedAddress:
    record = ctx.state.forwarded.get(address_id.lower())
    if record is None:
        fail(404, unknown, "AddressNotFound")
    return record


def update(ctx: Context, address_id: str, body: dict[str, Any]) -> None:
    body = metadata.read_fields(body)
    record = get(ctx, address_id)
    wanted = normalize_address(body["address"]) if body.get("address") else None
    if wanted is not None and wanted != record.address and ("*" in record.address or "*" in wanted):
        fail(400, "Can not change special address", "ChangeNotAllowed")
    targets = _targets(ctx, body["targets"], record.addrview) if "targets" in body else None
    if wanted is not None and wanted != record.address:
        rename(ctx, record, wanted)
    if body.get("forwards"):
        record.forwards = body["forwards"]
    if body.get("name"):
        record.name = body["name"]
    if "forwardedDisabled" in body:
        record.forwarded_disabled = flag(body["forwardedDisabled"])
    if body.get("autoreply"):
        record.autoreply = _autoreply(record.autoreply, body["autoreply"])
    if "tags" in body:
        record.tags = clean_tags(body["tags"])
    for field_name, attribute in (("metaData", "meta_data"), ("internalData", "internal_data")):
        if body.get(field_name):
            setattr(record, attribute, body[field_name])
    if targets is not None:
        record.targets = targets


def delete(ctx: Context, address_id: str) -> None:
    record = get(ctx, address_id)
    ctx.state.drop_address(record)
    events.publish(ctx, events.ADDRESS_FORWARDED_DELETED, address=record.id, value=record.address)


def view(ctx: Context, record: ForwardedAddress, *, name_default: str | None = None) -> dict[str, Any]:
    """The answer of ``GET /addresses/forwarded/{id}`` (and of resolve, with ``name: ""``
    when it has none)."""
    answer: dict[str, Any] = {"success": True, "id": record.id}
    if record.name or name_default is not None:
        answer["name"] = record.name or name_default
    answer.update(address=record.address, targets=[t.value for t in record.targets], limits={"forwards": limit_view(ctx, record)},
                  autoreply=dict(record.autoreply), tags=list(record.tags))
    if name_default is None and record.forwarded_disabled is not None:
        answer["forwardedDisabled"] = record.forwarded_disabled  # the real server shows it once it was set
    answer["created"] = iso_ms(record.created)
    if record.meta_data:
        answer["metaData"] = record.meta_data
    if record.internal_data:
        answer["internalData"] = record.internal_data
    return answer


def _targets(ctx: Context, values: list[str], own_view: str) -> list[ForwardTarget]:
    targets = []
    for value in values:
        if not _RELAY.match(value) and not _HTTP.match(value) and "@" in value:
            view = addrview(value)
            if view == own_view:
                _refuse(f'Can not forward to self "{value}"')
            holder = ctx.state.address_by_view(view)
            targets.append(ForwardTarget(ctx.object_id(), "mail", value, getattr(holder, "user", None)))
        elif _RELAY.match(value):
            targets.append(ForwardTarget(ctx.object_id(), "relay", value))
        elif _HTTP.match(value):
            targets.append(ForwardTarget(ctx.object_id(), "http", value))
        else:
            _refuse(f'Unknown target type "{value}"')
    return targets


def _autoreply(current: dict[str, Any], given: dict[str, Any] | None) -> dict[str, Any]:
    """The stored autoreply settings: given fields replace the current ones; status defaults
    to true when an autoreply is given, as the real schema's default says."""
    if not given:
        return current
    merged = {**current, "status": True, **given}
    merged["status"] = flag(merged["status"])
    for part, other in (("text", "html"), ("html", "text")):
        if part in given and not given[part] and not merged.get(other):
            merged[other] = ""
    return merged


def _refuse(message: str) -> None:
    fail(400, message, "InputValidationError")
