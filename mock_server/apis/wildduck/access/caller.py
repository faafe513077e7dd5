"""Who is calling: the administrator (role ``root``) or a user holding a user token.

The real server keeps this on the request (``req.role``, ``req.user``, ``req.accessToken``);
here it lives in a context variable that :func:`~.access.endpoint` sets for the length of
one operation, so domain code that must know (a password change keeps the caller's own
token alive) can ask without every handler passing it down.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass


@dataclass(frozen=True)
class Caller:
    role: str
    """``root`` (the master token, or no token when none is configured) or ``user``."""
    user: str | None = None
    """The token's user id; None for root."""
    token: str | None = None
    """The user token as presented; None for root."""

    @property
    def is_root(self) -> bool:
        return self.role == "root"

    def may_touch(self, user_id: str) -> bool:
        """Root touches every user; a user token only its own user (``:own`` in the roles)."""
        return self.is_root or user_id.lower() == self.user


ROOT = Caller("root")

_current: ContextVar[Caller] = ContextVar("wildduck_caller", default=ROOT)


def current_caller() -> Caller:
    """Root outside an operation (seeding, mail delivered by another API)."""
    return _current.get()


class acting_as:  # noqa: N801 (used as ``with acting_as(caller):``, like the function it was)
    """The caller for the length of a ``with`` block. A class rather than a
    ``@contextmanager`` generator: it runs around every WildDuck operation, and a generator
    context manager costs several times as much to enter and leave."""

    __slots__ = ("_caller", "_reset")
    _reset: Token[Caller]

    def __init__(self, caller: Caller) -> None:
        self._caller = caller

    def __enter__(self) -> None:
        self._reset = _current.set(self._caller)

    def __exit__(self, *_exc: object) -> None:
        _current.reset(self._reset)
