"""Which requests are the docs' own (Swagger UI and its assets, the OpenAPI documents, the
index page, the dashboard) rather than calls to an API.

A page of Swagger UI loads a dozen assets; in the journal they would bury the calls a
developer is looking for, so the journal leaves them out unless asked.
"""

from __future__ import annotations

from functools import cache

from .registry import mounts_in_routing_order

DASHBOARD_PATH = "/_mock/dashboard"
DOCUMENT_NAMES = ("/openapi.json", "/openapi.yaml", "/swagger.json")


def is_docs_request(path: str) -> bool:
    if path == "/" or path == DASHBOARD_PATH or path.startswith(DASHBOARD_PATH + "/"):
        return True
    for base in _base_paths():
        if base and not (path == base or path.startswith(base + "/")):
            continue
        rest = path[len(base):]
        if rest in DOCUMENT_NAMES or rest == "/ui" or rest.startswith("/ui/"):
            return True
    return False


@cache
def _base_paths() -> tuple[str, ...]:
    return tuple(mount.base_path for _api, mount in mounts_in_routing_order())
