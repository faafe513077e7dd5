"""The fast path: an ASGI app in front of Connexion that answers plainly valid requests itself.

Compiled once from the middleware stack Connexion builds (the same objects, in the same order),
so routing, security, validation, parameter parsing and serialisation are Connexion's own
rules, decided at start-up where they can be. A request the fast path cannot admit without
doubt (no single route, a failed or unusual check, a body it does not mirror) goes to Connexion
untouched, so every error and edge case is answered exactly as before. An exception raised by
a handler before its answer has started goes through copies of Connexion's exception and
server-error middleware, with the same handlers, so it renders as before; a request that
raises nothing does not pass through them at all (they would only watch it go by).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from connexion.apps.asynchronous import AsyncASGIApp
from connexion.middleware.context import ContextMiddleware
from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.routing import ROUTING_CONTEXT, RoutingMiddleware
from connexion.middleware.security import SecurityMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..asgi.front_door import request_info
from .operation import Admission, FastOperation
from .routes import RouteTable

log = logging.getLogger(__name__)

_FAILURE_KEY = "mock.fast_failure"


class FastPath:
    def __init__(self, connexion: ConnexionMiddleware) -> None:
        if connexion.middleware_stack is None:  # what Connexion does on its first request, done now
            connexion.app, connexion.middleware_stack = connexion._build_middleware_stack()
        self._connexion = connexion
        stack = {type(layer): layer for layer in connexion.middleware_stack}
        self._routes = RouteTable(stack[RoutingMiddleware].router, stack[SwaggerUIMiddleware].router)
        self._operations = _compile_operations(stack)
        errors = copy.copy(stack[ExceptionMiddleware])
        errors.app = _raise_failure
        crashes = copy.copy(stack[ServerErrorMiddleware])
        crashes.app = errors
        self._failure_answer: ASGIApp = crashes
        """Answers the exception in ``scope[_FAILURE_KEY]`` as Connexion's middleware would."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        admitted = await self._admit(scope) if scope["type"] == "http" else None
        if admitted is None:
            await self._connexion(scope, receive, send)
            return
        scope, (operation, admission) = admitted
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await operation.run(admission, scope, receive, watched_send)
        except Exception as failure:  # noqa: BLE001 - answered as Connexion's middleware answers it
            if started:
                raise
            scope[_FAILURE_KEY] = failure
            await self._failure_answer(scope, receive, send)

    async def _admit(self, scope: Scope) -> tuple[Scope, tuple[FastOperation, Admission]] | None:
        """A copy of the scope as Connexion's layers would hand it to the handler, with the
        operation and its admission, or None."""
        info = request_info(scope)
        if info is None or scope.get("root_path"):
            return None
        found = self._routes.match(scope["method"], scope["path"])
        operation = self._operations.get((found.base_path, found.operation_id)) if found else None
        if found is None or operation is None:
            return None
        admitted = dict(scope)
        admitted["app"] = self._connexion
        admitted["path_params"] = found.path_params
        admitted["extensions"] = {
            **scope.get("extensions", {}),
            ROUTING_CONTEXT: {"api_base_path": found.base_path, "operation_id": found.operation_id},
        }
        try:
            admission = await operation.admits(admitted, info.body)
        except Exception:  # noqa: BLE001 - any refusal is Connexion's to word, so decline
            return None
        if admission is None:
            return None
        return admitted, (operation, admission)


async def _raise_failure(scope: Scope, receive: Receive, send: Send) -> None:
    """The innermost app of the failure answer: the handler's exception, raised again where
    Connexion's exception middleware expects to catch it."""
    raise scope.pop(_FAILURE_KEY)


def _compile_operations(stack: dict[type, Any]) -> dict[tuple[str, str], FastOperation]:
    """Every operation every layer knows, keyed as Connexion's routing context names it.
    A base path shared by two documents is left to Connexion (its routers chain there)."""
    compiled: dict[tuple[str, str], FastOperation] = {}
    layers = [stack[SecurityMiddleware], stack[RequestValidationMiddleware], stack[ContextMiddleware], stack[AsyncASGIApp]]
    for base_path, apis in stack[AsyncASGIApp].apis.items():
        if any(len(layer.apis.get(base_path, ())) != 1 for layer in layers):
            continue
        security, validation, context, endpoints = (layer.apis[base_path][0] for layer in layers)
        for operation_id, endpoint in endpoints.operations.items():
            operation = FastOperation(
                security.operations[operation_id],
                validation.operations[operation_id],
                context.operations[operation_id],
                endpoint,
            )
            if operation.compiled:
                compiled[(base_path, operation_id)] = operation
    log.debug("fast path: %d operations compiled", len(compiled))
    return compiled
