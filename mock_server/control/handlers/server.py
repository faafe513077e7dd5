"""Health, the API catalogue and each API's seeded fixtures."""

from __future__ import annotations

from typing import Any

from ...errors import ApiError
from ...index_page import api_catalogue
from ...registry import api_named
from ...runtime import current_runtime
from ...world import current_world


def health() -> dict[str, Any]:
    runtime = current_runtime()
    return {
        "status": "ok",
        "seed": runtime.settings.seed,
        "namespaces": len(runtime.worlds.names()),
        "maxNamespaces": runtime.settings.max_namespaces,
    }


def list_apis() -> dict[str, Any]:
    return {"apis": api_catalogue()}


def get_fixtures(api: str) -> dict[str, Any]:
    descriptor = api_named(api)
    if descriptor is None or descriptor.fixtures is None:
        raise ApiError(404, f"No API named {api!r} has fixtures")
    return descriptor.fixtures(current_world())


def get_credentials(api: str) -> dict[str, str]:
    descriptor = api_named(api)
    if descriptor is None:
        raise ApiError(404, f"No API named {api!r}")
    if descriptor.conformance_headers is None:
        return {}
    return descriptor.conformance_headers(current_world())


def prepare_conformance(api: str) -> dict[str, Any]:
    """Known-good parameter values for a contract run in this namespace (see
    ``ApiDescriptor.conformance_values``); preparing them may add records to the namespace."""
    descriptor = api_named(api)
    if descriptor is None:
        raise ApiError(404, f"No API named {api!r}")
    values = descriptor.conformance_values(current_world()) if descriptor.conformance_values else {}
    return {"values": values}
