"""Connexion's ``get_arguments`` with the operation's definitions worked out once.

Per request Connexion rebuilds, from every parameter of the operation, the path and query
definitions and the query defaults, and works out the file arguments of a request that has no
files. Here those are fixed at start-up and each request runs the rest with Connexion's own
helpers, in Connexion's order, so coercion, defaults, body naming and precedence stay its
rules. A copy of the defaults is still taken per request, as Connexion takes it, so a handler
that changes a default it was given cannot change the next request's (a deep one only where a
default is a list or an object).
"""

from __future__ import annotations

from typing import Any, Callable

from connexion.decorators.parameter import (
    _get_body_argument,
    _get_query_defaults,
    _get_val_from_param,
    _query_args_helper,
)
from connexion.utils import deep_merge

from .copies import own_copy


class CompiledArguments:
    def __init__(self, operation: Any, arguments: list[str], has_kwargs: bool, sanitize: Callable[[str], str]) -> None:
        self._operation = operation
        self._arguments = arguments
        self._has_kwargs = has_kwargs
        self._sanitize = sanitize
        self._path_definitions = {param["name"]: param for param in operation.parameters if param["in"] == "path"}
        self._query_definitions = {param["name"]: param for param in operation.parameters if param["in"] == "query"}
        self._query_defaults = _get_query_defaults(self._query_definitions)
        self._reads_body = bool(arguments or has_kwargs) and operation.is_request_body_defined
        """``_get_body_argument``'s first two tests, which depend only on the operation."""

    def __call__(self, path_params: dict, query_params: dict, body: Any, content_type: str) -> dict[str, Any]:
        """What ``get_arguments`` returns for a request without files (the fast path admits none)."""
        found: dict[str, Any] = {}
        for name, value in path_params.items():
            definition = self._path_definitions.get(name)
            found[self._sanitize(name)] = value if definition is None else _get_val_from_param(value, definition)
        if query_params or self._query_defaults:  # else there are no query arguments to give
            query = deep_merge(own_copy(self._query_defaults), query_params)
            found.update(_query_args_helper(self._query_definitions, query, self._arguments, self._has_kwargs, self._sanitize))
        if self._reads_body:
            found.update(
                _get_body_argument(
                    body, operation=self._operation, arguments=self._arguments, has_kwargs=self._has_kwargs,
                    sanitize=self._sanitize, content_type=content_type,
                )
            )
        return found
