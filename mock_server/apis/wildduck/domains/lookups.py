"""Finding a domain record by id or by name, or answering the real server's 404 for it.

Aliases, DKIM keys, certificates and listings are looked up the same way (the id in lower
case, as Joi's ``lowercase()`` converts it); only the texts and codes differ per route."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NoReturn, TypeVar

from ..errors import fail

T = TypeVar("T")


def by_id(records: dict[str, T], record_id: str, text: str, code: str) -> T:
    record = records.get(record_id.lower())
    if record is None:
        _not_found(text, code)
    return record


def drop(records: dict[str, T], record_id: str, text: str, code: str) -> T:
    record = records.pop(record_id.lower(), None)
    if record is None:
        _not_found(text, code)
    return record


def first(records: Iterable[T], matches: Callable[[T], bool], text: str, code: str) -> T:
    record = next((r for r in records if matches(r)), None)
    if record is None:
        _not_found(text, code)
    return record


def _not_found(text: str, code: str) -> NoReturn:
    fail(404, text, code)
