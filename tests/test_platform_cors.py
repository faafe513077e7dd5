"""CORS as ``curl`` sees it: a preflight on every documented route of every API is answered
with the methods its document has, an undocumented method is the API's own 405, and every
answer to an allowed origin, errors included, carries the CORS headers."""

from __future__ import annotations

import re
import warnings

import pytest
from starlette.testclient import TestClient

from mock_server.app import build_app
from mock_server.registry import mounts_in_routing_order
from mock_server.settings import Settings
from mock_server.specs import load_document, operations

ORIGIN = "http://localhost:3000"
ALL_METHODS = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")


def _documented_routes() -> dict[str, list[str]]:
    """Every route of every document, as a concrete path -> its methods, sorted."""
    routes: dict[str, set[str]] = {}
    for _api, mount in mounts_in_routing_order():
        for path, method, _operation in operations(load_document(mount.file)):
            routes.setdefault(re.sub(r"\{[^}/]+\}", "x1", mount.base_path + path), set()).add(method)
    return {path: sorted(methods) for path, methods in routes.items()}


def _preflight(client, path: str, method: str, **headers: str):
    return client.options(path, headers={"Origin": ORIGIN, "Access-Control-Request-Method": method, **headers})


def test_every_documented_route_answers_its_preflight_and_refuses_other_methods(client):
    checked = 0
    for path, documented in _documented_routes().items():
        answer = _preflight(client, path, documented[0], **{"Access-Control-Request-Headers": "content-type,x-mock-namespace"})
        assert answer.status_code == 204, path
        assert answer.headers["access-control-allow-origin"] == ORIGIN
        assert answer.headers["access-control-allow-credentials"] == "true"
        assert answer.headers["access-control-allow-methods"].split(", ") == documented, path
        assert answer.headers["access-control-allow-headers"] == "content-type,x-mock-namespace"
        undocumented = next((m for m in ALL_METHODS if m not in documented), None)
        if undocumented is not None:
            refused = _preflight(client, path, undocumented)
            assert refused.status_code == 405, (path, undocumented)
            assert set(refused.headers["allow"].split(", ")) == set(documented)
        checked += 1
    assert checked > 50


def test_errors_carry_cors_headers_and_readable_headers_are_exposed(client):
    unauthorized = client.get("/email/continuity/v2/44444", headers={"Origin": ORIGIN})
    assert unauthorized.status_code == 401 and unauthorized.json()["message"] == "Unauthorized"
    assert unauthorized.headers["access-control-allow-origin"] == ORIGIN
    assert "Origin" in unauthorized.headers["vary"]
    exposed = unauthorized.headers["access-control-expose-headers"].split(", ")
    assert {"Retry-After", "User-Count", "X-Contract-Violation", "WWW-Authenticate", "Location"} <= set(exposed)
    assert "Set-Cookie" not in exposed

    bad_namespace = client.get("/users", headers={"Origin": ORIGIN, "X-Mock-Namespace": "no/slash"})
    assert bad_namespace.status_code == 400 and bad_namespace.headers["access-control-allow-origin"] == ORIGIN
    unknown_path = client.get("/enduser-mobile-web/enduserAPI/nothing/here", headers={"Origin": ORIGIN})
    assert unknown_path.status_code == 404 and unknown_path.headers["access-control-allow-origin"] == ORIGIN
    without_origin = client.get("/_mock/health")
    assert "access-control-allow-origin" not in without_origin.headers


@pytest.fixture(scope="module")
def listed_and_off():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    listed = TestClient(build_app(Settings(seed=1, cors_origins=(ORIGIN, "http://app.example"))))
    off = TestClient(build_app(Settings(seed=1, cors_origins=("off",))))
    return listed, off


def test_a_list_of_origins_admits_only_those_and_off_turns_cors_off(listed_and_off):
    listed, off = listed_and_off
    assert _preflight(listed, "/users", "POST").status_code == 204
    stranger = listed.options("/users", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert stranger.status_code == 405 and "access-control-allow-origin" not in stranger.headers
    assert "access-control-allow-origin" not in listed.get("/_mock/health", headers={"Origin": "http://evil.example"}).headers

    assert _preflight(off, "/users", "POST").status_code == 405
    assert "access-control-allow-origin" not in off.get("/_mock/health", headers={"Origin": ORIGIN}).headers


def test_the_cors_knob_reads_its_environment_variable():
    assert Settings.from_env({"MOCK_CORS_ORIGINS": "http://a.test, http://b.test"}).cors_origins == ("http://a.test", "http://b.test")
    assert Settings.from_env({"MOCK_CORS_ORIGINS": "off"}).cors_enabled is False
    assert Settings.from_env({}).cors_origins == ("*",)
