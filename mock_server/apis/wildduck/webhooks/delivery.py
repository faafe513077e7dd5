"""Webhook delivery: a bounded queue per event loop, drained by one task, with retries.

A request that publishes an event only puts deliveries on the queue (``submit``) and goes
on; the task POSTs each payload as JSON with the real worker's ``User-Agent``, and a
delivery that fails (no connection, a timeout, a status outside 2xx) is tried again after
``webhook_backoff_seconds`` doubling each time, ``webhook_attempts`` times in all (the real
worker: 5 attempts from 2 s). A 410 answer removes the webhook, as on the real server. When
the queue is full a new delivery is dropped. Every attempt, drop and give-up is written to
the request journal (``/_mock/journal``), with ``api`` = ``wildduck-webhook``.

Handlers run on the server's event loop (mock_server/resolver.py calls them there), so
``submit`` queues on the running loop; from code with no event loop at all (a script
building a state) nothing is sent, and the journal says so.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from dataclasses import dataclass
from typing import Any

from ....clock import iso, wall_time
from ....journal import JournalEntry
from ....lazy_module import lazy
from ....runtime import Runtime, current_runtime
from ..context import Context
from ..state import WildDuckState
from .records import Webhook

httpx = lazy("httpx")
"""Imported with the first delivery, not by every start (~50 ms)."""

JOURNAL_API = "wildduck-webhook"
USER_AGENT = "wildduck/1.46.1"


@dataclass
class Delivery:
    webhook: Webhook
    payload: dict[str, Any]
    state: WildDuckState
    """The namespace's state, for removing the webhook on a 410."""
    namespace: str
    runtime: Runtime | None
    attempts: int
    backoff: float
    timeout: float
    queue_size: int
    attempt: int = 0


def submit(ctx: Context, webhook: Webhook, payload: dict[str, Any]) -> None:
    config = ctx.config
    job = Delivery(webhook, payload, ctx.state, ctx.namespace, _runtime(), config.webhook_attempts,
                   config.webhook_backoff_seconds, config.webhook_timeout_seconds, config.webhook_queue_size)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        _note(job, 0, 0.0, "not sent: no event loop runs the mock")
        return
    _enqueue(job)


class _Queue:
    """One loop's pending deliveries and the task draining them (started when needed, ended
    when the queue is empty, so an idle server holds no task)."""

    def __init__(self, size: int) -> None:
        self.pending: asyncio.Queue[Delivery] = asyncio.Queue(maxsize=size)
        self.worker: asyncio.Task[None] | None = None


_queues: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Queue]" = weakref.WeakKeyDictionary()


def _enqueue(job: Delivery) -> None:
    loop = asyncio.get_running_loop()
    queue = _queues.get(loop)
    if queue is None:
        queue = _queues[loop] = _Queue(job.queue_size)
    try:
        queue.pending.put_nowait(job)
    except asyncio.QueueFull:
        _note(job, 0, 0.0, f"dropped: {job.queue_size} deliveries already wait")
        return
    if queue.worker is None or queue.worker.done():
        queue.worker = loop.create_task(_drain(queue))


async def _drain(queue: _Queue) -> None:
    async with httpx.AsyncClient(headers={"User-Agent": USER_AGENT}) as client:
        while not queue.pending.empty():
            job = queue.pending.get_nowait()
            await _attempt(client, job)


async def _attempt(client: httpx.AsyncClient, job: Delivery) -> None:
    job.attempt += 1
    started = time.perf_counter()
    status = 0
    try:
        response = await client.post(job.webhook.url, json=job.payload, timeout=job.timeout)
        status = response.status_code
        failure = None if 200 <= status < 300 or status == 410 else f"HTTP {status}"
    except (httpx.HTTPError, OSError) as error:
        failure = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    elapsed = time.perf_counter() - started
    where = f"attempt {job.attempt}/{job.attempts}"
    if failure is None:
        if status == 410:
            job.state.webhooks.pop(job.webhook.id, None)
        _note(job, status, elapsed, f"{where}: delivered" + (" (410: webhook removed)" if status == 410 else ""))
        return
    if job.attempt >= job.attempts:
        _note(job, status, elapsed, f"{where}: {failure}; given up")
        return
    delay = job.backoff * 2 ** (job.attempt - 1)
    _note(job, status, elapsed, f"{where}: {failure}; retrying in {delay:g} s")
    asyncio.get_running_loop().call_later(delay, _enqueue, job)


def _note(job: Delivery, status: int, elapsed: float, outcome: str) -> None:
    if job.runtime is None:
        return
    journal = job.runtime.journal
    journal.record(JournalEntry(
        sequence=journal.next_sequence(), time=iso(wall_time()), namespace=job.namespace, method="POST",
        path=job.webhook.url, query="", status=status, duration_ms=round(elapsed * 1000, 3), api=JOURNAL_API,
        notes=(f"webhook {job.webhook.id} {job.payload.get('ev')} {job.payload.get('id')} {outcome}",),
    ))


def _runtime() -> Runtime | None:
    try:
        return current_runtime()
    except LookupError:
        return None
