"""WildDuck reads the access token from the raw ASGI scope (rights.py); it must find exactly
what a Starlette request over the same scope finds, which is what it read before, and the
check must leave a namespace as making its Context there used to."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import httpx
import pytest
from starlette.requests import Request

from mock_server.apis.wildduck.access.rights import presented_token
from mock_server.app import build_app
from mock_server.settings import Settings

QUERIES = [
    b"", b"limit=20", b"accessToken=abc", b"accessToken=", b"accessToken", b"accessToken=a&accessToken=b",
    b"accessToken=a&accessToken=", b"access%54oken=pct", b"accessToken=a%20b+c", b"x=1;accessToken=semi",
    b"accesstoken=lower", b"a=%zz&accessToken=bad%escape", b"accessToken=caf%C3%A9", b"accessToken=\xe9",
    b"%61ccessToken=x&accessToken=y", b"+accessToken=space",
]
HEADER_SETS: list[list[tuple[bytes, bytes]]] = [
    [],
    [(b"x-access-token", b"hdr")],
    [(b"x-access-token", b"")],
    [(b"x-access-token", b"first"), (b"x-access-token", b"second")],
    [(b"authorization", b"Bearer tok")],
    [(b"authorization", b"bearer   spaced  ")],
    [(b"authorization", b"Bearer ")],
    [(b"authorization", b"Basic abc")],
    [(b"authorization", b"Bearer one"), (b"authorization", b"Bearer two")],
    [(b"Authorization", b"Bearer raw-case")],
    [(b"authorization", b"Bearer b\xe9"), (b"x-access-token", b"h\xe9")],
    [(b"authorization", b"Bearer b"), (b"x-access-token", b"h")],
]


def starlette_reading(scope: dict[str, Any]) -> str | None:
    """What rights.py read before: the same rules over a Starlette request."""
    request = Request(scope)
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    bearer = credentials.strip() if scheme.lower() == "bearer" else ""
    return request.query_params.get("accessToken") or request.headers.get("x-access-token") or bearer or None


@pytest.mark.parametrize(("query", "headers"), list(itertools.product(QUERIES, HEADER_SETS)))
def test_the_token_read_from_the_scope_is_the_one_starlette_finds(query: bytes, headers: list) -> None:
    scope = {"type": "http", "method": "GET", "path": "/users", "query_string": query,
             "headers": [(b"host", b"mock"), *headers]}
    assert presented_token(dict(scope)) == starlette_reading(dict(scope, headers=list(scope["headers"])))


def test_a_wildduck_call_without_a_context_starts_the_random_stream_as_before() -> None:
    """The check no longer makes the namespace's Context, but does what making it did: an
    imported namespace without WildDuck's random stream has it after any WildDuck call (here
    ``/health``, whose handler makes no Context), so the next export is what it was."""
    async def session() -> list[str]:
        app = build_app(Settings(seed=7))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
            await http.get("/health")
            document = (await http.get("/_mock/state")).json()
            document["namespaces"]["default"]["random"] = {}
            assert (await http.put("/_mock/state", json=document)).status_code == 200
            assert (await http.get("/health")).status_code == 200
            return sorted((await http.get("/_mock/state")).json()["namespaces"]["default"]["random"])

    assert "wildduck" in asyncio.run(session())
