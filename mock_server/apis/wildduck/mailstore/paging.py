"""Cursor paging over a mailbox's ordered index: a page costs a binary search and ``limit``
steps, whatever the mailbox's size (see benchmarks/wildduck_inbox_paging.py).

Cursors name the key ``(arrival µs, uid)`` of the message at a page's edge (``<µs>.<uid>``,
opaque to clients), so a page stays put while messages arrive or leave elsewhere in the
mailbox. Their shape is in the document, so any cursor that passes validation reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sortedcontainers import SortedList

from ..errors import invalid_input
from .index import OrderKey


@dataclass
class KeyPage:
    keys: list[OrderKey]
    """In listing order."""
    total: int
    page: int
    previous_cursor: str | bool
    next_cursor: str | bool


def page_of(
    order: SortedList,
    *,
    limit: int,
    descending: bool,
    page: int = 1,
    next_cursor: str | None = None,
    previous_cursor: str | None = None,
) -> KeyPage:
    size = len(order)
    if next_cursor:
        edge = _decode(next_cursor, "next")
        start, end = (max(0, order.bisect_left(edge) - limit), order.bisect_left(edge)) if descending else \
            (order.bisect_right(edge), min(size, order.bisect_right(edge) + limit))
    elif previous_cursor:
        edge = _decode(previous_cursor, "previous")
        start, end = (order.bisect_right(edge), min(size, order.bisect_right(edge) + limit)) if descending else \
            (max(0, order.bisect_left(edge) - limit), order.bisect_left(edge))
    else:
        start, end = (max(0, size - limit), size) if descending else (0, min(size, limit))
    keys = list(order.islice(start, end, reverse=descending))
    before, after = (end < size, start > 0) if descending else (start > 0, end < size)
    if not keys:
        return KeyPage([], size, 1, False, False)
    return KeyPage(
        keys=keys,
        total=size,
        page=page if before else 1,
        previous_cursor=cursor_for(keys[0]) if before else False,
        next_cursor=cursor_for(keys[-1]) if after else False,
    )


def cursor_for(key: OrderKey) -> str:
    return f"{key[0]}.{key[1]}"


def _decode(cursor: str, name: str) -> OrderKey:
    micros, _, uid = cursor.partition(".")
    if not (micros.isdigit() and uid.isdigit()):
        invalid_input(name, f'"{name}" is not a cursor this listing gave out')
    return int(micros), int(uid)
