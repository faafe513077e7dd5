"""Domain aliases (``lib/api/domainaliases.js``): mail for ``user@alias`` is mail for
``user@domain``.

The real server consults aliases in ``userHandler.resolveAddress``: an address is looked up
as given first, and only when no such address exists is the domain tried as an alias. That
lookup serves login by address, address resolution and delivery alike; here
:func:`canonical_address` is the one place that knows aliases, and the lookups call it as
their fallback.
"""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..errors import fail
from ..paging import paginate
from ..webhooks import events
from . import lookups
from .names import normalize_domain
from .store import DomainAlias


def canonical_address(ctx: Context, address: str) -> str:
    """``local@domain`` for ``local@alias`` when ``alias`` is a registered domain alias; the
    address unchanged otherwise."""
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return address
    alias_id = ctx.state.domains.alias_index.get(normalize_domain(domain))
    return f"{local}@{ctx.state.domains.aliases[alias_id].domain}" if alias_id else address


def create(ctx: Context, alias: str, domain: str) -> DomainAlias:
    alias, domain = normalize_domain(alias), normalize_domain(domain)
    store = ctx.state.domains
    if alias in store.alias_index:
        fail(400, "This domain alias already exists", "AliasExists")
    record = DomainAlias(ctx.object_id(), alias, domain, ctx.now)
    store.aliases[record.id] = record
    store.alias_index[alias] = record.id
    events.publish(ctx, events.DOMAINALIAS_CREATED, domainalias=record.id, alias=alias, domain=domain)
    return record


def resolve(ctx: Context, alias: str) -> DomainAlias:
    alias_id = ctx.state.domains.alias_index.get(normalize_domain(alias), "")
    return lookups.by_id(ctx.state.domains.aliases, alias_id, "This alias does not exist", "AliasNotFound")


def get(ctx: Context, alias_id: str) -> DomainAlias:
    return lookups.by_id(ctx.state.domains.aliases, alias_id, "Invalid or unknown alias", "AliasNotFound")


def delete(ctx: Context, alias_id: str) -> None:
    store = ctx.state.domains
    record = lookups.drop(store.aliases, alias_id, "Invalid or unknown email alias identifier", "AliasNotFound")
    store.alias_index.pop(record.alias, None)
    events.publish(ctx, events.DOMAINALIAS_DELETED, domainalias=record.id, alias=record.alias, domain=record.domain)


def rename_target(ctx: Context, old_domain: str, new_domain: str) -> int:
    """``PUT /addresses/renameDomain`` moves the aliases pointing at the old domain along
    (the real server's ``updateMany`` on ``domainaliases``); how many moved."""
    old_domain, new_domain = normalize_domain(old_domain), normalize_domain(new_domain)
    if old_domain == new_domain:
        return 0  # nothing changes, and MongoDB counts only changed documents
    moved = [record for record in ctx.state.domains.aliases.values() if record.domain == old_domain]
    for record in moved:
        record.domain = new_domain
    return len(moved)


def listing(ctx: Context, query: str | None, limit: int, next_cursor: str | None, previous: str | None) -> dict[str, Any]:
    """Sorted by alias; ``query`` is a case-sensitive part of the alias or the domain (the
    real server's unanchored regex without options)."""
    records = [r for r in ctx.state.domains.aliases.values() if not query or query in r.alias or query in r.domain]
    page = paginate(records, lambda r: f"{r.alias}\x00{r.id}", limit=limit, next_cursor=next_cursor, previous_cursor=previous)
    return {"success": True, **({"query": query} if query else {}), **page.envelope(lambda r: {"id": r.id, "alias": r.alias, "domain": r.domain})}
