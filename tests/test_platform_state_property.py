"""Property: random valid state documents import; random corruptions of a valid document are
refused with 400, change nothing, and the server keeps answering every API (issue 16)."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timezone
from typing import Any, Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mock_server.clock import ClockError
from mock_server.settings import Settings
from mock_server.specs import load_document
from mock_server.world import Worlds
from tests.support.live_server import LiveServer

NAMESPACE_NAMES = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,20}\Z")
PROBES = ["/users", "/email/continuity/v2/44444", "/enduser-mobile-web/enduserAPI/authenticated",
          "/digitanium/v4/mail/test", "/_mock/outbox", "/_mock/health"]
QUICK = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def target() -> Iterator[httpx.Client]:
    with LiveServer(Settings(seed=3, max_namespaces=4)) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        yield client


def _assert_answering(client: httpx.Client, namespaces: list[str]) -> None:
    for namespace in namespaces[:2] or ["default"]:
        for path in PROBES:
            status = client.get(path, headers={"X-Mock-Namespace": namespace}).status_code
            assert status < 500, (namespace, path, status)


@QUICK
@given(seed=st.integers(0, 2**31 - 1), names=st.lists(NAMESPACE_NAMES, min_size=0, max_size=3, unique=True),
       frozen_at=st.none() | st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(8990, 1, 1)),
       advance=st.floats(-1e9, 1e9), draws=st.integers(0, 5))
def test_random_valid_documents_import_and_export_the_same(target, seed, names, frozen_at, advance, draws):
    worlds = Worlds(Settings(seed=seed))
    for name in names:
        world = worlds.get(name)
        if frozen_at is not None:
            world.clock.set(frozen_at.replace(tzinfo=timezone.utc))
        with contextlib.suppress(ClockError):  # a move past what the clock shows is refused, as over HTTP
            world.clock.advance(advance)
        for _ in range(draws):
            world.random("wildduck").hex(8)
    document = json.dumps(worlds.export())
    answer = target.put("/_mock/state", content=document, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert target.get("/_mock/state").json() == json.loads(document)
    _assert_answering(target, names)


# -- corruptions ---------------------------------------------------------------------------

def _leaves(node: Any, schema: dict[str, Any], path: tuple = ()) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """(path, schema) of every value in ``node`` whose schema says exactly what it must be."""
    if not schema or "anyOf" in schema:
        return
    yield path, schema
    if isinstance(node, dict) and schema.get("type") == "object":
        for key, value in node.items():
            child = (schema.get("properties") or {}).get(key)
            if child is None and isinstance(schema.get("additionalProperties"), dict):
                child = schema["additionalProperties"]
            if child:
                yield from _leaves(value, child, (*path, key))
    elif isinstance(node, list) and schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        for index, item in enumerate(node):
            yield from _leaves(item, schema["items"], (*path, index))


WRONG = {"string": 12345, "integer": "text", "number": "text", "boolean": "yes", "object": [1], "array": {"a": 1}}


def _world_schema() -> dict[str, Any]:
    schemas = load_document("control.yaml")["components"]["schemas"]
    return schemas["WorldState"]


@pytest.fixture(scope="module")
def valid(target) -> str:
    headers = {"X-Mock-Namespace": "prop"}
    target.post("/users", json={"username": "prop", "password": "pw-prop-1"}, headers=headers)
    target.get("/_mock/fixtures/send-email", headers=headers)
    return target.get("/_mock/state").text


@QUICK
@given(data=st.data())
def test_a_corrupted_document_is_refused_and_changes_nothing(target, valid, data):
    target.put("/_mock/state", content=valid, headers={"Content-Type": "application/json"})
    document = json.loads(valid)
    world = document["namespaces"]["prop"]
    leaves = [(path, schema) for path, schema in _leaves(world, _world_schema()) if path and "type" in schema]
    path, schema = data.draw(st.sampled_from(leaves), label="where")
    parent = world
    for step in path[:-1]:
        parent = parent[step]
    kinds = ["wrong-type"] + ([] if schema.get("nullable") else ["null"])
    if isinstance(parent, dict) and path[-1] in (_schema_at(path[:-1]).get("required") or []):
        kinds.append("missing")
    kind = data.draw(st.sampled_from(kinds), label="corruption")
    if kind == "missing":
        del parent[path[-1]]
    else:
        parent[path[-1]] = None if kind == "null" else WRONG[schema["type"]]
    answer = target.put("/_mock/state", json=document)
    assert answer.status_code == 400, (path, kind, answer.text)
    assert "Traceback" not in answer.text and "object is not" not in answer.text
    assert target.get("/_mock/state").text == valid
    _assert_answering(target, ["prop"])


def _schema_at(path: tuple) -> dict[str, Any]:
    node = _world_schema()
    for step in path:
        if isinstance(step, int):
            node = node.get("items") or {}
        else:
            node = (node.get("properties") or {}).get(step) or node.get("additionalProperties") or {}
    return node
