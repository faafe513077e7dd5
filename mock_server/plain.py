"""Turn state records (dataclasses) into JSON-ready data and back, exactly.

State is kept as dataclasses for readable domain code; export/import needs plain data.
Rather than hand-write ``to_dict``/``from_dict`` for every record, this walks the type hints:
dataclasses, lists, dicts with string keys, optionals, datetimes (ISO-8601) and scalars.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


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
    """Rebuild a value of type ``kind`` from what :func:`dump` produced."""
    origin = typing.get_origin(kind)
    if kind is Any or kind is object:
        return data
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        if data is None:
            return None
        if len(options) == 1:
            return load(options[0], data)
        return data
    if origin in (list, tuple, set, frozenset):
        (item_kind, *_) = typing.get_args(kind) or (Any,)
        items = [load(item_kind, item) for item in data]
        return origin(items) if origin is not list else items
    if origin is dict:
        key_kind, value_kind = typing.get_args(kind) or (str, Any)
        return {_load_key(key_kind, key): load(value_kind, item) for key, item in data.items()}
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        init_fields = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{name: load(hints[name], data[name]) for name in init_fields if name in data})
    if kind is datetime:
        return datetime.fromisoformat(data)
    return data


def _load_key(kind: Any, key: str) -> Any:
    return int(key) if kind is int else key


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
