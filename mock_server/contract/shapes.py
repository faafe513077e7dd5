"""The shape of a JSON body, and how two shapes differ, for ``compare``.

Values differ between the mock and a real service by nature (ids, times, names); what must
match is the structure a client relies on: which fields exist and of which JSON type.
"""

from __future__ import annotations

from typing import Any

ERROR_CODE_FIELDS = ("code", "errorCode", "error_code")
"""Where the APIs put their machine-readable error code (WildDuck, Overkiz, others)."""


def shape(value: Any, depth: int | None = None) -> Any:
    """dict -> {key: shape}, list -> [merged shape of the items] ([] when empty), scalars -> type
    name; below ``depth`` levels containers are only "object" or "array"."""
    if depth == 0 and isinstance(value, (dict, list)):
        return "object" if isinstance(value, dict) else "array"
    deeper = None if depth is None else depth - 1
    if isinstance(value, dict):
        return {key: shape(item, deeper) for key, item in value.items()}
    if isinstance(value, list):
        merged: Any = None
        for item in value:
            merged = _merge(merged, shape(item, deeper))
        return [] if merged is None else [merged]
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "null" if value is None else "string"


def _merge(left: Any, right: Any) -> Any:
    if left is None:
        return right
    if isinstance(left, dict) and isinstance(right, dict):
        return {key: _merge(left.get(key), right.get(key)) if key in left and key in right else left.get(key, right.get(key))
                for key in {**left, **right}}
    return left


def shape_differences(mock: Any, real: Any, where: str = "") -> list[str]:
    """Fields only one side has, and fields whose JSON type differs; empty when they agree."""
    here = where or "body"
    if isinstance(mock, dict) and isinstance(real, dict):
        found = [f"{_join(where, key)}: only the real service sends it" for key in real if key not in mock]
        found += [f"{_join(where, key)}: only the mock sends it" for key in mock if key not in real]
        for key in mock.keys() & real.keys():
            found += shape_differences(mock[key], real[key], _join(where, key))
        return sorted(found)
    if isinstance(mock, list) and isinstance(real, list):
        return shape_differences(mock[0], real[0], f"{here}[]") if mock and real else []
    if _kind(mock) != _kind(real) and "null" not in (mock, real):  # null is data (an unset value), not shape
        return [f"{here}: mock {_kind(mock)}, real {_kind(real)}"]
    return []


def _kind(shape_: Any) -> str:
    if isinstance(shape_, dict):
        return "object"
    if isinstance(shape_, list):
        return "array"
    return str(shape_)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


ERROR_MESSAGE_FIELDS = ("error", "message", "error_description")
"""Where the APIs put the error's text (WildDuck and Overkiz use ``error``, others ``message``)."""


def error_message(body: Any) -> str | None:
    if isinstance(body, dict):
        for name in ERROR_MESSAGE_FIELDS:
            if isinstance(body.get(name), str):
                return body[name]
    return None


def error_code(body: Any) -> str | None:
    if isinstance(body, dict):
        for name in ERROR_CODE_FIELDS:
            if isinstance(body.get(name), (str, int)):
                return str(body[name])
    return None
