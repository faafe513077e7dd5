"""``lib/api/domainaliases.js``: ``/domainaliases``."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...context import Context
from ...dates import iso_ms
from .. import aliases


@endpoint
def list_domain_aliases(query: str | None = None, limit: int = 20, next_: str | None = None, previous: str | None = None,
                        sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    query = query.strip() if query and query.strip() else None
    return aliases.listing(Context.current(), query, limit, next_, previous)


@endpoint
def create_domain_alias(body: dict[str, Any]) -> dict[str, Any]:
    record = aliases.create(Context.current(), body["alias"], body["domain"])
    return {"success": True, "id": record.id}


@endpoint
def resolve_domain_alias(alias: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "id": aliases.resolve(Context.current(), alias).id}


@endpoint
def get_domain_alias(alias_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    record = aliases.get(Context.current(), alias_id)
    return {"success": True, "id": record.id, "alias": record.alias, "domain": record.domain, "created": iso_ms(record.created)}


@endpoint
def delete_domain_alias(alias_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    aliases.delete(Context.current(), alias_id)
    return {"success": True}
