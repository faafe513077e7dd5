"""Stored files: upload, list, read, delete, as the real server's ``StorageHandler`` does.

Files are the user's own and do not count against the quota (the real server keeps them in
a GridFS bucket apart from the mail and never adds them to ``storageUsed``). A draft names
them by id in ``files`` and gets them as attachments; ``deleteFiles`` on submit removes them.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import re
from typing import Any

from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from ..paging import paginate
from ..state import User
from .records import StoredFile

_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/_-]")


def add(ctx: Context, user: User, body: dict[str, Any]) -> StoredFile:
    files = ctx.state.files.setdefault(user.id, {})
    if len(files) >= ctx.config.max_files_per_user:
        fail(403, f"A user may store at most {ctx.config.max_files_per_user} files", "TooMany")
    filename, content_type = _name_and_type(ctx, body.get("filename") or None, body.get("contentType") or None)
    text = body.get("content") or ""
    content = decode_base64(text) if body.get("encoding") == "base64" else text.encode("utf-8")
    stored = StoredFile(id=ctx.object_id(), user=user.id, filename=filename, content_type=content_type,
                        content=base64.b64encode(content).decode("ascii"), size=len(content), created=ctx.now,
                        cid=body.get("cid") or None)
    files[stored.id] = stored
    return stored


def _name_and_type(ctx: Context, filename: str | None, content_type: str | None) -> tuple[str, str]:
    """The real defaults: ``upload-<date>.bin`` as ``application/octet-stream`` when neither
    is given; the type guessed from the name, or the name's extension from the type."""
    filebase = f"upload-{ctx.now.date().isoformat()}"
    if not filename and not content_type:
        return f"{filebase}.bin", "application/octet-stream"
    if not content_type:
        return str(filename), mimetypes.guess_type(str(filename), strict=False)[0] or "application/octet-stream"
    if not filename:
        extension = mimetypes.guess_extension(content_type.split(";")[0].strip(), strict=False) or ".bin"
        return f"{filebase}{extension}", content_type
    return filename, content_type


def decode_base64(text: str) -> bytes:
    """Lenient, like the real server's decoders: either alphabet (``+/`` or ``-_``),
    characters outside it skipped, a dangling last character dropped."""
    letters = _NOT_BASE64.sub("", text).replace("-", "+").replace("_", "/")
    letters = letters[: len(letters) - len(letters) % 4] if len(letters) % 4 == 1 else letters
    try:
        return base64.b64decode(letters + "=" * (-len(letters) % 4))
    except binascii.Error:
        return b""


def get(ctx: Context, user_id: str, file_id: str) -> StoredFile:
    found = ctx.state.files.get(user_id.lower(), {}).get(file_id.lower())
    if found is None:
        fail(404, "This file does not exist", "FileNotFound")
    return found


def content_of(stored: StoredFile) -> bytes:
    return base64.b64decode(stored.content)


def delete(ctx: Context, user_id: str, file_id: str) -> None:
    stored = get(ctx, user_id, file_id)
    del ctx.state.files[stored.user][stored.id]


def listing(ctx: Context, user: User, *, query: str | None, limit: int, next_cursor: str | None,
            previous_cursor: str | None) -> dict[str, Any]:
    """By file name (then id), ``query`` a case-sensitive part of the name, as the real
    server's escaped regex matches it."""
    files = [f for f in ctx.state.files.get(user.id, {}).values() if not query or query in f.filename]
    page = paginate(files, key=lambda f: f"{f.filename}\x00{f.id}", limit=limit, next_cursor=next_cursor,
                    previous_cursor=previous_cursor)
    answer: dict[str, Any] = {"success": True}
    if query:
        answer["query"] = query
    return {**answer, **page.envelope(view)}


def view(stored: StoredFile) -> dict[str, Any]:
    answer: dict[str, Any] = {"id": stored.id, "filename": stored.filename, "contentType": stored.content_type}
    if stored.cid:
        answer["cid"] = stored.cid
    return {**answer, "size": stored.size, "created": iso_ms(stored.created)}
