"""Retarus' native error shape: ``{id, timestamp, status, message}``, for every error.

One routing correction lives here too. Connexion routes a request to the first template that
takes its method, so ``GET /44444/failover`` lands on ``GET /{CUSTOMER}/{USER}`` and fails
validation there. But a concrete path beats a templated one (OpenAPI 3.0, "Paths"): the URL
names the failover resource, which takes no GET, so the honest answer is 405 with its
``Allow``, not a 400 about a malformed address.
"""

from __future__ import annotations

from http import HTTPStatus

from ...operation_index import allowed_methods
from ...errors import ApiError, ErrorContext, Reason, RenderedError
from .envelope import answer, detached_answer

REALM = 'Basic realm="Retarus Email Continuity"'


def render_error(error: ApiError, context: ErrorContext) -> RenderedError:
    status, message, headers = error.status, error.message, {}
    if error.reason is Reason.VALIDATION and status == 400:
        allowed = allowed_methods(context.path)
        if allowed and context.method not in allowed:
            status, message = 405, HTTPStatus.METHOD_NOT_ALLOWED.phrase
            headers["Allow"] = ", ".join(allowed)
    elif error.reason is Reason.UNAUTHORIZED:
        message = HTTPStatus.UNAUTHORIZED.phrase
    elif error.reason is Reason.FORBIDDEN:
        message = HTTPStatus.FORBIDDEN.phrase
    if status == 401:
        headers["WWW-Authenticate"] = REALM
    fields = {"status": status, "message": message}
    body = answer(context.world, **fields) if context.world else detached_answer(f"{context.method} {context.path}", **fields)
    return RenderedError(status=status, body=body, headers=headers)
