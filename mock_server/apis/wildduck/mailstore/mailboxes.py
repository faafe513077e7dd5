"""Mailboxes: the default special-use set, create (with missing parents), rename (with the
children), delete, and the path rules.

A path is the folder's full name with ``/`` between levels (``Work/2024/Invoices``); any
Unicode is allowed; ``INBOX`` is spelled in upper case whatever the client sends, as IMAP
requires. Renaming moves the children along; deleting removes the mailbox's messages for
good (the real server does not archive them either).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ..context import Context
from ..errors import INPUT_VALIDATION, fail, invalid_input
from ..state import User
from . import journal
from .records import Mailbox

INBOX = "INBOX"
SPECIAL_USE_KEYS = {"\\Sent": "sent", "\\Trash": "trash", "\\Drafts": "drafts", "\\Junk": "junk"}
"""Special use -> the key naming it in ``POST /users``'s ``mailboxes`` object."""

LOCALIZED_NAMES = {
    "en": {"sent": "Sent Mail", "trash": "Trash", "drafts": "Drafts", "junk": "Junk"},
    "et": {"sent": "Saadetud kirjad", "trash": "Prügikast", "drafts": "Mustandid", "junk": "Rämpspost"},
    "de": {"sent": "Gesendete Objekte", "trash": "Papierkorb", "drafts": "Entwürfe", "junk": "Spam"},
    "fr": {"sent": "Éléments envoyés", "trash": "Corbeille", "drafts": "Brouillons", "junk": "Indésirables"},
    "es": {"sent": "Enviados", "trash": "Papelera", "drafts": "Borradores", "junk": "Correo no deseado"},
    "fi": {"sent": "Lähetetyt", "trash": "Roskakori", "drafts": "Luonnokset", "junk": "Roskaposti"},
}
JUNK_RETENTION_MS = 30 * 24 * 3600 * 1000
"""Trash and Junk keep messages for 30 days at most, as on the real server."""


def special_use_names(language: str | None, overrides: dict[str, str]) -> dict[str, str]:
    """Key (sent, trash...) -> path: the user's language (its first subtag), English when the
    mock has no translation, then what the request named itself."""
    base = LOCALIZED_NAMES.get((language or "en").split("-")[0].split("_")[0].lower(), LOCALIZED_NAMES["en"])
    return {key: normalize_path(overrides.get(key) or base[key]) for key in base}


def check_distinct_names(language: str | None, overrides: dict[str, str]) -> None:
    """A new account's special mailboxes need distinct paths, none of them INBOX. The real
    server refuses names the request repeats (400 "Duplicate mailbox name: X") before it
    looks at anything else; it then ignores the names altogether (a defect), so a name that
    only repeats a default never collides there. The mock keeps the names, so it refuses that
    case too, rather than make two mailboxes with one path."""
    seen = {INBOX}
    for path in special_use_names(language, overrides).values():
        if path in seen:
            fail(400, f"Duplicate mailbox name: {path}", INPUT_VALIDATION)
        seen.add(path)


def create_defaults(ctx: Context, user: User, overrides: dict[str, str]) -> list[Mailbox]:
    names = special_use_names(user.language, overrides)
    created = [_new_mailbox(ctx, user, INBOX, None, user.retention)]
    for special_use, key in SPECIAL_USE_KEYS.items():
        retention = user.retention
        if key in ("trash", "junk"):
            retention = min(retention, JUNK_RETENTION_MS) if retention else JUNK_RETENTION_MS
        created.append(_new_mailbox(ctx, user, names[key], special_use, retention))
    return created


def normalize_path(path: str) -> str:
    """NFC, trimmed levels, and ``INBOX`` in upper case (also as a parent: ``inbox/x``)."""
    levels = [unicodedata.normalize("NFC", level).strip() for level in path.strip().split("/")]
    if levels and levels[0].upper() == INBOX:
        levels[0] = INBOX
    return "/".join(levels)


def check_path(path: str, field: str = "path") -> str:
    normalized = normalize_path(path)
    if not normalized or any(not level for level in normalized.split("/")):
        invalid_input(field, f'"{field}" must not have empty levels (leading, trailing or double "/")')
    return normalized


def get(ctx: Context, user_id: str, mailbox_id: str) -> Mailbox:
    mailbox = ctx.state.mail.mailboxes.get(mailbox_id.lower())
    if mailbox is None or mailbox.user != user_id:
        fail(404, "This mailbox does not exist", "NoSuchMailbox")
    return mailbox


def by_path(ctx: Context, user_id: str, path: str) -> Mailbox | None:
    return next((m for m in ctx.state.mail.mailboxes_of(user_id) if m.path == path), None)


def by_special_use(ctx: Context, user_id: str, special_use: str | None) -> Mailbox | None:
    """The user's INBOX (``None``) or the mailbox with that special use."""
    if special_use is None:
        return by_path(ctx, user_id, INBOX)
    return next((m for m in ctx.state.mail.mailboxes_of(user_id) if m.special_use == special_use), None)


def listing(ctx: Context, user_id: str, *, special_use_only: bool = False, show_hidden: bool = False) -> list[Mailbox]:
    """INBOX first, then its children, then subscribed before unsubscribed, then by path."""
    mailboxes = [
        m for m in ctx.state.mail.mailboxes_of(user_id)
        if (show_hidden or not m.hidden) and (not special_use_only or m.special_use or m.path == INBOX)
    ]
    return sorted(mailboxes, key=lambda m: (m.path != INBOX, not m.path.startswith(INBOX + "/"), not m.subscribed, m.path))


def create(ctx: Context, user: User, body: dict[str, Any]) -> Mailbox:
    path = check_path(body["path"])
    if by_path(ctx, user.id, path):
        fail(409, "Mailbox creation failed with code ALREADYEXISTS", "MailboxExistsError")
    levels = path.split("/")
    missing = [p for p in ("/".join(levels[:n]) for n in range(1, len(levels) + 1)) if not by_path(ctx, user.id, p)]
    if len(ctx.state.mail.mailboxes_of(user.id)) + len(missing) > ctx.config.max_mailboxes_per_user:
        fail(403, f"A user may have at most {ctx.config.max_mailboxes_per_user} mailboxes", "MailboxLimitReached")
    retention = body.get("retention") or user.retention
    created = None
    for missing_path in missing:
        created = _new_mailbox(ctx, user, missing_path, None, retention if missing_path == path else user.retention)
        created.hidden = bool(body.get("hidden")) if missing_path == path else False
    assert created is not None
    return created


def update(ctx: Context, user_id: str, mailbox_id: str, body: dict[str, Any]) -> None:
    mailbox = get(ctx, user_id, mailbox_id)
    if not any(field in body for field in ("path", "retention", "subscribed", "hidden")):
        fail(400, "Nothing was changed", "InputValidationError")  # the real server sends no code here
    if "path" in body and check_path(body["path"]) != mailbox.path:
        _rename(ctx, mailbox, check_path(body["path"]))
    for field, attribute in (("retention", "retention"), ("subscribed", "subscribed"), ("hidden", "hidden")):
        if field in body:
            setattr(mailbox, attribute, body[field])
    mailbox.modify_index += 1


def _rename(ctx: Context, mailbox: Mailbox, new_path: str) -> None:
    if mailbox.path == INBOX:
        fail(409, "Mailbox update failed with code CANNOT", "CANNOT")
    if new_path == mailbox.path or new_path.startswith(mailbox.path + "/"):
        invalid_input("path", '"path" can not move a mailbox into itself')
    if by_path(ctx, mailbox.user, new_path):
        fail(409, "Mailbox update failed with code ALREADYEXISTS", "MailboxExistsError")
    old_path = mailbox.path
    children = [m for m in ctx.state.mail.mailboxes_of(mailbox.user) if m.path.startswith(old_path + "/")]
    for moved in [mailbox, *children]:
        moved.path = new_path + moved.path[len(old_path):]
        journal.record(ctx, moved.user, "RENAME", mailbox=moved.id, path=moved.path)


def delete(ctx: Context, user_id: str, mailbox_id: str) -> None:
    mailbox = get(ctx, user_id, mailbox_id)
    user = ctx.state.users[mailbox.user]
    if mailbox.special_use or mailbox.path == INBOX:
        fail(409, "Mailbox deletion failed with code CANNOT", "CANNOT")
    store = ctx.state.mail
    messages = store.messages.pop(mailbox.id, {})
    user.storage_used -= sum(message.size for message in messages.values())
    store.index.ensure(store.messages, store.archived).drop_mailbox(mailbox.id)
    del store.mailboxes[mailbox.id]
    journal.record(ctx, user.id, "DROP", mailbox=mailbox.id, path=mailbox.path)


def view(ctx: Context, mailbox: Mailbox, *, counters: bool, sizes: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": mailbox.id,
        "name": mailbox.name,
        "path": mailbox.path,
        "specialUse": mailbox.special_use,
        "modifyIndex": mailbox.modify_index,
        "subscribed": mailbox.subscribed,
        "hidden": mailbox.hidden,
    }
    if mailbox.retention:
        result["retention"] = mailbox.retention
    index = ctx.state.mail.index.ensure(ctx.state.mail.messages, ctx.state.mail.archived)
    if sizes:
        result["size"] = index.size.get(mailbox.id, 0)
    if counters:
        result["total"] = index.total(mailbox.id)
        result["unseen"] = index.unseen.get(mailbox.id, 0)
    return result


def _new_mailbox(ctx: Context, user: User, path: str, special_use: str | None, retention: int) -> Mailbox:
    mailbox = Mailbox(
        id=ctx.object_id(),
        user=user.id,
        path=path,
        special_use=special_use,
        uid_validity=int(ctx.now.timestamp()),
        created=ctx.now,
        retention=retention,
    )
    ctx.state.mail.mailboxes[mailbox.id] = mailbox
    journal.record(ctx, user.id, "CREATE", mailbox=mailbox.id, path=mailbox.path)
    return mailbox
