"""build_app(settings): one Connexion AsyncApp with every API document mounted at its real path."""

from __future__ import annotations

import copy
import marshal
import re
import types
from contextlib import ExitStack, contextmanager
from typing import Any, Callable, Iterator

import connexion.json_schema
import connexion.spec
import connexion.utils
from connexion.operations import OpenAPIOperation
import starlette.convertors
from starlette.exceptions import HTTPException
from connexion import AsyncApp
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .operation_index import allowed_methods
from .asgi.cors import CorsMiddleware
from .asgi.front_door import FrontDoor, error_context, note_error
from .errors import ApiError, from_exception
from .fastpath import jsonifier, with_fast_path
from .index_page import IndexPage
from .registry import api_for_path, mounts_in_routing_order
from .resolver import PackageResolver
from .responses import connexion_error_response
from .runtime import Runtime, enter_runtime
from .scenarios.activation import activate
from .scenarios.loader import scenario_named, shipped_scenarios
from .settings import Settings, SettingsError
from .specs import SPECS_DIR, load_document
from .world import World
from .yaml_reading import remembered


class MockServer:
    """The whole server as one ASGI app; ``runtime`` is there for tests and the CLI."""

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        enter_runtime(self.runtime)
        await self.app(scope, receive, send)


def build_app(settings: Settings | None = None) -> MockServer:
    settings = settings or Settings.from_env()
    _match_newlines_in_mounted_paths()
    runtime = Runtime.create(settings, _default_scenario(settings))
    connexion_app = AsyncApp(__name__, specification_dir=str(SPECS_DIR))
    with _documents_read_as_trusted_data():
        _add_apis(connexion_app, settings)
    for error_type in (Exception, HTTPException, ProblemException):  # the most specific handler wins
        connexion_app.add_error_handler(error_type, _render_any_error)
    with _one_operation_per_route():  # the fast path builds Connexion's middleware stack now
        served = with_fast_path(connexion_app, settings)
    app: ASGIApp = FrontDoor(
        IndexPage(served),
        runtime.worlds, runtime.journal, settings.max_body_bytes, settings.max_state_bytes,
    )
    if settings.cors_enabled:
        app = CorsMiddleware(app, settings)
    return MockServer(app, runtime)


def _add_apis(app: AsyncApp, settings: Settings) -> None:
    for api, mount in mounts_in_routing_order():
        app.add_api(
            load_document(mount.file),  # Connexion reads it and keeps only its own copies
            base_path=mount.base_path,
            name=f"{api.name}:{mount.base_path}",
            resolver=PackageResolver(api.handlers_package),
            strict_validation=True,
            pythonic_params=True,
            validate_responses=settings.validate_responses,
            validator_map=api.request_validators,
            jsonifier=jsonifier(api.json_indent, api.json_ascii_only, settings),
        )


@contextmanager
def _documents_read_as_trusted_data() -> Iterator[None]:
    """What Connexion does to each document it is given, done the cheap way (issue 15: cold
    start), scoped to adding the APIs (the docs' per-request copies are Connexion's own):

    - it checks the document against the OpenAPI schema, over half of start-up: the documents
      are the project's own and ``mock-server validate`` (``make validate``, CI) runs that very
      check and a stricter one, so serving skips it;
    - it deep-copies the document twice (to keep the raw text, and to resolve references in):
      :func:`_plain_copy` makes the same copies three to four times faster;
    - it resolves every ``$ref`` of the document, the same work for the same document at every
      start: :func:`_resolved_once` keeps the result in the cache of parsed YAML.
    """
    with ExitStack() as patches:
        patches.enter_context(_swapped(connexion.spec.Specification, "_validate_spec", classmethod(lambda cls, spec: None)))
        patches.enter_context(_swapped(connexion.spec, "copy", types.SimpleNamespace(deepcopy=_plain_copy)))
        patches.enter_context(_swapped(connexion.json_schema, "deepcopy", _plain_copy))
        patches.enter_context(_swapped(connexion.spec, "resolve_refs", _resolved_once))
        yield


@contextmanager
def _swapped(owner: Any, name: str, stand_in: Any) -> Iterator[None]:
    original = owner.__dict__[name]
    setattr(owner, name, stand_in)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextmanager
def _one_operation_per_route() -> Iterator[None]:
    """Connexion's middleware stack has six layers that each build their own ``OpenAPIOperation``
    for every operation of every document, from the same specification and resolver: 1,122 for
    187 operations, each resolving its handler again (issue 15: cold start). The object is a
    read-only view of the operation's part of the document (nothing in Connexion or here sets
    anything on it), so while the stack is built every layer gets the one built first.

    One difference, in the mock's favour: each build appended the path-level parameters to the
    document's own list of the operation's parameters again, so ``/users/{user}``'s operations
    listed ``user`` once per layer (six times). Now it is listed once. Every reader takes the
    first failing parameter in order, or a name-keyed dict in which the last one wins, and both
    are the same with one copy as with six; the repeats were only re-validated for nothing.
    """
    build = OpenAPIOperation.__dict__["from_spec"].__func__
    built: dict[tuple[Any, ...], tuple[OpenAPIOperation, Any, Any]] = {}

    def from_spec(cls: type, spec: Any, *args: Any, path: str, method: str, resolver: Any, **kwargs: Any) -> Any:
        key = (cls, id(spec), path, method, id(resolver), args, tuple(sorted(kwargs.items())))
        if key not in built:  # spec and resolver kept alive beside it, so their ids stay theirs
            built[key] = (build(cls, spec, *args, path=path, method=method, resolver=resolver, **kwargs), spec, resolver)
        return built[key][0]

    with _swapped(OpenAPIOperation, "from_spec", classmethod(from_spec)):
        yield


_RESOLVE_REFS = connexion.json_schema.resolve_refs
_RESOLVER_CODE = marshal.dumps((_RESOLVE_REFS.__code__, connexion.utils.deep_get.__code__))
"""What resolves references, by its code: another Connexion's resolver is a new cache entry."""


def _resolved_once(spec: Any, store: Any = None, base_uri: str = "") -> Any:
    """Connexion's ``resolve_refs(spec)``, a function of the document's data alone (a fresh
    deep copy with every local ``$ref`` resolved, shared nodes shared as it shares them),
    read from the cache when the very same document was resolved at an earlier start."""
    if store or base_uri:
        return _RESOLVE_REFS(spec, store, base_uri)
    try:
        document = marshal.dumps(spec)  # the data and which of its nodes are one object
    except ValueError:
        return _RESOLVE_REFS(spec)
    return remembered(b"connexion resolve_refs " + _RESOLVER_CODE, document, lambda: _RESOLVE_REFS(spec))


def _plain_copy(data: Any) -> Any:
    """``copy.deepcopy`` of plain YAML data (exact dicts, lists, strings, numbers) by a marshal
    round trip, which keeps shared nodes shared as a deep copy does; anything else (a dict
    subclass, an object) is refused by marshal and deep-copied as before."""
    try:
        return marshal.loads(marshal.dumps(data))
    except ValueError:
        return copy.deepcopy(data)


def _default_scenario(settings: Settings) -> Callable[[World], None] | None:
    """What every new namespace starts with under ``--scenario``; a scenario that does not fit
    the APIs' state fails here, at start-up, not on some later first request."""
    shipped_scenarios()  # a bad file stops the server here, naming file, line and reason
    if settings.scenario is None:
        return None
    try:
        scenario = scenario_named(settings.scenario)
    except KeyError as exc:
        raise SettingsError(f"--scenario / MOCK_SCENARIO {settings.scenario!r}: {exc.args[0]}") from None
    try:
        activate(World("scenario-check", settings), scenario)
    except ApiError as exc:
        raise SettingsError(f"--scenario {settings.scenario!r}: {exc.message}") from None
    return lambda world: activate(world, scenario)


async def _render_any_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Every error, Connexion's own included, leaves in the native shape of the API it hit."""
    scope = request.scope
    error = from_exception(exc)
    if error.status == 405:
        error.headers["Allow"] = ", ".join(allowed_methods(scope["path"]))
    note_error(scope, error)
    return connexion_error_response(error, error_context(scope), api_for_path(scope["path"]))


def _match_newlines_in_mounted_paths() -> None:
    """Starlette's ``path`` convertor (behind every Mount) stops at a newline, so a path value
    holding one would 404 before reaching the API; make it match everything."""
    convertor = starlette.convertors.CONVERTOR_TYPES["path"]
    convertor.regex = "(?s:.*)"
    assert re.fullmatch(convertor.regex, "a\nb")
