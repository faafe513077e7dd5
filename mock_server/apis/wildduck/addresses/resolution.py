"""Which record an address reaches, as the real server's ``asyncResolveAddress`` finds it:
the exact address (``+label`` and the local part's dots ignored), then the same at the domain
a domain alias stands for (domains/aliases.py), then, when wildcards are
allowed (mail delivery; ``?allowWildcard=true``), the longest partial wildcard of the domain
(``john*@x``, ``*hn@x``), then ``*@domain``, then ``user@*``.

Each step is one lookup in the address index (at most 2 x 32 + 3 in all), so resolving a
recipient costs the same with a million addresses as with ten.
"""

from __future__ import annotations

from ..context import Context
from ..domains.aliases import canonical_address
from ..state import Address, ForwardedAddress
from .addressing import normalize_address, unameview

MAX_WILDCARD_LENGTH = 32  # the real server's MAX_ALLOWED_WILDCARD_LENGTH


def lookup_view(address: str) -> str:
    """The address as looked up: normalized, ``+label`` dropped, dots of the local part dropped."""
    local, _, domain = normalize_address(address).rpartition("@")
    return f"{local.split('+', 1)[0].replace('.', '')}@{domain}"


def username_view(username: str) -> str:
    """How ``GET /users/resolve/{username}`` looks a name up: an address-like username as an
    address is looked up, any other with its dots removed."""
    return lookup_view(username) if "@" in username else unameview(username)


def resolve(ctx: Context, address: str, *, wildcard: bool = False) -> Address | ForwardedAddress | None:
    view = lookup_view(address)
    found = ctx.state.address_by_view(view) or ctx.state.address_by_view(lookup_view(canonical_address(ctx, view)))
    if found is not None or not wildcard or not ctx.state.has_wildcard_addresses():
        return found
    local, _, domain = view.rpartition("@")
    for candidate in (*_partial_wildcards(local, domain), f"*@{domain}", f"{local}@*"):
        found = ctx.state.address_by_view(candidate)
        if found is not None:
            return found
    return None


def _partial_wildcards(local: str, domain: str) -> list[str]:
    """``john*@d`` / ``*ohn@d`` forms, longest first (the real server prefers the longest)."""
    forms = []
    for length in range(min(len(local), MAX_WILDCARD_LENGTH), 0, -1):
        forms += [f"{local[:length]}*@{domain}", f"*{local[-length:]}@{domain}"]
    return forms
