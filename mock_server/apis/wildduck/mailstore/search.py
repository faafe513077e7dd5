"""Account-wide search and the flagged list.

Both look at every mailbox except Trash and Junk (unless a mailbox is named), newest first;
the bulk update (``POST /users/{user}/search``) looks at Trash and Junk too, as the real one does.
``query`` reads like MongoDB's text search, which the real server uses: words match any of
subject, addresses and text; a ``"quoted phrase"`` must appear; a ``-word`` must not.
"""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from ..context import Context
from . import mailboxes, messages
from .records import MailAddress, StoredMessage

UNSEARCHABLE = ("\\Trash", "\\Junk")


@dataclass
class Criteria:
    query: str | None = None
    mailbox: str | None = None
    sender: str | None = None
    to: str | None = None
    subject: str | None = None
    attachments: bool | None = None
    flagged: bool | None = None
    unseen: bool | None = None
    thread: str | None = None
    uids: str | None = None
    """``1,2,3``, ``3:15`` or ``3:*`` (3 and up), the real server's ``id``."""
    since: datetime | None = None
    until: datetime | None = None
    min_size: float | None = None
    max_size: float | None = None
    alternatives: list["Criteria"] = field(default_factory=list)
    """At least one must match (the real server's ``or``)."""
    skip_trash_and_junk: bool = True
    """Without a ``mailbox``, leave Trash and Junk out, as the seed's flagged list does; the
    real server's searches (GET and the bulk update) do only when asked (``searchable``)."""
    terms: list[str] = field(default_factory=list, init=False)
    phrases: list[str] = field(default_factory=list, init=False)
    excluded: list[str] = field(default_factory=list, init=False)
    in_uids: Callable[[int], bool] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.uids:
            self.in_uids = _uid_test(self.uids)
        for token in _tokens(self.query or ""):
            if " " in token:
                self.phrases.append(token.lower())
            elif token.startswith("-") and len(token) > 1:
                self.excluded.append(token[1:].lower())
            elif token:
                self.terms.append(token.lower())


def find(ctx: Context, user_id: str, criteria: Criteria) -> list[StoredMessage]:
    """Matching messages, newest first (by ObjectId, as the real search pages)."""
    messages.expire_due(ctx)
    if criteria.mailbox:
        scope: list[str] | None = [mailboxes.get(ctx, user_id, criteria.mailbox).id]
    elif criteria.skip_trash_and_junk:
        scope = [m.id for m in messages.mail(ctx).mailboxes_of(user_id) if m.special_use not in UNSEARCHABLE]
    else:
        scope = None
    found = [m for m in messages.in_user_mailboxes(ctx, user_id, scope) if _matches(m, criteria)]
    return sorted(found, key=lambda m: m.id, reverse=True)


def _matches(message: StoredMessage, c: Criteria) -> bool:
    if not _within(message, c):
        return False
    if c.alternatives and not any(_matches(message, alternative) for alternative in c.alternatives):
        return False
    if c.flagged is not None and message.flagged != c.flagged:
        return False
    if c.unseen is not None and message.seen == c.unseen:
        return False
    if c.attachments is not None and bool(message.attachments) != c.attachments:
        return False
    if c.sender and c.sender.lower() not in _people([message.sender] if message.sender else []):
        return False
    if c.to and c.to.lower() not in _people(message.to + message.cc):
        return False
    if c.subject and c.subject.lower() not in message.subject.lower():
        return False
    if not (c.terms or c.phrases or c.excluded):
        return True
    haystack = " ".join([message.subject, _people([*filter(None, [message.sender]), *message.to, *message.cc]), message.text]).lower()
    if any(word in haystack for word in c.excluded) or not all(phrase in haystack for phrase in c.phrases):
        return False
    return not c.terms or any(term in haystack for term in c.terms)


def _within(message: StoredMessage, c: Criteria) -> bool:
    """Thread, UIDs, arrival time and size; a size of 0 narrows nothing, as on the real server."""
    if c.thread and message.thread != c.thread.lower():
        return False
    if c.in_uids is not None and not c.in_uids(message.uid):
        return False
    if (c.since and message.idate < c.since) or (c.until and message.idate > c.until):
        return False
    return not ((c.min_size and message.size < c.min_size) or (c.max_size and message.size > c.max_size))


def _uid_test(spec: str) -> Callable[[int], bool]:
    if ":" not in spec:
        return {int(part) for part in spec.split(",")}.__contains__
    first, last = spec.split(":")
    low, high = (int(first), math.inf) if last == "*" else sorted((int(first), int(last)))
    return lambda uid: low <= uid <= high


def _people(addresses: list[MailAddress]) -> str:
    return " ".join(f"{a.name} <{a.address}>" for a in addresses).lower()


def _tokens(query: str) -> list[str]:
    try:
        return shlex.split(query)
    except ValueError:  # an unbalanced quote: take the words as they are
        return query.split()

