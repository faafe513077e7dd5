"""Load scenario files, refusing a bad one with its file, line and reason.

The YAML is composed into nodes (which know their line) and also loaded as data; a JSON
Schema error's path is walked through the nodes to name the line of the offending value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..yaml_reading import safe_load
from .model import Scenario

SCENARIOS_DIR = Path(__file__).resolve().parent.parent.parent / "scenarios"
SCHEMA_FILE = SCENARIOS_DIR / "scenario.schema.json"


class ScenarioError(ValueError):
    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}:{line}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))


def load_scenario(path: Path) -> Scenario:
    source = str(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ScenarioError(source, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}") from exc
    if not isinstance(data, dict):
        raise ScenarioError(source, 1, "a scenario is a mapping with at least name and description")
    errors = sorted(_validator().iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        error = errors[0]
        where = "/".join(map(str, error.absolute_path)) or "(top level)"
        raise ScenarioError(source, _line_of(_tree(text), _offending_path(error)), f"{where}: {error.message}")
    if data["name"] != path.stem:
        raise ScenarioError(source, _line_of(_tree(text), ["name"]), f"name {data['name']!r} must equal the file name {path.stem!r}")
    return Scenario.from_document(data, source)


def _offending_path(error: jsonschema.ValidationError) -> list[Any]:
    """The path to the value at fault; for an unexpected key, to that key rather than its parent."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = [key for key in error.instance if key not in error.schema.get("properties", {})]
        path += extra[:1]
    return path


def _tree(text: str) -> yaml.Node:
    """The parsed nodes, with their lines: only read to place an error."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _line_of(node: Any, path: Iterable[Any]) -> int:
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for k, value in node.value if k.value == str(key)), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
    return node.start_mark.line + 1


@cache
def shipped_scenarios() -> dict[str, Scenario]:
    """Every scenario in scenarios/, by name; a bad file stops the server with its reason."""
    return {scenario.name: scenario for scenario in map(load_scenario, sorted(SCENARIOS_DIR.glob("*.yaml")))}


def scenario_named(name: str) -> Scenario:
    scenarios = shipped_scenarios()
    if name not in scenarios:
        raise KeyError(f"no scenario {name!r} in {SCENARIOS_DIR} (there are: {', '.join(sorted(scenarios)) or 'none'})")
    return scenarios[name]
