"""A schema check compiled to Python code (fastjsonschema) where it cannot disagree with the
jsonschema check Connexion runs, and that jsonschema check otherwise.

jsonschema walks the schema for every value (a body check was a sixth of a write's time);
fastjsonschema turns the schema into one function once. The fast path may only *admit* what
Connexion would admit, so a compiled check is used only for schemas where fastjsonschema never
admits what jsonschema refuses. The schema is walked where schemas sit (``properties``,
``items``, ``allOf``...; an ``example``, an ``enum`` or a property's name is no schema), and:
- ``nullable``/``x-nullable`` anywhere: Connexion's request validator lets ``null`` through,
  plain draft 4 does not;
- ``not``, ``multipleOf``, ``$ref``, ``patternProperties`` anywhere: a refusal turned into an
  acceptance, float arithmetic, references, and property names matched with ``$`` read
  differently (a key one library sends to ``additionalProperties`` the other checks against
  the pattern's schema);
- ``pattern`` and ``uniqueItems`` under ``oneOf``: fastjsonschema reads ``$`` as the very end
  of the text (Python's ``re``, in jsonschema, also before a final newline) and takes the same
  NaN object twice for a repeat, so it may refuse what jsonschema accepts. Alone that only
  sends a request to Connexion, but one branch of a ``oneOf`` refused can make the whole
  accepted;
- an ``enum`` with a list or object member. Scalar members are matched by type, as JSON
  Schema does (``True`` is not ``1``) by the fastjsonschema this project pins.
Formats are checked by the very functions of the format checker Connexion uses (a format it
does not know passes, as there). Schemas are compiled on first use (compiling every
operation's at start-up would cost start-up time), never writing defaults into the value.
"""

from __future__ import annotations

from typing import Any, Callable

import fastjsonschema
from jsonschema import Draft4Validator, FormatChecker

DRAFT_4 = "http://json-schema.org/draft-04/schema#"
_NEVER = frozenset({"nullable", "x-nullable", "not", "multipleOf", "$ref", "patternProperties"})
_REFUSES_MORE = frozenset({"pattern", "uniqueItems"})
"""Where fastjsonschema may refuse what jsonschema accepts: harmless unless under ``oneOf``."""
_ONE_SCHEMA = ("additionalProperties", "additionalItems", "items")
_SCHEMA_LISTS = ("allOf", "anyOf")
_ENUM_MEMBERS = frozenset({str, int, float, bool, type(None)})


class SchemaCheck:
    """``is_valid(value)``, as ``validator.is_valid`` answers it."""

    def __init__(self, schema: dict[str, Any], validator: Draft4Validator) -> None:
        self._schema = schema
        self._validator = validator
        self._compiled: Callable[[Any], Any] | None = None
        self._formats: set[str] = set()
        self._compilable = agrees_everywhere(schema, self._formats)

    def is_valid(self, value: Any) -> bool:
        if not self._compilable:
            return self._validator.is_valid(value)
        if self._compiled is None:
            try:
                self._compiled = self._compile()
            except Exception:  # noqa: BLE001 - e.g. its rewrite of ``$`` inside ``[...]`` is no regex; jsonschema judges
                self._compilable = False
                return self._validator.is_valid(value)
        try:
            self._compiled(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def _compile(self) -> Callable[[Any], Any]:
        checker: FormatChecker | None = self._validator.format_checker
        formats = {name: _format_check(checker, name) for name in self._formats}
        return fastjsonschema.compile({"$schema": DRAFT_4, **self._schema}, formats=formats, use_default=False)


def _format_check(checker: FormatChecker | None, name: str) -> Callable[[str], bool]:
    if checker is None or name not in checker.checkers:
        return lambda _text: True  # jsonschema lets a format it does not check pass
    return lambda text: checker.conforms(text, name)


def agrees_everywhere(schema: Any, formats: set[str] | None = None) -> bool:
    """Whether fastjsonschema never admits a value jsonschema's draft 4 refuses; collects into
    ``formats`` the format names the schema uses."""
    return _agrees(schema, False, formats if formats is not None else set())


def _agrees(node: Any, under_one_of: bool, formats: set[str]) -> bool:
    if isinstance(node, list):  # ``items`` as a list of schemas
        return all(_agrees(member, under_one_of, formats) for member in node)
    if not isinstance(node, dict):
        return True
    if node.keys() & _NEVER or (under_one_of and node.keys() & _REFUSES_MORE):
        return False
    if isinstance(node.get("format"), str):
        formats.add(node["format"])
    if "enum" in node and not (isinstance(node["enum"], list) and {type(member) for member in node["enum"]} <= _ENUM_MEMBERS):
        return False
    nested = [
        *((node[key], under_one_of) for key in _ONE_SCHEMA if key in node),
        *((member, under_one_of) for key in _SCHEMA_LISTS for member in node.get(key) or ()),
        *((member, True) for member in node.get("oneOf") or ()),
        *((member, under_one_of) for member in (node.get("properties") or {}).values()),
        *((member, under_one_of) for member in (node.get("dependencies") or {}).values() if isinstance(member, dict)),
    ]
    return all(_agrees(member, flag, formats) for member, flag in nested)
