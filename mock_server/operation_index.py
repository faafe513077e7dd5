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

    Every request asks this (server-wide requests, body limits, CORS preflights), so the
    templates are ranked once (most literal segments first, document order among equals) and
    split into buckets by what a match cannot change: the number of ``/`` (a parameter never
    holds one) and the literal first segment. Each bucket is one regex, every candidate an
    alternative in rank order, and the first alternative that matches is the answer: the same
    answer as trying all 132 templates in rank order, about ten times sooner."""
    slashes = path.count("/")
    candidates = _buckets()
    pattern_and_groups = candidates.get((slashes, _first_segment(path))) or candidates.get((slashes, None))
    if pattern_and_groups is None:
        return None
    pattern, by_group = pattern_and_groups
    found = pattern.match(path)
    return by_group[found.lastgroup] if found and found.lastgroup else None


def _first_segment(path: str) -> str:
    """The path's first segment, as a template's literal first segment would see it: a path
    may end in one newline that ``$`` lets through (``/users\n`` falls under ``/users``)."""
    return path.removesuffix("\n").split("/", 2)[1] if path.startswith("/") else ""


_Bucket = tuple[re.Pattern[str], dict[str, PathTemplate]]


@cache
def _buckets() -> dict[tuple[int, str | None], _Bucket]:
    """(slash count, literal first segment) -> the regex of every template that may match such
    a path. A template whose first segment holds a parameter may match any first segment: it
    joins every bucket of its slash count, and the bucket ``(count, None)`` for the others."""
    ranked = sorted(_templates(), key=lambda template: -template.literal_segments)
    keyed: dict[tuple[int, str | None], list[tuple[int, PathTemplate]]] = {}
    open_first: dict[int, list[tuple[int, PathTemplate]]] = {}
    for rank, template in enumerate(ranked):
        full = template.mount.base_path + template.template
        first = full.split("/", 2)[1] if full.startswith("/") else ""
        if _PARAM.search(first) or not full.startswith("/"):
            open_first.setdefault(full.count("/"), []).append((rank, template))
        else:
            keyed.setdefault((full.count("/"), first), []).append((rank, template))
    for slashes, members in open_first.items():
        keyed.setdefault((slashes, None), [])
        for key in [key for key in keyed if key[0] == slashes]:
            keyed[key] = sorted(keyed[key] + members, key=lambda ranked_template: ranked_template[0])
    return {key: _combined(members) for key, members in keyed.items()}


def _combined(members: list[tuple[int, PathTemplate]]) -> _Bucket:
    by_group = {f"t{rank}": template for rank, template in members}
    alternatives = "|".join(
        f"(?P<{group}>{template.pattern.pattern.removeprefix('^').removesuffix('$')})"
        for group, template in by_group.items()
    )
    return re.compile(f"(?:{alternatives})$", re.S), by_group


def allowed_methods(path: str) -> list[str]:
    template = template_for(path)
    return sorted(template.operations) if template else []
