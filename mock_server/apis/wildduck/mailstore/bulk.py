"""Changes in bulk: move, flag or delete every message a search finds
(``POST /users/{user}/search``), and empty a mailbox (``DELETE .../messages``). (The bulk
``PUT .../messages`` is :func:`~.messages.update` with the UID set in the body.)

The real server queues a task and applies it later; here it is applied before the answer,
which is what a client polling afterwards would see. Each message goes through the same
functions as the single-message operations, so UIDs, quota, the archive and the journal
follow as they do there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..context import Context
from ..state import User
from . import archive, journal, mailboxes, messages, search


@dataclass(frozen=True)
class Action:
    move_to: str | None = None
    seen: bool | None = None
    flagged: bool | None = None
    delete: bool = False

    @classmethod
    def of(cls, given: dict[str, Any]) -> "Action":
        """The request's ``action`` (the schema already refuses ``delete`` with another key)."""
        return cls(given.get("moveTo"), given.get("seen"), given.get("flagged"), bool(given.get("delete")))

    def flags(self) -> dict[str, bool]:
        return {name: value for name, value in (("seen", self.seen), ("flagged", self.flagged)) if value is not None}


def apply(ctx: Context, user: User, criteria: search.Criteria, action: Action) -> None:
    """Apply ``action`` to the matches, oldest first (so moved messages keep their order in
    the target). An unknown target mailbox is 404 before anything changes."""
    target = mailboxes.get(ctx, user.id, action.move_to) if action.move_to else None
    found = sorted(search.find(ctx, user.id, criteria), key=lambda m: m.id)
    if action.delete:
        for message in found:
            archive.delete_message(ctx, user, message)
        return
    changes = action.flags()
    if target is None and not changes:
        return
    touched: set[str] = set()
    for message in found:
        touched.add(message.mailbox)
        messages.set_flags(ctx, message, changes)
        if target is not None and message.mailbox != target.id:
            messages.move(ctx, user, message, target)
            touched.add(target.id)
    journal.counters(ctx, user.id, touched)


def empty(ctx: Context, user_id: str, mailbox_id: str, *, skip_archive: bool) -> int:
    """Delete every message of the mailbox, newest UID first as the real server walks them;
    drafts go for good, the others to the archive unless ``skip_archive``. An unknown
    mailbox, or another user's, has nothing to delete (the real answer is ``deleted: 0``)."""
    mailbox = messages.mail(ctx).mailboxes.get(mailbox_id.lower())
    user = ctx.state.users.get(user_id.lower())
    if mailbox is None or user is None or mailbox.user != user.id:
        return 0
    box = messages.mail(ctx).messages_in(mailbox.id)
    doomed = [box[uid] for uid in reversed(box)]
    for message in doomed:
        archive.delete_message(ctx, user, message, keep=not skip_archive)
    return len(doomed)
