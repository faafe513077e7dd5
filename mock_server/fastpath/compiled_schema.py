"""A schema check compiled to Python code (fastjsonschema) where it cannot disagree with the
jsonschema check Connexion runs, and that jsonschema check otherwise.

jsonschema walks the schema for every value (a body check was a sixth of a write's time);
fastjsonschema turns the schema into one function once. The fast path may only *admit* what
Connexion would admit, so a compiled check is used only for schemas where the two libraries
agree on every value; where they can differ, the prebuilt jsonschema validator decides:
- ``format``: each library checks a different set of formats, in its own way;
- ``nullable``/``x-nullable``: Connexion's request validator lets ``null`` through, plain
  draft 4 does not;
- ``pattern`` under ``oneOf`` or ``not``: fastjsonschema reads ``$`` as the very end of the
  text, Python's ``re`` (jsonschema) also before a final newline, so it may refuse what
  jsonschema accepts; alone that only sends a request to Connexion, but under ``oneOf`` or
  ``not`` a refusal can turn into an acceptance;
- ``not``, ``uniqueItems``, ``multipleOf``, ``$ref`` and a non-string ``enum`` value: equality
  of ``1`` and ``True``, float arithmetic or references, where the two differ or may.
Schemas are compiled on first use (compiling every operation's at start-up would cost start-up
time), with defaults never written into the checked value.
"""

from __future__ import annotations

from typing import Any, Callable

import fastjsonschema
from jsonschema import Draft4Validator

DRAFT_4 = "http://json-schema.org/draft-04/schema#"
_DIFFERING_KEYWORDS = frozenset({"format", "nullable", "x-nullable", "not", "uniqueItems", "multipleOf", "$ref"})
_REFUSAL_FLIPPERS = frozenset({"oneOf", "not"})


class SchemaCheck:
    """``is_valid(value)``, as ``validator.is_valid`` answers it."""

    def __init__(self, schema: dict[str, Any], validator: Draft4Validator) -> None:
        self._schema = schema
        self._validator = validator
        self._compiled: Callable[[Any], Any] | None = None
        self._compilable = agrees_everywhere(schema)

    def is_valid(self, value: Any) -> bool:
        if not self._compilable:
            return self._validator.is_valid(value)
        if self._compiled is None:
            try:
                self._compiled = fastjsonschema.compile({"$schema": DRAFT_4, **self._schema}, use_default=False)
            except fastjsonschema.JsonSchemaDefinitionException:  # jsonschema's way stays the judge
                self._compilable = False
                return self._validator.is_valid(value)
        try:
            self._compiled(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


def agrees_everywhere(schema: Any) -> bool:
    """Whether fastjsonschema and jsonschema's draft 4 give the same verdict for every value."""
    keywords: set[str] = set()
    if not _walk(schema, keywords):
        return False
    return not (keywords & _DIFFERING_KEYWORDS or ("pattern" in keywords and keywords & _REFUSAL_FLIPPERS))


def _walk(node: Any, keywords: set[str]) -> bool:
    """Collect the keywords used anywhere; False at an ``enum`` with a value that is not text."""
    if isinstance(node, dict):
        keywords.update(node)
        enum = node.get("enum")
        if isinstance(enum, list) and not all(isinstance(value, str) for value in enum):
            return False
        return all(_walk(value, keywords) for value in node.values())
    if isinstance(node, list):
        return all(_walk(value, keywords) for value in node)
    return True
