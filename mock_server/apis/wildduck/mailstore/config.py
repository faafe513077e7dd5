"""The mail half's knobs. ``WildDuckConfig`` inherits them, so each is read from
``MOCK_WILDDUCK_<FIELD>`` like the accounts' knobs."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MailConfig:
    max_mailboxes_per_user: int = 500
    max_messages_per_mailbox: int = 200_000
    """Past it, delivery to the mailbox is refused (the real server has no such cap; a mock
    must stay bounded)."""
    max_message_size: int = 10 * 1024 * 1024
    """Largest RFC 822 source accepted, in bytes (the real server's ``maxMessageSize``)."""
    max_filters_per_user: int = 400
    max_archived_per_user: int = 1000
    """Past it the oldest archived message is purged early."""
    archive_retention_days: int = 14
    """Deleted messages stay restorable this long (the real server's default: two weeks)."""
    journal_size_per_user: int = 500
    """Change events kept per user for ``Last-Event-ID`` replays; older ones are dropped."""
    max_update_streams: int = 20
    """Open ``/users/{user}/updates`` streams per namespace; past it a new one is refused."""
    update_queue_size: int = 1000
    """Events an open stream may have waiting; a client that falls further behind is closed
    (it reconnects with ``Last-Event-ID`` and replays from the journal)."""
    update_heartbeat_seconds: float = 15.0
    """A comment line is sent after this long without events (the real server: 90 s)."""
    update_idle_timeout_seconds: float = 300.0
    """A stream ends after this long without an event; EventSource clients reconnect by
    themselves with ``Last-Event-ID`` and miss nothing. ``idleTimeout`` sets it per stream."""
    seed_messages_per_user: int = 6
    """Faker-written messages in each seeded user's mailboxes."""
