"""What the real server's background workers do, done on demand: before a mail operation
reads or changes anything, expired messages go, the archive is purged and scheduled
submissions whose send time has passed leave (see ``..outbound``). Each looks only at what
is due (see index.py and the time-ordered outbound queue), so this costs nothing when
nothing is."""

from __future__ import annotations

from ....world import current_world
from .. import outbound
from ..context import Context
from . import archive, messages


def current() -> Context:
    """The namespace's context, with due expiries, purges and scheduled sends applied."""
    world = current_world()
    ctx = Context.of(world)
    messages.expire_due(ctx)
    archive.purge_due(ctx)
    outbound.release_due(ctx, world)
    return ctx
