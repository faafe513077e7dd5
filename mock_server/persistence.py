"""Every namespace kept in one file across restarts (``serve --state-file``).

The file holds exactly the bytes ``GET /_mock/state`` exports, so it can also be read,
edited or ``PUT`` back by hand; like the export, it is read namespace by namespace and
encoded and written in a worker thread (state_document.py), so a save never holds up the
requests of the other clients. It is loaded once at start-up (all or nothing: a file this
server cannot restore stops the start, since serving an empty state over a team's data and
then saving would destroy it), and written whole, atomically:

- at most every ``save_interval`` seconds, and only when something changed. The change
  signal is free: the journal already sees every exchange, and every request that can change
  state (anything but GET, HEAD, OPTIONS) or create a namespace moves it;
- on ``POST /_mock/state/save``;
- on a clean shutdown (SIGTERM, Ctrl-C), after the last request has been answered.

A SIGKILL or a crash therefore loses at most the changes of the last interval (and of the
moment the save in progress takes to write).
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .atomic_file import write_atomically
from .errors import ApiError
from .journal import Journal, JournalEntry
from .state_document import exported
from .world import Worlds

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class StateFileError(Exception):
    """The state file cannot be used; the message is the one line ``serve`` prints."""


@dataclass(frozen=True)
class SaveReport:
    path: str
    namespaces: int
    bytes: int
    saved_at: datetime


class StateFile:
    def __init__(self, path: Path, worlds: Worlds, save_interval: float) -> None:
        self.path = path
        self.worlds = worlds
        self.save_interval = save_interval
        self._changes = 0
        self._saved: tuple[int, tuple[str, ...]] | None = None
        self._lock = asyncio.Lock()
        self._stop = asyncio.Event()
        self._saver: asyncio.Task[None] | None = None

    def load(self) -> int:
        """Restore the namespaces the file holds (none if it does not exist yet); how many."""
        if not self.path.parent.is_dir():
            raise StateFileError(f"the directory of state file {self.path} does not exist")
        if not self.path.exists():
            return 0
        try:
            document = json.loads(self.path.read_bytes())
        except (OSError, ValueError) as exc:
            raise StateFileError(f"cannot read state file {self.path}: {exc}") from exc
        if not isinstance(document, dict):
            raise StateFileError(f"state file {self.path} is not a state document (GET /_mock/state)")
        try:
            self.worlds.restore(document)
        except ApiError as exc:
            raise StateFileError(f"state file {self.path} does not fit this server: {exc.message}") from exc
        self._saved = self._signature()
        return len(self.worlds.names())

    def track(self, journal: Journal) -> None:
        journal.subscribe(self._count_change)

    @property
    def dirty(self) -> bool:
        return self._saved != self._signature()

    async def save(self) -> SaveReport:
        async with self._lock:
            signature = self._signature()  # a change made while saving leaves the state dirty
            data, namespaces = await exported(self.worlds)
            await asyncio.to_thread(write_atomically, self.path, data)
            self._saved = signature
        return SaveReport(str(self.path), namespaces, len(data), datetime.now(timezone.utc))

    def start(self) -> None:
        """Begin the periodic saves (on the running event loop)."""
        if self.save_interval > 0:
            self._saver = asyncio.get_running_loop().create_task(self._save_periodically())

    async def close(self) -> None:
        """Stop the periodic saves (letting one in progress finish), then save one last time."""
        self._stop.set()
        if self._saver is not None:
            await self._saver
        await self._save_or_say_why()

    async def _save_periodically(self) -> None:
        while not self._stop.is_set():
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=self.save_interval)
            except asyncio.TimeoutError:
                pass
            if self.dirty and not self._stop.is_set():
                await self._save_or_say_why()

    async def _save_or_say_why(self) -> None:
        """A full disk must not stop the server: say so in one line (the next interval retries)."""
        try:
            await self.save()
        except OSError as exc:
            print(f"mock-server: cannot save state to {self.path}: {exc}", file=sys.stderr, flush=True)

    def _count_change(self, entry: JournalEntry) -> None:
        if entry.method not in SAFE_METHODS:
            self._changes += 1

    def _signature(self) -> tuple[int, tuple[str, ...]]:
        return self._changes, tuple(self.worlds.names())

