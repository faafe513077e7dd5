"""A user as the real server shows it: in full (``GET /users/{user}``) and in listings.

Limits the mock does not count (messages sent, forwarded, received, IMAP and POP3 traffic)
read as unused, with ``ttl: false``, like an account that has been quiet for a day.
"""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..mailstore import filters
from ..state import User

# limits.<name>: the real server's default where the user has no value of its own
_RECIPIENTS = 2000
_FORWARDS = 2000
_RECEIVED = 60
_TRAFFIC = 10 * 1024 * 1024 * 1024
"""imapUpload, imapDownload, pop3Download."""
DEFAULT_POP3_MAX_MESSAGES = 250
DEFAULT_IMAP_MAX_CONNECTIONS = 15


def autoreply_on(ctx: Context, user: User) -> bool:
    record = ctx.state.mail.autoreplies.get(user.id)
    return bool(record and record.status)


def quota(ctx: Context, user: User) -> dict[str, int]:
    return {"allowed": user.quota or ctx.config.max_storage, "used": max(user.storage_used, 0)}


def full_view(ctx: Context, user: User) -> dict[str, Any]:
    """Written out field by field: this is every ``GET /users/{user}``."""
    limits = {
        "quota": quota(ctx, user),
        "recipients": {"allowed": user.recipients or _RECIPIENTS, "used": 0, "ttl": False},
        "forwards": {"allowed": user.forwards or _FORWARDS, "used": 0, "ttl": False},
        "received": {"allowed": user.received_max or _RECEIVED, "used": 0, "ttl": False},
        "imapUpload": {"allowed": user.imap_max_upload or _TRAFFIC, "used": 0, "ttl": False},
        "imapDownload": {"allowed": user.imap_max_download or _TRAFFIC, "used": 0, "ttl": False},
        "pop3Download": {"allowed": user.pop3_max_download or _TRAFFIC, "used": 0, "ttl": False},
        "pop3MaxMessages": {"allowed": user.pop3_max_messages or DEFAULT_POP3_MAX_MESSAGES},
        "imapMaxConnections": {"allowed": user.imap_max_connections or DEFAULT_IMAP_MAX_CONNECTIONS, "used": 0},
        "filters": {"allowed": ctx.config.max_filters_per_user, "used": filters.count_of(ctx, user.id)},
    }
    return {
        "success": True,
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "address": user.address,
        "language": user.language,
        "retention": user.retention or False,
        "enabled2fa": list(user.enabled2fa),
        "autoreply": autoreply_on(ctx, user),
        "encryptMessages": user.encrypt_messages,
        "encryptForwarded": user.encrypt_forwarded,
        "pubKey": user.pub_key,
        "spamLevel": user.spam_level,
        "keyInfo": False,
        "metaData": user.meta_data,
        "internalData": user.internal_data,
        "targets": list(user.targets),
        "limits": limits,
        "tags": list(user.tags),
        "fromWhitelist": list(user.from_whitelist),
        "disabledScopes": list(user.disabled_scopes),
        "hasPasswordSet": bool(user.password_hash or user.temp_password),
        "activated": user.activated,
        "disabled": user.disabled,
        "suspended": user.suspended,
        "featureFlags": {},  # as the real server (1.46.1) shows an account without flags
    }


def listing_view(ctx: Context, user: User, *, with_meta: bool = False, with_internal: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "address": user.address,
        "tags": list(user.tags),
        "targets": list(user.targets),
        "enabled2fa": list(user.enabled2fa),
        "autoreply": autoreply_on(ctx, user),
        "encryptMessages": user.encrypt_messages,
        "encryptForwarded": user.encrypt_forwarded,
        "quota": quota(ctx, user),
        "hasPasswordSet": bool(user.password_hash or user.temp_password),
        "activated": user.activated,
        "disabled": user.disabled,
        "suspended": user.suspended,
    }
    if with_meta and user.meta_data:
        view["metaData"] = user.meta_data
    if with_internal and user.internal_data:
        view["internalData"] = user.internal_data
    return view
