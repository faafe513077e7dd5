"""What the real server's garbage collector does in the background, done on demand: before
a mail operation reads or changes anything, expired messages go and the archive is purged.
Both look only at what is due (see index.py), so this costs nothing when nothing is."""

from __future__ import annotations

from ..context import Context
from . import archive, messages


def current() -> Context:
    """The namespace's context, with due expiries and purges applied."""
    ctx = Context.current()
    messages.expire_due(ctx)
    archive.purge_due(ctx)
    return ctx
