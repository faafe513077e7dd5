"""The address register: the people a user corresponds with, for address completion in a
client. As on the real server, a message stored in the user's Sent mailbox records its
To/Cc/Bcc, any other stored message its From; drafts, junk, automatic mail (List-Id,
Auto-Submitted, X-Auto-Response-Suppress) and no-reply addresses are left out. A disabled
entry is neither updated nor listed.

``record_recipients`` is the seam for code that sends mail for a user (message submission):
the real server records the envelope recipients of every message it sends.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..context import Context
from ..flags import flag
from ..state import RegisterEntry
from .addressing import addrview, normalize_address

SKIPPED_HEADERS = ("list-id", "auto-submitted", "x-auto-response-suppress")
_NO_REPLY = re.compile(r"no-?reply", re.IGNORECASE)


def record_recipients(ctx: Context, user_id: str, recipients: Iterable[str | tuple[str, str]]) -> None:
    """Add or refresh the register entries of these addresses (plain, or ``(name, address)``)."""
    entries = ctx.state.address_register.setdefault(user_id, {})
    for item in recipients:
        name, address = item if isinstance(item, tuple) else ("", item)
        if not address or "@" not in address:
            continue
        address = normalize_address(address)
        view = addrview(address)
        entry = entries.get(view)
        if entry is None:
            entries[view] = RegisterEntry(ctx.object_id(), user_id, address, view, ctx.now, name=name or None)
        elif not entry.disabled:
            entry.updated = ctx.now
            entry.name = name or entry.name


def record_stored_message(ctx: Context, user_id: str, *, sent: bool, junk: bool, draft: bool,
                          headers: dict[str, str], people: dict[str, list[tuple[str, str]]]) -> None:
    """What storing a message adds to the register (``people``: header name -> (name, address)
    pairs of from, to, cc, bcc)."""
    if junk or draft or any(header in headers for header in SKIPPED_HEADERS):
        return
    keys = ("to", "cc", "bcc") if sent else ("from",)
    found: dict[str, tuple[str, str]] = {}
    for key in keys:
        for name, address in people.get(key, []):
            if address and not _NO_REPLY.search(address):
                found.setdefault(address, (name, address))
    record_recipients(ctx, user_id, found.values())


def search(ctx: Context, user_id: str, query: str, limit: int) -> list[RegisterEntry]:
    """Entries whose address contains ``query`` or whose name starts with it (ignoring
    case), most recently used first."""
    lowered = query.lower()
    matching = [
        entry for entry in ctx.state.address_register.get(user_id, {}).values()
        if not entry.disabled and (query in entry.address or (entry.name or "").lower().startswith(lowered))
    ]
    return sorted(matching, key=lambda entry: (entry.updated, entry.id), reverse=True)[:limit]


def update(ctx: Context, user_id: str, entry_id: str, body: dict[str, Any]) -> bool:
    """Disable or enable an entry, or rename it; False when the user has no such entry (the
    real server then answers ``success: false``)."""
    entry = next((e for e in ctx.state.address_register.get(user_id, {}).values() if e.id == entry_id.lower()), None)
    if entry is None:
        return False
    entry.disabled = flag(body["disabled"])
    entry.updated = ctx.now
    if body.get("name"):
        entry.name = body["name"]
    return True


def view(entry: RegisterEntry) -> dict[str, Any]:
    answer: dict[str, Any] = {"id": entry.id}
    if entry.name:
        answer["name"] = entry.name
    answer["address"] = entry.address
    return answer

