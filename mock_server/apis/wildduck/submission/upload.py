"""``POST /users/{user}/mailboxes/{mailbox}/messages``: store a message a client wrote, either
its RFC 822 source (kept byte for byte) or the real JSON form, composed here.

The stored message goes through the mail store's one creation path (``messages.store``):
parsed like a delivered message for listings, search and attachments, with a new UID, the
mailbox's modify index raised, the quota counted and the change in the update stream. A
message that refers to another one (``reference``) is a draft; its reference, envelope and
stored files are kept for the draft's later submission.
"""

from __future__ import annotations

import json
from typing import Any

from ..context import Context
from ..dates import parse_client_instant
from ..errors import fail
from ..mailstore import archive, journal, messages
from ..mailstore.mailboxes import get as get_mailbox
from ..mailstore.mime import parse
from ..state import User
from ..storage import files as stored_files
from . import data_urls, fields, identity, reference
from .composer import Attachment, Draft, compose
from .fields import flag


def upload(ctx: Context, user_id: str, mailbox_id: str, body: dict[str, Any], raw: bytes | None) -> dict[str, Any]:
    user_key = user_id.lower()
    mailbox = get_mailbox(ctx, user_key, mailbox_id)
    user = ctx.state.users.get(user_key)
    if user is None:
        fail(404, "This user does not exist", "UserNotFound")
    if user.quota and user.storage_used > user.quota:
        fail(400, "User is over quota", "OverQuotaError")
    if user.disabled or user.suspended:
        fail(403, "User account is disabled", "UserDisabled")
    date = parse_client_instant(body["date"]) if body.get("date") else ctx.now
    referenced = reference.find(ctx, user, body.get("reference"))
    is_draft = flag(body.get("draft")) or referenced is not None
    attached, files = _stored_files(ctx, user, body.get("files"))
    html, images = data_urls.embedded(ctx, body)
    draft = Draft(
        sender=fields.address(body.get("from")) or (user.name or "", user.address),
        date=date,
        to=fields.addresses(body.get("to")),
        cc=fields.addresses(body.get("cc")),
        bcc=fields.addresses(body.get("bcc")),
        reply_to=fields.address(body.get("replyTo")),
        subject=body.get("subject") or (referenced.subject if referenced else ""),
        text=body.get("text") or None,
        html=html,
        headers=(referenced.headers() if referenced else []) + fields.headers(body.get("headers")),
        attachments=[*(referenced.attachments if referenced else []), *attached,
                     *fields.attachments(body.get("attachments")), *images],
        keep_bcc=True,
    )
    if is_draft:
        draft.sender = (draft.sender[0], identity.allowed_from(ctx, user, draft.sender[1]))
    if referenced and referenced.action in reference.REPLIES and not draft.to:
        draft.to, draft.cc = list(referenced.reply_to), list(referenced.reply_cc)
    source = raw.decode("utf-8", "surrogateescape") if raw else compose(ctx, draft)
    if not source:
        fail(400, "Empty message provided", "EmptyMessage")
    arrival = messages.Arrival(seen=not flag(body.get("unseen")), flagged=flag(body.get("flagged")), draft=is_draft,
                               source="API", idate=date)
    stored = messages.store(ctx, user, mailbox, source, parse(source), arrival)
    stored.upload = {
        "envelope": {"from": draft.sender[1], "to": draft.envelope_to},
        "reference": _reference_meta(body["reference"]) if referenced else None,
        "files": files,
        "custom": json.dumps(body["metaData"]) if body.get("metaData") else "",
    }
    journal.counters(ctx, user.id, {mailbox.id})
    answer: dict[str, Any] = {"success": True, "message": {"id": stored.uid, "mailbox": mailbox.id, "size": stored.size}}
    if body.get("replacePrevious"):
        answer.update(_replace_previous(ctx, user, body["replacePrevious"], mailbox.id))
    return answer


def _stored_files(ctx: Context, user: User, file_ids: list[str] | None) -> tuple[list[Attachment], list[dict[str, Any]]]:
    """Storage files as attachments, and as the draft lists them; unknown ids are skipped,
    as the real server skips them (it logs them)."""
    attached, listed = [], []
    for file_id in file_ids or []:
        found = ctx.state.files.get(user.id, {}).get(file_id.lower())
        if found is None:
            continue
        attached.append(Attachment(stored_files.content_of(found), filename=found.filename,
                                   content_type=found.content_type, cid=found.cid))
        listed.append({"id": found.id, "filename": found.filename, "contentType": found.content_type,
                       "size": found.size, "cid": found.cid})
    return attached, listed


def _reference_meta(given: dict[str, Any]) -> dict[str, Any]:
    return {"action": given["action"], "mailbox": str(given["mailbox"]).lower(), "id": int(given["id"])}


def _replace_previous(ctx: Context, user: User, previous: dict[str, Any], default_mailbox: str) -> dict[str, Any]:
    mailbox = messages.mail(ctx).mailboxes.get(str(previous.get("mailbox") or default_mailbox).lower())
    found = messages.mail(ctx).messages_in(mailbox.id).get(int(previous["id"])) if mailbox else None
    if found is None or found.user != user.id:
        return {"previousDeleteError": "Failed to delete previous message. Message was not found"}
    archive.delete_message(ctx, user, found)
    return {"previousDeleted": True}
