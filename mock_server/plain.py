"""Turn state records (dataclasses) into JSON-ready data and back, exactly.

State is kept as dataclasses for readable domain code; export/import needs plain data.
Rather than hand-write ``to_dict``/``from_dict`` for every record, this walks the type hints:
dataclasses, lists, dicts with string keys, optionals, datetimes (ISO-8601) and scalars.

:func:`load` is strict because an import must never let in a value the APIs cannot work
with: every value is checked against its type hint, and a refusal (:class:`PlainError`) names
the record and field in words (``users['a1'].username: expected text, got a number``).
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from datetime import datetime, timezone
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9500, 1, 1, tzinfo=timezone.utc)
"""Instants a record may hold: far enough from datetime's limits (years 1 and 9999) that the
APIs can add any retention or lifetime to them without overflowing."""


class PlainError(ValueError):
    """A value that does not fit its type; ``where`` is the path of the field in the record."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where or 'the record'}: {problem}")
        self.where = where
        self.problem = problem

    def inside(self, outer: str) -> "PlainError":
        joined = outer + self.where if self.where.startswith("[") else ".".join(p for p in (outer, self.where) if p)
        return PlainError(joined, self.problem)


def dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [dump(item) for item in items]
    if isinstance(value, dict):
        return {str(key): dump(item) for key, item in value.items()}
    return value


def load(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` from what :func:`dump` produced; PlainError if it does not fit."""
    origin = typing.get_origin(kind)
    if kind is Any or kind is object:
        return data
    if origin in (typing.Union, types.UnionType):
        return _load_union(kind, data)
    if origin in (list, tuple, set, frozenset) or kind in (list, tuple, set, frozenset):
        return _load_collection(kind, origin or kind, data)
    if origin is dict or kind is dict:
        key_kind, value_kind = typing.get_args(kind) or (str, Any)
        if not isinstance(data, dict):
            raise PlainError("", f"expected an object, got {_described(data)}")
        return {_load_key(key_kind, key): _within(f"[{key!r}]", value_kind, item) for key, item in data.items()}
    if dataclasses.is_dataclass(kind):
        return _load_record(kind, data)
    if kind is datetime:
        return _load_instant(data)
    return _load_scalar(kind, data)


def _within(where: str, kind: Any, data: Any) -> Any:
    try:
        return load(kind, data)
    except PlainError as error:
        raise error.inside(where) from None


def _load_union(kind: Any, data: Any) -> Any:
    options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if data is None:
        if len(options) < len(typing.get_args(kind)):
            return None
        raise PlainError("", f"expected {_named(kind)}, got nothing (null)")
    problems = []
    for option in options:
        try:
            return load(option, data)
        except PlainError as error:
            problems.append(error)
    if len(problems) == 1:
        raise problems[0]
    raise PlainError("", f"expected {_named(kind)}, got {_described(data)}")


def _load_collection(kind: Any, origin: Any, data: Any) -> Any:
    if not isinstance(data, list):
        raise PlainError("", f"expected a list, got {_described(data)}")
    args = typing.get_args(kind)
    if origin is tuple and args and args[-1] is not Ellipsis:
        if len(args) != len(data):
            raise PlainError("", f"expected a list of {len(args)} items, got {len(data)}")
        return tuple(_within(f"[{i}]", arg, item) for i, (arg, item) in enumerate(zip(args, data)))
    item_kind = args[0] if args else Any
    items = [_within(f"[{i}]", item_kind, item) for i, item in enumerate(data)]
    if origin in (set, frozenset):
        try:
            return origin(items)
        except TypeError:
            raise PlainError("", "expected a list of simple values (a set)") from None
    return tuple(items) if origin is tuple else items


def _load_record(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise PlainError("", f"expected an object ({kind.__name__}), got {_described(data)}")
    hints = _hints(kind)
    fields = {f.name: f for f in dataclasses.fields(kind) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise PlainError(str(unknown[0]), f"is not a field of {kind.__name__}")
    missing = [name for name, f in fields.items() if name not in data and _required(f)]
    if missing:
        raise PlainError(missing[0], "is missing")
    values = {name: _within(name, hints[name], data[name]) for name in fields if name in data}
    try:
        return kind(**values)
    except (TypeError, ValueError) as exc:
        raise PlainError("", f"is not a valid {kind.__name__}: {exc}") from None


def _required(field: dataclasses.Field) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def _load_instant(data: Any) -> datetime:
    if not isinstance(data, str):
        raise PlainError("", f"expected an ISO-8601 instant, got {_described(data)}")
    try:
        instant = datetime.fromisoformat(data)
    except ValueError:
        raise PlainError("", f"expected an ISO-8601 instant, got {data[:40]!r}") from None
    if instant.tzinfo is None:
        raise PlainError("", f"the instant {data[:40]!r} has no UTC offset")
    if not EARLIEST <= instant < LATEST:
        raise PlainError("", f"the instant {data[:40]!r} is outside {EARLIEST.year}-{LATEST.year}")
    return instant


def _load_scalar(kind: Any, data: Any) -> Any:
    if kind is bool:
        ok = isinstance(data, bool)
    elif kind is int:
        ok = isinstance(data, int) and not isinstance(data, bool)
    elif kind is float:
        ok = isinstance(data, (int, float)) and not isinstance(data, bool) and math.isfinite(data)
        # an int stays an int (as the record held it), so an export round-trips byte for byte
    elif kind is str:
        ok = isinstance(data, str)
    elif kind is type(None):
        ok = data is None
    else:
        raise PlainError("", f"has a type the state codec does not know ({kind!r})")
    if not ok:
        raise PlainError("", f"expected {_named(kind)}, got {_described(data)}")
    return data


def _load_key(kind: Any, key: str) -> Any:
    if kind is int:
        try:
            return int(key)
        except ValueError:
            raise PlainError(f"[{key!r}]", "expected a whole-number key") from None
    return key


_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", datetime: "an instant"}


def _named(kind: Any) -> str:
    options = [arg for arg in typing.get_args(kind) if arg is not type(None)] or [kind]
    return " or ".join(_NAMES.get(option, getattr(option, "__name__", str(option))) for option in options)


def _described(data: Any) -> str:
    if data is None:
        return "nothing (null)"
    if isinstance(data, bool):
        return "true or false"
    if isinstance(data, (int, float)):
        return "a number"
    if isinstance(data, str):
        return "text"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, dict):
        return "an object"
    return type(data).__name__


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


_INSTANT_PATTERN = r"^(19[0-9]{2}|[2-8][0-9]{3}|9[0-4][0-9]{2})-[0-9]{2}-[0-9]{2}T.*([+-][0-9]{2}:[0-9]{2}|Z)$"
"""An instant as :func:`load` takes it: years EARLIEST..LATEST, with a UTC offset."""


def schema(kind: Any) -> dict[str, Any]:
    """The OpenAPI 3.0 schema of what :func:`dump` makes of a ``kind`` (so the control API's
    document describes the state document exactly, from the records themselves)."""
    origin = typing.get_origin(kind)
    if kind is Any or kind is object:
        return {}
    if origin in (typing.Union, types.UnionType):
        options = [schema(arg) for arg in typing.get_args(kind) if arg is not type(None)]
        nullable = len(options) < len(typing.get_args(kind))
        single = options[0] if len(options) == 1 else {"anyOf": options}
        return {**single, "nullable": True} if nullable else single
    if origin in (list, tuple, set, frozenset) or kind in (list, tuple, set, frozenset):
        args = [arg for arg in typing.get_args(kind) if arg is not Ellipsis]
        items = [schema(arg) for arg in args]
        fixed = origin is tuple and args and len(args) == len(typing.get_args(kind))
        item = items[0] if len(items) == 1 or (items and all(i == items[0] for i in items)) else ({"anyOf": items} if items else {})
        return {"type": "array", "items": item, **({"minItems": len(args), "maxItems": len(args)} if fixed else {})}
    if origin is dict or kind is dict:
        _key, value_kind = typing.get_args(kind) or (str, Any)
        return {"type": "object", "additionalProperties": schema(value_kind)}
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = [f for f in dataclasses.fields(kind) if f.init]
        required = [f.name for f in fields if _required(f)]
        return {
            "type": "object",
            "additionalProperties": False,
            **({"required": required} if required else {}),
            "properties": {f.name: schema(hints[f.name]) for f in fields},
        }
    if kind is datetime:
        return {"type": "string", "format": "date-time", "pattern": _INSTANT_PATTERN}
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"},
            type(None): {"nullable": True}}[kind]
