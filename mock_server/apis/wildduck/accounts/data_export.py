"""``POST /data/export`` and ``POST /data/import``: the account structure of chosen users
(the user with its password hashes, addresses, application passwords, address register,
autoreply, filters, mailboxes; no messages, as on the real server) in the real server's
container (export_stream.py), to be imported into another namespace or mock server.

Where the real server puts a MongoDB document as BSON in each record's ``entry``, the mock
puts its own record as a MessagePack map: a mock export imports into a mock, and a real
export's records are counted as ``failed`` by a mock import (and the other way round).
An entry whose id (or, for users and addresses, whose username or address) is already
taken is not changed: ``existing`` when the same id is there, ``failed`` otherwise.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from .... import plain
from ..context import Context
from ..errors import fail
from ..mailstore import filters
from ..mailstore.records import Autoreply, Filter, Mailbox
from ..state import Address, AppPassword, RegisterEntry, User
from . import export_stream

EXPORT_TYPE = "wildduck_data_export"


def export(ctx: Context, user_ids: list[str] | None, tags: list[str] | None) -> bytes:
    wanted_tags = list(dict.fromkeys(t.strip().lower() for t in tags or [] if t.strip()))
    header: dict[str, Any] = {"type": EXPORT_TYPE, "created": ctx.now.isoformat()}
    if user_ids is not None:
        header["users"] = user_ids
    if tags is not None:
        header["tags"] = tags
    candidates = ctx.state.users.values() if user_ids is None else [ctx.state.users[i] for i in dict.fromkeys(user_ids) if i in ctx.state.users]
    users = [user for user in candidates if not wanted_tags or set(wanted_tags) & set(user.tagsview)]
    return export_stream.write(header, (record for user in users for record in _records_of(ctx, user)))


def _records_of(ctx: Context, user: User) -> Iterator[dict[str, Any]]:
    state, mail = ctx.state, ctx.state.mail
    yield _entry("users", "users", user)
    for address in state.addresses_of(user.id):
        yield _entry("users", "addresses", address)
    for asp in state.asps_of(user.id):
        yield _entry("users", "asps", asp)
    for entry in state.address_register.get(user.id, {}).values():
        yield _entry("database", "addressregister", entry)
    if user.id in mail.autoreplies:
        yield _entry("database", "autoreplies", mail.autoreplies[user.id])
    for filter_id in mail.indexed().filters_of.get(user.id, ()):
        yield _entry("database", "filters", mail.filters[filter_id])
    for mailbox in mail.mailboxes_of(user.id):
        yield _entry("database", "mailboxes", mailbox)


def _entry(client: str, collection: str, record: Any) -> dict[str, Any]:
    return {"client": client, "collection": collection, "entry": plain.dump(record)}


def import_(ctx: Context, data: bytes) -> dict[str, int]:
    header, contents = export_stream.read(data)
    if not header or header.get("type") != EXPORT_TYPE:
        fail(400, "Invalid data file", "INVALID_DATA")
    counts = {"entries": 0, "imported": 0, "failed": 0, "existing": 0}
    for content in contents:
        counts["entries"] += 1
        importer = _IMPORTERS.get((content.get("client"), content.get("collection")))
        if importer is None:
            continue  # a collection this mock does not keep (the real server logs and skips it too)
        entry = content.get("entry")
        try:
            if not isinstance(entry, dict):
                raise ValueError("not a mock record")
            outcome = importer[1](ctx, plain.load(importer[0], entry))
        except (KeyError, TypeError, ValueError, AttributeError):
            outcome = "failed"
        counts[outcome] += 1
    return counts


def _user(ctx: Context, record: User) -> str:
    if record.id in ctx.state.users:
        return "existing"
    if ctx.state.user_by_name(record.unameview) is not None:
        return "failed"
    ctx.state.put_user(record)
    return "imported"


def _address(ctx: Context, record: Address) -> str:
    if record.id in ctx.state.addresses or record.id in ctx.state.forwarded:
        return "existing"
    if ctx.state.address_by_view(record.addrview) is not None:
        return "failed"
    ctx.state.put_address(record)
    return "imported"


def _keyed(collection: Callable[[Context], dict[str, Any]], key: Callable[[Any], str]) -> Callable[[Context, Any], str]:
    def add(ctx: Context, record: Any) -> str:
        records = collection(ctx)
        if key(record) in records:
            return "existing"
        records[key(record)] = record
        return "imported"

    return add


def _register(ctx: Context, record: RegisterEntry) -> str:
    entries = ctx.state.address_register.setdefault(record.user, {})
    if record.addrview in entries:
        return "existing"
    entries[record.addrview] = record
    return "imported"


def _mailbox(ctx: Context, record: Mailbox) -> str:
    mail = ctx.state.mail
    if record.id in mail.mailboxes:
        return "existing"
    if any(m.path == record.path for m in mail.mailboxes_of(record.user)):
        return "failed"
    mail.add_mailbox(record)
    mail.messages_in(record.id)
    return "imported"


_IMPORTERS: dict[tuple[str, str], tuple[type, Callable[[Context, Any], str]]] = {
    ("users", "users"): (User, _user),
    ("users", "addresses"): (Address, _address),
    ("users", "asps"): (AppPassword, _keyed(lambda ctx: ctx.state.asps, lambda r: r.id)),
    ("database", "addressregister"): (RegisterEntry, _register),
    ("database", "autoreplies"): (Autoreply, _keyed(lambda ctx: ctx.state.mail.autoreplies, lambda r: r.user)),
    ("database", "filters"): (Filter, lambda ctx, record: "imported" if filters.adopt(ctx, record) else "existing"),
    ("database", "mailboxes"): (Mailbox, _mailbox),
}
