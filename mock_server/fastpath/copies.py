"""Copies of values the fast path remembers or takes from the document before a handler gets
them: a handler may change what it is given, and that must not reach the next request."""

from __future__ import annotations

import copy
from typing import Any

SCALARS = frozenset({str, int, float, bool, type(None)})
"""Immutable: sharing one is as good as copying it."""


def own_copy(values: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` nothing done to it reaches back from: shallow when every value is a
    scalar (a deep copy of those is the same dict, slower), deep otherwise."""
    if all(type(value) in SCALARS for value in values.values()):
        return dict(values)
    return copy.deepcopy(values)
