"""WildDuck reads the access token from the raw ASGI scope (rights.py); it must find exactly
what a Starlette request over the same scope finds, which is what it read before."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from starlette.requests import Request

from mock_server.apis.wildduck.access.rights import presented_token

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
