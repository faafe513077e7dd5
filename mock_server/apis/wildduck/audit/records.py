"""An audit and the messages it copied, shaped like the real ``audits`` collection and its
``audit.files`` bucket."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class AuditedMessage:
    """One copied message: its source as it was when audited, and what the mbox export reads."""

    raw: str
    date: datetime
    """The message's arrival (``idate``); the export is ordered by it."""
    envelope_from: str
    draft: bool
    mailbox_path: str | None
    """None for a message copied from the archive (its mailbox may be gone)."""


@dataclass
class Audit:
    id: str
    user: str
    start: datetime | None
    end: datetime | None
    expires: datetime
    status: str = "queued"
    copied: int = 0
    failed: int = 0
    messages: list[AuditedMessage] = field(default_factory=list)
