"""Shared fixtures: one live mock server per test session, one namespace per test.

Each test gets its own ``X-Mock-Namespace``, so tests share a server without sharing state.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import httpx
import pytest

from mock_server.settings import Settings
from tests.support.live_server import LiveServer

pytest_plugins = ["pytester"]  # the pytest plugin's tests run user projects through it

SEED = 424242
_namespace_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def server() -> Iterator[LiveServer]:
    with LiveServer(Settings(seed=SEED, max_namespaces=10_000)) as live:
        yield live


@pytest.fixture
def namespace(request: pytest.FixtureRequest) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]", "-", request.node.name)[:50]
    return f"{name}-{next(_namespace_numbers)}"


@pytest.fixture
def client(server: LiveServer, namespace: str) -> Iterator[httpx.Client]:
    """A plain HTTP client on the live server, in this test's own namespace."""
    with httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": namespace}, timeout=30) as http:
        yield http


@pytest.fixture
def world(server: LiveServer, client: httpx.Client, namespace: str):
    """This test's World, for assertions on state the HTTP API does not show."""
    client.get("/_mock/health")
    return server.app.runtime.worlds.get(namespace)
