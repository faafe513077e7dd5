"""Mailboxes: the default special-use set, create, rename, delete, and the path rules.

A path is the folder's full name with ``/`` between levels (``Work/2024/Invoices``); any
Unicode is allowed; ``INBOX`` is spelled in upper case whatever the client sends, as IMAP
requires. As on the real server, creating ``a/b/c`` makes only that one mailbox (no
parents), renaming changes only the mailbox renamed (its children keep their paths), and
deleting removes the mailbox's messages for good (the real server does not archive them
either). Mailbox events go to the registered webhooks.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ..context import Context
from ..errors import INPUT_VALIDATION, fail, invalid_input
from ..state import User
from ..webhooks import events
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
MAX_LEVELS = 128
MAX_LEVEL_LENGTH = 512
"""The real server's ``MAX_SUB_MAILBOXES`` and ``MAX_MAILBOX_NAME_LENGTH``."""
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


def normalize_mailbox(path: str) -> str:
    """The real ``normalizeMailbox``: one leading and one trailing ``/`` go, and a first level
    spelled ``inbox`` in any case becomes ``INBOX``. Nothing else changes (no trimming)."""
    path = path.removeprefix("/").removesuffix("/")
    first, sep, rest = path.partition("/")
    return (INBOX if first.upper() == INBOX else first) + sep + rest


def check_path(path: str, field: str = "path") -> str:
    """A client's path as the real server takes it: no trailing ``/`` (its Joi rule), no
    empty level once normalized (one leading ``/`` goes), at most
    ``MAX_LEVELS`` levels of ``MAX_LEVEL_LENGTH`` characters each (400
    ``DisallowedMailboxMethod`` past them, as the real mailbox handler answers)."""
    normalized = normalize_mailbox(path)
    levels = normalized.split("/")
    if path.endswith("/") or not normalized or any(not level for level in levels):
        invalid_input(field, f'"{field}" must not end with "/" or have empty levels ("//")')
    if len(levels) > MAX_LEVELS:
        fail(400, f"The mailbox path cannot be more than {MAX_LEVELS} levels deep", DISALLOWED)
    if any(len(level) > MAX_LEVEL_LENGTH for level in levels):
        fail(400, f"Any part of the mailbox path cannot be longer than {MAX_LEVEL_LENGTH} chars", DISALLOWED)
    return normalized


DISALLOWED = "DisallowedMailboxMethod"


def get(ctx: Context, user_id: str, mailbox_id: str, failure: str = "This mailbox does not exist") -> Mailbox:
    """The user's mailbox, or 404 ``NoSuchMailbox`` with ``failure`` as the text (update and
    delete say "Mailbox update/deletion failed with code NoSuchMailbox" on the real server)."""
    mailbox = ctx.state.mail.mailboxes.get(mailbox_id.lower())
    if mailbox is None or mailbox.user != user_id:
        fail(404, failure, "NoSuchMailbox")
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
    """Only the mailbox asked for; a taken path is 400 ``MailboxExistsError``."""
    path = check_path(body["path"])
    if by_path(ctx, user.id, path):
        fail(400, "Mailbox creation failed with code MailboxAlreadyExists", "MailboxExistsError")
    if len(ctx.state.mail.mailboxes_of(user.id)) >= ctx.config.max_mailboxes_per_user:
        fail(400, "Mailbox creation failed with code ReachedMailboxCountLimit. Max mailboxes count reached.", DISALLOWED)
    created = _new_mailbox(ctx, user, path, None, body.get("retention") or user.retention)
    created.hidden = bool(body.get("hidden"))
    created.encrypt_messages = bool(body.get("encryptMessages"))
    # The real payload has no mailbox id: the real handler reads it from a promise it did not await.
    events.publish(ctx, events.MAILBOX_CREATED, user=user.id, path=path)
    return created


_SETTINGS = (("retention", "retention"), ("subscribed", "subscribed"), ("hidden", "hidden"),
             ("encryptMessages", "encrypt_messages"))
"""Request key -> attribute, for what an update may change besides the path."""


def update(ctx: Context, user_id: str, mailbox_id: str, body: dict[str, Any]) -> None:
    mailbox = get(ctx, user_id, mailbox_id, "Mailbox update failed with code NoSuchMailbox")
    new_path = check_path(body["path"]) if "path" in body else mailbox.path
    if new_path == mailbox.path and not any(key in body for key, _ in _SETTINGS):
        fail(400, "Nothing was changed", "InputValidationError")  # the real server sends no code here
    if new_path != mailbox.path:
        _rename(ctx, mailbox, new_path)
    for key, attribute in _SETTINGS:
        if key in body:
            setattr(mailbox, attribute, body[key])
    mailbox.modify_index += 1


def _rename(ctx: Context, mailbox: Mailbox, new_path: str) -> None:
    """Only this mailbox's path changes, as on the real server (children keep theirs)."""
    if mailbox.path == INBOX:
        fail(400, "Mailbox update failed with code DisallowedMailboxMethod", DISALLOWED)
    if by_path(ctx, mailbox.user, new_path):
        fail(400, "Mailbox rename failed with code MailboxAlreadyExists", "MailboxExistsError")
    previous, mailbox.path = mailbox.path, new_path
    journal.record(ctx, mailbox.user, "RENAME", mailbox=mailbox.id, path=mailbox.path)
    events.publish(ctx, events.MAILBOX_RENAMED, user=mailbox.user, mailbox=mailbox.id, previous=previous,
                   current=new_path)


def delete(ctx: Context, user_id: str, mailbox_id: str) -> None:
    mailbox = get(ctx, user_id, mailbox_id, "Mailbox deletion failed with code NoSuchMailbox")
    user = ctx.state.users[mailbox.user]
    if mailbox.special_use or mailbox.path == INBOX:
        fail(400, "Mailbox deletion failed with code DisallowedMailboxMethod", DISALLOWED)
    store = ctx.state.mail
    messages = store.messages.pop(mailbox.id, {})
    user.storage_used -= sum(message.size for message in messages.values())
    store.indexed().drop_mailbox(mailbox.id)
    store.remove_mailbox(mailbox.id)
    journal.record(ctx, user.id, "DROP", mailbox=mailbox.id, path=mailbox.path)
    events.publish(ctx, events.MAILBOX_DELETED, user=user.id, mailbox=mailbox.id, path=mailbox.path)


def view(ctx: Context, mailbox: Mailbox, *, counters: bool, sizes: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": mailbox.id,
        "name": mailbox.name,
        "path": mailbox.path,
        "specialUse": mailbox.special_use,
        "modifyIndex": mailbox.modify_index,
        "subscribed": mailbox.subscribed,
        "hidden": mailbox.hidden,
        "encryptMessages": mailbox.encrypt_messages,
    }
    if mailbox.retention:
        result["retention"] = mailbox.retention
    index = ctx.state.mail.indexed()
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
    ctx.state.mail.add_mailbox(mailbox)
    journal.record(ctx, user.id, "CREATE", mailbox=mailbox.id, path=mailbox.path)
    return mailbox
