"""One lookup from (method, path) to the operation Connexion's own router would pick.

Built from the routers Connexion already made (its routing middleware's mounts and routes, in
their order), so matching is Starlette's matching: the first mount whose prefix fits owns the
path, and inside it the first route matching path and method wins. Routes are bucketed by their
first literal segment and their number of segments, keeping their order, and each bucket's
routes of one method are joined, on first use, into one regex whose alternatives are those
routes in order: the first alternative that matches the whole path is the route Starlette
would take, found in one regex call.
Paths the Swagger UI middleware serves (``<base>/openapi.json``, ``<base>/ui/``) never match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from starlette.convertors import FloatConvertor, IntegerConvertor, StringConvertor, UUIDConvertor
from starlette.routing import Mount, Route, Router, compile_path

_GROUP_NAME = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
_ONE_SEGMENT = (StringConvertor, IntegerConvertor, FloatConvertor, UUIDConvertor)
"""Starlette's convertors whose regex never matches a "/" (``path`` does)."""
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
    segments: int | None
    """How many segments every path it matches has; None when a ``:path`` parameter may span several."""


_Key = tuple[str | None, int | None]
"""A bucket: (literal first segment or None, number of segments or None for any)."""


@dataclass(frozen=True)
class _CompiledMount:
    base_path: str
    prefix: str
    """``<base>/``: Starlette's mount pattern ``^<base>/(?P<path>.*)$`` on a path without newlines."""
    buckets: dict[_Key, _Candidates]
    """Per (first segment, segment count) of a request, every route that may match it, in order."""
    fallback: dict[str | None, _Candidates]
    """Per first segment, the routes a request of a count no bucket holds may still match."""


class _Candidates:
    """Routes that may match a bucket's paths, in order, matched per method by one regex."""

    def __init__(self, routes: tuple[_CompiledRoute, ...]) -> None:
        self._routes = routes
        self._joined: dict[str, tuple[re.Pattern[str], list[_CompiledRoute]] | None] = {}

    def __bool__(self) -> bool:
        return bool(self._routes)

    def match(self, method: str, rest: str) -> tuple[_CompiledRoute, dict[str, Any]] | None:
        if method not in self._joined:
            self._joined[method] = _join([route for route in self._routes if method in route.methods])
        joined = self._joined[method]
        found = joined[0].match(rest) if joined else None
        if found is None:
            return None
        index = int(found.lastgroup[1:])
        route = joined[1][index]
        return route, {name: convertor.convert(found[f"_{index}_{name}"]) for name, convertor in route.convertors.items()}


def _join(routes: list[_CompiledRoute]) -> tuple[re.Pattern[str], list[_CompiledRoute]] | None:
    """One regex for ``routes``: alternative ``_i`` is route i's pattern, its groups renamed
    ``_i_<name>``; the anchors stay outside, so a route whose pattern fits only the start of the
    path is passed over as Starlette passes it over. Python's ``lastgroup`` names the outer group."""
    if not routes:
        return None
    alternatives = []
    for index, route in enumerate(routes):
        inner = route.regex.pattern.removeprefix("^").removesuffix("$")
        alternatives.append(f"(?P<_{index}>" + _GROUP_NAME.sub(rf"(?P<_{index}_\1>", inner) + ")")
    return re.compile("^(?:" + "|".join(alternatives) + ")$"), routes

class RouteTable:
    def __init__(self, routing_router: Router, swagger_router: Router) -> None:
        self._mounts = tuple(_compile_mount(mount) for mount in routing_router.routes if isinstance(mount, Mount))
        self._docs = _docs_pattern(swagger_router)

    def match(self, method: str, path: str) -> RouteMatch | None:
        """The route Connexion would take, or None when it is not plainly one operation."""
        if method not in FAST_METHODS or "\n" in path or self._docs.match(path):
            return None  # a newline defeats Starlette's ``.*``: its matching, not ours
        for mount in self._mounts:
            if path.startswith(mount.prefix):
                break
        else:
            return None
        rest = path[len(mount.base_path):]
        segment, count = rest[1:].split("/", 1)[0], rest.count("/")
        candidates = mount.buckets.get((segment, count))
        if candidates is None:
            candidates = mount.buckets.get((None, count)) or mount.fallback.get(segment, mount.fallback[None])
        found = candidates.match(method, rest)
        return None if found is None else RouteMatch(mount.base_path, found[0].operation_id, found[1])


def _compile_mount(mount: Mount) -> _CompiledMount:
    routes = []
    for order, route in enumerate(mount.app.routes):
        if isinstance(route, Route) and route.methods and getattr(route.endpoint, "operation_id", None):
            routes.append(
                _CompiledRoute(order, route.path_regex, frozenset(route.methods), route.param_convertors,
                               route.endpoint.operation_id, _segment_count(route))
            )
    firsts = {_first_segment(route) for route in routes}
    counts = {route.segments for route in routes if route.segments is not None}
    buckets = {
        (first, count): _Candidates(tuple(route for route in routes if _may_match(route, first, count)))
        for first in firsts for count in counts
    }
    fallback = {
        first: _Candidates(tuple(route for route in routes if _may_match(route, first, None))) for first in firsts | {None}
    }
    return _CompiledMount(mount.path, mount.path + "/", buckets, fallback)


def _may_match(route: _CompiledRoute, first: str | None, count: int | None) -> bool:
    """Whether ``route`` may match a path in bucket (first, count): a literal first segment must
    be that segment, a fixed count that count. ``None`` stands for "a value no route names"."""
    own_first = _first_segment(route)
    first_fits = own_first is None or own_first == first
    count_fits = route.segments is None or route.segments == count
    return first_fits and count_fits


def _segment_count(route: Route) -> int | None:
    """Segments of every path the route matches: its template's, unless a parameter may hold a "/"."""
    if any(not isinstance(convertor, _ONE_SEGMENT) for convertor in route.param_convertors.values()):
        return None
    return route.path.count("/")


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
    unnamed = (_GROUP_NAME.sub("(?:", pattern.pattern) for pattern in patterns)  # names repeat across routes
    return re.compile("|".join(f"(?:{pattern})" for pattern in unnamed))
