"""Put a namespace into a scenario: its seed records over (or instead of) the Faker seed,
and its rules from then on."""

from __future__ import annotations

from typing import Any

from .. import plain
from ..errors import ApiError, Reason
from ..registry import api_named
from ..world import World
from .model import Scenario


def activate(world: World, scenario: Scenario) -> None:
    """Apply ``scenario`` to a freshly seeded World; a record that does not fit is a 400."""
    for api_name, seed in scenario.seed.items():
        descriptor = api_named(api_name)
        if descriptor is None or descriptor.state_type is None:
            raise ApiError(400, f"{scenario.source}: no API {api_name!r} with state to seed", reason=Reason.VALIDATION)
        base = world.state(api_name) if seed.get("mode", "layer") == "layer" else descriptor.state_type()
        try:
            world.replace_state(api_name, plain.load(descriptor.state_type, _layered(plain.dump(base), seed["records"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiError(
                400, f"{scenario.source}: seed records for {api_name} do not fit its state: {exc!r}", reason=Reason.VALIDATION
            ) from exc
    world.behaviour.scenario = scenario.name
    world.behaviour.windows.clear_all()


def _layered(current: dict[str, Any], records: dict[str, Any]) -> dict[str, Any]:
    """Records keyed by id are added to (or override) the seeded ones; lists are extended."""
    merged = dict(current)
    for field_name, value in records.items():
        if field_name not in current:
            raise KeyError(f"unknown field {field_name!r} (fields: {', '.join(current)})")
        if isinstance(current[field_name], dict) and isinstance(value, dict):
            merged[field_name] = {**current[field_name], **value}
        elif isinstance(current[field_name], list) and isinstance(value, list):
            merged[field_name] = [*current[field_name], *value]
        else:
            merged[field_name] = value
    return merged
