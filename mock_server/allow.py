"""The ``Allow`` header of a 405, computed from the documents.

Connexion lists only the methods of the first route that partly matched, which is often
wrong (Schemathesis flags it). Here the path is matched against every mounted template and
the methods of the most specific match (most literal segments) are returned.
"""

from __future__ import annotations

import re
from functools import cache

from .registry import mounts_in_routing_order
from .specs import load_document, operations

_PARAM = re.compile(r"\{[^}/]+\}")


@cache
def _templates() -> tuple[tuple[re.Pattern[str], int, frozenset[str]], ...]:
    methods: dict[str, set[str]] = {}
    for _api, mount in mounts_in_routing_order():
        document = load_document(mount.file)
        for path, method, _operation in operations(document):
            methods.setdefault(mount.base_path + path, set()).add(method)
    compiled = []
    for template, verbs in methods.items():
        pattern = re.compile("^" + _PARAM.sub("[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$", re.S)
        literal_segments = sum(1 for part in template.split("/") if part and not _PARAM.fullmatch(part))
        compiled.append((pattern, literal_segments, frozenset(verbs)))
    return tuple(compiled)


def allowed_methods(path: str) -> list[str]:
    matches = [(literals, verbs) for pattern, literals, verbs in _templates() if pattern.match(path)]
    if not matches:
        return []
    _literals, verbs = max(matches, key=lambda match: match[0])
    return sorted(verbs)
