"""Overkiz knobs, read from ``MOCK_OVERKIZ_<FIELD>`` (``MOCK_OVERKIZ_USER_LOOKUP_LIMIT=3``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class OverkizConfig:
    brand: str = "Overkiz"
    """The name the mails are signed with."""
    mail_from: str = "no-reply@overkiz.mock.invalid"
    session_idle_timeout: int = 30 * 60
    """Seconds of inactivity after which a session cookie stops working."""
    max_sessions: int = 1000
    """Open sessions per namespace; past it the least recently used one is closed."""
    max_accounts: int = 1000
    """Accounts per namespace, seeded ones included; past it sign-up answers 403."""
    login_max_failures: int = 5
    """Failed logins per userId within ``login_failure_window`` before logins are throttled."""
    login_failure_window: int = 5 * 60
    user_lookup_limit: int = 10
    """``GET /enduser/existingUserIds/{userId}`` calls per client within ``user_lookup_window``."""
    user_lookup_window: int = 60
    max_tracked_clients: int = 1000
    """Keys (userIds, client addresses) each rate limiter remembers; the stalest is forgotten first."""
    validation_token_ttl: int = 48 * 3600
    """Lifetime in seconds of account and email validation tokens."""
    reset_token_ttl: int = 3600
    terms_token_ttl: int = 30 * 24 * 3600
    jwt_ttl: int = 365 * 24 * 3600
    """Lifetime of the seeded JWTs, from the namespace's creation."""
