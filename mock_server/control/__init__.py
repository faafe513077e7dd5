"""The control API under ``/_mock``: the mock's own knobs, described by specs/control.yaml."""

from ..errors import ApiError, ErrorContext, Reason, RenderedError
from ..registry import ApiDescriptor, SpecMount
from .messages import short_message


def render_error(error: ApiError, context: ErrorContext) -> RenderedError:
    message = short_message(error.message, context.query) if error.reason is Reason.VALIDATION else error.message
    return RenderedError(status=error.status, body={"error": message, "status": error.status})


API = ApiDescriptor(
    name="control",
    title="Mock server control API",
    mounts=(SpecMount("control.yaml", "/_mock"),),
    handlers_package="mock_server.control.handlers",
    render_error=render_error,
    auth="none",
)
