"""``/users/{user}/storage``: upload, list, download and delete files.

As on the real server, listing and uploading look the user up (404 ``UserNotFound``);
download and delete look the file up by (user, id) only (404 ``FileNotFound``)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ..access.rights import endpoint
from ..accounts.users import get_user
from ..context import Context
from ..errors import SERVER_HEADER
from . import files


@endpoint
def upload_file(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    ctx = Context.current()
    stored = files.add(ctx, get_user(ctx, user_id), body)
    return {"success": True, "id": stored.id}


@endpoint
def list_files(user_id: str, query: str | None = None, limit: int = 20, next_: str | None = None,
               previous: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    return files.listing(ctx, get_user(ctx, user_id), query=(query or "").strip() or None, limit=limit,
                         next_cursor=next_, previous_cursor=previous)


@endpoint
def get_file(user_id: str, file_id: str) -> Response:
    stored = files.get(Context.current(), user_id, file_id)
    return Response(files.content_of(stored), media_type=stored.content_type, headers=SERVER_HEADER)


@endpoint
def delete_file(user_id: str, file_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    files.delete(Context.current(), user_id, file_id)
    return {"success": True}
