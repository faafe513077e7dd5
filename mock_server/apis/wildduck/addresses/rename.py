"""``PUT /addresses/renameDomain``: move every address of a domain (users' and forwarded)
to another domain, the main addresses of their users with them, the domain's DKIM key and
the domain aliases pointing at it, as the real handler does; then the
``address.domain.renamed`` event."""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..domains import aliases, dkim_keys
from ..state import Address
from ..webhooks import events
from .addressing import normalize_domain


def rename_domain(ctx: Context, old_domain: str, new_domain: str) -> dict[str, Any]:
    """Counts as the real server answers them."""
    old, new = normalize_domain(old_domain), normalize_domain(new_domain)
    state = ctx.state
    suffix = f"@{old}"
    moving = [r for r in (*state.addresses.values(), *state.forwarded.values()) if r.addrview.endswith(suffix)] if old != new else []
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
    modified_dkim = dkim_keys.rename_domain(ctx, old, new)
    modified_aliases = aliases.rename_target(ctx, old, new)
    events.publish(ctx, events.ADDRESS_DOMAIN_RENAMED, previous=old, current=new)
    return {"success": True, "modifiedAddresses": moved, "modifiedUsers": users, "modifiedDkim": modified_dkim,
            "modifiedAliases": modified_aliases}
