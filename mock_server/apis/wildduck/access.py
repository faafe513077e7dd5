"""What every WildDuck operation does around its handler: the access token, the Server header.

The real server's ``api.accessToken`` is off unless configured; when set, every call must
carry it as the ``accessToken`` query parameter, the ``X-Access-Token`` header or a Bearer
token, else 403 ``InvalidToken``. The document declares the three ways as optional security
(the default); the check is here because Connexion can not make a scheme required only
when a knob is set.
"""

from __future__ import annotations

import functools
import hmac
from typing import Any, Callable

from connexion import request
from starlette.responses import Response

from ...errors import ApiError, Reason
from .context import Context
from .errors import SERVER_HEADER


def endpoint(handler: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(handler)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        require_access_token(Context.current().config.access_token)
        result = handler(*args, **kwargs)
        if isinstance(result, Response):  # raw sources, attachments, event streams set their own headers
            return result
        body, status = result if isinstance(result, tuple) else (result, 200)
        return body, status, dict(SERVER_HEADER)

    return wrapped


def require_access_token(expected: str) -> None:
    if not expected:
        return
    given = presented_token()
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(403, "Invalid accessToken value", code="InvalidToken", reason=Reason.FORBIDDEN)


def presented_token() -> str | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.query_params.get("accessToken") or request.headers.get("x-access-token") or None


def token_info(token: str) -> dict[str, Any] | None:
    """Connexion's check for the declared schemes. The document lists "no token" first, so
    Connexion never gets here; the real check is :func:`require_access_token`."""
    expected = Context.current().config.access_token
    return {"sub": "root"} if not expected or hmac.compare_digest(token.encode(), expected.encode()) else None
