"""A registered webhook, shaped like the real ``webhooks`` collection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Webhook:
    id: str
    type: list[str]
    """Event names, ``prefix.*`` patterns or ``*``, lower case."""
    user: str | None
    """Only this user's events; None matches every user's (and user-less) events."""
    url: str
    created: datetime
