"""The outbox: every email sent in this namespace, as JSON or as raw RFC 822."""

from __future__ import annotations

from typing import Any
from urllib.parse import SplitResult, urlsplit

from connexion import request

from ...errors import ApiError
from ...operation_index import allowed_methods
from ...outbox import OutboxMessage, address_of
from ...world import current_world


def list_messages(api: str | None = None, to: str | None = None, limit: int = 100) -> dict[str, Any]:
    messages = [m for m in current_world().outbox.newest_first() if _matches(m, api, to)]
    return {"total": len(messages), "messages": [m.summary() for m in messages[:limit]]}


def clear_messages() -> tuple[None, int]:
    current_world().outbox.clear()
    return None, 204


def get_message(message_id: str) -> dict[str, Any]:
    details = _find(message_id).details()
    details["linkMethods"] = {link: _methods_here(link) for link in details["links"]}
    return details


def _methods_here(link: str) -> list[str]:
    """The documented methods of a link to this server; none for a link elsewhere (an app
    store, a customer portal). "This server" is the port the caller used: a mail sent through
    ``127.0.0.1:8080`` is often read through ``localhost:8080``."""
    parts = urlsplit(link)
    here = urlsplit(f"{request.url.scheme}://{request.headers.get('host', '')}")
    return allowed_methods(parts.path) if _port(parts) == _port(here) else []


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:  # a link with a malformed port is nobody's
        return None


def get_raw_message(message_id: str) -> tuple[str, int, dict[str, str]]:
    return _find(message_id).raw, 200, {"Content-Type": "message/rfc822"}


def _find(message_id: str) -> OutboxMessage:
    message = current_world().outbox.find(message_id)
    if message is None:
        raise ApiError(404, f"No message {message_id} in this namespace's outbox")
    return message


def _matches(message: OutboxMessage, api: str | None, to: str | None) -> bool:
    if api is not None and message.api != api:
        return False
    if to is not None:
        recipients = {address_of(r).lower() for r in message.summary()["to"]}
        return to.lower() in recipients
    return True
