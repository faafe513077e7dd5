"""Derived lookups over the auth log: a user's events in the order they were logged
(:class:`~..owners.OwnerIndex`), and every event by expiry.

Why: an event is logged on every authentication and on most account changes, and logging one
expires what is due, merges into the user's event of the same kind and trims the user's log.
Scanning the namespace's whole log three times for that made each of those requests cost every
event of every user; with these lookups it costs the user's events and what has expired.
Never exported, rebuilt from the records like any :class:`~..owners.OwnerIndex`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, TypeVar

from sortedcontainers import SortedList

from ..owners import Owned, OwnerIndex


class LoggedEvent(Owned, Protocol):
    expires: datetime


E = TypeVar("E", bound=LoggedEvent)


class AuthLogIndex(OwnerIndex[E]):
    def __init__(self) -> None:
        super().__init__()
        self.expiring: SortedList = SortedList()
        """(expiry, event id) of every event."""

    def clear(self) -> None:
        super().clear()
        self.expiring = SortedList()

    def add(self, record: E) -> None:
        super().add(record)
        self.expiring.add((record.expires, record.id))

    def remove(self, record: E) -> None:
        super().remove(record)
        self.expiring.discard((record.expires, record.id))

    def expired(self, now: datetime) -> list[tuple[datetime, str]]:
        """(expiry, id) of the events whose expiry is ``now`` or earlier, soonest first."""
        due = []
        for expires, event_id in self.expiring:
            if expires > now:
                break
            due.append((expires, event_id))
        return due
