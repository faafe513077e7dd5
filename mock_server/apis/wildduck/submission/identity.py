"""Which From address a user may send as (the real ``validateFromAddress``).

Their main address, any address of theirs, or one their ``fromWhitelist`` allows (exactly,
``*@domain`` as a suffix, ``prefix*`` as a prefix); anything else is quietly replaced by the
main address rather than refused, as the real server does.
"""

from __future__ import annotations

from ..addresses.addressing import addrview
from ..context import Context
from ..state import User


def allowed_from(ctx: Context, user: User, address: str | None) -> str:
    if not address or address == user.address:
        return user.address
    if any(_whitelisted(pattern, address) for pattern in user.from_whitelist):
        return address
    view = addrview(address)
    owned = any(a.addrview == view for a in ctx.state.addresses_of(user.id))
    return address if owned else user.address


def _whitelisted(pattern: str, address: str) -> bool:
    if pattern == address:
        return True
    if pattern.startswith("*") and pattern[1:] in address:
        return True
    return pattern.endswith("*") and address.startswith(pattern[:-1])
