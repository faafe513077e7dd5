"""The first thing every request meets, before Connexion.

It decides which namespace (World) the request belongs to, buffers the body within the size
bound (so no upload can eat memory, and error renderers can read what was sent), stamps the
``Date`` header from the namespace's clock (so ``--clock`` makes responses byte-identical),
and records the exchange in the journal. Errors raised here leave in the owning API's shape.
"""

from __future__ import annotations

import time
from datetime import datetime
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..clock import iso, wall_time
from ..errors import ApiError, ErrorContext, Reason, from_exception
from ..journal import Journal, JournalEntry
from ..registry import ApiDescriptor, api_for_path
from ..responses import error_response
from ..scenarios.behaviour import apply_behaviour
from ..world import World, Worlds, enter_namespace, enter_world
from .headers import http_date
from .namespace_choice import choose_namespace
from .server_wide import Reach, reach_of

SCOPE_KEY = "mock"
NOTE_LIMIT = 300
"""Characters of an error message kept as a note (a validation message may quote a whole body)."""


@dataclass
class RequestInfo:
    """What the front door learned about a request, kept in ``scope["state"]["mock"]``."""

    api: ApiDescriptor | None
    world: World | None
    body: bytes
    notes: list[str] = field(default_factory=list)
    """Findings to keep in the journal entry of this exchange."""
    namespace: str = ""
    """The namespace the request names; ``world`` stays None for a server-wide request."""


def request_info(scope: Scope) -> RequestInfo | None:
    return scope.get("state", {}).get(SCOPE_KEY)


def note_error(scope: Scope, error: ApiError) -> None:
    """Keep why a request was refused in its journal entry, where the request log shows it: its
    first line, since a validation message goes on with jsonschema's dump of the schema and the
    value over several lines, and the request log gives each request one line."""
    info = request_info(scope)
    if info is not None:
        message = error.message.split("\n", 1)[0]
        text = message if error.reason is Reason.DOMAIN else f"{error.reason.value}: {message}"
        info.notes.append(text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 3] + "...")


def error_context(scope: Scope) -> ErrorContext:
    info = request_info(scope)
    return ErrorContext(
        method=scope.get("method", ""),
        path=scope.get("path", ""),
        body=info.body if info else b"",
        world=info.world if info else None,
        headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])},
        query=scope.get("query_string", b"").decode("latin-1"),
    )


class FrontDoor:
    def __init__(self, app: ASGIApp, worlds: Worlds, journal: Journal, max_body_bytes: int, max_state_bytes: int) -> None:
        self.app = app
        self.worlds = worlds
        self.journal = journal
        self.max_body_bytes = max_body_bytes
        self.max_state_bytes = max_state_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        api = api_for_path(scope["path"])
        info = RequestInfo(api=api, world=None, body=b"")
        scope.setdefault("state", {})[SCOPE_KEY] = info
        response_started = False
        status = 0

        async def send_stamped(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"date"]
                headers.append((b"date", http_date(_now(info, self.worlds.settings.clock))))
                message = {**message, "headers": headers}
            await send(message)

        try:
            info.namespace = choose_namespace(scope, self.worlds.settings)
            enter_namespace(info.namespace)
            reach = reach_of(scope["method"], scope["path"])
            if reach.server_wide:
                await self._serve(scope, receive, send_stamped, info, reach)
            else:
                info.world = self.worlds.enter(info.namespace)
                try:
                    enter_world(info.world)
                    await self._serve(scope, receive, send_stamped, info, reach)
                finally:
                    self.worlds.leave(info.namespace)
        except Exception as exc:  # noqa: BLE001 - whatever escapes is still answered in the API's shape
            if response_started:
                raise
            error = from_exception(exc)
            note_error(scope, error)
            await error_response(error, error_context(scope), api)(scope, receive, send_stamped)
        finally:
            self._record(scope, info, status, started)

    async def _serve(self, scope: Scope, receive: Receive, send: Send, info: RequestInfo, reach: Reach) -> None:
        api = info.api
        if api and api.rewrite_path and info.world is not None:
            api.rewrite_path(info.world, scope)
        limit = self.max_state_bytes if reach.large_body else self.max_body_bytes
        info.body = await _read_body(receive, limit)
        answered = info.world is not None and await apply_behaviour(
            scope, receive, send, info.world, api.name if api else None, lambda: error_context(scope), info.notes
        )
        if not answered:
            await self.app(scope, _replay(info.body, receive), send)

    def _record(self, scope: Scope, info: RequestInfo, status: int, started: float) -> None:
        journal = self.journal
        journal.record(
            JournalEntry(
                sequence=journal.next_sequence(),
                time=iso(_now(info, self.worlds.settings.clock)),
                namespace=info.namespace,
                method=scope.get("method", ""),
                path=scope.get("path", ""),
                query=scope.get("query_string", b"").decode("latin-1"),
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 3),
                api=info.api.name if info.api else None,
                notes=tuple(info.notes),
            )
        )


def _now(info: RequestInfo, frozen: datetime | None) -> datetime:
    """The namespace's time; for a server-wide request the ``--clock`` instant (so a run with
    ``--clock`` stays byte-identical), else wall time, as for a clock that fails."""
    try:
        return info.world.now() if info.world else (frozen or wall_time())
    except (OverflowError, ValueError):
        return wall_time()


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"Request body larger than {limit} bytes", reason=Reason.PAYLOAD_TOO_LARGE)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay

