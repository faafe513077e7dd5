"""The real server's lenient booleans (``booleanSchema``): besides true and false, the strings
and numbers Joi's ``truthy``/``falsy`` list take. The spec admits them (``LenientBoolean``);
handlers read them with :func:`flag`."""

from __future__ import annotations

from typing import Any

_TRUE = {"true", "yes", "on", "1", "y"}


def flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return bool(value)
