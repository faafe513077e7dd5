"""The request journal, shared by every namespace: read, follow live, clear."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, AsyncIterator, Callable

from connexion import request
from starlette.responses import StreamingResponse

from ...docs_requests import is_docs_request
from ...journal import Journal, JournalEntry
from ...runtime import current_runtime

POLL_SECONDS = 0.25
"""How often a live stream looks for new entries (in memory: costs nothing)."""
RECONNECT_MILLISECONDS = 500


def list_entries(namespace: str | None = None, limit: int = 100, api: str | None = None, docs: bool = False) -> dict[str, Any]:
    entries = current_runtime().journal.newest_first(where=_filter(namespace, api, docs), limit=limit)
    return {"entries": [entry.as_json() for entry in entries]}


def stream_entries(
    namespace: str | None = None, api: str | None = None, docs: bool = False, after: int | None = None, seconds: float = 25
) -> StreamingResponse:
    """Entries after ``after`` (or the ``Last-Event-ID`` an EventSource resends), then each new
    one as it is recorded, for ``seconds``; an EventSource then reconnects by itself and
    misses nothing. One request per ``seconds`` keeps the journal free of polling noise."""
    last_seen = after if after is not None else _last_event_id()
    events = _events(current_runtime().journal, _filter(namespace, api, docs), last_seen, seconds)
    return StreamingResponse(events, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def clear_entries() -> tuple[None, int]:
    current_runtime().journal.clear()
    return None, 204


async def _events(journal: Journal, where: Callable[[JournalEntry], bool], last_seen: int, seconds: float) -> AsyncIterator[str]:
    yield f"retry: {RECONNECT_MILLISECONDS}\n\n"
    deadline = time.monotonic() + seconds
    while True:
        fresh = [entry for entry in journal.newest_first(where=where) if entry.sequence > last_seen]
        for entry in reversed(fresh):
            yield f"id: {entry.sequence}\nevent: entry\ndata: {json.dumps(entry.as_json())}\n\n"
            last_seen = entry.sequence
        if time.monotonic() >= deadline:
            return
        await asyncio.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))


def _filter(namespace: str | None, api: str | None, docs: bool) -> Callable[[JournalEntry], bool]:
    def where(entry: JournalEntry) -> bool:
        return (
            (namespace is None or entry.namespace == namespace)
            and (api is None or entry.api == api)
            and (docs or not is_docs_request(entry.path))
        )

    return where


def _last_event_id() -> int:
    value = request.headers.get("last-event-id", "")
    return int(value) if value.isdigit() else 0
