"""The fast path's compiled schema checks never admit what Connexion's jsonschema check refuses
(issue 15: compiled validators, behaviour unchanged).

fastjsonschema and jsonschema disagree on some schemas (``format``, ``nullable``, equality of
``1`` and ``True`` in ``enum``, ``$`` before a final newline, draft 4's integers); a compiled
check is only used where they cannot. Every parameter and JSON body schema of every document
is checked here against values built to sit on those edges: whenever the compiled check says
valid, Connexion's validator (draft 4 for parameters, its nullable-aware request validator for
bodies) must say valid too.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from connexion.json_schema import Draft4RequestValidator
from connexion.spec import Specification
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from mock_server.fastpath.compiled_schema import SchemaCheck, agrees_everywhere
from mock_server.specs import SPECS_DIR

EDGE_SCALARS = st.sampled_from([0, 1, -1, 1.0, 2.5, 1e16, True, False, None, "", "a", "a\n", "1", "true",
                                "x" * 300, "2026-01-01T00:00:00Z", "not-an-email", "user@example.com"])
NAN = float("nan")
JSON_VALUES = st.recursive(
    EDGE_SCALARS | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _schemas() -> Iterator[tuple[str, dict[str, Any], type]]:
    for path in sorted(SPECS_DIR.glob("*.yaml")):
        spec = Specification.load(path)
        for route, item in spec.spec["paths"].items():
            for method, operation in item.items():
                if not isinstance(operation, dict) or method == "parameters":
                    continue
                for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                    yield f"{path.name} {method} {route} {parameter['name']}", parameter["schema"], Draft4Validator
                content = (operation.get("requestBody") or {}).get("content", {})
                for media_type, media in content.items():
                    if "json" in media_type and media.get("schema"):
                        yield f"{path.name} {method} {route} body", media["schema"], Draft4RequestValidator


SCHEMAS = list(_schemas())


def test_most_schemas_are_compiled() -> None:
    """Else the check below proves little and the fast path gains nothing."""
    compiled = [label for label, schema, _ in SCHEMAS if agrees_everywhere(schema)]
    assert len(compiled) >= len(SCHEMAS) // 2, (len(compiled), len(SCHEMAS))


@pytest.mark.parametrize(("schema", "value"), [
    ({"type": "integer"}, 1.0),  # draft 4: not an integer (later drafts: it is)
    ({"type": "string", "enum": ["a"]}, 1),
    ({"oneOf": [{"type": "string", "pattern": "^a$"}, {"type": "string"}]}, "a\n"),
    ({"type": "string", "nullable": True}, None),
    ({"type": "integer", "enum": [1]}, True),
    ({"enum": [True, "yes"]}, 1),
    ({"type": "string", "format": "email"}, "no-at-sign"),
    ({"type": "string", "format": "ipv4"}, "999.1.1.1"),
    ({"type": "string", "format": "uri"}, "not a uri"),  # a format jsonschema does not check: passes
    ({"type": "object", "patternProperties": {"^a$": {"type": "integer"}}}, {"a\n": "x"}),
    ({"oneOf": [{"uniqueItems": True}, {"type": "array"}]}, [NAN, NAN]),  # one NaN object twice
    ({"type": "boolean", "enum": [False]}, 0),
    ({"properties": {"not": {"type": "string"}, "enum": {"type": "integer"}}}, {"not": 1}),  # names, not keywords
])
def test_known_edges_answer_as_jsonschema(schema: dict[str, Any], value: Any) -> None:
    validator = Draft4RequestValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    assert SchemaCheck(schema, validator).is_valid(value) == validator.is_valid(value)


COMPILED = [case for case in SCHEMAS if agrees_everywhere(case[1])]


def _near(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of the schema (its example, or scalars drawn from its type, bounds and pattern),
    those with a member replaced by an edge value, and random values."""
    valid = _valid(schema)
    if valid is None:
        return JSON_VALUES
    return st.one_of(valid, JSON_VALUES, st.tuples(valid, EDGE_SCALARS).map(_with_member_replaced))


def _valid(schema: dict[str, Any]) -> st.SearchStrategy[Any] | None:
    example = _example(schema)
    if example is not None:
        return st.just(example)
    kind = schema.get("type")
    if kind == "string" and "pattern" in schema:
        return st.from_regex(schema["pattern"])
    if kind == "string":
        low = schema.get("minLength", 0)
        return st.text(min_size=low, max_size=schema.get("maxLength", low + 20))
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    return None


def _example(schema: dict[str, Any]) -> Any:
    """The schema's example, default or first enum value, or an object of its properties' ones."""
    for key in ("example", "default"):
        if key in schema:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    properties = {name: _example(sub) for name, sub in (schema.get("properties") or {}).items()}
    found = {name: value for name, value in properties.items() if value is not None}
    return found or None


def _with_member_replaced(pair: tuple[Any, Any]) -> Any:
    value, edge = pair
    if isinstance(value, dict) and value:
        return {**value, next(iter(value)): edge}
    if isinstance(value, list) and value:
        return [edge, *value[1:]]
    return edge


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_compiled_check_never_admits_what_connexion_refuses(data: st.DataObject) -> None:
    label, schema, validator_class = data.draw(st.sampled_from(COMPILED))
    value = data.draw(_near(schema))
    validator = validator_class(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    if SchemaCheck(schema, validator).is_valid(value):
        assert validator.is_valid(value), f"{label}: admitted {value!r}"
