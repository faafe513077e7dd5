"""Connexion's JSON serialisation with a C path for pretty-printed output, byte for byte.

The standard library's C encoder only runs without ``indent``; WildDuck's two-space answers
were encoded in pure Python. orjson's ``OPT_INDENT_2`` lays out JSON exactly as
``json.dumps(indent=2, ensure_ascii=False)`` does (newlines, indents, separators, empty
containers, and every string: checked for every code point) but may write a scalar
otherwise: some floats (``1e-5`` against ``1e-05``), NaN (``null`` against ``NaN``); and it
refuses what the standard encoder accepts or hands to Connexion's ``default`` (datetimes,
dataclasses, subclasses of str/int/dict/list, integers wider than 64 bits, lone surrogates,
non-str keys).

So for an ``indent=2``, UTF-8 jsonifier, data made only of dicts, lists and tuples holding
str, int, bool and None (what answers are, almost always) is written by orjson: those it
writes as the standard encoder does, and what it refuses among them (a wide integer, a lone
surrogate, a non-str key) raises and goes back to the standard encoder. Data holding anything
else, a float above all, is first written compactly by both encoders, and orjson's two-space
output is used only when those bytes agree; otherwise the standard encoder writes it, as
before. Compact output already runs on the standard library's C encoder and is left to it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from connexion.jsonifier import Jsonifier

_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS
"""Types orjson would write its own way are refused, so the standard encoder handles them."""
_PRETTY = orjson.OPT_INDENT_2 | _STRICT
_PLAIN = frozenset({str, int, bool, type(None)})
"""Scalars orjson writes exactly as ``json.dumps(ensure_ascii=False)`` does, or refuses."""
_CONTAINERS = frozenset({dict, list, tuple})
_PLAIN_OR_CONTAINER = _PLAIN | _CONTAINERS


class FastJsonifier(Jsonifier):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fast = self.dumps_args == {"indent": 2, "ensure_ascii": False, "cls": self.dumps_args.get("cls")}

    def dumps(self, data: Any, **kwargs: Any) -> str:
        if self._fast and not kwargs and (_is_plain(data) or _orjson_agrees(data)):
            try:
                return orjson.dumps(data, option=_PRETTY).decode() + "\n"
            except TypeError:
                pass
        return super().dumps(data, **kwargs)


def _is_plain(data: Any) -> bool:
    """Whether ``data`` holds only exact dicts, lists and tuples of str, int, bool and None.
    Each container's member types are gathered in one C-level pass; only containers are
    visited one by one."""
    pending = [data]
    while pending:
        value = pending.pop()
        kind = type(value)
        if kind is dict:
            members = value.values()
        elif kind is list or kind is tuple:
            members = value
        elif kind in _PLAIN:
            continue
        else:
            return False
        kinds = set(map(type, members))
        if kinds <= _PLAIN:
            continue
        if not kinds <= _PLAIN_OR_CONTAINER:
            return False
        pending += [member for member in members if type(member) in _CONTAINERS]
    return True


def _orjson_agrees(data: Any) -> bool:
    """Whether orjson writes every value of ``data`` as ``json.dumps(ensure_ascii=False)`` does."""
    try:
        compact = orjson.dumps(data, option=_STRICT)
        return compact == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError):  # orjson writes UUIDs and enums itself; the plain encoder refuses them
        return False
