"""One operation compiled at start-up from the objects Connexion built for it.

Per operation this holds what each of Connexion's layers would otherwise look up or rebuild per
request: the security check (Connexion's own verification function, which calls the
document's ``x-*InfoFunc``), a parameter validator with prebuilt jsonschema validators, a body
check per media type, and the handler decorated once by Connexion's own Starlette decorator
(parameter parsing into kwargs, ``pythonic_params``, the response serialisation). A request
either passes every check and runs the handler, or is declined and goes to Connexion whole.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, NamedTuple

from connexion.context import _context, _operation, _receive, _scope
from connexion.lifecycle import ConnexionRequest, parse_options_header
from connexion.middleware.context import ContextOperation
from connexion.middleware.request_validation import RequestValidationOperation
from connexion.middleware.security import SecurityOperation
from connexion.apps.asynchronous import AsyncOperation
from connexion.utils import is_nullable
from starlette.types import Receive, Scope, Send

from .body import NOT_ADMITTED, JsonBodyCheck, is_plain_json_validator
from .handler_call import HandlerCall
from .parameters import PrebuiltParameterValidator


_MEDIA_TYPES_REMEMBERED = 256
"""Content-Type headers are the client's to choose; the bound keeps memory finite."""
_OPERATION_MEDIA_TYPES_REMEMBERED = 16
"""The same, per operation: a client sends one or two Content-Types to an operation."""


class FastRequest(ConnexionRequest):
    """A ConnexionRequest that knows a request without a query string has no query parameters
    (what Starlette's parsing and the URI parser's resolution of nothing give) without running
    them, and remembers what each Content-Type header's media type is."""

    @property
    def query_params(self) -> dict:
        if self._query_params is None and not self._starlette_request.scope.get("query_string"):
            self._query_params = {}
        return super().query_params

    @property
    def mimetype(self) -> str:
        if not self._mimetype:
            self._mimetype = _mimetype_of(self.content_type)
        return self._mimetype


@functools.lru_cache(maxsize=_MEDIA_TYPES_REMEMBERED)
def _mimetype_of(content_type: str) -> str:
    """ConnexionRequest's ``mimetype``: a pure function of the Content-Type header."""
    mimetype, _ = parse_options_header(content_type)
    return mimetype.decode()


class _ContentHeaders(NamedTuple):
    content_type: bytes | None
    """The first Content-Type, its name compared without case (as Connexion reads it)."""
    typed: bool
    """Whether a ``content-type`` header is present, as Starlette's ``Headers`` tells it."""
    length: str | None
    """The first ``content-length``, as Starlette's ``Headers.get`` reads it."""

    @classmethod
    def of(cls, headers: list[tuple[bytes, bytes]]) -> _ContentHeaders:
        content_type: bytes | None = None
        typed = False
        length: str | None = None
        for name, value in headers:
            if name == b"content-type":
                typed = True
            elif name == b"content-length" and length is None:
                length = value.decode("latin-1")
            if content_type is None and name.lower() == b"content-type":
                content_type = value
        return cls(content_type, typed, length)


class Admission(NamedTuple):
    request: ConnexionRequest
    """Parsed once: admission validates its parameters, the handler gets them as arguments."""
    body: Any
    """The parsed JSON body, or None for an operation without one."""


class FastOperation:
    def __init__(
        self,
        security: SecurityOperation,
        validation: RequestValidationOperation,
        context: ContextOperation,
        endpoint: AsyncOperation,
    ) -> None:
        spec_operation = validation._operation
        self._security = security
        self._validation = validation
        self._spec_operation = spec_operation
        self._operation = context.operation
        self._uri_parser = _uri_parser(context.operation)
        self._parameters = PrebuiltParameterValidator(
            spec_operation.parameters,
            uri_parser=self._uri_parser,
            strict_validation=validation.strict_validation,
            security_query_params=validation.security_query_params,
        )
        self._has_body = bool(spec_operation.request_body)
        self._media_of = functools.lru_cache(maxsize=_OPERATION_MEDIA_TYPES_REMEMBERED)(self._media_type)
        """A pure function of the operation and the Content-Type header: remembered."""
        self._body_checks: dict[str, JsonBodyCheck | None] = {}
        self._handler = HandlerCall(
            endpoint._fn, context.operation, pythonic_params=endpoint.pythonic_params, jsonifier=endpoint.jsonifier
        )
        self.compiled = validation._validator_map["parameter"].__name__ == "ParameterValidator"
        """False when a custom parameter validator is configured: its rules are not mirrored here."""

    async def admits(self, scope: Scope, body: bytes) -> Admission | None:
        """The request as the handler will see it when Connexion would let it through to the
        handler unchanged, else None. Sets the security context in ``scope`` as Connexion's
        security middleware does (with a request of its own, as there)."""
        if self._security.security:
            await self._security.verification_fn(ConnexionRequest(scope))
        request = FastRequest(scope, uri_parser=self._uri_parser)
        self._parameters.validate_request(request)
        value = self._body_value(scope, body)
        return None if value is NOT_ADMITTED else Admission(request, value)

    def _body_value(self, scope: Scope, body: bytes) -> Any:
        found = _ContentHeaders.of(scope["headers"])
        if not self._has_body:
            plainly_empty = not body and not found.typed and not int(found.length or 0)
            return None if plainly_empty else NOT_ADMITTED
        media = self._media_of(found.content_type)
        if media is None or not int(found.length if found.length is not None else 0):
            return NOT_ADMITTED  # without a length Connexion substitutes the schema's default body: its path
        mime_type, encoding = media
        check = self._body_check(mime_type)
        return NOT_ADMITTED if check is None else check.parsed(body, encoding)

    def _media_type(self, content_type: bytes | None) -> tuple[str, str] | None:
        """The (media type, encoding) Connexion's body validation reads from this Content-Type,
        or None where it refuses the media type (its 415 is for Connexion to answer)."""
        headers = [] if content_type is None else [(b"content-type", content_type)]
        mime_type, encoding = self._validation.extract_content_type(headers)
        try:
            self._validation.validate_mime_type(mime_type)
        except Exception:  # noqa: BLE001 - any refusal is Connexion's to word
            return None
        return mime_type, encoding

    def _body_check(self, mime_type: str) -> JsonBodyCheck | None:
        if mime_type not in self._body_checks:
            self._body_checks[mime_type] = self._compile_body_check(mime_type)
        return self._body_checks[mime_type]

    def _compile_body_check(self, mime_type: str) -> JsonBodyCheck | None:
        schema = self._spec_operation.body_schema(mime_type)
        if not schema or is_nullable(self._spec_operation.body_definition(mime_type)):
            return None
        try:
            validator_class = self._validation._validator_map["body"][mime_type]
        except KeyError:
            return None
        return JsonBodyCheck(schema) if is_plain_json_validator(validator_class) else None

    async def run(self, admission: Admission, scope: Scope, receive: Receive, send: Send) -> None:
        """What Connexion's context middleware and its app do for an admitted request."""
        _context.set(scope.get("extensions", {}).get("connexion_context", {}))
        _operation.set(self._operation)
        _receive.set(receive)
        _scope.set(scope)
        response = await self._handler(admission.request, admission.body)
        await response(scope, receive, send)


def _uri_parser(operation: Any) -> Any:
    """The URI parser Connexion builds per request for this operation; it keeps no request state.
    Built at start-up, Connexion's note that an operation takes several media types would be
    printed before any logging is set up (per request, uvicorn's level hides it): kept quiet."""
    logger = logging.getLogger("connexion.operations.openapi3")
    quiet, logger.disabled = logger.disabled, True
    try:
        return operation.uri_parser_class(operation.parameters, operation.body_definition())
    finally:
        logger.disabled = quiet
