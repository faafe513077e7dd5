"""Records of sending: the outbound queue and the daily recipient counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class QueuedMessage:
    """A submitted message waiting for its ``sendTime`` (the real server's ZoneMTA queue)."""

    id: str
    """The queue id (``queueId``): 18 hex characters, as ZoneMTA's ``seq-index`` makes them."""
    user: str
    raw: str
    envelope_from: str
    envelope_to: list[str]
    send_time: datetime


@dataclass
class OutboundQueue:
    waiting: list[QueuedMessage] = field(default_factory=list)
    """Ordered by ``send_time``: the first one is the next due."""
    id_suffix: str = ""
    """The 4 hex characters that end every queue id of this namespace (per process on the
    real server)."""
    id_sequence: int = 0
    """The number (milliseconds * 4096 + sequence) of the last queue id handed out."""
