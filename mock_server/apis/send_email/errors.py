"""Send Email's native error shape: ``{message, status, subSystem}``.

Validation failures carry the vendor's own texts ("Portal url is missing", ...): Connexion
rejects a body that breaks the schema before the handler runs, so the renderer asks the
mail-type rules which message the real service would have given for that body.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from ...errors import ApiError, ErrorContext, Reason, RenderedError
from .mail_types import MISSING_MAIL_TYPE, first_problem

SUB_SYSTEM = 8


def render_error(error: ApiError, context: ErrorContext) -> RenderedError:
    status, message, label = error.status, error.message, error.code
    if error.reason is Reason.VALIDATION and status == 400:
        message = first_problem(_json_or_none(context.body)) or MISSING_MAIL_TYPE
    elif error.reason is Reason.UNAUTHORIZED:
        message = "HTTP 401 Unauthorized"
    elif error.reason not in (Reason.DOMAIN, Reason.MOCK):
        message = f"HTTP {status} {HTTPStatus(status).phrase}"
    if label is None:
        label = {400: "BAD_REQUEST", 401: "Unauthorized"}.get(status, HTTPStatus(status).name)
    return RenderedError(status=status, body={"message": message, "status": label, "subSystem": SUB_SYSTEM})


def _json_or_none(body: bytes) -> object:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: thousands of nested brackets
        return None
