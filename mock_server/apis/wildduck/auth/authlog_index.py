"""Derived lookups over the auth log: a user's events in the order they were logged, and every
event by expiry.

Why: an event is logged on every authentication and on most account changes, and logging one
expires what is due, merges into the user's event of the same kind and trims the user's log.
Scanning the namespace's whole log three times for that made each of those requests cost every
event of every user; with these lookups it costs the user's events and what has expired.

Kept beside the records, never exported, and rebuilt from them when the counts disagree (after
an import, or a writer that went around it). Kept free of imports from state.py (state.py
holds one).
"""

from __future__ import annotations

from datetime import datetime
from typing import Mapping, Protocol

from sortedcontainers import SortedList


class LoggedEvent(Protocol):
    id: str
    user: str
    expires: datetime


class AuthLogIndex:
    def __init__(self) -> None:
        self.by_user: dict[str, dict[str, None]] = {}
        """User id -> ids of the user's events, oldest logged first (the log's own order)."""
        self.expiring: SortedList = SortedList()
        """(expiry, event id) of every event."""
        self.count = -1

    def current(self, events: Mapping[str, LoggedEvent]) -> "AuthLogIndex":
        """This index, first rebuilt from ``events`` (the log by id) when it is not theirs."""
        if self.count != len(events):
            self.by_user, self.expiring, self.count = {}, SortedList(), 0
            for event in events.values():
                self.add(event)
        return self

    def add(self, event: LoggedEvent) -> None:
        self.by_user.setdefault(event.user, {})[event.id] = None
        self.expiring.add((event.expires, event.id))
        self.count += 1

    def remove(self, event: LoggedEvent) -> None:
        mine = self.by_user.get(event.user, {})
        mine.pop(event.id, None)
        if not mine:
            self.by_user.pop(event.user, None)
        self.expiring.discard((event.expires, event.id))
        self.count -= 1

    def ids_of(self, user_id: str) -> list[str]:
        return list(self.by_user.get(user_id, ()))

    def expired(self, now: datetime) -> list[tuple[datetime, str]]:
        """(expiry, id) of the events whose expiry is ``now`` or earlier, soonest first."""
        due = []
        for expires, event_id in self.expiring:
            if expires > now:
                break
            due.append((expires, event_id))
        return due
