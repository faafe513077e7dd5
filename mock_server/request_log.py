"""The request log ``serve`` prints: one line per exchange, taken from the journal as it is
recorded, so watching a frontend talk to the mock (or searching a CI log) needs no second
bookkeeping of requests.

A line names the wall time, the namespace, method, path, status, duration and the journal
entry's notes (the validation finding, scenario rule or ``Prefer`` that shaped the answer).
On a terminal it is coloured; piped, it is plain text; ``json`` gives one object per line.
Requests for the docs (Swagger UI under ``<base>/ui/``, ``<base>/openapi.json``, the index
page and the dashboard; see docs_requests.py) are left out unless asked for: a browser on the docs fetches a dozen assets per page.
"""

from __future__ import annotations

import json
import os
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


class RequestLog:
    def __init__(self, stream: TextIO, log_format: LogFormat = "text", *, colour: bool = False,
                 include_docs: bool = False) -> None:
        self.stream = stream
        self.log_format = log_format
        self.colour = colour
        self.include_docs = include_docs

    def attach(self, journal: Journal) -> None:
        journal.subscribe(self.write)

    def write(self, entry: JournalEntry) -> None:
        if not self.include_docs and is_docs_request(entry.path):
            return
        now = datetime.now(timezone.utc)
        line = self._json_line(entry, now) if self.log_format == "json" else self._text_line(entry, now)
        self.stream.write(line + "\n")
        self.stream.flush()

    def _json_line(self, entry: JournalEntry, now: datetime) -> str:
        record = entry.as_json()
        record["clock"] = record.pop("time")  # the namespace clock; "time" is when it happened
        return json.dumps({"time": now.isoformat(timespec="milliseconds"), **record}, separators=(",", ":"))

    def _text_line(self, entry: JournalEntry, now: datetime) -> str:
        target = entry.path + (f"?{entry.query}" if entry.query else "")
        status = str(entry.status or "---")
        notes = "  " + "; ".join(entry.notes) if entry.notes else ""
        time_text = now.astimezone().strftime("%H:%M:%S.%f")[:-3]
        namespace = f"[{entry.namespace or '-'}]"
        duration = f"{entry.duration_ms:.1f} ms"
        if self.colour:
            status = _STATUS_COLOURS.get(entry.status // 100, "") + status + _RESET
            time_text, duration = _DIM + time_text + _RESET, _DIM + duration + _RESET
            target = _BOLD + target + _RESET
            notes = notes and _STATUS_COLOURS[3] + notes + _RESET
        return f"{time_text} {namespace} {entry.method} {target} {status} {duration}{notes}"


def colour_wanted(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR (https://no-color.org) says otherwise."""
    return stream.isatty() and not os.environ.get("NO_COLOR")
