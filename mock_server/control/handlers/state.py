"""Namespaces, reset, and the export/import round trip of the whole state."""

from __future__ import annotations

import asyncio
from typing import Any

from connexion import request
from starlette.responses import Response

from ... import plain
from ...errors import ApiError
from ...registry import api_named
from ...runtime import current_runtime
from ...state_document import exported
from ...world import current_namespace, current_world
from ..body_validation import parsed_body


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


async def export_state() -> Response:
    """Read namespace by namespace and encoded in a worker thread (state_document.py), so the
    other clients are not kept waiting for a document of many megabytes."""
    data, _namespaces = await exported(current_runtime().worlds)
    return Response(data, media_type="application/json")


async def import_state() -> dict[str, Any]:
    """The document was parsed and checked against its schema off the loop (body_validation.py);
    its records are checked and built in a worker thread too (seconds for a large state), so
    other requests go on meanwhile. The switch itself happens at once, on the loop."""
    worlds = current_runtime().worlds
    restored = await asyncio.to_thread(worlds.restored, await parsed_body(request))
    worlds.install(restored)
    return {"namespaces": worlds.names()}


def api_records(api: str) -> dict[str, Any]:
    descriptor = api_named(api)
    if descriptor is None or descriptor.state_type is None:
        raise ApiError(404, f"No API named {api!r} keeps records")
    return plain.dump(current_world().state(api))
