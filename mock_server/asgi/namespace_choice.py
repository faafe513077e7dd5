"""Which namespace a request belongs to: the header a program sets, the query parameter a
link carries, or the cookie a browser keeps.

A browser cannot add ``X-Mock-Namespace`` to a link it follows or a form it submits, so a
link names its namespace in the query (``?mock_namespace=alice``) and a browser session can
keep one in a cookie (``mock-namespace=alice``). The query parameter is the mock's, not the
API's: it is taken out of the scope here, before any API validates its query strictly. An
explicit choice wins over an ambient one: header, then query parameter, then cookie, so a
mail link opened in a browser that holds another namespace's cookie still acts where it was
sent from.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from urllib.parse import unquote_plus

from starlette.types import Scope

from ..settings import Settings
from ..world import DEFAULT_NAMESPACE, NAMESPACE_HEADER
from .headers import scope_header


def choose_namespace(scope: Scope, settings: Settings) -> str:
    """The namespace's name (not yet checked), with the query parameter removed from ``scope``."""
    from_query = _take_query_parameter(scope, settings.namespace_query)
    header = scope_header(scope, NAMESPACE_HEADER.encode())
    if header is not None:
        return header.strip()
    if from_query is not None:
        return from_query.strip()
    cookie = _cookie(scope_header(scope, b"cookie"), settings.namespace_cookie)
    return cookie.strip() if cookie is not None else DEFAULT_NAMESPACE



def _take_query_parameter(scope: Scope, name: str) -> str | None:
    """The first value of ``name`` in the query string; every occurrence is removed, the
    other pairs are kept byte for byte."""
    query: bytes = scope.get("query_string", b"")
    if not query:
        return None
    kept: list[bytes] = []
    found: str | None = None
    for pair in query.split(b"&"):
        key, _, value = pair.partition(b"=")
        if unquote_plus(key.decode("latin-1")) == name:
            if found is None:
                found = unquote_plus(value.decode("latin-1"))
        else:
            kept.append(pair)
    if found is not None:
        scope["query_string"] = b"&".join(kept)
    return found


def _cookie(header: str | None, name: str) -> str | None:
    if not header or name not in header:
        return None
    for part in header.split(";"):  # one malformed cookie must not hide the others
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(part.strip())
        except CookieError:
            continue
        if name in jar:
            return jar[name].value
    return None
