"""``GET .../mailboxes/{mailbox}/messages``: one page of a mailbox, newest first by default.

Reads only the index and the page's own records: no scan of the mailbox, whatever its size.
"""

from __future__ import annotations

from typing import Any

from ..context import Context
from . import mailboxes, messages
from .paging import page_of
from .views import listing_item


def mailbox_page(
    ctx: Context,
    user_id: str,
    mailbox_id: str,
    *,
    limit: int = 20,
    order: str = "desc",
    page: int = 1,
    next_cursor: str | None = None,
    previous_cursor: str | None = None,
) -> dict[str, Any]:
    mailbox = mailboxes.get(ctx, user_id, mailbox_id)
    store = messages.mail(ctx)
    keys = page_of(store.index.ordered(mailbox.id), limit=limit, descending=order != "asc", page=page,
                   next_cursor=next_cursor, previous_cursor=previous_cursor)
    box = store.messages_in(mailbox.id)
    return {
        "success": True,
        "total": keys.total,
        "page": keys.page,
        "previousCursor": keys.previous_cursor,
        "nextCursor": keys.next_cursor,
        "specialUse": mailbox.special_use,
        "results": [listing_item(box[uid]) for _at, uid in keys.keys],
    }
