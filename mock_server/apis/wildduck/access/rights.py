"""What every WildDuck operation does around its handler: who calls, what they may do, the
Server header.

A token comes as the ``accessToken`` query parameter, the ``X-Access-Token`` header or a
Bearer token (looked for in that order, as on the real server). The master token
(``api.accessToken``, off unless configured) makes the caller ``root``; any other token
presented is checked as a user token (see tokens.py), also when no master token is
configured, and makes the caller that user (see roles.py). A token that is neither, or no
token when a master token is configured, is 403 ``InvalidToken``. The document declares the
three ways as optional security (the default); the check is here because Connexion can not
make a scheme required only when a knob is set.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Mapping
from typing import Any, Callable, NoReturn

from connexion.context import scope as current_scope
from starlette.datastructures import QueryParams
from starlette.responses import Response

from ....errors import ApiError, Reason
from ....world import World, current_world
from ..config import WildDuckConfig
from ..context import API_NAME, Context
from ..errors import SERVER_HEADER
from . import roles, tokens
from .caller import ROOT, Caller, acting_as


_API_PACKAGE = __package__.rpartition(".")[0]
"""operationIds in specs/wildduck.yaml are relative to this package (``accounts.handlers.get_user``)."""


def endpoint(handler: Callable[..., Any]) -> Callable[..., Any]:
    operation = f"{handler.__module__.removeprefix(_API_PACKAGE + '.')}.{handler.__name__}"

    @functools.wraps(handler)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        caller = identify_caller(current_world(), current_scope._get_current_object())
        with acting_as(caller):
            result = handler(*args, **roles.authorize(caller, operation, kwargs))
        if isinstance(result, Response):  # raw sources, attachments, event streams set their own headers
            return result
        body, status = result if isinstance(result, tuple) else (result, 200)
        return roles.filter_answer(caller, operation, body), status, dict(SERVER_HEADER)

    return wrapped


def identify_caller(world: World, scope: Mapping[str, Any]) -> Caller:
    """Root, or the user of a live user token; 403 ``InvalidToken`` otherwise. ``scope``:
    the request's ASGI scope. The namespace's :class:`Context` is made only to redeem a user
    token: root without a token (the usual case) needs the knobs alone."""
    given = presented_token(scope)
    expected = _config(world).access_token
    if given is None:
        if expected:
            _invalid_token()
        return ROOT
    if expected and hmac.compare_digest(given.encode(), expected.encode()):
        return ROOT
    user_id = tokens.redeem(Context.of(world), given)
    if user_id is None:
        _invalid_token()
    return Caller("user", user_id, given)


def _config(world: World) -> WildDuckConfig:
    """The namespace's WildDuck knobs, with what making its :class:`Context` here did before
    kept, so that no answer changes: a namespace imported without WildDuck's state fails
    (KeyError, the 500 it always was) and one imported without WildDuck's random stream gets
    it (it shows in the next export)."""
    world.state(API_NAME)
    world.random(API_NAME)
    return world.settings.api(API_NAME)


def _invalid_token() -> NoReturn:
    raise ApiError(403, "Invalid accessToken value", code="InvalidToken", reason=Reason.FORBIDDEN)


def presented_token(scope: Mapping[str, Any]) -> str | None:
    """The token as the real server looks for it, read from the raw ASGI scope with exactly
    the rules of a Starlette request over it (what this read before, at a tenth of the cost):
    a header is its first occurrence under that lower-case name, decoded as Latin-1; the
    query is parsed only when it could name ``accessToken`` (it holds that name, or a
    ``%`` escape that may spell it), and then as Starlette parses it (the last value wins)."""
    authorization = access_header = None
    for name, value in scope["headers"]:
        if name == b"authorization":
            if authorization is None:
                authorization = value.decode("latin-1")
        elif name == b"x-access-token" and access_header is None:
            access_header = value.decode("latin-1")
    scheme, _, credentials = (authorization or "").partition(" ")
    bearer = credentials.strip() if scheme.lower() == "bearer" else ""
    return _query_token(scope["query_string"]) or access_header or bearer or None


def _query_token(query: bytes) -> str | None:
    """``accessToken`` of the query string. Without a ``%``, a parsed name equals
    ``accessToken`` only if the raw bytes hold it (``+`` turns into a space, never a letter)."""
    if not query or (b"%" not in query and b"accessToken" not in query):
        return None
    return QueryParams(query).get("accessToken")


def token_info(token: str) -> dict[str, Any] | None:
    """Connexion's check for the declared schemes. The document lists "no token" first, so
    Connexion never gets here; the real check is :func:`identify_caller`."""
    expected = _config(current_world()).access_token
    return {"sub": "root"} if not expected or hmac.compare_digest(token.encode(), expected.encode()) else None
