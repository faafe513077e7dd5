"""Connexion's JSON serialisation with a C path for pretty-printed output, byte for byte.

The standard library's C encoder only runs without ``indent``; WildDuck's two-space answers
were encoded in pure Python. orjson's ``OPT_INDENT_2`` lays out JSON exactly as
``json.dumps(indent=2, ensure_ascii=False)`` does (newlines, indents, separators, empty
containers) but may write a scalar otherwise: some floats (``1e-5`` against ``1e-05``), NaN
(``null`` against ``NaN``); and it refuses what the standard encoder accepts or hands to
Connexion's ``default`` (datetimes, dataclasses, subclasses of str/int, integers wider than
64 bits, lone surrogates, non-str keys). So for an ``indent=2``, UTF-8 jsonifier the data is
first written compactly by both orjson and the standard library's C encoder: only when those
bytes agree (every scalar written alike) is orjson's two-space output used; otherwise the
standard encoder writes it, as before. The check costs two C encodes, a fraction of the pure
Python one it replaces. Compact output already runs on the standard library's C encoder and
is left to it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from connexion.jsonifier import Jsonifier

_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS
"""Types orjson would write its own way are refused, so the standard encoder handles them."""


class FastJsonifier(Jsonifier):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fast = self.dumps_args == {"indent": 2, "ensure_ascii": False, "cls": self.dumps_args.get("cls")}

    def dumps(self, data: Any, **kwargs: Any) -> str:
        if self._fast and not kwargs and _orjson_agrees(data):
            return orjson.dumps(data, option=orjson.OPT_INDENT_2 | _STRICT).decode() + "\n"
        return super().dumps(data, **kwargs)


def _orjson_agrees(data: Any) -> bool:
    """Whether orjson writes every value of ``data`` as ``json.dumps(ensure_ascii=False)`` does."""
    try:
        compact = orjson.dumps(data, option=_STRICT)
    except TypeError:
        return False
    return compact == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
