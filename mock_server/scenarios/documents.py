"""Follow local ``$ref``s in an API document, for code that reads schemas outside Connexion."""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 32


def resolve(document: dict[str, Any], node: Any, depth: int = 0) -> Any:
    """``node`` with its top-level ``$ref`` chain followed (nested refs stay as they are)."""
    while isinstance(node, dict) and "$ref" in node and depth < MAX_DEPTH:
        node = _pointer(document, node["$ref"])
        depth += 1
    return node


def _pointer(document: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
