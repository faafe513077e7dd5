"""``/audit``, ``/audit/{audit}``, ``/audit/{audit}/export.mbox``.

The real server's ``root`` role has no ``audit`` rights (only its ``audit`` and
``auditclient`` roles do), so there the master token is refused with 403; the mock has no
such roles, so the master token may audit and user tokens may not (see access/roles.py).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import StreamingResponse

from ..access.rights import endpoint
from ..context import Context
from ..dates import iso_ms, parse_client_instant
from ..errors import SERVER_HEADER, invalid_input
from . import audits, mbox


@endpoint
def create_audit(body: dict[str, Any]) -> dict[str, Any]:
    ctx = Context.current()
    start, end = (parse_client_instant(body[key]) if body.get(key) else None for key in ("start", "end"))
    expires = parse_client_instant(body["expires"])
    if expires <= ctx.now:
        invalid_input("expires", '"expires" must be greater than "now"')
    return {"success": True, "id": audits.create(ctx, body["user"], start, end, expires).id}


@endpoint
def get_audit(audit_id: str) -> dict[str, Any]:
    audit = audits.get(Context.current(), audit_id)
    return {"success": True, "id": audit.id, "user": audit.user,
            "start": iso_ms(audit.start) if audit.start else None, "end": iso_ms(audit.end) if audit.end else None,
            "expires": iso_ms(audit.expires),
            "import": {"status": audit.status, "failed": audit.failed, "copied": audit.copied}}


@endpoint
def export_audit(audit_id: str) -> StreamingResponse:
    audit = audits.get(Context.current(), audit_id)
    headers = {"Content-Disposition": "attachment; filename=export.mbox", **SERVER_HEADER}
    return StreamingResponse(mbox.export(list(audit.messages)), media_type="application/octet-stream", headers=headers)
