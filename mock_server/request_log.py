"""The request log ``serve`` prints: one line per exchange, taken from the journal as it is
recorded, so watching a frontend talk to the mock (or searching a CI log) needs no second
bookkeeping of requests.

A line names the wall time, the namespace, method, path, status, duration and the journal
entry's notes (the validation finding, scenario rule or ``Prefer`` that shaped the answer).
On a terminal it is coloured; piped, it is plain text; ``json`` gives one object per line.
Requests for the docs (Swagger UI under ``<base>/ui/``, ``<base>/openapi.json``, the index
page and the dashboard; see docs_requests.py) are left out unless asked for: a browser on the docs fetches a dozen assets per page.

Lines are written as they come but flushed at most every ``FLUSH_SECONDS`` while serving: a
flush is a system call, and under load one per request was a visible share of a request's
cost. Outside a running event loop (tests, tools) each line is flushed at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from datetime import datetime, timezone
from typing import Literal, TextIO

from .docs_requests import is_docs_request
from .journal import Journal, JournalEntry

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[str, ...] = ("text", "json")

_RESET = "\033[0m"
_DIM = "\033[2m"
_BOLD = "\033[1m"
_STATUS_COLOURS = {2: "\033[32m", 3: "\033[36m", 4: "\033[33m", 5: "\033[31m"}
FLUSH_SECONDS = 0.05
"""Longest a written line waits in the stream's buffer: too short for anyone watching to notice."""


class RequestLog:
    def __init__(self, stream: TextIO, log_format: LogFormat = "text", *, colour: bool = False,
                 include_docs: bool = False) -> None:
        self.stream = stream
        self.log_format = log_format
        self.colour = colour
        self.include_docs = include_docs
        self._flush_due = False

    def attach(self, journal: Journal) -> None:
        journal.subscribe(self.write)

    def write(self, entry: JournalEntry) -> None:
        if not self.include_docs and is_docs_request(entry.path):
            return
        line = self._json_line(entry) if self.log_format == "json" else self._text_line(entry)
        self.stream.write(line + "\n")
        self._flush_soon()

    def _flush_soon(self) -> None:
        if self._flush_due:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.stream.flush()
            return
        self._flush_due = True
        loop.call_later(FLUSH_SECONDS, self._flush)

    def _flush(self) -> None:
        self._flush_due = False
        self.stream.flush()

    def _json_line(self, entry: JournalEntry) -> str:
        record = entry.as_json()
        record["clock"] = record.pop("time")  # the namespace clock; "time" is when it happened
        now = datetime.now(timezone.utc)
        return json.dumps({"time": now.isoformat(timespec="milliseconds"), **record}, separators=(",", ":"))

    def _text_line(self, entry: JournalEntry) -> str:
        target = entry.path + (f"?{entry.query}" if entry.query else "")
        status = str(entry.status or "---")
        notes = "  " + "; ".join(entry.notes) if entry.notes else ""
        time_text = _local_time_of_day()
        namespace = f"[{entry.namespace or '-'}]"
        duration = f"{entry.duration_ms:.1f} ms"
        if self.colour:
            status = _STATUS_COLOURS.get(entry.status // 100, "") + status + _RESET
            time_text, duration = _DIM + time_text + _RESET, _DIM + duration + _RESET
            target = _BOLD + target + _RESET
            notes = notes and _STATUS_COLOURS[3] + notes + _RESET
        return f"{time_text} {namespace} {entry.method} {target} {status} {duration}{notes}"


def _local_time_of_day() -> str:
    """``HH:MM:SS.mmm`` in local time, from the C clock functions (a datetime's ``astimezone``
    looks the local zone up again on every call)."""
    seconds, nanoseconds = divmod(time.time_ns(), 1_000_000_000)
    return f"{time.strftime('%H:%M:%S', time.localtime(seconds))}.{nanoseconds // 1_000_000:03d}"


def colour_wanted(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR (https://no-color.org) says otherwise."""
    return stream.isatty() and not os.environ.get("NO_COLOR")
