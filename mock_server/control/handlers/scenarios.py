"""Scenarios: list the shipped ones, see and switch this namespace's scenario at run time."""

from __future__ import annotations

from typing import Any

from ...errors import ApiError
from ...runtime import current_runtime
from ...scenarios.activation import activate
from ...scenarios.loader import scenario_named, shipped_scenarios
from ...world import World, current_world


def list_scenarios() -> dict[str, Any]:
    return {"scenarios": [scenario.summary() for scenario in shipped_scenarios().values()]}


def get_active() -> dict[str, Any]:
    return {"namespace": current_world().namespace, "scenario": current_world().behaviour.scenario}


def switch(body: dict[str, Any]) -> dict[str, Any]:
    """Start this namespace afresh from the seed, then in the named scenario (or in none)."""
    runtime = current_runtime()
    namespace = current_world().namespace
    fresh = World(namespace, runtime.settings)
    if body.get("name") is not None:
        try:
            scenario = scenario_named(body["name"])
        except KeyError as exc:
            raise ApiError(404, str(exc.args[0])) from exc
        activate(fresh, scenario)
    runtime.worlds.replace(fresh)
    return {"namespace": namespace, "scenario": fresh.behaviour.scenario}
