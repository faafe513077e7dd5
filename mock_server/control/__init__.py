"""The control API under ``/_mock``: the mock's own knobs, described by specs/control.yaml."""

from ..errors import ApiError, ErrorContext, Reason, RenderedError
from typing import Any

from ..registry import ApiDescriptor, SpecMount, all_apis
from .body_validation import VALIDATORS
from .messages import short_message


def render_error(error: ApiError, context: ErrorContext) -> RenderedError:
    message = short_message(error.message, context.query) if error.reason is Reason.VALIDATION else error.message
    return RenderedError(status=error.status, body={"error": message, "status": error.status})


def conformance_values(world: Any) -> dict[str, list[str | int]]:
    """A mail in the outbox to read, and the APIs whose fixtures there are."""
    message = world.send_mail(
        "control", sender=("Contract run", "conform@mock.invalid"), to=[("Reader", "reader@mock.invalid")],
        subject="A message for the contract run", text="Read me with GET /_mock/outbox/{messageId}.",
    )
    return {"path.messageId": [message.id], "path.api": [api.name for api in all_apis() if api.fixtures]}


API = ApiDescriptor(
    name="control",
    title="Mock server control API",
    mounts=(SpecMount("control.yaml", "/_mock"),),
    handlers_package="mock_server.control.handlers",
    render_error=render_error,
    auth="none",
    conformance_values=conformance_values,
    request_validators=VALIDATORS,
)
