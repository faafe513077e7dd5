"""Connexion's parameter validation with its jsonschema validators built once per parameter.

Connexion's ``ParameterValidator`` deep-copies each parameter's schema and builds a new
``Draft4Validator`` for it on every request. This subclass keeps Connexion's whole walk
(strict query check, which parameters, where their values come from, nullability, required)
and only answers "valid or not" with validators built at start-up (compiled where they
cannot disagree with Connexion's, see compiled_schema.py). Its error texts are never
shown: a request that fails here is handed to Connexion, which finds and words the error.

The query's part of that work (parsing the query string, resolving each value by its
definition, the strict check of names, each value's check) depends on nothing but the
operation and the query string, and the path's part on nothing but the operation and the
path's values; so what passed is remembered, with its resolved values (a bounded number per
operation): a frontend asks for the same record, page, filter or poll again and again. A
handler gets its own copy of remembered values.
"""

from __future__ import annotations

from typing import Any

from connexion.exceptions import BadRequestProblem, ExtraParameterProblem
from connexion.lifecycle import ConnexionRequest
from connexion.utils import is_null, is_nullable
from connexion.validators.parameter import Draft4Validator, ParameterValidator, draft4_format_checker

from .compiled_schema import SchemaCheck
from .copies import own_copy


_REMEMBERED = 64
"""Per operation and part; query strings and path values are the client's to choose, the bound
keeps memory small (a frontend repeats a handful; a fuzzer fills every operation's table)."""


class _Passed:
    """Resolved values of the inputs that passed a check, oldest forgotten first."""

    def __init__(self) -> None:
        self._values: dict[Any, dict[str, Any]] = {}

    def recall(self, key: Any) -> dict[str, Any] | None:
        values = self._values.get(key)
        return None if values is None else own_copy(values)

    def keep(self, key: Any, values: dict[str, Any]) -> None:
        if len(self._values) >= _REMEMBERED:
            del self._values[next(iter(self._values))]
        self._values[key] = own_copy(values)


class PrebuiltParameterValidator(ParameterValidator):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._validators = {
            id(param): _check(param.get("schema", param)) for params in self.parameters.values() for param in params
        }
        self._query_needed = any(param.get("required") for param in self.parameters.get("query", []))
        """Whether a request without a query string can fail the query's checks at all."""
        self._passed_queries = _Passed()
        self._passed_paths = _Passed()

    def validate_request(self, request: ConnexionRequest) -> None:
        """Connexion's checks, the query's taken from memory when this query string passed before
        (its values then set on ``request``); raises as Connexion's validator raises."""
        scope = request.scope
        query_string = scope.get("query_string", b"")
        if query_string or self._query_needed:
            remembered = self._passed_queries.recall(query_string)
            if remembered is None:
                self._validate_query(request)
                self._passed_queries.keep(query_string, request.query_params)
            else:
                request._query_params = remembered
        path_values = tuple(scope.get("path_params", {}).items())
        remembered = self._passed_paths.recall(path_values)
        if remembered is None:
            self._validate_all("path", self.validate_path_parameter, request)
            self._passed_paths.keep(path_values, request.path_params)
        else:
            request._path_params = remembered
        self._validate_all("header", self.validate_header_parameter, request)
        self._validate_all("cookie", self.validate_cookie_parameter, request)

    def _validate_all(self, kind: str, validate: Any, request: ConnexionRequest) -> None:
        for param in self.parameters.get(kind, []):
            error = validate(param, request)
            if error:
                raise BadRequestProblem(detail=error)

    def _validate_query(self, request: ConnexionRequest) -> None:
        """The query's part of ``ParameterValidator.validate_request``, in its order."""
        if self.strict_validation:
            extra = self.validate_query_parameter_list(request, security_params=self.security_query_params)
            if extra:
                raise ExtraParameterProblem(param_type="query", extra_params=extra)
        self._validate_all("query", self.validate_query_parameter, request)

    def validate_parameter(self, parameter_type: str, value: Any, param: dict, param_name: str | None = None) -> str | None:  # type: ignore[override]
        if is_nullable(param) and is_null(value):
            return None
        if value is not None:
            return None if self._validators[id(param)].is_valid(value) else f"invalid {parameter_type} parameter"
        if param.get("required"):
            return f"missing {parameter_type} parameter"
        return None


def _check(schema: dict) -> SchemaCheck:
    return SchemaCheck(schema, Draft4Validator(schema, format_checker=draft4_format_checker))
