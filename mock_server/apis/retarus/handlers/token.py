"""Token: a fresh password token for one user, optionally mailed to the user."""

from __future__ import annotations

from typing import Any

from ....clock import iso
from ..auth import customer_in_reach
from ..config import API_NAME
from ..envelope import answer
from ..notify import send_token_mail
from ..password_link import password_link
from ._common import path_address, world_state_config

NOTIFY_VALUES = ("true", "1")


def create_token(customer: str, user: str, token_info: dict[str, Any], mail_notification: str | None = None) -> dict[str, Any]:
    world, state, config = world_state_config()
    record = state.user(customer_in_reach(token_info, customer), path_address())
    now = world.now()  # one instant, so that expiryTimestamp is exactly timestamp + lifetime
    token = state.issue_token(record, now, config.token_ttl, world.random(API_NAME))
    url = password_link(world, record, token.value)
    if mail_notification is not None and mail_notification.lower() in NOTIFY_VALUES:
        send_token_mail(world, record, url, token.expires)
    return answer(world, timestamp=iso(now), token=token.value, expiryTimestamp=iso(token.expires), url=url)
