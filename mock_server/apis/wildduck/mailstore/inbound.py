"""The platform's inbound-mail hook (``ApiDescriptor.accept_mail``): mail any API sends, and
``POST /_mock/inbound``, reaches the WildDuck users who own the recipient addresses.

Forwards and autoreplies that delivery produces go out through ``..outbound`` (WildDuck's
one exit), which offers them for delivery in turn; besides the loop guards in delivery itself (forward
chains, no replies to automatic mail), nesting is capped here.
"""

from __future__ import annotations

from contextvars import ContextVar

from ....world import World
from .. import outbound
from ..context import Context
from .delivery import deliver

MAX_NESTING = 5
_nesting: ContextVar[int] = ContextVar("wildduck_delivery_nesting", default=0)


def accept_mail(world: World, raw: str, recipients: list[str]) -> list[str]:
    if _nesting.get() >= MAX_NESTING:
        return []
    result = deliver(Context.of(world), raw, recipients)
    token = _nesting.set(_nesting.get() + 1)
    try:
        for mail in result.outgoing:
            outbound.send_composed(world, sender=mail.sender, to=mail.to, subject=mail.subject, text=mail.text,
                                   html=mail.html, headers=mail.headers)
    finally:
        _nesting.reset(token)
    return result.delivered
