"""Read the API documents in ``specs/`` once, for Connexion and every other piece that needs them.

One kind of schema is not hand-written: the records of a state document (``GET/PUT
/_mock/state``) are the APIs' state dataclasses, which change with the code. A schema
``{x-mock-schema-of: <dotted.Class>}`` (or ``api-states``: every API's state record) is
filled in from the dataclass by :func:`mock_server.plain.schema` when the document is read,
so the served document always describes exactly what an import accepts.
"""

from __future__ import annotations

import importlib
import marshal
from functools import cache
from pathlib import Path
from typing import Any

from . import plain
from .registry import all_apis
from .yaml_reading import safe_load

SPECS_DIR = Path(__file__).resolve().parent.parent / "specs"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_OF = "x-mock-schema-of"
API_STATES = "api-states"


@cache
def load_document(name: str) -> dict[str, Any]:
    """The document, with generated schemas filled in (shared: copy it before changing it).
    No two places in it are the same object, even where the YAML text reuses a node (an alias)."""
    with (SPECS_DIR / name).open(encoding="utf-8") as handle:
        text = handle.read()
    data = safe_load(text)
    return _filled(data) if SCHEMA_OF in text else _unshared_copy(data)


def _filled(node: Any) -> Any:
    if isinstance(node, dict):
        if SCHEMA_OF in node:
            rest = {key: value for key, value in node.items() if key != SCHEMA_OF}
            return {**rest, **_generated(node[SCHEMA_OF])}
        return {key: _filled(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_filled(item) for item in node]
    return node


def _unshared_copy(data: Any) -> Any:
    """What :func:`_filled` makes of a document with nothing to fill, three to four times faster
    (issue 15: cold start): ``marshal`` format 2 has no back-references, so a node the text
    reuses is written, and read back, once per place. Data it cannot hold (a YAML date) is
    walked as before."""
    try:
        return marshal.loads(marshal.dumps(data, 2))
    except ValueError:
        return _filled(data)


def _generated(source: str) -> dict[str, Any]:
    if source == API_STATES:
        states = {api.name: plain.schema(api.state_type) for api in all_apis() if api.state_type is not None}
        return {"type": "object", "additionalProperties": False, "properties": states}
    module, _, name = source.rpartition(".")
    return plain.schema(getattr(importlib.import_module(module), name))


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation) for every operation of a document, in document order."""
    return [
        (path, method.upper(), operation)
        for path, item in (document.get("paths") or {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]
