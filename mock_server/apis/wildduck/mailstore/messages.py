"""Messages in mailboxes: store, find, change flags, move, remove.

Every change goes through here, so the records, the ordered index, the owner's storage
counter and the journal never disagree. UIDs come from the mailbox's ``uid_next`` and only
grow: a moved or restored message gets a new UID in its new mailbox, as in IMAP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Iterable

from ..addresses import register
from ..context import Context
from ..dates import iso_ms
from ..errors import fail, invalid_input
from ..state import User
from ..webhooks import events
from . import journal
from .mailboxes import get as get_mailbox
from .mime import ParsedMessage
from .records import Mailbox, StoredMessage
from .store import MailStore

MAX_THREADS = 100_000
JUNK, TRASH = "\\Junk", "\\Trash"
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|vs|sv|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


@dataclass
class Arrival:
    """How a message arrives: flags to set and the envelope, for the STORE event."""

    seen: bool = False
    flagged: bool = False
    draft: bool = False
    envelope_from: str = ""
    envelope_to: list[str] = field(default_factory=list)
    source: str = "API"
    message_id: str | None = None
    """Keep this id (a restore or a move); a new ObjectId otherwise."""
    idate: datetime | None = None


def mail(ctx: Context) -> MailStore:
    """The store, with its index ready (rebuilt once after an import)."""
    store: MailStore = ctx.state.mail
    store.indexed()
    return store


def store(ctx: Context, user: User, mailbox: Mailbox, raw: str, parsed: ParsedMessage, arrival: Arrival) -> StoredMessage:
    box = mail(ctx).messages_in(mailbox.id)
    if len(box) >= ctx.config.max_messages_per_mailbox:
        fail(403, f"A mailbox holds at most {ctx.config.max_messages_per_mailbox} messages", "MailboxFull")
    idate = arrival.idate or ctx.now
    message = StoredMessage(
        id=arrival.message_id or ctx.object_id(),
        user=user.id,
        mailbox=mailbox.id,
        uid=mailbox.uid_next,
        thread=_thread(ctx, user.id, parsed.subject),
        idate=idate,
        hdate=parsed.hdate,
        size=len(raw.encode("utf-8", "surrogateescape")),
        msgid=parsed.msgid,
        subject=parsed.subject,
        sender=parsed.sender,
        to=parsed.to,
        cc=parsed.cc,
        bcc=parsed.bcc,
        intro=parsed.intro,
        text=parsed.text,
        attachments=parsed.attachments,
        content_type=parsed.content_type,
        content_type_params=parsed.content_type_params,
        references=parsed.references,
        raw=raw,
        seen=arrival.seen,
        flagged=arrival.flagged,
        draft=arrival.draft,
        expires=_retention_expiry(mailbox, idate),
        envelope_from=arrival.envelope_from,
        envelope_to=list(arrival.envelope_to),
        junk=mailbox.special_use == JUNK,
    )
    message.events.append({"action": "STORE", "source": arrival.source, "from": arrival.envelope_from,
                           "to": list(arrival.envelope_to), "time": iso_ms(idate)})
    _insert(ctx, user, mailbox, message)
    _register_people(ctx, user, mailbox, parsed, arrival)
    return message


def _register_people(ctx: Context, user: User, mailbox: Mailbox, parsed: ParsedMessage, arrival: "Arrival") -> None:
    """Storing a message feeds the user's address register, as on the real server."""
    people = {"from": [(parsed.sender.name, parsed.sender.address)] if parsed.sender else []}
    people.update({key: [(a.name, a.address) for a in getattr(parsed, key)] for key in ("to", "cc", "bcc")})
    register.record_stored_message(ctx, user.id, sent=mailbox.special_use == "\\Sent", junk=mailbox.special_use == "\\Junk",
                                   draft=arrival.draft, headers=parsed.headers, people=people)


def _insert(ctx: Context, user: User, mailbox: Mailbox, message: StoredMessage) -> None:
    store_ = mail(ctx)
    message.mailbox, message.uid = mailbox.id, mailbox.uid_next
    mailbox.uid_next += 1
    mailbox.modify_index += 1
    store_.messages_in(mailbox.id)[message.uid] = message
    store_.index.add(message)
    user.storage_used += message.size
    journal.message_added(ctx, message)


def _remove(ctx: Context, user: User, message: StoredMessage) -> None:
    store_ = mail(ctx)
    del store_.messages_in(message.mailbox)[message.uid]
    store_.index.remove(message)
    user.storage_used -= message.size
    mailbox = store_.mailboxes.get(message.mailbox)
    if mailbox is not None:
        mailbox.modify_index += 1
    journal.message_removed(ctx, message)


def get(ctx: Context, user_id: str, mailbox_id: str, uid: int) -> StoredMessage:
    mailbox = get_mailbox(ctx, user_id, mailbox_id)
    message = mail(ctx).messages_in(mailbox.id).get(uid)
    if message is None:
        fail(404, "This message does not exist", "MessageNotFound")
    return message


def lookup(ctx: Context, user_id: str, mailbox_id: str, uid: int) -> StoredMessage:
    """A message read the way the real server reads one, by (user, mailbox, uid) at once: an
    unknown user or mailbox is 404 ``MessageNotFound`` too, not ``UserNotFound`` or
    ``NoSuchMailbox``."""
    mailbox = mail(ctx).mailboxes.get(mailbox_id.lower())
    message = mail(ctx).messages_in(mailbox.id).get(uid) if mailbox and mailbox.user == user_id.lower() else None
    if message is None:
        fail(404, "This message does not exist", "MessageNotFound")
    return message


def matching(ctx: Context, mailbox: Mailbox, uids: "UidSet") -> list[StoredMessage]:
    box = mail(ctx).messages_in(mailbox.id)
    return [box[uid] for uid in uids.members(box)]


def update(ctx: Context, user: User, mailbox_id: str, uids: "UidSet", changes: dict[str, Any]) -> dict[str, Any]:
    """Set flags and expiry on the matched messages, then move them when ``moveTo`` is given.
    Answers what the real server does: ``updated`` count, or ``[[old uid, new uid], ...]``."""
    mailbox = get_mailbox(ctx, user.id, mailbox_id)
    target = get_mailbox(ctx, user.id, changes["moveTo"]) if changes.get("moveTo") else None
    found = matching(ctx, mailbox, uids)
    if not found:
        fail(404, "No message matched query", "MessageNotFound")
    for message in found:
        set_flags(ctx, message, changes)
    touched = {mailbox.id}
    if target is None:
        journal.counters(ctx, user.id, touched)
        return {"updated": len(found)}
    pairs = [[message.uid, move(ctx, user, message, target).uid] for message in found]
    journal.counters(ctx, user.id, touched | {target.id})
    return {"mailbox": target.id, "id": pairs}


def set_flags(ctx: Context, message: StoredMessage, changes: dict[str, Any]) -> None:
    index = mail(ctx).index
    before = (message.flags, message.expires)
    index.before_change(message)
    for flag in ("seen", "flagged", "draft", "deleted", "answered", "forwarded"):
        if flag in changes:
            setattr(message, flag, bool(changes[flag]))
    if "expires" in changes:
        message.expires = changes["expires"] or None
    if "metaData" in changes:
        message.meta_data = dict(changes["metaData"])
    index.after_change(message)
    if (message.flags, message.expires) != before:
        mailbox = mail(ctx).mailboxes[message.mailbox]
        mailbox.modify_index += 1
        journal.message_changed(ctx, message)


def move(ctx: Context, user: User, message: StoredMessage, target: Mailbox) -> StoredMessage:
    """Under a new UID in ``target``; into Junk marks it as spam, out of Junk (but not to
    Trash) as ham, as the real move does, and webhooks hear of it."""
    _remove(ctx, user, message)
    message.expires = _retention_expiry(target, ctx.now)
    marked = None
    if target.special_use == JUNK and not message.junk:
        message.junk, marked = True, events.MARKED_SPAM
    elif target.special_use != TRASH and message.junk:
        message.junk, marked = False, events.MARKED_HAM
    _insert(ctx, user, target, message)
    if marked:
        events.publish(ctx, marked, _marked_payload(message))
    return message


def _marked_payload(message: StoredMessage) -> dict[str, Any]:
    """What the real webhooks worker sends for ``marked.spam`` / ``marked.ham``: ``message``
    is the new UID, then the addresses present, Message-ID, subject and arrival time."""
    payload: dict[str, Any] = {"user": message.user, "mailbox": message.mailbox, "message": message.uid}
    if message.sender is not None:
        payload["from"] = {"name": message.sender.name, "address": message.sender.address}
    for key in ("to", "cc", "bcc"):
        listed = getattr(message, key)
        if listed:
            payload[key] = [{"name": a.name, "address": a.address} for a in listed]
    return {**payload, "messageId": message.msgid, "subject": message.subject, "date": iso_ms(message.idate)}


def take_out(ctx: Context, user: User, message: StoredMessage) -> StoredMessage:
    """Remove a message from its mailbox (for the archive, or for good)."""
    _remove(ctx, user, message)
    journal.counters(ctx, user.id, {message.mailbox})
    return message


def put_back(ctx: Context, user: User, message: StoredMessage, target: Mailbox) -> StoredMessage:
    """Store an existing message (a restored one) in ``target`` under a new UID."""
    message.expires = _retention_expiry(target, ctx.now)
    _insert(ctx, user, target, message)
    journal.counters(ctx, user.id, {target.id})
    return message


def expire_due(ctx: Context) -> None:
    """Delete messages past their expiry (retention or an explicit ``expires``), as the real
    server's garbage collector does; only what is due is looked at."""
    store_ = mail(ctx)
    due, _archived = store_.index.due(ctx.now)
    for mailbox_id, uid in due:
        message = store_.messages_in(mailbox_id).get(uid)
        user = ctx.state.users.get(message.user) if message else None
        if message is not None and user is not None:
            take_out(ctx, user, message)


def in_user_mailboxes(ctx: Context, user_id: str, mailbox_ids: Iterable[str] | None = None) -> Iterable[StoredMessage]:
    store_ = mail(ctx)
    ids = mailbox_ids if mailbox_ids is not None else [m.id for m in store_.mailboxes_of(user_id)]
    for mailbox_id in ids:
        yield from store_.messages_in(mailbox_id).values()


class UidSet:
    """``444``, ``444,445,446``, ``444:446`` or ``444:*`` (from 444 on), as the real server's
    ``uidRangeStringToQuery`` reads them."""

    PATTERN = re.compile(r"^\d+(,\d+)*$|^\d+:(\d+|\*)$")

    def __init__(self, spec: str) -> None:
        if not self.PATTERN.match(spec):
            invalid_input("message", '"message" must be a UID, a comma-separated list of UIDs or a range like 444:446')
        self.spec = spec
        if ":" in spec:
            first, last = spec.split(":")
            bounds = sorted(int(part) for part in (first, last) if part != "*")
            self.range: tuple[int, int | None] | None = (bounds[0], bounds[1] if last != "*" else None)
            self.listed: list[int] = []
        else:
            self.range = None
            self.listed = sorted({int(part) for part in spec.split(",")})

    def members(self, box: dict[int, StoredMessage]) -> list[int]:
        """UIDs present in ``box``; a range walks whichever is shorter, the range or the box.
        ``*`` is the box's highest UID (the last key: UIDs are only ever appended)."""
        if self.range is None:
            return [uid for uid in self.listed if uid in box]
        if not box:
            return []
        low, high = self.range
        high = next(reversed(box)) if high is None else high
        if high - low + 1 <= len(box):
            return [uid for uid in range(low, high + 1) if uid in box]
        return sorted(uid for uid in box if low <= uid <= high)


def _thread(ctx: Context, user_id: str, subject: str) -> str:
    """Messages whose subjects match once ``Re:``/``Fwd:`` are stripped share a thread."""
    key = f"{user_id} {_SUBJECT_PREFIX.sub('', subject).strip().lower()}"
    threads = mail(ctx).threads
    if key not in threads:
        threads[key] = ctx.object_id()
        if len(threads) > MAX_THREADS:  # bounded: a forgotten subject just starts a new thread
            del threads[next(iter(threads))]
    return threads[key]


def _retention_expiry(mailbox: Mailbox, since: datetime) -> datetime | None:
    return since + timedelta(milliseconds=mailbox.retention) if mailbox.retention else None
