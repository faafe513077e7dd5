"""Single-use tokens: issued by one action, consumed by exactly one later call, or expired.

Issuing a token for the same purpose again (same kind, user and subject) voids the previous
one, so at most one token per purpose is ever live, which also bounds how many are kept.
"""

from __future__ import annotations

from datetime import timedelta

from ...errors import ApiError
from ...world import World
from .names import API_NAME
from .state import OverkizState, SingleUseToken

ACCOUNT_VALIDATION = "ACCOUNT_VALIDATION"
EMAIL_VALIDATION = "EMAIL_VALIDATION"
TERMS_OF_USE = "TERMS_OF_USE"
PASSWORD_RESET = "PASSWORD_RESET"

INVALID_TOKEN = "Invalid token"


def issue(world: World, state: OverkizState, kind: str, user_id: str, subject: str, ttl: int) -> SingleUseToken:
    now = world.now()
    for value in [value for value, token in state.tokens.items() if token.expires <= now or _same_purpose(token, kind, user_id, subject)]:
        del state.tokens[value]
    token = SingleUseToken(world.random(API_NAME).uuid4(), kind, user_id, subject, now + timedelta(seconds=ttl))
    state.tokens[token.value] = token
    return token


def find(world: World, state: OverkizState, value: str, kind: str, *, user_id: str | None = None, subject: str | None = None) -> SingleUseToken | None:
    """The live token ``value`` of that kind (and user, and subject), left unused."""
    token = state.tokens.get(value)
    if (
        token is None
        or token.kind != kind
        or token.expires <= world.now()
        or (user_id is not None and token.user_id.lower() != user_id.lower())
        or (subject is not None and token.subject != subject)
    ):
        return None
    return token


def consume(world: World, state: OverkizState, value: str, kind: str, *, user_id: str | None = None, subject: str | None = None) -> SingleUseToken:
    """Like :func:`find`, but the token is used up; an unknown, used or expired one is a 404."""
    token = find(world, state, value, kind, user_id=user_id, subject=subject)
    if token is None:
        raise ApiError(404, INVALID_TOKEN, code="UNSPECIFIED_ERROR")
    del state.tokens[value]
    return token


def live_tokens(world: World, state: OverkizState, user_id: str) -> list[SingleUseToken]:
    now = world.now()
    return [token for token in state.tokens.values() if token.user_id.lower() == user_id.lower() and token.expires > now]


def _same_purpose(token: SingleUseToken, kind: str, user_id: str, subject: str) -> bool:
    return token.kind == kind and token.user_id.lower() == user_id.lower() and token.subject == subject
