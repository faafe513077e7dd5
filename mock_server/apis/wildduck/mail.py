"""The start of every account's mail store: the default mailboxes, named in the user's language
(see mailstore/mailboxes.py)."""

from __future__ import annotations

from .context import Context
from .mailstore import mailboxes
from .state import User


def create_default_mailboxes(ctx: Context, user: User, names: dict[str, str]) -> None:
    mailboxes.create_defaults(ctx, user, names)


def check_special_mailbox_names(language: str | None, names: dict[str, str]) -> None:
    mailboxes.check_distinct_names(language, names)
