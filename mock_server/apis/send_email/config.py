"""Send Email knobs, read from ``MOCK_SEND_EMAIL_<FIELD>``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SendEmailConfig:
    default_tenant: str = "demo"
    """The SSMS tenant for a host with no tenant label (localhost, an IP address)."""
    token_ttl: int = 24 * 3600
    """Lifetime in seconds of the seeded access tokens, from the namespace's creation."""
    action_token_ttl: int = 12 * 3600
    """Lifetime in seconds of the link in a VERIFY or FORGOT_PASSWORD mail."""
