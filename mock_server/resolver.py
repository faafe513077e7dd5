"""Resolve operationIds to handler functions, and make every handler run on the event loop.

Why a custom resolver:
- operationIds are relative to the API's handler package (``mail.send_mail``), which keeps the
  documents readable; Connexion's RelativeResolver cannot do this for a package path.
- Connexion runs plain ``def`` handlers in a thread pool. State changes must be atomic, which
  on one event loop they are for free; so every handler is wrapped in an ``async def``.
- Connexion passes a schema ``default`` body (sent when the request has none) as JSON text;
  the wrapper decodes it, so handlers always get the value.
- An empty body leaves with no ``Content-Type`` (Connexion would say ``application/json``,
  and a browser's ``res.json()`` then throws on it), as the real services send it.
- An operation that documents two media types (JSON and ``message/rfc822``, say) makes
  Connexion fail unless the handler names one. The wrapper names the one the spec gives for
  the status the handler returned, so no handler has to.
"""

from __future__ import annotations

import functools
import json
import importlib
import inspect
from typing import Any, Callable

from connexion import request
from connexion.lifecycle import ConnexionResponse
from connexion.resolver import Resolution, Resolver
from starlette.responses import Response

from .errors import ApiError, Reason


def import_handler(package: str, operation_id: str) -> Callable[..., Any]:
    module_name, _, function_name = f"{package}.{operation_id}".rpartition(".")
    return getattr(importlib.import_module(module_name), function_name)


class PackageResolver(Resolver):
    def __init__(self, package: str) -> None:
        super().__init__(function_resolver=functools.partial(import_handler, package))

    def resolve(self, operation: Any) -> Resolution:
        resolution = super().resolve(operation)
        return Resolution(_on_event_loop(resolution.function, operation), resolution.operation_id)


def _media_types_by_status(operation: Any) -> dict[str, str]:
    responses = operation.responses or {}
    return {
        str(status): next(iter(response.get("content") or {}), "")
        for status, response in responses.items()
    }


def _on_event_loop(function: Callable[..., Any], operation: Any) -> Callable[..., Any]:
    media_types: dict[str, str] = {}

    @functools.wraps(function)
    async def handler(*args: Any, **kwargs: Any) -> Any:
        if isinstance(kwargs.get("body"), (bytes, str)) and _consumes_json(operation) and _sent_as_json():
            kwargs["body"] = _json_body(kwargs["body"])
        result = function(*args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        if not media_types:  # the operation's responses are not parsed yet at resolve time
            media_types.update(_media_types_by_status(operation))
        return _with_content_type(result, media_types)

    return handler


def _consumes_json(operation: Any) -> bool:
    content = ((operation.request_body or {}).get("content")) or {}
    return any("json" in media_type for media_type in content)


def _sent_as_json() -> bool:
    """A body sent as another media type the operation takes (``message/rfc822``, say)
    reaches the handler as it came; no content type at all is the default body."""
    media_type = request.headers.get("content-type", "")
    return not media_type or "json" in media_type


def _json_body(raw: bytes | str) -> Any:
    """Connexion hands an operation's default body (an empty request whose schema has a
    ``default``) to the handler as serialized JSON rather than as the value; decode it."""
    try:
        return json.loads(raw or "null")
    except ValueError as exc:
        raise ApiError(400, f"Request body is not JSON: {exc}", reason=Reason.VALIDATION) from exc


def _with_content_type(result: Any, media_types: dict[str, str]) -> Any:
    if isinstance(result, (Response, ConnexionResponse)):
        return result
    if not isinstance(result, tuple):
        body, status, headers = result, 200, {}
    elif len(result) == 2:
        (body, status), headers = result, {}
    else:
        body, status, headers = result
    headers = dict(headers)
    if body is None:  # Connexion would label it application/json, which a browser's res.json() fails on
        return Response(status_code=status, headers=headers)
    if not any(name.lower() == "content-type" for name in headers):
        media_type = media_types.get(str(status)) or media_types.get("default")
        if media_type:
            headers["Content-Type"] = media_type
    return body, status, headers
