"""Handlers of the Overkiz End-User API: thin, parse -> domain operation -> response."""

from __future__ import annotations

from connexion import request


def request_origin() -> str:
    """Scheme and host the client used, for the links in mails and redirects."""
    return f"{request.url.scheme}://{request.headers.get('host', 'localhost')}"
