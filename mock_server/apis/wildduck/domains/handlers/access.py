"""``lib/api/domainaccess.js``: ``/domainaccess``, the allow and block lists per tag."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...context import Context
from .. import access_lists


@endpoint
def allow_domain(tag: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "id": access_lists.add(Context.current(), tag, body["domain"], access_lists.ALLOW).id}


@endpoint
def block_domain(tag: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "id": access_lists.add(Context.current(), tag, body["domain"], access_lists.BLOCK).id}


@endpoint
def list_allowed_domains(tag: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "results": access_lists.listing(Context.current(), tag, access_lists.ALLOW)}


@endpoint
def list_blocked_domains(tag: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "results": access_lists.listing(Context.current(), tag, access_lists.BLOCK)}


@endpoint
def delete_domain_listing(listing_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "deleted": access_lists.delete(Context.current(), listing_id)}
