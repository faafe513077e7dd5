"""Short validation messages for the control API: "field: reason", as the other APIs give.

Connexion hands over jsonschema's full text (the failing schema and instance included); a
user of ``/_mock`` needs the field and what is wrong with it, in one line.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

_SUFFIX_FIELD = re.compile(r"^(?P<reason>.*) - '(?P<field>[^']*)'$")
_REQUIRED = re.compile(r"^'(?P<field>[^']+)' is a required property$")
_UNEXPECTED = re.compile(r"\('(?P<field>[^']+)'(?:, '[^']+')* (?:was|were) unexpected\)")
_EXTRA_QUERY = re.compile(r"^Extra (?:query|formData) parameter\(s\) (?P<fields>.+?) not in spec$")
_INSTANCE_FIRST = re.compile(r"^(?P<value>'[^']*'|\S+) (?P<reason>is .*|does not .*)$")


def short_message(detail: str, query: str) -> str:
    text = detail.strip().split("\n", 1)[0].strip()
    if match := _REQUIRED.match(text):
        return f"{match['field']}: is required"
    if match := _UNEXPECTED.search(text):
        return f"{match['field']}: is not allowed here"
    if match := _EXTRA_QUERY.match(text):
        return f"{match['fields']}: is not a query parameter of this operation"
    if match := _SUFFIX_FIELD.match(text):
        return f"{_located(match['field'])}: {_in_words(match['reason'])}"
    if (match := _INSTANCE_FIRST.match(text)) and (name := _query_parameter_holding(match["value"], query)):
        return f"{name}: {text}"
    return text


def _located(field: str) -> str:
    """``namespaces.s1.apis.wildduck.users.u1.name`` -> ``namespace 's1', API 'wildduck', record users.u1.name``."""
    parts = field.split(".")
    if parts[0] == "namespaces" and parts[-1] == "namespace" and len(parts) >= 3:  # a name may hold dots
        return f"namespace {'.'.join(parts[1:-1])!r}, its name"
    if len(parts) >= 3 and parts[0] == "namespaces":
        where = f"namespace {parts[1]!r}"
        if parts[2] == "apis" and len(parts) >= 5:
            return f"{where}, API {parts[3]!r}, record {'.'.join(parts[4:])}"
        return f"{where}, {'.'.join(parts[2:])}"
    return field


_TYPE = re.compile(r"^(?P<value>.*) is not of type '(?P<type>\w+)'$")
_EXPECTED = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "array": "a list", "object": "an object"}


def _in_words(reason: str) -> str:
    """jsonschema's "12345 is not of type 'string'" as "expected text, got a number"."""
    match = _TYPE.match(reason)
    if not match:
        return reason
    return f"expected {_EXPECTED.get(match['type'], match['type'])}, got {_shown(match['value'])}"


def _shown(value: str) -> str:
    if value == "None":
        return "nothing (null)"
    if value in ("True", "False"):
        return "true or false"
    if value.startswith(("'", '"')):
        return "text"
    if value.startswith("["):
        return "a list"
    if value.startswith("{"):
        return "an object"
    return "a number"


def _query_parameter_holding(shown: str, query: str) -> str | None:
    """The query parameter whose value jsonschema quoted (``'x'`` for text, ``0`` for a number)."""
    value = shown[1:-1] if shown.startswith("'") else shown
    return next((name for name, given in parse_qsl(query, keep_blank_values=True) if given == value), None)
