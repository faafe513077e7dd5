"""Connexion's parameter validation with its jsonschema validators built once per parameter.

Connexion's ``ParameterValidator`` deep-copies each parameter's schema and builds a new
``Draft4Validator`` for it on every request. This subclass keeps Connexion's whole walk
(strict query check, which parameters, where their values come from, nullability, required)
and only answers "valid or not" with validators built at start-up (compiled where they
cannot disagree with Connexion's, see compiled_schema.py). Its error texts are never
shown: a request that fails here is handed to Connexion, which finds and words the error.
"""

from __future__ import annotations

from typing import Any

from connexion.utils import is_null, is_nullable
from connexion.validators.parameter import Draft4Validator, ParameterValidator, draft4_format_checker

from .compiled_schema import SchemaCheck


class PrebuiltParameterValidator(ParameterValidator):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parameters = {kind: _distinct(params) for kind, params in self.parameters.items()}
        self._validators = {
            id(param): _check(param.get("schema", param)) for params in self.parameters.values() for param in params
        }

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


def _distinct(params: list[dict]) -> list[dict]:
    """Each parameter once. Connexion's layers share one document and each adds the path-level
    parameters to the operation's again, so ``/users/{userId}`` lists ``userId`` six times; a
    repeat can only repeat the first one's verdict."""
    kept: list[dict] = []
    for param in params:
        if param not in kept:
            kept.append(param)
    return kept
