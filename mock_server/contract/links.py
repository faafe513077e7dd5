"""How far a document's OpenAPI links carry the stateful phase.

Schemathesis' stateful phase only chains operations that links connect, so an operation no
link touches is never fed a real id. ``conform`` prints this reach before it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..specs import operations


@dataclass(frozen=True)
class LinkReach:
    operations: int
    links: int
    linked: frozenset[str]
    """Operations that a link leaves from or leads to ("METHOD /path")."""
    fed: frozenset[str]
    """Operations that a link leads to: they get values from an earlier response."""

    @property
    def has_links(self) -> bool:
        return self.links > 0

    def describe(self) -> str:
        return (
            f"{self.links} links; they reach {len(self.linked)} of {self.operations} operations "
            f"({len(self.fed)} fed from an earlier response)"
        )


def link_reach(document: dict[str, Any]) -> LinkReach:
    by_id = {op.get("operationId"): f"{method} {path}" for path, method, op in operations(document)}
    linked: set[str] = set()
    fed: set[str] = set()
    count = 0
    for path, method, operation in operations(document):
        for response in (operation.get("responses") or {}).values():
            for link in (resolve_ref(document, response).get("links") or {}).values():
                target = by_id.get(link.get("operationId")) or _by_reference(link.get("operationRef"))
                count += 1
                linked.add(f"{method} {path}")
                if target:
                    linked.add(target)
                    fed.add(target)
    return LinkReach(len(by_id), count, frozenset(linked), frozenset(fed))


def _by_reference(reference: str | None) -> str | None:
    """``#/paths/~1users~1{id}/get`` -> ``GET /users/{id}``."""
    if not reference or not reference.startswith("#/paths/"):
        return None
    pointer = reference.removeprefix("#/paths/")
    path, _, method = pointer.rpartition("/")
    return f"{method.upper()} {path.replace('~1', '/').replace('~0', '~')}"


def resolve_ref(document: dict[str, Any], node: Any) -> dict[str, Any]:
    """Follow local ``$ref``s (responses are often shared under components)."""
    for _ in range(10):
        reference = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(reference, str) or not reference.startswith("#/"):
            break
        node = document
        for part in reference[2:].split("/"):
            node = node.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}
