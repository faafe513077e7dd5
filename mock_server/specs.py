"""Read the API documents in ``specs/`` once, for the pieces that need them outside Connexion."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPECS_DIR = Path(__file__).resolve().parent.parent / "specs"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@cache
def load_document(name: str) -> dict[str, Any]:
    with (SPECS_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation) for every operation of a document, in document order."""
    return [
        (path, method.upper(), operation)
        for path, item in (document.get("paths") or {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]
