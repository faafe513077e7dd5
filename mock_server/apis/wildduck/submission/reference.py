"""The message a reply or forward refers to (``reference: {mailbox, id, action}``), read as
the real ``getReferencedMessage`` reads it: who to answer, the subject, the threading
headers, and (for a draft that asks) its attachments; and the flags it gets once answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..addresses.addressing import addrview
from ..context import Context
from ..mailstore import journal, messages
from ..mailstore.mime import attachment_content, parse
from ..mailstore.records import MailAddress, StoredMessage
from ..state import User
from .composer import Address, Attachment

MAX_REFERENCES = 50
_PREFIXED = re.compile(r"^\w+: ")
REPLIES = ("reply", "replyAll")


@dataclass
class Referenced:
    message: StoredMessage
    action: str
    subject: str
    in_reply_to: str
    references: str
    reply_to: list[Address] = field(default_factory=list)
    reply_cc: list[Address] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    def headers(self) -> list[tuple[str, str]]:
        """``In-Reply-To`` (replies) and ``References``, put before the message's own headers."""
        found = [("In-Reply-To", self.in_reply_to)] if self.action in REPLIES and self.in_reply_to else []
        return found + ([("References", self.references)] if self.references else [])


def find(ctx: Context, user: User, reference: dict[str, Any] | None) -> Referenced | None:
    """None when there is no reference or it names no message of the user's."""
    if not reference:
        return None
    mailbox = messages.mail(ctx).mailboxes.get(str(reference["mailbox"]).lower())
    message = messages.mail(ctx).messages_in(mailbox.id).get(int(reference["id"])) if mailbox else None
    if message is None or message.user != user.id:
        return None
    action = reference["action"]
    parsed = parse(message.raw)
    subject = parsed.subject
    if not _PREFIXED.match(subject):
        subject = f"{'Fwd' if action == 'forward' else 'Re'}: {subject}".strip()
    references = [mid for mid in parsed.headers.get("references", "").split() if mid]
    if parsed.msgid and parsed.msgid not in references:
        references.insert(0, parsed.msgid)
    found = Referenced(message, action, subject, parsed.msgid, " ".join(references[:MAX_REFERENCES]))
    own = {a.addrview for a in ctx.state.addresses_of(user.id)} | ({addrview(user.address)} if user.address else set())
    seen: set[str] = set()
    sender = parsed.reply_to or ([parsed.sender] if parsed.sender else [])
    _add_new(found.reply_to, sender, own, seen)
    if action == "replyAll":
        _add_new(found.reply_to, parsed.to, own, seen)
        _add_new(found.reply_cc, parsed.cc, own, seen)
    found.attachments = _attachments(message, reference.get("attachments"))
    return found


def _add_new(target: list[Address], addresses: list[MailAddress], own: set[str], seen: set[str]) -> None:
    """The user's own addresses and ones already listed are left out."""
    for address in addresses:
        view = addrview(address.address)
        if view not in own and view not in seen:
            seen.add(view)
            target.append((address.name, address.address))


def _attachments(message: StoredMessage, wanted: Any) -> list[Attachment]:
    """``true``: all of them; a list of ``ATTnnnnn`` ids: those; embedded images never."""
    if not wanted:
        return []
    listed = {str(a).upper() for a in wanted} if isinstance(wanted, list) else None
    found = []
    for info in message.attachments:
        if info.related or (listed is not None and info.id not in listed):
            continue
        content = attachment_content(message.raw, info.id)
        if content is not None:
            found.append(Attachment(content[1], filename=info.filename, content_type=info.content_type))
    return found


def mark_answered(ctx: Context, user: User, reference: dict[str, Any] | None) -> None:
    """A reply sets ``\\Answered`` on the original, a forward ``\\Answered`` and ``$Forwarded``
    (the update stream gets the FETCH)."""
    if not reference or reference.get("action") not in (*REPLIES, "forward"):
        return
    mailbox = messages.mail(ctx).mailboxes.get(str(reference["mailbox"]).lower())
    original = messages.mail(ctx).messages_in(mailbox.id).get(int(reference["id"])) if mailbox else None
    if original is None or original.user != user.id:
        return
    flags = {"answered": True} if reference["action"] in REPLIES else {"answered": True, "forwarded": True}
    messages.set_flags(ctx, original, flags)
    journal.counters(ctx, user.id, {original.mailbox})
