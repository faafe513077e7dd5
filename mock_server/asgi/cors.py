"""CORS, so a frontend served from another origin (``http://localhost:3000``) can call the mock.

Outermost layer: a preflight (``OPTIONS`` with ``Origin`` and ``Access-Control-Request-Method``)
for a method the documents have for that route is answered here, with the requested headers
and credentials allowed; a preflight for a method the route does not document goes on to the
API, which refuses it with its own 405 and ``Allow``, so the browser refuses the call. Every
other answer to an allowed origin, errors included, gets the origin echoed,
``Access-Control-Allow-Credentials`` (the Overkiz ``JSESSIONID`` cookie) and the response
headers the documents describe exposed, so a browser shows the API's error rather than a
CORS failure.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..operation_index import template_for
from ..registry import mounts_in_routing_order
from ..settings import Settings
from ..specs import load_document
from .headers import scope_header

ANY_ORIGIN = "*"
PREFLIGHT_MAX_AGE = "600"
UNDOCUMENTED_PATH_METHODS = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")
"""A path no document has answers 404 in its API's shape; the preflight lets the browser see it."""
ALWAYS_EXPOSED = ("Allow", "Location", "Retry-After", "WWW-Authenticate", "X-Contract-Violation", "X-Contract-Violations")
NEVER_EXPOSED = {"set-cookie"}  # a browser never shows it to a script, listed or not


class CorsMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.origins = {origin.rstrip("/") for origin in settings.cors_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = scope_header(scope, b"origin") if scope["type"] == "http" else None
        if origin is None or not self._allows(origin):
            await self.app(scope, receive, send)
            return
        requested_method = scope_header(scope, b"access-control-request-method")
        if scope["method"] == "OPTIONS" and requested_method is not None:
            methods = _methods_for(scope["path"])
            if requested_method.upper() in methods:
                await _answer_preflight(send, origin, methods, scope_header(scope, b"access-control-request-headers"))
                return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _with_cors_headers(message.get("headers", []), origin)}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _allows(self, origin: str) -> bool:
        return ANY_ORIGIN in self.origins or origin in self.origins


def _methods_for(path: str) -> tuple[str, ...]:
    template = template_for(path)
    return tuple(sorted(template.operations)) if template else UNDOCUMENTED_PATH_METHODS


async def _answer_preflight(send: Send, origin: str, methods: tuple[str, ...], requested_headers: str | None) -> None:
    headers = [
        (b"access-control-allow-origin", origin.encode("latin-1")),
        (b"access-control-allow-credentials", b"true"),
        (b"access-control-allow-methods", ", ".join(methods).encode()),
        (b"access-control-max-age", PREFLIGHT_MAX_AGE.encode()),
        (b"vary", b"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
        (b"content-length", b"0"),
    ]
    if requested_headers:
        headers.append((b"access-control-allow-headers", requested_headers.encode("latin-1")))
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def _with_cors_headers(headers: list[tuple[bytes, bytes]], origin: str) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if not name.lower().startswith(b"access-control-")]
    vary = [value for name, value in kept if name.lower() == b"vary"]
    kept = [(name, value) for name, value in kept if name.lower() != b"vary"]
    return [
        *kept,
        (b"vary", b", ".join([*vary, b"Origin"])),
        (b"access-control-allow-origin", origin.encode("latin-1")),
        (b"access-control-allow-credentials", b"true"),
        (b"access-control-expose-headers", exposed_headers().encode()),
    ]


@cache
def exposed_headers() -> str:
    """Every response header any document describes, plus those the mock itself adds."""
    names: dict[str, None] = dict.fromkeys(ALWAYS_EXPOSED)
    for _api, mount in mounts_in_routing_order():
        for response in _response_objects(load_document(mount.file)):
            names.update(dict.fromkeys(name for name in response.get("headers") or {} if name.lower() not in NEVER_EXPOSED))
    return ", ".join(sorted(names, key=str.lower))


def _response_objects(node: Any) -> list[dict[str, Any]]:
    """Response objects anywhere in a document (under ``responses``, inline or in components)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "responses" and isinstance(value, dict):
                found += [response for response in value.values() if isinstance(response, dict)]
            found += _response_objects(value)
    elif isinstance(node, list):
        for item in node:
            found += _response_objects(item)
    return found
