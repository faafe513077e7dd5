"""Derived lookups that make address and username resolution O(1): an address's "view"
(``addrview``: lower case, dots of the local part removed) to the record holding it, and a
user's id to the ids of its addresses; a username's view (``unameview``) to its user.

Kept beside the records, never exported (rebuilt after an import), and repaired on its own:
a lookup whose hit no longer matches, or whose record count differs from the collections',
rebuilds from the records, so a writer that bypasses the state's helpers can not make it lie
for long. Kept free of imports from state.py (state.py holds one).
"""

from __future__ import annotations

from typing import Iterable, Mapping, Protocol


class HasAddrview(Protocol):
    id: str
    addrview: str


class ViewIndex:
    """view -> record id, over one or more collections keyed by id."""

    def __init__(self) -> None:
        self.by_view: dict[str, str] = {}
        self.by_owner: dict[str, set[str]] = {}
        self.wildcard_views: set[str] = set()
        """The views of ``by_view`` holding a ``*``: when there are none, a wildcard lookup
        (each candidate has a ``*``) can find nothing, and resolving a recipient skips its
        up to 67 candidates (addresses/resolution.py)."""
        self.count = -1

    def rebuild(self, records: Iterable[tuple[str, str, str | None]]) -> None:
        """From (view, id, owner) triples."""
        self.by_view, self.by_owner, self.wildcard_views, self.count = {}, {}, set(), 0
        for view, record_id, owner in records:
            self.add(view, record_id, owner)

    def add(self, view: str, record_id: str, owner: str | None = None) -> None:
        self.by_view[view] = record_id
        if "*" in view:
            self.wildcard_views.add(view)
        if owner is not None:
            self.by_owner.setdefault(owner, set()).add(record_id)
        self.count += 1

    def remove(self, view: str, record_id: str, owner: str | None = None) -> None:
        if self.by_view.get(view) == record_id:
            del self.by_view[view]
            self.wildcard_views.discard(view)
        if owner is not None:
            self.by_owner.get(owner, set()).discard(record_id)
        self.count -= 1

    def stale(self, total: int) -> bool:
        return self.count != total


def address_triples(*collections: Mapping[str, HasAddrview]) -> Iterable[tuple[str, str, str | None]]:
    for collection in collections:
        for record in collection.values():
            yield record.addrview, record.id, getattr(record, "user", None)
