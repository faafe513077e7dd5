"""A validating reverse proxy: traffic passes through untouched, the spec watches it.

Every request is forwarded to the target as it came (method, path, query, headers, body) and
the target's answer goes back as it came (status, headers, body bytes, even compressed). Both
are checked against the API's documents; each violation is added as an
``X-Contract-Violation`` response header (with ``X-Contract-Violations: <count>``) and as a
note of the exchange's journal entry, which the proxy serves at ``GET /_mock/journal`` with the
control API's own handler. Traffic without violations gets no extra header at all.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import parse_qsl

import httpx
import schemathesis
from schemathesis.schemas import APIOperation, BaseSchema
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from ..clock import iso, wall_time
from ..control.handlers import journal as journal_handlers
from ..journal import JournalEntry
from ..registry import ApiDescriptor
from ..runtime import Runtime, enter_runtime
from ..settings import Settings
from ..specs import SPECS_DIR
from ..world import NAMESPACE_HEADER
from .request_check import request_violations

HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "host", "content-length",
}  # fmt: skip
"""Headers that belong to one connection, not to the exchange; httpx and uvicorn set their own."""

VIOLATION_HEADER = "x-contract-violation"
COUNT_HEADER = "x-contract-violations"
STREAMING_TYPES = ("text/event-stream",)
"""Answers that never end are passed through as they flow; only status and headers are checked."""


@dataclass(frozen=True)
class Mount:
    base_path: str
    schema: BaseSchema


def mounts_of(api: ApiDescriptor) -> list[Mount]:
    return [Mount(m.base_path, schemathesis.openapi.from_path(SPECS_DIR / m.file)) for m in api.mounts]


class ContractProxy:
    def __init__(self, api: ApiDescriptor, target: str, journal_size: int = 10_000) -> None:
        self.api = api
        self.target = target.rstrip("/")
        self.mounts = sorted(mounts_of(api), key=lambda mount: len(mount.base_path), reverse=True)
        self.runtime = Runtime.create(Settings(journal_size=journal_size))
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(60, read=None), follow_redirects=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        if request.url.path == "/_mock/journal":
            await self._journal(request)(scope, receive, send)
            return
        response = await self._forward(request)
        await response(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _journal(self, request: Request) -> Response:
        """The control API's journal handlers, on the proxy's own journal."""
        enter_runtime(self.runtime)
        if request.method == "DELETE":
            journal_handlers.clear_entries()
            return Response(status_code=204)
        try:
            limit = int(request.query_params.get("limit", "100"))
        except ValueError:
            return JSONResponse({"error": "limit must be an integer", "status": 400}, status_code=400)
        namespace = request.query_params.get("namespace")
        return JSONResponse(journal_handlers.list_entries(namespace=namespace, limit=max(1, min(limit, 10_000))))

    async def _forward(self, request: Request) -> Response:
        started = time.perf_counter()
        body = await request.body()
        operation, path_values = self._operation(request.method, request.url.path)
        if operation is None:
            violations = [f"request: {request.method} {request.url.path} is not an operation of the {self.api.name} spec"]
        else:
            query = parse_qsl(request.url.query, keep_blank_values=True)
            violations = request_violations(operation, path_values, query, request.headers, body)
        upstream = await self.client.send(self._upstream_request(request, body), stream=True)
        headers = [(k, v) for k, v in upstream.headers.multi_items() if k.lower() not in HOP_BY_HOP]
        media_type = upstream.headers.get("content-type", "").split(";")[0].strip()
        if media_type in STREAMING_TYPES:
            content: bytes | None = None
        else:
            content = b"".join([chunk async for chunk in upstream.aiter_raw()])  # as sent, still compressed
            await upstream.aclose()
        if operation is not None:
            violations += response_violations(operation, upstream, content)
        self._record(request, upstream.status_code, started, violations)
        headers += violation_headers(violations)
        if content is None:
            return _Passthrough(_relay(upstream), status_code=upstream.status_code, raw_headers=headers)
        return _Raw(content, upstream.status_code, headers)

    def _upstream_request(self, request: Request, body: bytes) -> httpx.Request:
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        url = self.target + raw_path.decode("latin-1") + (f"?{request.url.query}" if request.url.query else "")
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP]
        return self.client.build_request(request.method, httpx.URL(url), headers=headers, content=body)

    def _operation(self, method: str, path: str) -> tuple[APIOperation | None, dict[str, str]]:
        for mount in self.mounts:
            if mount.base_path and not (path == mount.base_path or path.startswith(mount.base_path + "/")):
                continue
            relative = path[len(mount.base_path) :] or "/"
            operation = mount.schema.find_operation_by_path(method, relative)
            if operation is not None:
                return operation, path_values(operation.path, relative)
        return None, {}

    def _record(self, request: Request, status: int, started: float, notes: list[str]) -> None:
        journal = self.runtime.journal
        journal.record(
            JournalEntry(
                sequence=journal.next_sequence(),
                time=iso(wall_time()),
                namespace=request.headers.get(NAMESPACE_HEADER, ""),
                method=request.method,
                path=request.url.path,
                query=request.url.query,
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 3),
                api=self.api.name,
                notes=tuple(notes),
            )
        )


def response_violations(operation: APIOperation, upstream: httpx.Response, content: bytes | None) -> list[str]:
    """Whether the status is documented, then Schemathesis' own response checks (content type,
    headers, schema), which pass any status the document does not describe."""
    undocumented = undocumented_status(operation, upstream.status_code)
    if undocumented:
        return [f"response: {undocumented}"]
    response = httpx.Response(
        upstream.status_code, headers=upstream.headers, content=content or b"", request=upstream.request
    )
    response.read()  # decodes a compressed body for the schema check; the client gets the raw bytes
    response.elapsed = timedelta(0)  # response time is not this proxy's business
    try:
        operation.validate_response(response)
    except Exception as error:  # FailureGroup of Failure, or one Failure
        failures = getattr(error, "exceptions", None) or [error]
        return [f"response: {_describe(failure)}" for failure in failures]
    return []


def undocumented_status(operation: APIOperation, status: int) -> str | None:
    """The document's answer to a status it does not list (exactly, as ``5XX`` or as ``default``)."""
    documented = [str(code) for code in operation.definition.raw.get("responses", {})]
    accepted = {str(status), f"{status // 100}XX", "DEFAULT"}
    if any(code.upper() in accepted for code in documented):
        return None
    return f"Undocumented HTTP status code: {status} (documented: {', '.join(documented)})"


def _describe(failure: BaseException) -> str:
    title = getattr(failure, "title", None) or type(failure).__name__
    message = str(getattr(failure, "message", "") or "").strip().splitlines()
    detail = next((line.strip() for line in message if line.strip()), "")
    return f"{title}: {detail}" if detail and detail != title else title


def violation_headers(violations: list[str]) -> list[tuple[str, str]]:
    if not violations:
        return []
    safe = [re.sub(r"[^\x20-\x7e]", "?", violation)[:500] for violation in violations]
    return [(COUNT_HEADER, str(len(violations)))] + [(VIOLATION_HEADER, violation) for violation in safe]


def path_values(template: str, path: str) -> dict[str, str]:
    """``/users/{user}`` against ``/users/abc`` -> ``{"user": "abc"}``."""
    pieces = re.split(r"{([^}]+)}", template)  # literal, name, literal, name, ..., literal
    names = pieces[1::2]
    pattern = "([^/]+)".join(re.escape(literal) for literal in pieces[0::2])
    found = re.fullmatch(pattern, path)
    return dict(zip(names, found.groups())) if found else {}


async def _relay(upstream: httpx.Response) -> AsyncIterator[bytes]:
    try:
        async for chunk in upstream.aiter_raw():
            yield chunk
    finally:
        await upstream.aclose()


class _Raw(Response):
    """A response with exactly these bytes and these headers (no charset or length rewriting)."""

    def __init__(self, content: bytes, status: int, headers: list[tuple[str, str]]) -> None:
        self.status_code = status
        self.background = None
        self.body = content
        self.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        self.raw_headers.append((b"content-length", str(len(content)).encode()))


class _Passthrough(StreamingResponse):
    def __init__(self, content: AsyncIterator[bytes], status_code: int, raw_headers: list[tuple[str, str]]) -> None:
        super().__init__(content, status_code=status_code)
        self.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in raw_headers]
