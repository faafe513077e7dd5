"""Namespaces, reset, and the export/import round trip of the whole state."""

from __future__ import annotations

from typing import Any

from ... import plain
from ...errors import ApiError
from ...registry import api_named
from ...runtime import current_runtime
from ...world import current_namespace


def list_namespaces() -> dict[str, Any]:
    runtime = current_runtime()
    return {"namespaces": runtime.worlds.names(), "limit": runtime.settings.max_namespaces}


def reset(all_: bool = False) -> dict[str, Any]:
    """Server-wide (no World is made for it): a namespace that does not exist is reset already."""
    worlds = current_runtime().worlds
    if all_:
        return {"reset": worlds.reset_all()}
    namespace = current_namespace()
    worlds.reset(namespace)
    return {"reset": [namespace]}


def export_state() -> dict[str, Any]:
    return current_runtime().worlds.export()


def import_state(body: dict[str, Any]) -> dict[str, Any]:
    worlds = current_runtime().worlds
    worlds.restore(body)
    return {"namespaces": worlds.names()}


def api_records(api: str) -> dict[str, Any]:
    descriptor = api_named(api)
    if descriptor is None or descriptor.state_type is None:
        raise ApiError(404, f"No API named {api!r} keeps records")
    return plain.dump(current_world().state(api))
