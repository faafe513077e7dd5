"""Reading a request header straight from an ASGI scope, before Starlette wraps it."""

from __future__ import annotations

from starlette.types import Scope


def scope_header(scope: Scope, wanted: bytes) -> str | None:
    """The first value of header ``wanted`` (lower case), or None."""
    for name, value in scope.get("headers", []):
        if name.lower() == wanted:
            return value.decode("latin-1")
    return None
