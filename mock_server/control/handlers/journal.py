"""The request journal, shared by every namespace."""

from __future__ import annotations

from typing import Any

from ...runtime import current_runtime


def list_entries(namespace: str | None = None, limit: int = 100) -> dict[str, Any]:
    entries = current_runtime().journal.newest_first(namespace=namespace, limit=limit)
    return {"entries": [entry.as_json() for entry in entries]}


def clear_entries() -> tuple[None, int]:
    current_runtime().journal.clear()
    return None, 204
