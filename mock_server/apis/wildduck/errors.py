"""WildDuck's two native error shapes, and the domain errors the handlers raise.

- Once a request reached a route and passed validation, errors are ``{error, code}``, some
  with more top-level fields (``id`` of the user on a failed authentication, ...). Input
  validation failures are 400 ``{error, code: "InputValidationError", details: {field: text}}``.
- What the real server refuses before any route runs (unknown path, wrong method, a missing
  or wrong access token, an unreadable body) leaves in restify's ``{code, message}`` shape,
  e.g. 404 ``{"code": "ResourceNotFound", "message": "/nope does not exist"}``.

Because the API is mounted at the host root, every path no other API owns lands here.
Every error also carries ``Server: WildDuck API``, as the real server's responses do.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any, NoReturn

from ...errors import ApiError, ErrorContext, Reason, RenderedError

SERVER_HEADER = {"Server": "WildDuck API"}
INPUT_VALIDATION = "InputValidationError"

_PRE_ROUTE_CODES = {
    Reason.NOT_FOUND: "ResourceNotFound",
    Reason.METHOD_NOT_ALLOWED: "MethodNotAllowed",
    Reason.NOT_ACCEPTABLE: "NotAcceptable",
    Reason.UNSUPPORTED_MEDIA_TYPE: "UnsupportedMediaType",
    Reason.PAYLOAD_TOO_LARGE: "PayloadTooLarge",
    Reason.RATE_LIMITED: "TooManyRequests",
    Reason.UNAUTHORIZED: "InvalidToken",
    Reason.FORBIDDEN: "InvalidToken",
    Reason.INTERNAL: "InternalError",
}


def render_error(error: ApiError, context: ErrorContext) -> RenderedError:
    if error.reason is Reason.DOMAIN:
        body: dict[str, Any] = {"error": error.message, "code": error.code or HTTPStatus(error.status).name}
        body.update({k: v for k, v in (error.details or {}).items() if k not in body})
    elif error.reason is Reason.VALIDATION and error.status == 400 and (problem := _unreadable_json(context)):
        body = {"code": "InvalidContent", "message": f"Invalid JSON: {problem}"}
    elif error.reason is Reason.VALIDATION and error.status == 400:
        body = _validation_body(error, context)
    else:
        code = error.code or _PRE_ROUTE_CODES.get(error.reason) or _restify_code(error.status)
        body = {"code": code, "message": _pre_route_message(error, context)}
    return RenderedError(status=error.status, body=body, headers=dict(SERVER_HEADER))


def _restify_code(status: int) -> str:
    """restify's code for a status: its phrase in CamelCase (429 -> ``TooManyRequests``)."""
    return "".join(word.capitalize() for word in HTTPStatus(status).phrase.replace("-", " ").split())


def _unreadable_json(context: ErrorContext) -> str | None:
    """Why a JSON request body can not be read at all (the real server's body parser answers
    that before any route runs); None for a readable body or another media type."""
    if not context.body or "json" not in context.headers.get("content-type", "application/json"):
        return None
    try:
        json.loads(context.body)
    except RecursionError:
        return "nested too deeply"
    except ValueError as exc:
        return str(exc)
    return None


def _pre_route_message(error: ApiError, context: ErrorContext) -> str:
    if error.reason is Reason.NOT_FOUND:
        return f"{context.path} does not exist"
    if error.reason is Reason.METHOD_NOT_ALLOWED:
        return f"{context.method} is not allowed"
    return error.message


def _validation_body(error: ApiError, context: ErrorContext) -> dict[str, Any]:
    if error.code == INPUT_VALIDATION and error.details:
        return {"error": error.message, "code": INPUT_VALIDATION, "details": error.details}
    field, message = _field_and_message(error.message, context.path)
    return {"error": message, "code": INPUT_VALIDATION, "details": {field: message}}


def _field_and_message(detail: str, path: str) -> tuple[str, str]:
    """Name the field Connexion's message is about, in Joi's words where they are known.

    Body messages carry the field (`... - 'tags.0'`); parameter messages only carry the bad
    value, which names a path parameter when it is one of the path's segments. A query
    parameter can not be told apart from the message alone, so its key is ``value``.
    """
    text = detail.strip().split("\n")[0]
    required = re.match(r"^'([^']+)' is a required property", text)
    if required:
        return required.group(1), f'"{required.group(1)}" is required'
    extra = re.search(r"\('([^']+)'(?:, '[^']+')* (?:was|were) unexpected\)", text)
    extra = extra or re.search(r"^Extra query parameter\(s\) ([^, ]+)", text)
    if extra:
        return extra.group(1), f'"{extra.group(1)}" is not allowed'
    located = re.search(r" - '([^']+)'$", text)
    if located:
        field = next((part for part in reversed(located.group(1).split(".")) if not part.isdigit()), located.group(1))
        return field, f'"{field}" {text[: located.start()]}'
    value = re.match(r"^'([^']*)' ", text)
    segment = _path_parameter_named(path, value.group(1)) if value else None
    return (segment, f'"{segment}" {text}') if segment else ("value", text)


_ID_SEGMENTS = {"users": "user", "addresses": "address", "asps": "asp", "mailboxes": "mailbox",
                "messages": "message", "filters": "filter", "archived": "message", "attachments": "attachment"}


def _path_parameter_named(path: str, value: str) -> str | None:
    """`/users/zzz/asps/q` and value `q` -> `asp`: the name of the segment holding the value."""
    parts = path.split("/")
    for previous, part in zip(parts, parts[1:]):
        if part == value and previous in _ID_SEGMENTS:
            return _ID_SEGMENTS[previous]
    return None


def fail(status: int, message: str, code: str, **fields: Any) -> NoReturn:
    """Raise a domain error in the ``{error, code, ...fields}`` shape."""
    raise ApiError(status, message, code=code, details=fields or None)


def user_not_found() -> NoReturn:
    fail(404, "This user does not exist", "UserNotFound")


def invalid_input(field: str, message: str) -> NoReturn:
    raise ApiError(400, message, code=INPUT_VALIDATION, details={field: message}, reason=Reason.VALIDATION)
