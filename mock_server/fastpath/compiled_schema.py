"""A schema check compiled to Python code (fastjsonschema) where it cannot disagree with the
jsonschema check Connexion runs, and that jsonschema check otherwise.

jsonschema walks the schema for every value (a body check was a sixth of a write's time);
fastjsonschema turns the schema into one function once. The fast path may only *admit* what
Connexion would admit, so a compiled check is used only for schemas where the two libraries
agree on every value; where they can differ, the prebuilt jsonschema validator decides:
- ``nullable``/``x-nullable``: Connexion's request validator lets ``null`` through, plain
  draft 4 does not;
- ``pattern`` under ``oneOf`` or ``not``: fastjsonschema reads ``$`` as the very end of the
  text, Python's ``re`` (jsonschema) also before a final newline, so it may refuse what
  jsonschema accepts; alone that only sends a request to Connexion, but under ``oneOf`` or
  ``not`` a refusal can turn into an acceptance;
- ``not``, ``uniqueItems``, ``multipleOf``, ``$ref``: refusals turned into acceptances, equality
  of ``1`` and ``True``, float arithmetic, references;
- an ``enum`` where Python's ``==`` and JSON Schema's equality differ: ``True`` with ``1``
  (or ``False`` with ``0``) on one side only, or a list or object value.
Formats are checked by the very functions of the format checker Connexion uses (a format it
does not know passes, as there). Schemas are compiled on first use (compiling every
operation's at start-up would cost start-up time), never writing defaults into the value.
"""

from __future__ import annotations

from typing import Any, Callable

import fastjsonschema
from jsonschema import Draft4Validator, FormatChecker

DRAFT_4 = "http://json-schema.org/draft-04/schema#"
_DIFFERING_KEYWORDS = frozenset({"nullable", "x-nullable", "not", "uniqueItems", "multipleOf", "$ref"})
_REFUSAL_FLIPPERS = frozenset({"oneOf", "not"})


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
    """Whether fastjsonschema and jsonschema's draft 4 give the same verdict for every value;
    collects into ``formats`` the format names the schema uses."""
    keywords: set[str] = set()
    if not _walk(schema, keywords, formats if formats is not None else set()):
        return False
    return not (keywords & _DIFFERING_KEYWORDS or ("pattern" in keywords and keywords & _REFUSAL_FLIPPERS))


def _walk(node: Any, keywords: set[str], formats: set[str]) -> bool:
    """Collect the keywords and formats used anywhere; False at an enum Python compares otherwise."""
    if isinstance(node, dict):
        keywords.update(node)
        if isinstance(node.get("format"), str):
            formats.add(node["format"])
        enum = node.get("enum")
        if isinstance(enum, list) and not _same_equality(enum):
            return False
        return all(_walk(value, keywords, formats) for value in node.values())
    if isinstance(node, list):
        return all(_walk(value, keywords, formats) for value in node)
    return True


def _same_equality(enum: list[Any]) -> bool:
    """Whether ``value in enum`` (Python) and JSON Schema's enum agree for every value: they
    differ where ``True == 1`` and ``False == 0`` meet a member of one kind but not the other."""
    if any(isinstance(member, (list, dict)) for member in enum):
        return False
    booleans = {member for member in enum if isinstance(member, bool)}
    numbers = {member for member in enum if isinstance(member, (int, float)) and not isinstance(member, bool)}
    return all((flag in booleans) == (flag in numbers) for flag in (True, False) if flag in booleans or flag in numbers)
