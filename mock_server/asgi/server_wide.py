"""Which requests concern the whole server rather than one namespace, and which may carry a
state document's large body.

Server-wide requests never create a namespace and so never meet the namespace limit: a full
mock must still answer its health check, its index and docs, and the very reset that frees
it. They are the index page (``/``), every API's docs (``<base>/openapi.json``,
``<base>/ui/...``) and the control operations marked ``x-mock-server-wide: true`` in
specs/control.yaml.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from ..operation_index import template_for
from ..registry import mounts_in_routing_order

SERVER_WIDE = "x-mock-server-wide"
LARGE_BODY = "x-mock-large-body"
"""An operation whose body may exceed the request body limit (a state document), up to
``settings.max_state_bytes``."""
_DOC_FILES = ("/openapi.json", "/openapi.yaml", "/swagger.json")


class Reach(NamedTuple):
    server_wide: bool
    large_body: bool


_REACHES = {(server_wide, large_body): Reach(server_wide, large_body) for server_wide in (False, True)
            for large_body in (False, True)}
"""The four answers, made once (every request asks)."""


def reach_of(method: str, path: str) -> Reach:
    """Both answers from one lookup of the path's template (every request asks)."""
    if path == "/" or _is_docs(path):
        return _REACHES[True, False]
    template = template_for(path)
    operation = template.operations.get(method.upper()) if template else None
    if not operation:
        return _REACHES[False, False]
    return _REACHES[bool(operation.get(SERVER_WIDE)), bool(operation.get(LARGE_BODY))]


def _is_docs(path: str) -> bool:
    exact, ui_prefixes = _docs_paths()
    return path in exact or path.startswith(ui_prefixes)


@cache
def _docs_paths() -> tuple[frozenset[str], tuple[str, ...]]:
    bases = [mount.base_path for _api, mount in mounts_in_routing_order()]
    exact = frozenset([*(base + name for base in bases for name in _DOC_FILES), *(base + "/ui" for base in bases)])
    return exact, tuple(base + "/ui/" for base in bases)
