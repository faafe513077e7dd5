"""The start of every account's mail store: the default mailboxes the real server creates.

The mail half of the API (mailboxes, messages, filters...) builds on these records; the
accounts half only creates them with a user and reads message sizes for the quota.
"""

from __future__ import annotations

from .context import Context
from .state import Mailbox, User

# special use -> (request key in ``mailboxes``, default English path)
DEFAULT_MAILBOXES = {
    None: (None, "INBOX"),
    "\\Sent": ("sent", "Sent Mail"),
    "\\Trash": ("trash", "Trash"),
    "\\Drafts": ("drafts", "Drafts"),
    "\\Junk": ("junk", "Junk"),
}
JUNK_RETENTION_MS = 30 * 24 * 3600 * 1000


def create_default_mailboxes(ctx: Context, user: User, names: dict[str, str]) -> None:
    uid_validity = int(ctx.now.timestamp())
    for special_use, (key, default_path) in DEFAULT_MAILBOXES.items():
        retention = user.retention
        if special_use in ("\\Trash", "\\Junk"):
            retention = min(retention, JUNK_RETENTION_MS) if retention else JUNK_RETENTION_MS
        mailbox = Mailbox(
            id=ctx.object_id(),
            user=user.id,
            path=(names.get(key) if key else None) or default_path,
            special_use=special_use,
            uid_validity=uid_validity,
            created=ctx.now,
            retention=retention,
        )
        ctx.state.mailboxes[mailbox.id] = mailbox
