"""The fast path's route table picks the operation Starlette's own routing picks (issue 15).

The table buckets routes by first segment and segment count and joins each bucket's routes into
one regex; Starlette tries every route of the first fitting mount in order. For paths made from
every route template of every document (with values of many shapes, and with a segment added,
removed or emptied) and for random paths built from the templates' own segments, under every
method, both must agree: the same operation with the same converted parameters, or no match.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from connexion.middleware.routing import RoutingMiddleware
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.routing import Mount, Route

from mock_server.app import build_app
from mock_server.fastpath.front import FastPath
from mock_server.fastpath.routes import FAST_METHODS, RouteMatch, RouteTable
from mock_server.settings import Settings

VALUES = ["abc", "6b0ea0b76bf94040d4000001", "5", "0", "-1", "1.5", "a b", "ü", "x.y", "%2F", "a\tb",
          "123e4567-e89b-12d3-a456-426614174000"]
METHODS = sorted(FAST_METHODS)


def _fast_path() -> FastPath:
    app: Any = build_app(Settings(seed=1))
    while not isinstance(app, FastPath):
        app = app.app
    return app


FAST = _fast_path()
TABLE: RouteTable = FAST._routes
ROUTER = next(layer for layer in FAST._connexion.middleware_stack if isinstance(layer, RoutingMiddleware)).router


def starlette_match(method: str, path: str) -> RouteMatch | None:
    """The first mount whose pattern fits owns the path; in it, the first route fitting path and method."""
    for mount in ROUTER.routes:
        if isinstance(mount, Mount) and mount.path_regex.match(path):
            rest = path[len(mount.path):]
            for route in mount.app.routes:
                if not (isinstance(route, Route) and route.methods and getattr(route.endpoint, "operation_id", None)):
                    continue
                found = route.path_regex.match(rest)
                if found and method in route.methods:
                    params = {name: route.param_convertors[name].convert(value) for name, value in found.groupdict().items()}
                    return RouteMatch(mount.path, route.endpoint.operation_id, params)
            return None
    return None


def _templates() -> list[str]:
    return [mount.path + route.path for mount in ROUTER.routes if isinstance(mount, Mount)
            for route in mount.app.routes if isinstance(route, Route)]


def _filled(template: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, template)


def _paths() -> list[str]:
    paths = []
    for template in _templates():
        for value in VALUES:
            path = _filled(template, value)
            paths += [path, path + "/", path + "/extra", path.rsplit("/", 1)[0], path.replace("/", "//", 1)]
    return sorted(set(paths))


PATHS = _paths()


def _check(method: str, path: str) -> None:
    if TABLE._docs.match(path):
        assert TABLE.match(method, path) is None
    else:
        assert TABLE.match(method, path) == starlette_match(method, path), (method, path)


@pytest.mark.parametrize("method", METHODS)
def test_every_template_routes_as_starlette_routes_it(method: str) -> None:
    assert len(PATHS) > 1000
    for path in PATHS:
        _check(method, path)


SEGMENTS = sorted({segment for template in _templates() for segment in template.split("/") if segment and "{" not in segment})


@settings(max_examples=500, deadline=None)
@given(method=st.sampled_from(METHODS),
       segments=st.lists(st.sampled_from(SEGMENTS) | st.sampled_from(VALUES) | st.text(max_size=6), max_size=8))
def test_random_paths_route_as_starlette_routes_them(method: str, segments: list[str]) -> None:
    _check(method, "/" + "/".join(segments))
