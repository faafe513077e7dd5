"""User access tokens: what ``POST /authenticate`` with ``token: true`` hands out.

As on the real server (``setAuthToken`` in ``lib/user-handler.js``, the check in ``api.js``):
- a token is 40 lower-case hex characters (20 random bytes), kept under its SHA-256;
- it lives ``token_ttl`` seconds without use (14 days), each use starts that again, and at
  most ``token_lifetime`` seconds from its creation (180 days), on the namespace clock;
- it dies when its user is deleted, or when the user's ``auth_version`` moves past the
  token's: a password change, a suspension, turning 2FA on. A password change or 2FA made
  with the token itself refreshes that token instead (new version, lifetime from now);
- ``DELETE /authenticate`` drops the token it was called with.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from ..context import Context
from ..state import User, UserToken
from .caller import current_caller

_SHAPE = re.compile(r"[0-9a-fA-F]{40}")


def issue(ctx: Context, user: User) -> str:
    """A new token for ``user``; dead tokens of the namespace are dropped on the way, as
    Redis would have expired them."""
    for key in [key for key, record in ctx.state.tokens.items() if not _alive(ctx, record)]:
        del ctx.state.tokens[key]
    token = ctx.random.hex(40)
    _store(ctx, user, token)
    return token


def redeem(ctx: Context, token: str) -> str | None:
    """The user id a live token stands for, renewing its idle time; None for anything else
    (the caller answers 403 ``InvalidToken``)."""
    if not _SHAPE.fullmatch(token):
        return None
    key = _key(token)
    record = ctx.state.tokens.get(key)
    if record is None:
        return None
    if not _alive(ctx, record):
        del ctx.state.tokens[key]
        return None
    record.expires = ctx.now + timedelta(seconds=ctx.config.token_ttl)
    return record.user


def revoke(ctx: Context, token: str) -> None:
    ctx.state.tokens.pop(_key(token), None)


def credentials_changed(ctx: Context, user: User, *, keep_callers_token: bool) -> None:
    """Refuse the user's tokens made before now. With ``keep_callers_token`` (a password
    change or 2FA set up through a user token), the token in use is refreshed instead."""
    user.auth_version += 1
    caller = current_caller()
    if keep_callers_token and caller.token is not None and caller.user == user.id:
        _store(ctx, user, caller.token)


def _store(ctx: Context, user: User, token: str) -> None:
    expires = ctx.now + timedelta(seconds=ctx.config.token_ttl)
    ctx.state.tokens[_key(token)] = UserToken(user.id, ctx.now, expires, user.auth_version)


def _alive(ctx: Context, record: UserToken) -> bool:
    user = ctx.state.users.get(record.user)
    return (
        user is not None
        and record.auth_version >= user.auth_version
        and ctx.now < record.expires
        and ctx.now < record.created + timedelta(seconds=ctx.config.token_lifetime)
    )


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
