"""Live subscribers to a user's changes: what open ``/users/{user}/updates`` streams read.

Runtime only (never exported): a subscription is an open HTTP connection. The number of
subscriptions is bounded, each one's backlog is bounded (a reader that falls too far behind
is closed and can resume from the journal with ``Last-Event-ID``), and closing a
subscription forgets it entirely, so a closed stream holds nothing.

Synchronous on purpose: publishing happens inside a request's state change; the stream
learns of new entries through ``wake``, which the async side sets to wake its reader.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from .records import JournalEntry


@dataclass(eq=False)
class Subscription:
    user: str
    capacity: int
    pending: deque = field(default_factory=deque)
    wake: Callable[[], None] | None = None
    closed: bool = False
    overflowed: bool = False

    def push(self, entry: "JournalEntry") -> None:
        if self.closed:
            return
        if len(self.pending) >= self.capacity:
            self.overflowed = True
            self.closed = True
            self.pending.clear()
        else:
            self.pending.append(entry)
        if self.wake is not None:
            self.wake()

    def take(self) -> list["JournalEntry"]:
        entries = list(self.pending)
        self.pending.clear()
        return entries


class StreamLimitReached(Exception):
    """More open streams than the namespace allows."""


class ChangeFeed:
    def __init__(self) -> None:
        self._subscribers: dict[str, list[Subscription]] = {}

    @property
    def open_count(self) -> int:
        return sum(len(subs) for subs in self._subscribers.values())

    def subscribe(self, user_id: str, *, max_open: int, capacity: int) -> Subscription:
        if self.open_count >= max_open:
            raise StreamLimitReached(max_open)
        subscription = Subscription(user_id, capacity)
        self._subscribers.setdefault(user_id, []).append(subscription)
        return subscription

    def publish(self, entry: "JournalEntry") -> None:
        for subscription in list(self._subscribers.get(entry.user, ())):
            subscription.push(entry)

    def close(self, subscription: Subscription) -> None:
        subscription.closed = True
        subscription.pending.clear()
        subscription.wake = None
        subs = self._subscribers.get(subscription.user, [])
        if subscription in subs:
            subs.remove(subscription)
        if not subs:
            self._subscribers.pop(subscription.user, None)

    def close_user(self, user_id: str) -> None:
        """A deleted user's streams end (the real server sends LOGOUT and closes them)."""
        for subscription in list(self._subscribers.get(user_id, ())):
            subscription.closed = True
            if subscription.wake is not None:
                subscription.wake()
            self.close(subscription)
