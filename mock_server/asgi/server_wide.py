"""Which requests concern the whole server rather than one namespace.

They never create a namespace and so never meet the namespace limit: a full mock must still
answer its health check, its index and docs, and the very reset that frees it. They are
the index page (``/``), every API's docs (``<base>/openapi.json``, ``<base>/ui/...``) and the
control operations marked ``x-mock-server-wide: true`` in specs/control.yaml.
"""

from __future__ import annotations

from ..operation_index import template_for
from ..registry import mounts_in_routing_order

SERVER_WIDE = "x-mock-server-wide"
LARGE_BODY = "x-mock-large-body"
"""An operation whose body may exceed the request body limit (a state document), up to
``settings.max_state_bytes``."""
_DOC_FILES = ("/openapi.json", "/openapi.yaml", "/swagger.json")


def is_server_wide(method: str, path: str) -> bool:
    return path == "/" or _is_docs(path) or bool(_operation(method, path).get(SERVER_WIDE))


def takes_large_body(method: str, path: str) -> bool:
    return bool(_operation(method, path).get(LARGE_BODY))


def _operation(method: str, path: str) -> dict:
    template = template_for(path)
    return (template.operations.get(method.upper()) or {}) if template else {}


def _is_docs(path: str) -> bool:
    for _api, mount in mounts_in_routing_order():
        base = mount.base_path
        if path in (base + name for name in _DOC_FILES) or path == base + "/ui" or path.startswith(base + "/ui/"):
            return True
    return False
