"""Turn an ApiError into the response of the API that owns the request path."""

from __future__ import annotations

import json
import logging

from connexion.lifecycle import ConnexionResponse
from starlette.responses import Response

from .errors import ApiError, ErrorContext, RenderedError
from .registry import ApiDescriptor, all_apis

log = logging.getLogger(__name__)


def render(error: ApiError, context: ErrorContext, api: ApiDescriptor | None) -> RenderedError:
    """The owning API's native error. A renderer that fails on what the request carried (a
    pathological body, say) is asked again with only the method and path, so the answer
    keeps the API's own shape rather than another API's."""
    owner = api or all_apis()[0]
    try:
        rendered = owner.render_error(error, context)
    except Exception:  # noqa: BLE001 - a broken renderer must not turn a 4xx into a crash
        log.exception("Error renderer of %s failed; rendering again without the request's content", owner.name)
        rendered = owner.render_error(error, ErrorContext(method=context.method, path=context.path))
    rendered.headers = {**error.headers, **rendered.headers}
    if not isinstance(rendered.body, (bytes, str)):
        rendered.body = json.dumps(rendered.body, indent=owner.json_indent, ensure_ascii=owner.json_ascii_only) + "\n"
    return rendered


def error_response(error: ApiError, context: ErrorContext, api: ApiDescriptor | None) -> Response:
    """For the front door, which answers before Connexion is involved."""
    rendered = render(error, context, api)
    return Response(rendered.body, rendered.status, rendered.headers, rendered.media_type)


def connexion_error_response(error: ApiError, context: ErrorContext, api: ApiDescriptor | None) -> ConnexionResponse:
    """For Connexion's exception middleware, which wants its own response type."""
    rendered = render(error, context, api)
    return ConnexionResponse(
        status_code=rendered.status,
        mimetype=rendered.media_type,
        body=rendered.body,
        headers=rendered.headers,
    )
