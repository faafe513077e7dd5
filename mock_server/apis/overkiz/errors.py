"""Overkiz's native error shape: ``{"errorCode": "<CODE>", "error": "<text>"}``.

Domain errors carry their own code and text (``AUTHENTICATION_ERROR`` / ``Bad credentials``
and so on); platform refusals get the code the real service uses for that kind of refusal.
"""

from __future__ import annotations

from ...errors import ApiError, ErrorContext, Reason, RenderedError

NOT_AUTHENTICATED = "Not authenticated"

_PLATFORM_CODES = {
    Reason.VALIDATION: "INVALID_FIELD_VALUE",
    Reason.UNAUTHORIZED: "RESOURCE_ACCESS_DENIED",
    Reason.FORBIDDEN: "RESOURCE_ACCESS_DENIED",
    Reason.NOT_FOUND: "INVALID_API_CALL",
    Reason.METHOD_NOT_ALLOWED: "INVALID_API_CALL",
    Reason.RATE_LIMITED: "RESOURCE_ACCESS_DENIED",
}


def render_error(error: ApiError, context: ErrorContext) -> RenderedError:
    if error.reason is Reason.DOMAIN:
        code, message = error.code or "UNSPECIFIED_ERROR", error.message
    else:
        code, message = _PLATFORM_CODES.get(error.reason, "UNSPECIFIED_ERROR"), _platform_message(error, context)
    return RenderedError(status=error.status, body={"errorCode": code, "error": message})


def _platform_message(error: ApiError, context: ErrorContext) -> str:
    if error.reason is Reason.UNAUTHORIZED:
        return NOT_AUTHENTICATED
    if error.reason is Reason.NOT_FOUND:
        return f"Unknown API call : {context.method} {context.path}"
    if error.reason is Reason.METHOD_NOT_ALLOWED:
        return f"Request method '{context.method}' not supported"
    if error.reason is Reason.UNSUPPORTED_MEDIA_TYPE:
        return f"Content type '{context.headers.get('content-type', '')}' not supported"
    return error.message
