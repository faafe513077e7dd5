"""One error type for the whole server, rendered by each API in its own native shape.

Handlers raise :class:`ApiError`; Connexion's own problems (validation, security, routing)
are converted to it by :func:`from_exception`. Each API supplies one renderer that turns an
ApiError into its native body, so no handler ever writes an error body by hand.
"""

from __future__ import annotations

import http.cookies
import logging
from dataclasses import dataclass, field
from enum import Enum
from http import HTTPStatus
from typing import Any

from connexion.exceptions import ProblemException
from starlette.exceptions import HTTPException

log = logging.getLogger(__name__)


class Reason(str, Enum):
    """Why the platform (not a domain operation) refused a request; renderers map it to codes."""

    VALIDATION = "validation"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"
    MOCK = "mock"
    """The mock itself refused (namespace limit, a Prefer it cannot honour): keep the message."""
    INTERNAL = "internal"
    DOMAIN = "domain"


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        reason: Reason = Reason.DOMAIN,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.details = details
        self.headers = dict(headers or {})
        self.reason = reason


@dataclass
class ErrorContext:
    """What a renderer may look at besides the error: the request as received."""

    method: str
    path: str
    body: bytes = b""
    world: Any = None
    """The namespace's ``World``, if the request got one (typed loosely: errors.py sits below
    world.py, which imports it)."""
    headers: dict[str, str] = field(default_factory=dict)
    query: str = ""
    """The raw query string, so a renderer can name the parameter a validation error is about."""


@dataclass
class RenderedError:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str = "application/json"


_STATUS_REASONS = {
    400: Reason.VALIDATION,
    401: Reason.UNAUTHORIZED,
    403: Reason.FORBIDDEN,
    404: Reason.NOT_FOUND,
    405: Reason.METHOD_NOT_ALLOWED,
    406: Reason.NOT_ACCEPTABLE,
    413: Reason.PAYLOAD_TOO_LARGE,
    415: Reason.UNSUPPORTED_MEDIA_TYPE,
    429: Reason.RATE_LIMITED,
}


def from_exception(exc: BaseException) -> ApiError:
    """Convert anything raised while serving a request into an ApiError."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, ProblemException):
        return _from_status(exc.status, exc.detail or exc.title, exc.headers)
    if isinstance(exc, HTTPException):
        return _from_status(exc.status_code, exc.detail, exc.headers)
    if isinstance(exc, UnicodeDecodeError):
        return ApiError(400, "Request body is not valid UTF-8", reason=Reason.VALIDATION)
    if isinstance(exc, RecursionError):  # json.loads on a body of thousands of nested brackets
        log.warning("RecursionError while serving a request", exc_info=exc)
        return ApiError(400, "Request body is nested too deeply", reason=Reason.VALIDATION)
    if isinstance(exc, http.cookies.CookieError):
        return ApiError(400, "Malformed Cookie header", reason=Reason.VALIDATION)
    log.exception("Unhandled error while serving a request", exc_info=exc)
    return ApiError(500, "Internal error in the mock server (this is a bug)", reason=Reason.INTERNAL)


def reason_for_status(status: int) -> Reason:
    """The platform reason behind a status Connexion or Starlette refused a request with."""
    return _STATUS_REASONS.get(status, Reason.INTERNAL if status >= 500 else Reason.VALIDATION)


def _from_status(status: int, detail: Any, headers: Any) -> ApiError:
    status = int(status or 500)
    text = str(detail) if detail else HTTPStatus(status).phrase
    reason = reason_for_status(status)
    if status >= 500:
        log.error("Server error %s: %s", status, text)
    return ApiError(status, text, headers=dict(headers or {}), reason=reason)
