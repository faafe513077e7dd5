"""Reading a request header straight from an ASGI scope, before Starlette wraps it, and the
``Date`` header's value."""

from __future__ import annotations

from datetime import datetime

from starlette.types import Scope


def scope_header(scope: Scope, wanted: bytes) -> str | None:
    """The first value of header ``wanted`` (lower case), or None."""
    for name, value in scope.get("headers", []):
        if name.lower() == wanted:
            return value.decode("latin-1")
    return None


def last_scope_header(scope: Scope, wanted: bytes) -> str | None:
    """The last value of header ``wanted`` (lower case), or None: what a dict of the headers
    built in order would hold."""
    found: str | None = None
    for name, value in scope.get("headers", []):
        if name.lower() == wanted:
            found = value.decode("latin-1")
    return found


_DATE_FORMAT = "%a, %d %b %Y %H:%M:%S GMT"
_last_date: tuple[tuple[int, ...], bytes] = ((), b"")
"""The last ``Date`` value made, by the fields it shows: consecutive responses mostly fall in
the same second (and under ``--clock`` always do), so ``strftime`` runs about once a second."""


def http_date(instant: datetime) -> bytes:
    """``instant`` as an HTTP ``Date`` value, from its own fields (the clocks give UTC)."""
    global _last_date
    shown = (instant.second, instant.minute, instant.hour, instant.day, instant.month, instant.year)
    if _last_date[0] != shown:
        _last_date = (shown, instant.strftime(_DATE_FORMAT).encode())
    return _last_date[1]
