"""One lookup from (method, path) to the operation Connexion's own router would pick.

Built from the routers Connexion already made (its routing middleware's mounts and routes, in
their order), so matching is Starlette's matching: the first mount whose prefix fits owns the
path, and inside it the first route matching path and method wins. Routes are bucketed by their
first literal segment, keeping their order, so a request tries a handful of regexes, not all.
Paths the Swagger UI middleware serves (``<base>/openapi.json``, ``<base>/ui/``) never match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from starlette.routing import Mount, Route, Router, compile_path

_NAMED_GROUP = re.compile(r"\(\?P<[^>]+>")
FAST_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
"""HEAD and OPTIONS have their own rules in Starlette and Connexion; they take the full path."""


@dataclass(frozen=True)
class RouteMatch:
    base_path: str
    operation_id: str
    path_params: dict[str, Any]


@dataclass(frozen=True)
class _CompiledRoute:
    order: int
    regex: re.Pattern[str]
    methods: frozenset[str]
    convertors: dict[str, Any]
    operation_id: str


@dataclass(frozen=True)
class _CompiledMount:
    base_path: str
    prefix: re.Pattern[str]
    by_segment: dict[str, tuple[_CompiledRoute, ...]]
    any_segment: tuple[_CompiledRoute, ...]


class RouteTable:
    def __init__(self, routing_router: Router, swagger_router: Router) -> None:
        self._mounts = tuple(_compile_mount(mount) for mount in routing_router.routes if isinstance(mount, Mount))
        self._docs = _docs_pattern(swagger_router)

    def match(self, method: str, path: str) -> RouteMatch | None:
        """The route Connexion would take, or None when it is not plainly one operation."""
        if method not in FAST_METHODS or self._docs.match(path):
            return None
        mount = next((mount for mount in self._mounts if mount.prefix.match(path)), None)
        if mount is None:
            return None
        rest = path[len(mount.base_path):]
        segment = rest[1:].split("/", 1)[0]
        for route in mount.by_segment.get(segment, mount.any_segment):
            found = route.regex.match(rest)
            if found and method in route.methods:
                params = {name: route.convertors[name].convert(value) for name, value in found.groupdict().items()}
                return RouteMatch(mount.base_path, route.operation_id, params)
        return None


def _compile_mount(mount: Mount) -> _CompiledMount:
    routes = []
    for order, route in enumerate(mount.app.routes):
        if isinstance(route, Route) and route.methods and getattr(route.endpoint, "operation_id", None):
            routes.append(
                _CompiledRoute(order, route.path_regex, frozenset(route.methods), route.param_convertors,
                               route.endpoint.operation_id)
            )
    literal: dict[str, list[_CompiledRoute]] = {}
    wild: list[_CompiledRoute] = []
    for route in routes:
        first = _first_segment(route)
        (literal.setdefault(first, []) if first is not None else wild).append(route)
    by_segment = {
        segment: tuple(sorted([*own, *wild], key=lambda route: route.order)) for segment, own in literal.items()
    }
    return _CompiledMount(mount.path, mount.path_regex, by_segment, tuple(wild))


def _first_segment(route: _CompiledRoute) -> str | None:
    """The route's first path segment when it is literal text, None when it holds a parameter."""
    pattern = route.regex.pattern.removeprefix("^/")
    head = re.split(r"/|\$", pattern, maxsplit=1)[0]
    if not head or re.search(r"[\\()\[\]?*+.{}|^$]", head):
        return None
    return head


def _docs_pattern(swagger_router: Router) -> re.Pattern[str]:
    """Everything the Swagger UI middleware answers itself, under each API's base path: one
    regex with each of Starlette's route patterns an alternative (a match of any is a match)."""
    patterns = []
    for mount in swagger_router.routes:
        if not isinstance(mount, Mount):
            continue
        for route in mount.app.routes:
            inner = route.path if isinstance(route, Route) else route.path + "/{rest:path}"
            patterns.append(compile_path(mount.path + inner)[0])
            if isinstance(route, Mount):
                patterns.append(compile_path(mount.path + route.path)[0])
    unnamed = (_NAMED_GROUP.sub("(?:", pattern.pattern) for pattern in patterns)  # names repeat across routes
    return re.compile("|".join(f"(?:{pattern})" for pattern in unnamed))
