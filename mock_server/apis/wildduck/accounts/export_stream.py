"""The real server's export container (``lib/export.js``): three magic bytes, then records,
each a little-endian 32-bit length and a MessagePack array ``[type, data]``; type 1 is the
header, type 2 a content record. A file that does not start with the magic bytes, or whose
records do not read, is refused with the real error codes."""

from __future__ import annotations

import struct
from typing import Any, Iterable, Iterator

from ....lazy_module import lazy
from ..errors import fail

msgpack = lazy("msgpack")
"""Imported by the first export or import, not by every start."""

MAGIC = bytes([0x09, 0x06, 0x82])
TYPE_HEADER = 0x01
TYPE_CONTENT = 0x02
WIDE_INT = 42
"""MessagePack extension type for an integer beyond 64 bits (JSON in ``metaData`` may hold
one), kept as its decimal text so an export never fails and imports back exactly."""
_SMALLEST, _LARGEST = -(2**63), 2**64 - 1


def write(header: dict[str, Any], contents: Iterable[dict[str, Any]]) -> bytes:
    parts = [MAGIC, _record(TYPE_HEADER, header)]
    parts += [_record(TYPE_CONTENT, content) for content in contents]
    return b"".join(parts)


def _record(record_type: int, data: dict[str, Any]) -> bytes:
    packed = msgpack.packb([record_type, _with_wide_ints(data)], use_bin_type=True)
    return struct.pack("<I", len(packed)) + packed


def read(data: bytes) -> tuple[dict[str, Any] | None, Iterator[dict[str, Any]]]:
    """The header (None if the file has none) and the content records, in order."""
    if data[: len(MAGIC)] != MAGIC:
        fail(400, "Invalid content sequence", "INVALID_SEQUENCE")
    header: dict[str, Any] | None = None
    contents: list[dict[str, Any]] = []
    position = len(MAGIC)
    while position < len(data):
        if position + 4 > len(data):
            fail(400, "Unexpected end of data file", "INVALID_SEQUENCE")
        (length,) = struct.unpack_from("<I", data, position)
        position += 4
        chunk = data[position: position + length]
        position += length
        if len(chunk) < length:
            fail(400, "Unexpected end of data file", "INVALID_SEQUENCE")
        try:
            record_type, record = msgpack.unpackb(chunk, raw=False, strict_map_key=False, ext_hook=_ext)
        except (ValueError, TypeError, msgpack.UnpackException) as exc:
            fail(400, f"Invalid data record: {exc}", "INVALID_SEQUENCE")
        if record_type == TYPE_HEADER and isinstance(record, dict):
            header = record
        elif record_type == TYPE_CONTENT and isinstance(record, dict):
            contents.append(record)
    return header, iter(contents)


def _with_wide_ints(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and not _SMALLEST <= value <= _LARGEST:
        return msgpack.ExtType(WIDE_INT, str(value).encode())
    if isinstance(value, dict):
        return {key: _with_wide_ints(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_with_wide_ints(item) for item in value]
    return value


def _ext(code: int, data: bytes) -> Any:
    if code == WIDE_INT:
        try:
            return int(data.decode())
        except ValueError:
            fail(400, "Invalid data record: unreadable integer", "INVALID_SEQUENCE")
    return msgpack.ExtType(code, data)
