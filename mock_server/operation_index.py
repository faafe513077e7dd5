"""Find the documented operation behind a request path, outside Connexion.

The ``Allow`` header of a 405 and the ``Prefer`` header both need to know, for a concrete
path, which template of which document it falls under; Connexion does not expose that for a
request it refuses or never routes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .registry import ApiDescriptor, SpecMount, mounts_in_routing_order
from .specs import load_document, operations

_PARAM = re.compile(r"\{[^}/]+\}")


@dataclass(frozen=True)
class PathTemplate:
    api: ApiDescriptor
    mount: SpecMount
    template: str
    """The document's path, without the mount's base path."""
    pattern: re.Pattern[str]
    literal_segments: int
    operations: dict[str, dict[str, Any]]
    """METHOD -> operation object."""


@cache
def _templates() -> tuple[PathTemplate, ...]:
    found = []
    for api, mount in mounts_in_routing_order():
        by_path: dict[str, dict[str, dict[str, Any]]] = {}
        for path, method, operation in operations(load_document(mount.file)):
            by_path.setdefault(path, {})[method] = operation
        for path, methods in by_path.items():
            full = mount.base_path + path
            regex = "".join(
                "[^/]+" if _PARAM.fullmatch(part) else re.escape(part) for part in re.split(r"(\{[^}/]+\})", full)
            )
            literals = sum(1 for segment in full.split("/") if segment and not _PARAM.search(segment))
            found.append(PathTemplate(api, mount, path, re.compile(f"^{regex}$", re.S), literals, methods))
    return tuple(found)


def template_for(path: str) -> PathTemplate | None:
    """The most specific template (most literal segments) that the path falls under.

    Every request asks this (CORS, server-wide requests, body limits), so it is one regex
    compiled at start-up: every template an alternative, most literal segments first (document
    order among equals), and the first alternative that matches is the answer."""
    pattern, by_group = _combined()
    found = pattern.match(path)
    return by_group[found.lastgroup] if found and found.lastgroup else None


@cache
def _combined() -> tuple[re.Pattern[str], dict[str, PathTemplate]]:
    ranked = sorted(_templates(), key=lambda template: -template.literal_segments)
    by_group = {f"t{number}": template for number, template in enumerate(ranked)}
    alternatives = "|".join(
        f"(?P<{group}>{template.pattern.pattern.removeprefix('^').removesuffix('$')})"
        for group, template in by_group.items()
    )
    return re.compile(f"(?:{alternatives})$", re.S), by_group


def allowed_methods(path: str) -> list[str]:
    template = template_for(path)
    return sorted(template.operations) if template else []
