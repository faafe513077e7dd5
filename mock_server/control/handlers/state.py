"""Namespaces, reset, and the export/import round trip of the whole state."""

from __future__ import annotations

import asyncio
from typing import Any

from ... import plain
from ...errors import ApiError
from ...registry import api_named
from ...runtime import current_runtime
from ...world import current_namespace, current_world


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


async def import_state(body: dict[str, Any]) -> dict[str, Any]:
    """The document's records are checked and built in a worker thread (seconds for a large
    state), so other requests go on meanwhile; the switch itself happens at once, on the loop."""
    worlds = current_runtime().worlds
    restored = await asyncio.to_thread(worlds.restored, body)
    worlds.install(restored)
    return {"namespaces": worlds.names()}


def api_records(api: str) -> dict[str, Any]:
    descriptor = api_named(api)
    if descriptor is None or descriptor.state_type is None:
        raise ApiError(404, f"No API named {api!r} keeps records")
    return plain.dump(current_world().state(api))
