"""A derived lookup from a user to the ids of their records of one kind, in the order the
records were stored.

Why: many routes ask for one user's records (their mailboxes, their auth log) out of a
collection that holds the whole namespace's; a scan made each such request cost the namespace.
The lookup is never exported. It rebuilds itself from the records when its count disagrees with
theirs (after an import, or a writer that went around it), and :meth:`OwnerIndex.records_of`
checks what it hands out, so it can not lie for long. Imports nothing of the WildDuck state
(state.py holds these).
"""

from __future__ import annotations

from typing import Generic, Mapping, Protocol, TypeVar


class Owned(Protocol):
    id: str
    user: str


R = TypeVar("R", bound=Owned)


class OwnerIndex(Generic[R]):
    def __init__(self) -> None:
        self.ids: dict[str, dict[str, None]] = {}
        """User id -> ids of the user's records, in the collection's order."""
        self.count = -1
        """How many records the lookup holds; -1: rebuild before the next use."""

    def current(self, records: Mapping[str, R]) -> "OwnerIndex[R]":
        """This lookup, rebuilt first from ``records`` (the collection by id) when it is not theirs."""
        if self.count != len(records):
            self.clear()
            for record in records.values():
                self.add(record)
        return self

    def records_of(self, records: Mapping[str, R], user_id: str) -> list[R]:
        """The user's records, in the collection's order."""
        found = [records.get(record_id) for record_id in self.current(records).ids.get(user_id, ())]
        if any(record is None or record.user != user_id for record in found):
            self.count = -1  # changed behind the lookup's back
            return [records[record_id] for record_id in self.current(records).ids.get(user_id, ())]
        return found  # type: ignore[return-value]  # none is None: checked above

    def clear(self) -> None:
        self.ids, self.count = {}, 0

    def add(self, record: R) -> None:
        """A record new to the collection (a replaced one: set ``count`` to -1 instead)."""
        self.ids.setdefault(record.user, {})[record.id] = None
        self.count += 1

    def remove(self, record: R) -> None:
        mine = self.ids.get(record.user, {})
        mine.pop(record.id, None)
        if not mine:
            self.ids.pop(record.user, None)
        self.count -= 1
