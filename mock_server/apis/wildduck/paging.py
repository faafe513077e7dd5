"""Cursor paging as the real server does it: ``limit``, ``next``/``previous`` cursors, ``page``.

A cursor names the sort key of the record at a page's edge, not an offset, so pages stay
stable while records are added or removed elsewhere in the list. A missing cursor is
``false``, never null. Cursors are opaque base64url text to clients.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from sortedcontainers import SortedList

from .errors import invalid_input

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    total: int
    page: int
    previous_cursor: str | bool
    next_cursor: str | bool
    results: list[T]

    def envelope(self, render: Callable[[T], dict]) -> dict:
        return {
            "total": self.total,
            "page": self.page,
            "previousCursor": self.previous_cursor,
            "nextCursor": self.next_cursor,
            "results": [render(item) for item in self.results],
        }

    def answer(self, render: Callable[[T], dict], echo: dict[str, str | None] | None = None) -> dict[str, Any]:
        """A listing route's whole answer, in the real server's key order: ``success``, each
        filter of ``echo`` the request gave (``query``, ``action``; left out when empty), then
        the page."""
        return {"success": True, **{name: value for name, value in (echo or {}).items() if value}, **self.envelope(render)}


def paginate(
    records: list[T],
    key: Callable[[T], str],
    *,
    limit: int,
    page: int = 1,
    next_cursor: str | None = None,
    previous_cursor: str | None = None,
    descending: bool = False,
) -> Page[T]:
    ordered = sorted(records, key=key, reverse=descending)
    after = (lambda k, edge: k < edge) if descending else (lambda k, edge: k > edge)
    if next_cursor:
        edge = decode_cursor(next_cursor, "next")
        chunk = [r for r in ordered if after(key(r), edge)][:limit]
    elif previous_cursor:
        edge = decode_cursor(previous_cursor, "previous")
        chunk = [r for r in ordered if after(edge, key(r))][-limit:]
    else:
        chunk = ordered[:limit]
    if not chunk:
        return Page(len(ordered), page if (next_cursor or previous_cursor) else 1, False, False, [])
    first, last = ordered.index(chunk[0]), ordered.index(chunk[-1])
    has_previous = first > 0
    return Page(
        total=len(ordered),
        page=page if has_previous else 1,
        previous_cursor=encode_cursor(key(chunk[0])) if has_previous else False,
        next_cursor=encode_cursor(key(chunk[-1])) if last < len(ordered) - 1 else False,
        results=chunk,
    )


def paginate_keys(
    keys: SortedList,
    *,
    limit: int,
    page: int = 1,
    next_cursor: str | None = None,
    previous_cursor: str | None = None,
) -> Page[str]:
    """:func:`paginate` over keys already kept in order (ascending), with the same cursors: a
    page costs a binary search and ``limit`` steps, however many keys there are."""
    size = len(keys)
    if next_cursor:
        start = keys.bisect_right(decode_cursor(next_cursor, "next"))
        end = min(size, start + limit)
    elif previous_cursor:
        end = keys.bisect_left(decode_cursor(previous_cursor, "previous"))
        start = max(0, end - limit)
    else:
        start, end = 0, min(size, limit)
    chunk = list(keys.islice(start, end))
    if not chunk:
        return Page(size, page if (next_cursor or previous_cursor) else 1, False, False, [])
    return Page(
        total=size,
        page=page if start > 0 else 1,
        previous_cursor=encode_cursor(chunk[0]) if start > 0 else False,
        next_cursor=encode_cursor(chunk[-1]) if end < size else False,
        results=chunk,
    )


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str, name: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):
        invalid_input(name, f'"{name}" must be a valid base64 string')
    return raw.decode("utf-8", "replace")
