"""``lib/api/certs.js``: ``/certs``."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...context import Context
from .. import certificates


_TRUTHY = {"y", "true", "yes", "on", "1"}


def joi_boolean(value: Any) -> bool:
    """The real server's ``booleanSchema``: true, or one of its truthy words (any case) or 1."""
    return value is True or value == 1 and not isinstance(value, bool) or str(value).strip().lower() in _TRUTHY


@endpoint
def list_certs(query: str | None = None, alt_names: str | None = None, limit: int = 20, next_: str | None = None,
               previous: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    query = query.strip() if query and query.strip() else None
    return certificates.listing(Context.current(), query, joi_boolean(alt_names), limit, next_, previous)


@endpoint
def update_cert(body: dict[str, Any]) -> dict[str, Any]:
    return {**certificates.set_cert(Context.current(), {**body, "acme": joi_boolean(body.get("acme", False))}), "success": True}


@endpoint
def resolve_cert(servername: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "id": certificates.resolve(Context.current(), servername).id}


@endpoint
def get_cert(cert_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {**certificates.view(certificates.get(Context.current(), cert_id)), "success": True}


@endpoint
def delete_cert(cert_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    certificates.delete(Context.current(), cert_id)
    return {"success": True}
