"""Domain allow and block lists per tag (``lib/api/domainaccess.js``).

Delivery consults them as the real filter handler does (``lib/filter-handler.js``), before
the user's filters: for a user with tags, the domain of the message's ``From`` (else
``Sender``) address is looked up among the listings whose tag is one of the user's tags
(lower-cased); ``block`` files the message as spam, ``allow`` keeps it out of spam whatever
a filter says. The real lookup compares the listing's tag as it was written with the user's
lower-cased tags, so a listing under ``Work`` never applies; the mock does the same.
"""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..state import User
from . import lookups
from .names import normalize_domain
from .store import DomainListing

ALLOW, BLOCK = "allow", "block"


def add(ctx: Context, tag: str, domain: str, action: str) -> DomainListing:
    """Upsert by (lower-cased tag, domain): listing a domain again moves it to ``action``."""
    tag, domain = tag.strip(), normalize_domain(domain)
    tagview = tag.lower()
    store = ctx.state.domains.access
    record = next((r for r in store.values() if r.tagview == tagview and r.domain == domain), None)
    if record is None:
        record = DomainListing(ctx.object_id(), tag, tagview, domain, action)
        store[record.id] = record
    record.action = action
    return record


def listing(ctx: Context, tag: str, action: str) -> list[dict[str, Any]]:
    tagview = tag.strip().lower()
    records = sorted((r for r in ctx.state.domains.access.values() if r.tagview == tagview and r.action == action),
                     key=lambda r: (r.domain, r.id))
    return [{"id": r.id, "domain": r.domain, "action": action} for r in records]


def delete(ctx: Context, listing_id: str) -> str:
    return lookups.drop(ctx.state.domains.access, listing_id, "Domain was not found", "DomainNotFound").id


def spam_verdict(ctx: Context, user: User, from_address: str | None) -> bool | None:
    """True (blocked: spam), False (allowed: never spam) or None (not listed) for mail from
    ``from_address`` to ``user``."""
    tags = set(user.tagsview)
    if not tags or not from_address or "@" not in from_address:
        return None
    domain = normalize_domain(from_address.rpartition("@")[2])
    found = next((r for r in ctx.state.domains.access.values() if r.domain == domain and r.tag in tags), None)
    return None if found is None else found.action == BLOCK
