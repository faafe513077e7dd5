"""The pytest plugin every project gets by installing mock-server (entry point ``pytest11``).

Fixtures (named ``mock_*`` so they never shadow a project's own ``server`` or ``client``):

- ``mock_server`` (session): the server, started in-process on a free port on first use and
  stopped at the end, or the one at ``--mock-server-url`` / ``MOCK_SERVER_URL``;
- ``mock_namespace``: a fresh namespace for this test, removed afterwards, with helpers for
  the outbox, clock, fixtures, credentials and scenarios (see namespace.py);
- ``mock_client``: its httpx client, pointed at the server with the namespace header set.

Under pytest-xdist each worker starts its own server (or shares the one at the URL); every
test has its own namespace either way, so tests never see each other's data.
"""

from __future__ import annotations

import argparse
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import httpx
import pytest

from ..readiness import NotReady, wait_until_up
from ..settings import parse_instant
from .namespace import MockNamespace, namespace_name

if TYPE_CHECKING:
    from .live_server import LiveServer

DEFAULT_SEED = 1
URL_VARIABLE = "MOCK_SERVER_URL"
REMOTE_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class MockServerHandle:
    """Where the session's mock server answers, and how each test namespace starts."""

    url: str
    seed: int | None
    """The in-process server's seed; ``None`` for a server at ``--mock-server-url``."""
    clock: datetime | None = None
    scenario: str | None = None

    def open_namespace(self, test_name: str, worker: str = "main") -> MockNamespace:
        namespace = MockNamespace(self.url, namespace_name(test_name, worker))
        try:
            if self.scenario:
                namespace.activate(self.scenario)
            if self.clock:
                namespace.clock.freeze(self.clock)
        except httpx.HTTPStatusError as exc:
            namespace.close()
            pytest.fail(f"mock-server: cannot prepare namespace: {exc.response.text.strip()}", pytrace=False)
        return namespace


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mock-server", "mock server (fixtures mock_server, mock_namespace, mock_client)")
    group.addoption("--mock-server-url", help=f"use the mock server at this URL (env {URL_VARIABLE}) "
                                              "instead of starting one in-process")
    group.addoption("--mock-server-seed", type=int,
                    help=f"seed of the in-process server (default: MOCK_SEED, else {DEFAULT_SEED}, so runs repeat)")
    group.addoption("--mock-server-clock", type=_instant,
                    help="freeze every test namespace's clock at this ISO-8601 instant")
    group.addoption("--mock-server-scenario", help="start every test namespace in this scenario (scenarios/)")


def pytest_report_header(config: pytest.Config) -> str:
    url = _server_url(config)
    if url:
        return f"mock-server: {url}"
    return f"mock-server: in-process on a free port when a test first asks for it, seed {_seed(config)}"


@pytest.fixture(scope="session")
def mock_server(pytestconfig: pytest.Config) -> Iterator[MockServerHandle]:
    clock = pytestconfig.getoption("mock_server_clock")
    scenario = pytestconfig.getoption("mock_server_scenario")
    url = _server_url(pytestconfig)
    if url:
        if pytestconfig.getoption("mock_server_seed") is not None:
            raise pytest.UsageError("--mock-server-seed sets the in-process server's seed; "
                                    "a server at --mock-server-url keeps its own")
        try:
            wait_until_up(url, REMOTE_WAIT_SECONDS)
        except NotReady as exc:
            pytest.fail(f"mock-server at {url}: {exc}", pytrace=False)
        yield MockServerHandle(url.rstrip("/"), None, clock, scenario)
        return
    seed = _seed(pytestconfig)
    with _in_process_server(seed) as live:
        yield MockServerHandle(live.url, seed, clock, scenario)


@pytest.fixture
def mock_namespace(mock_server: MockServerHandle, request: pytest.FixtureRequest) -> Iterator[MockNamespace]:
    namespace = mock_server.open_namespace(request.node.name, os.environ.get("PYTEST_XDIST_WORKER", "main"))
    try:
        yield namespace
    finally:
        namespace.close()


@pytest.fixture
def mock_client(mock_namespace: MockNamespace) -> httpx.Client:
    return mock_namespace.client


def _in_process_server(seed: int) -> "LiveServer":
    """Build the server quietly: the (deprecation) warnings its libraries raise on import are
    theirs, not the user's test's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ..settings import Settings
        from .live_server import LiveServer

        return LiveServer(Settings.from_env(seed=seed))


def _server_url(config: pytest.Config) -> str | None:
    return config.getoption("mock_server_url") or os.environ.get(URL_VARIABLE) or None


def _seed(config: pytest.Config) -> int:
    option = config.getoption("mock_server_seed")
    return option if option is not None else int(os.environ.get("MOCK_SEED") or DEFAULT_SEED)


def _instant(text: str) -> datetime:
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 instant: {exc}") from exc
