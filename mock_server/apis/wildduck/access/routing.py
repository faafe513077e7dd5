"""What the real server's router decides before any route runs: ``/users/me`` for a user
token (see me.py), and that a literal path wins over a template of the same shape.

Restify matches ``/users/:user/archived/restore`` before ``/users/:user/archived/:message``,
so a GET there is 405 ``MethodNotAllowed`` (``Allow: POST``). Starlette instead falls through
to any template whose method matches, which would answer the seed's archived-message route
with a 400. Only the document's literal paths that share their shape with a template are
checked (read once from the document), so a request costs a few regex matches at most.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from functools import cache
from typing import Any

from ....errors import ApiError, Reason
from ....specs import load_document, operations
from ....world import World
from .me import resolve_me

_TEMPLATE = re.compile(r"\{[^}/]+\}")


def prepare(world: World, scope: MutableMapping[str, Any]) -> None:
    resolve_me(world, scope)
    _refuse_undeclared_method(scope)


def _refuse_undeclared_method(scope: MutableMapping[str, Any]) -> None:
    method, path = scope.get("method", ""), scope.get("path", "")
    for pattern, allowed in _shadowing_literals():
        if pattern.match(path) and method not in allowed and not (method == "HEAD" and "GET" in allowed):
            raise ApiError(405, f"{method} is not allowed", reason=Reason.METHOD_NOT_ALLOWED,
                           headers={"Allow": ", ".join(sorted(allowed))})


@cache
def _shadowing_literals() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """(path pattern, declared methods) for each path ending in a literal segment where a
    sibling path ends in a template (``.../archived/restore`` next to ``.../archived/{id}``)."""
    methods: dict[str, set[str]] = {}
    for path, method, _operation in operations(load_document("wildduck.yaml")):
        methods.setdefault(path, set()).add(method)
    found = []
    for path, declared in methods.items():
        parent, _, last = path.rpartition("/")
        if _TEMPLATE.search(last):
            continue
        if any(other.rpartition("/")[0] == parent and _TEMPLATE.fullmatch(other.rpartition("/")[2]) for other in methods):
            regex = "".join("[^/]+" if _TEMPLATE.fullmatch(part) else re.escape(part)
                            for part in re.split(r"(\{[^}/]+\})", path))
            found.append((re.compile(f"^{regex}$"), frozenset(declared)))
    return tuple(found)
