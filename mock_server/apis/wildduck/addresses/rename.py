"""``PUT /addresses/renameDomain``: move every address of a domain (users' and forwarded)
to another domain, and the main addresses of their users with them."""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..state import Address
from .addressing import normalize_domain


def rename_domain(ctx: Context, old_domain: str, new_domain: str) -> dict[str, Any]:
    """Counts as the real server answers them. DKIM keys and domain aliases of the old domain
    are counted by their own areas when those exist in this mock (``modifiedDkim`` and
    ``modifiedAliases`` stay 0 here)."""
    old, new = normalize_domain(old_domain), normalize_domain(new_domain)
    state = ctx.state
    suffix = f"@{old}"
    moving = [r for r in (*state.addresses.values(), *state.forwarded.values()) if r.addrview.endswith(suffix)]
    users = moved = 0
    for record in moving:
        renamed, view = f"{record.address.rpartition('@')[0]}@{new}", f"{record.addrview.rpartition('@')[0]}@{new}"
        if state.address_by_view(view) not in (None, record):
            continue  # taken there already: the real server's unordered bulk write skips it
        owner = state.users.get(record.user) if isinstance(record, Address) else None
        if owner is not None and owner.address == record.address:
            owner.address = renamed
            users += 1
        state.readdress(record, renamed, view)
        moved += 1
    return {"success": True, "modifiedAddresses": moved, "modifiedUsers": users, "modifiedDkim": 0, "modifiedAliases": 0}
