"""WildDuck knobs, read from ``MOCK_WILDDUCK_<FIELD>``."""

from dataclasses import dataclass

from .mailstore.config import MailConfig
from .webhooks.config import WebhookConfig


@dataclass(frozen=True)
class WildDuckConfig(MailConfig, WebhookConfig):
    access_token: str = ""
    """``api.accessToken`` of the real server: empty means no token is asked for; when set,
    every call must carry it (``accessToken`` query, ``X-Access-Token`` or Bearer)."""
    token_ttl: int = 14 * 24 * 3600
    """Seconds a user token lives without use; each use starts it again
    (``api.accessControl.tokenTTL``)."""
    token_lifetime: int = 180 * 24 * 3600
    """Seconds a user token lives at most, however often used
    (``api.accessControl.tokenLifetime``)."""
    email_domain: str = "example.com"
    """Domain of the address generated for a user created without one (``emailDomain``)."""
    max_storage: int = 1024 * 1024 * 1024
    """Default quota in bytes for users created without ``quota`` (``maxStorage``)."""
    max_users: int = 1000
    max_addresses_per_user: int = 100
    max_asps_per_user: int = 50
    """Application passwords per user (the real server's ``MAX_ASP_COUNT``)."""
    max_authlog_per_user: int = 500
    """Auth log entries kept per user; the oldest go first past it (entries also expire)."""
    authlog_expire_days: int = 30
    seed_users: int = 8
    mail_hostname: str = "localhost"
    """Host put in generated ``.mobileconfig`` profiles for IMAP, POP3 and SMTP."""
    totp_issuer: str = "WildDuck"
    max_recipients: int = 2000
    """Recipients a user may send to per 24 hours unless the user's ``recipients`` says
    otherwise (the real ``const:max:recipients``)."""
    max_rcpt_to: int = 400
    """Recipients of one submitted draft (the real ``const:max:rcpt_to``)."""
    max_files_per_user: int = 1000
    """Stored files per user (``/users/{user}/storage``); the real server has no such cap, a
    mock must stay bounded."""
    max_outbound_queue: int = 1000
    """Scheduled submissions waiting per namespace; past it a new one is refused."""
    webauthn_rp_id: str = "example.com"
    """WebAuthn relying party id when a request gives no ``rpId`` (``webauthn.rpId``)."""
    webauthn_rp_name: str = "WildDuck Email Server"
    """``webauthn.rpName`` of the real server's default configuration."""
