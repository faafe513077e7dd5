"""Custom 2FA (``lib/api/2fa/custom.js``): for a site that runs its own second factor.

Turning it on only marks the account: like any 2FA method, the master password then grants
the ``master`` scope alone (IMAP, POP3 and SMTP need application passwords) and
``POST /authenticate`` answers ``require2fa: ["custom"]``; there is nothing to check here.
Statuses, codes and texts are the real server's (400 ``CustomEnabled``/``CustomDisabled``).
"""

from __future__ import annotations

from typing import Any

from ..access import tokens
from ..auth.authlog import log_event
from ..context import Context
from ..errors import fail
from ..webhooks import events
from .owner import user_or_404

MISSING_USER = "This username does not exist"


def enable(ctx: Context, user_id: str, meta: dict[str, Any]) -> None:
    user = user_or_404(ctx, user_id, MISSING_USER)
    if "custom" in user.enabled2fa:
        fail(400, "Custom 2FA is already enabled for this user", "CustomEnabled")
    if not user.enabled2fa:  # turning 2FA on ends the sessions that never had to pass it
        tokens.credentials_changed(ctx, user, keep_callers_token=True)
    user.enabled2fa = sorted({*user.enabled2fa, "custom"})
    log_event(ctx, user.id, "enable 2fa custom", result="success", **meta)
    events.publish(ctx, events.MFA_CUSTOM_ENABLED, user=user.id)


def disable(ctx: Context, user_id: str, meta: dict[str, Any]) -> None:
    user = user_or_404(ctx, user_id, MISSING_USER)
    if "custom" not in user.enabled2fa:
        fail(400, "Could not update user, check if custom 2FA is not already disabled", "CustomDisabled")
    user.enabled2fa = [method for method in user.enabled2fa if method != "custom"]
    log_event(ctx, user.id, "disable 2fa custom", **meta)
    events.publish(ctx, events.MFA_CUSTOM_DISABLED, user=user.id)
