"""Does a request (as it arrived at the proxy) match its operation in the spec?

Schemathesis validates responses; requests it only generates. This module checks an incoming
request with the same per-parameter and per-body validators Schemathesis builds from the
spec, after turning the wire strings into the types the schema expects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from http.cookies import CookieError, SimpleCookie
from typing import Any

from schemathesis.schemas import APIOperation


def request_violations(
    operation: APIOperation,
    path_values: Mapping[str, str],
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
) -> list[str]:
    """Human-readable violations, empty when the request is what the spec describes."""
    sources = {
        "path": {name: [value] for name, value in path_values.items()},
        "query": _multi(query),
        "header": {name.lower(): [value] for name, value in headers.items()},
        "cookie": {name: [value] for name, value in _cookies(headers.get("cookie", "")).items()},
    }
    violations: list[str] = []
    for parameter in operation.iter_parameters():
        location = str(getattr(parameter.location, "value", parameter.location))
        key = parameter.name.lower() if location == "header" else parameter.name
        values = sources.get(location, {}).get(key)
        if values is None:
            if parameter.is_required:
                violations.append(f"request: missing required {location} parameter {parameter.name!r}")
            continue
        problem = _validate(parameter, _typed(parameter.optimized_schema, values))
        if problem:
            violations.append(f"request: {location} parameter {parameter.name!r}: {problem}")
    return violations + _body_violations(operation, headers.get("content-type", ""), body)


def _body_violations(operation: APIOperation, content_type: str, body: bytes) -> list[str]:
    bodies = list(operation.body)
    if not bodies:
        return []
    if not body:
        return ["request: missing required body"] if any(b.is_required for b in bodies) else []
    media_type = content_type.split(";")[0].strip().lower()
    matching = [b for b in bodies if b.media_type.lower() == media_type]
    if not matching:
        documented = ", ".join(sorted({b.media_type for b in bodies}))
        return [f"request: body media type {media_type or 'none'!r} is not documented ({documented})"]
    if not media_type.endswith("json"):
        return []
    try:
        value = json.loads(body)
    except ValueError as error:
        return [f"request: body is not JSON: {error}"]
    problem = _validate(matching[0], value)
    return [f"request: body: {problem}"] if problem else []


def _validate(validator: Any, value: Any) -> str | None:
    try:
        validator.validate(value)
    except Exception as error:  # jsonschema_rs.ValidationError; its message names the rule
        return str(getattr(error, "message", error)).splitlines()[0][:300]
    return None


def _typed(schema: Mapping[str, Any] | None, values: list[str]) -> Any:
    """The wire strings as the schema's type (query arrays repeat the name or use commas)."""
    schema = schema or {}
    if schema.get("type") == "array":
        items = values if len(values) > 1 else values[0].split(",")
        return [_scalar(schema.get("items") or {}, item) for item in items]
    return _scalar(schema, values[0])


def _scalar(schema: Mapping[str, Any], value: str) -> Any:
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        return value
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def _multi(pairs: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in pairs:
        found.setdefault(name, []).append(value)
    return found


def _cookies(header: str) -> dict[str, str]:
    try:
        return {name: morsel.value for name, morsel in SimpleCookie(header).items()}
    except CookieError:
        return {}
