"""The fast path: an ASGI app in front of Connexion that answers plainly valid requests itself.

Compiled once from the middleware stack Connexion builds (the same objects, in the same order),
so routing, security, validation, parameter parsing and serialisation are Connexion's own
rules, decided at start-up where they can be. A request the fast path cannot admit without
doubt (no single route, a failed or unusual check, a body it does not mirror) goes to Connexion
untouched, so every error and edge case is answered exactly as before. Errors raised by a
handler go through copies of Connexion's exception and server-error middleware, with the same
handlers, so they too render as before.
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
from starlette.types import ASGIApp, Receive, Scope, Send

from ..asgi.front_door import request_info
from .operation import FastOperation
from .routes import RouteTable

log = logging.getLogger(__name__)

_OPERATION_KEY = "mock.fast_operation"


class FastPath:
    def __init__(self, connexion: ConnexionMiddleware) -> None:
        if connexion.middleware_stack is None:  # what Connexion does on its first request, done now
            connexion.app, connexion.middleware_stack = connexion._build_middleware_stack()
        self._connexion = connexion
        stack = {type(layer): layer for layer in connexion.middleware_stack}
        self._routes = RouteTable(stack[RoutingMiddleware].router, stack[SwaggerUIMiddleware].router)
        self._operations = _compile_operations(stack)
        errors = copy.copy(stack[ExceptionMiddleware])
        errors.app = self._run
        crashes = copy.copy(stack[ServerErrorMiddleware])
        crashes.app = errors
        self._guarded: ASGIApp = crashes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        admitted = await self._admit(scope) if scope["type"] == "http" else None
        if admitted is None:
            await self._connexion(scope, receive, send)
        else:
            await self._guarded(admitted, receive, send)

    async def _admit(self, scope: Scope) -> Scope | None:
        """A copy of the scope as Connexion's layers would hand it to the handler, or None."""
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
        admitted[_OPERATION_KEY] = (operation, admission)
        return admitted

    async def _run(self, scope: Scope, receive: Receive, send: Send) -> None:
        operation, admission = scope[_OPERATION_KEY]
        await operation.run(admission, scope, receive, send)


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
