"""Storage use: the sum of the sizes of a user's stored messages (archived ones excluded).

Every store and removal adjusts ``User.storage_used`` as it happens, as the real server
does; ``quota/reset`` recounts it from the mailboxes' size counters.
"""

from __future__ import annotations

from ..context import Context
from .messages import mail


def storage_of(ctx: Context, user_id: str) -> int:
    store = mail(ctx)
    return sum(store.index.size.get(mailbox.id, 0) for mailbox in store.mailboxes_of(user_id))
