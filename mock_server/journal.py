"""The request journal: what came in, what went out, bounded, newest first.

It is shared by all namespaces (each entry names its namespace) because a developer
debugging "why did my frontend get a 401" wants one place to look.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class JournalEntry:
    sequence: int
    time: str
    namespace: str
    method: str
    path: str
    query: str
    status: int
    duration_ms: float
    api: str | None
    notes: tuple[str, ...] = ()
    """Findings about this exchange (an error's message, a scenario rule applied, a proxy's
    contract violations)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "time": self.time,
            "namespace": self.namespace,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "durationMs": self.duration_ms,
            "api": self.api,
            "notes": list(self.notes),
        }


JournalListener = Callable[[JournalEntry], None]


class Journal:
    def __init__(self, size: int) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=size)
        self._sequence = 0
        self._listeners: list[JournalListener] = []

    def subscribe(self, listener: JournalListener) -> None:
        """Call ``listener`` with every entry recorded from now on: the request log and the
        state file's change tracking ride on the one place every exchange already passes."""
        self._listeners.append(listener)

    def next_sequence(self) -> int:
        self._sequence += 1
        return self._sequence

    def record(self, entry: JournalEntry) -> None:
        self._entries.append(entry)
        for listener in self._listeners:
            listener(entry)

    def newest_first(
        self,
        namespace: str | None = None,
        limit: int | None = None,
        where: Callable[[JournalEntry], bool] | None = None,
    ) -> list[JournalEntry]:
        entries = [
            e for e in reversed(self._entries)
            if (namespace is None or e.namespace == namespace) and (where is None or where(e))
        ]
        return entries[:limit] if limit is not None else entries

    def clear(self) -> None:
        self._entries.clear()
