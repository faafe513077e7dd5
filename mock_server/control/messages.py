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
        return f"{match['field']}: {match['reason']}"
    if (match := _INSTANCE_FIRST.match(text)) and (name := _query_parameter_holding(match["value"], query)):
        return f"{name}: {text}"
    return text


def _query_parameter_holding(shown: str, query: str) -> str | None:
    """The query parameter whose value jsonschema quoted (``'x'`` for text, ``0`` for a number)."""
    value = shown[1:-1] if shown.startswith("'") else shown
    return next((name for name, given in parse_qsl(query, keep_blank_values=True) if given == value), None)
