"""Which APIs the server has, where each is mounted, and how each renders its errors.

Each package under ``mock_server.apis`` exposes ``API: ApiDescriptor``; the control API
(``mock_server.control``) describes itself the same way. Discovery means adding an API
touches no shared file; it goes by module name, so this module imports none of the APIs
(they import it).

The callbacks take the namespace's ``World``; they are typed ``Any`` here because world.py
imports this module.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from collections.abc import MutableMapping
from typing import Any, Callable

from .errors import ApiError, ErrorContext, RenderedError


@dataclass(frozen=True)
class SpecMount:
    file: str
    """Document name inside ``specs/``."""
    base_path: str
    """Where the real service serves it ("" for the host root)."""


@dataclass(frozen=True)
class ApiDescriptor:
    name: str
    title: str
    mounts: tuple[SpecMount, ...]
    handlers_package: str
    """operationIds in the API's documents are relative to this package."""
    render_error: Callable[[ApiError, ErrorContext], RenderedError]
    auth: str
    """One line for the README and index page: how a client authenticates."""
    config_type: type | None = None
    """A dataclass of this API's knobs, read from ``MOCK_<API>_<FIELD>`` (see settings.py)."""
    state_type: type | None = None
    create_state: "Callable[[Any], Any] | None" = None
    fixtures: "Callable[[Any], dict[str, Any]] | None" = None
    """Seeded credentials and records a demo needs, listed by the control API."""
    accept_mail: "Callable[[Any, str, list[str]], list[str]] | None" = None
    """Inbound mail: (world, raw RFC 822 message, recipient addresses) -> the addresses this API
    delivered to. Called for every mail any API sends and for POST /_mock/inbound."""
    conformance_headers: "Callable[[Any], dict[str, str]] | None" = None
    """Headers that give full access in a namespace, for the generated conformance runs."""
    conformance_values: "Callable[[Any], dict[str, list[str | int]]] | None" = None
    """Prepares a namespace for a contract run and returns known-good parameter values, by
    Schemathesis binding key (``path.userId``, ``body.password``...): ids of seeded records,
    tokens of a mail just sent. ``conform`` mixes them into the generated cases, so an
    operation whose success needs an existing record or a secret is reached, whatever its
    links."""
    json_indent: int | None = None
    """WildDuck pretty-prints its JSON; the others send it compact."""
    json_ascii_only: bool = True
    """False: non-ASCII text leaves as UTF-8 (``"Héllo"``), as WildDuck (Node) sends it, not as
    ``\u00e9`` escapes."""
    request_validators: "dict[str, Any] | None" = None
    """Connexion's ``validator_map`` for this API's documents (None: Connexion's own)."""
    rewrite_path: "Callable[[Any, MutableMapping[str, Any]], None] | None" = None
    """Changes the ASGI scope's path before routing and validation, as the real server does
    before it validates (WildDuck's ``/users/me``)."""

    def owns(self, path: str) -> bool:
        return any(_under(path, mount.base_path) for mount in self.mounts)


def _under(path: str, base_path: str) -> bool:
    return base_path == "" or path == base_path or path.startswith(base_path + "/")


CONTROL_PACKAGE = "mock_server.control"
APIS_PACKAGE = "mock_server.apis"


@cache
def all_apis() -> tuple[ApiDescriptor, ...]:
    """Every API, the control API first, then the others by name."""
    control = importlib.import_module(CONTROL_PACKAGE).API
    apis = importlib.import_module(APIS_PACKAGE)
    found = []
    for module in pkgutil.iter_modules(apis.__path__):
        descriptor = getattr(importlib.import_module(f"{APIS_PACKAGE}.{module.name}"), "API", None)
        if isinstance(descriptor, ApiDescriptor):
            found.append(descriptor)
    return (control, *sorted(found, key=lambda api: api.name))


def mounts_in_routing_order() -> list[tuple[ApiDescriptor, SpecMount]]:
    """Longest base path first, so an API at the host root ("") never shadows the others."""
    pairs = [(api, mount) for api in all_apis() for mount in api.mounts]
    return sorted(pairs, key=lambda pair: len(pair[1].base_path), reverse=True)


def api_for_path(path: str) -> ApiDescriptor | None:
    """The API whose mount the path is under (longest base path first); every request asks."""
    for base_path, below, api in _routing_table():
        if path.startswith(below) or path == base_path or not base_path:
            return api
    return None


@cache
def _routing_table() -> tuple[tuple[str, str, ApiDescriptor], ...]:
    """:func:`mounts_in_routing_order` as (base path, base path + "/", API), sorted once rather
    than on every request (the APIs are fixed once discovered)."""
    return tuple((mount.base_path, mount.base_path + "/", api) for api, mount in mounts_in_routing_order())


def api_named(name: str) -> ApiDescriptor | None:
    return next((api for api in all_apis() if api.name == name), None)
