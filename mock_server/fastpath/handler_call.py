"""The handler call of an admitted request, built once per operation at start-up.

Connexion's Starlette decorator does this per request: a new request object (and URI parser),
the body read and parsed again, form parsing of a request that has no form, the handler's
signature inspected, every parameter name converted to a Python name, and the answer's media
type worked out from the operation again. Here the signature, the names and the operation are
fixed once, the request object and the parsed body are the ones admission already made, and
keyword arguments come from ``CompiledArguments`` (Connexion's ``get_arguments`` with the
operation's definitions worked out once, so defaults, type coercion and body naming stay
Connexion's rules). The answer still goes through Connexion's response decorator, whose media
type choice is remembered per (kind of data, returned Content-Type), since it depends on
nothing else.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from connexion.decorators.parameter import CONTEXT_NAME, pythonic, sanitized, unwrap_decorators
from connexion.decorators.response import AsyncResponseDecorator
from connexion.frameworks.starlette import Starlette as StarletteFramework
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.utils import extract_content_type, inspect_function_arguments

from .arguments import CompiledArguments

_NAMES_REMEMBERED = 4096
"""Names come from the document (strict validation refuses an unknown query name first); the
bound only keeps memory finite."""


class _RememberingResponses(AsyncResponseDecorator):
    """Connexion's response building with its media type inference remembered.

    ``_infer_content_type`` is a function of the operation's ``produces``, the Content-Type the
    handler returned and the data's kind (str, bytes, an iterator or other); the operation is
    fixed per instance, so the answer is too."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._inferred: dict[tuple[type, str | None], str | None] = {}

    def _infer_content_type(self, data: Any, headers: dict) -> str | None:  # type: ignore[override]
        key = (type(data), _content_type_in(headers))
        if key not in self._inferred:
            self._inferred[key] = AsyncResponseDecorator._infer_content_type(data, headers)
        return self._inferred[key]


def _content_type_in(headers: Any) -> str | None:
    """``extract_content_type`` for the usual dict of str names without its per-call cost
    (it builds a typing alias on every call); any other shape goes to it."""
    if type(headers) is not dict:
        return extract_content_type(headers)
    for name, value in headers.items():
        if type(name) is not str or type(value) is not str:
            return extract_content_type(headers)
        if name.lower() == "content-type":
            return value
    return None


class HandlerCall:
    def __init__(self, function: Callable[..., Any], operation: Any, *, pythonic_params: bool, jsonifier: Any) -> None:
        self._function = function
        self._arguments, self._has_kwargs = inspect_function_arguments(unwrap_decorators(function))
        self._sanitize = functools.lru_cache(maxsize=_NAMES_REMEMBERED)(pythonic if pythonic_params else sanitized)
        body_name = self._sanitize(operation.body_name("application/json")) if operation.request_body else None
        self._wants_body = self._has_kwargs or (body_name is not None and body_name in self._arguments)
        """Whether Connexion would read the body for the handler (``_maybe_get_body``): fixed per operation."""
        self._get_arguments = CompiledArguments(operation, self._arguments, self._has_kwargs, self._sanitize)
        self._responses = _RememberingResponses(framework=StarletteFramework, jsonifier=jsonifier)

    async def __call__(self, request: ConnexionRequest, body: Any) -> Any:
        """The Starlette response Connexion's decorators would have produced."""
        kwargs = self._get_arguments(
            request.path_params, request.query_params, body if self._wants_body else None, request.mimetype
        )
        kwargs = {self._sanitize(name): value for name, value in kwargs.items()}
        context = request.context
        for key, value in context.items():
            if self._has_kwargs or key in self._arguments:
                kwargs[key] = value
        if CONTEXT_NAME in self._arguments:
            kwargs[CONTEXT_NAME] = context
        answer = await self._function(**kwargs)
        if StarletteFramework.is_framework_response(answer):
            return answer
        if isinstance(answer, ConnexionResponse):
            return StarletteFramework.connexion_to_framework_response(answer)
        return self._responses.build_framework_response(answer)
