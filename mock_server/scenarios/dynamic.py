"""Generate a value from a JSON schema, for ``Prefer: dynamic=true`` (as Prism does).

Types, formats, enums, lengths and ranges are honoured, and an ``example`` is used where the
document gives one. A ``pattern`` without an example is not honoured (a free-form regex
generator is more than this needs); the result is then plain letters.
"""

from __future__ import annotations

from typing import Any

from ..ids import Randomness
from .documents import resolve

MAX_DEPTH = 6


def generate(document: dict[str, Any], schema: Any, ids: Randomness, now_iso: str, depth: int = 0) -> Any:
    schema = resolve(document, schema)
    if not isinstance(schema, dict) or depth > MAX_DEPTH:
        return None
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return ids.rng.choice(schema["enum"])
    for combinator in ("oneOf", "anyOf"):
        if schema.get(combinator):
            return generate(document, ids.rng.choice(schema[combinator]), ids, now_iso, depth + 1)
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = generate(document, part, ids, now_iso, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type") or ("object" if "properties" in schema else "string")
    return _BY_TYPE.get(kind, _string)(document, schema, ids, now_iso, depth)


def _object(document: dict[str, Any], schema: dict[str, Any], ids: Randomness, now_iso: str, depth: int) -> Any:
    return {
        name: generate(document, sub_schema, ids, now_iso, depth + 1)
        for name, sub_schema in (schema.get("properties") or {}).items()
    }


def _array(document: dict[str, Any], schema: dict[str, Any], ids: Randomness, now_iso: str, depth: int) -> Any:
    low = schema.get("minItems", 1)
    count = ids.rng.randint(low, max(low, min(schema.get("maxItems", 3), 3)))
    return [generate(document, schema.get("items", {}), ids, now_iso, depth + 1) for _ in range(count)]


def _integer(document: dict[str, Any], schema: dict[str, Any], ids: Randomness, now_iso: str, depth: int) -> Any:
    low = int(schema.get("minimum", 0))
    return ids.rng.randint(low, int(schema.get("maximum", low + 1000)))


def _number(document: dict[str, Any], schema: dict[str, Any], ids: Randomness, now_iso: str, depth: int) -> Any:
    low = float(schema.get("minimum", 0))
    return round(ids.rng.uniform(low, float(schema.get("maximum", low + 1000))), 2)


def _boolean(document: dict[str, Any], schema: dict[str, Any], ids: Randomness, now_iso: str, depth: int) -> Any:
    return ids.rng.random() < 0.5


def _string(document: dict[str, Any], schema: dict[str, Any], ids: Randomness, now_iso: str, depth: int) -> Any:
    fmt = schema.get("format")
    if fmt == "date-time":
        return now_iso
    if fmt == "date":
        return now_iso[:10]
    if fmt in ("email", "idn-email"):
        return ids.fake.email()
    if fmt == "uuid":
        return ids.uuid4()
    if fmt in ("uri", "url"):
        return ids.fake.url()
    low = schema.get("minLength", 1)
    length = max(low, min(schema.get("maxLength", 12), 12))
    return ids.letters(length)


_BY_TYPE = {
    "object": _object,
    "array": _array,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "string": _string,
}
