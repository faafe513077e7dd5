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
from typing import Any, Callable, NoReturn

from connexion.context import scope as current_scope
from starlette.requests import Request
from starlette.responses import Response

from ....errors import ApiError, Reason
from ..context import Context
from ..errors import SERVER_HEADER
from . import roles, tokens
from .caller import ROOT, Caller, acting_as


_API_PACKAGE = __package__.rpartition(".")[0]
"""operationIds in specs/wildduck.yaml are relative to this package (``accounts.handlers.get_user``)."""


def endpoint(handler: Callable[..., Any]) -> Callable[..., Any]:
    operation = f"{handler.__module__.removeprefix(_API_PACKAGE + '.')}.{handler.__name__}"

    @functools.wraps(handler)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        caller = identify_caller(Context.current())
        with acting_as(caller):
            result = handler(*args, **roles.authorize(caller, operation, kwargs))
        if isinstance(result, Response):  # raw sources, attachments, event streams set their own headers
            return result
        body, status = result if isinstance(result, tuple) else (result, 200)
        return roles.filter_answer(caller, operation, body), status, dict(SERVER_HEADER)

    return wrapped


def identify_caller(ctx: Context, source: Any = None) -> Caller:
    """Root, or the user of a live user token; 403 ``InvalidToken`` otherwise. ``source``: as
    for :func:`presented_token`."""
    given = presented_token(source)
    expected = ctx.config.access_token
    if given is None:
        if expected:
            _invalid_token()
        return ROOT
    if expected and hmac.compare_digest(given.encode(), expected.encode()):
        return ROOT
    user_id = tokens.redeem(ctx, given)
    if user_id is None:
        _invalid_token()
    return Caller("user", user_id, given)


def _invalid_token() -> NoReturn:
    raise ApiError(403, "Invalid accessToken value", code="InvalidToken", reason=Reason.FORBIDDEN)


def presented_token(source: Any = None) -> str | None:
    """The token as the real server looks for it. ``source`` has ``headers`` and
    ``query_params``: by default a Starlette request over the current request's scope (what
    Connexion's ``request`` answers these two with, without building its request and URI
    parser, which that proxy does on every use)."""
    source = Request(current_scope._get_current_object()) if source is None else source
    authorization = source.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    bearer = credentials.strip() if scheme.lower() == "bearer" else ""
    return source.query_params.get("accessToken") or source.headers.get("x-access-token") or bearer or None


def token_info(token: str) -> dict[str, Any] | None:
    """Connexion's check for the declared schemes. The document lists "no token" first, so
    Connexion never gets here; the real check is :func:`identify_caller`."""
    expected = Context.current().config.access_token
    return {"sub": "root"} if not expected or hmac.compare_digest(token.encode(), expected.encode()) else None
