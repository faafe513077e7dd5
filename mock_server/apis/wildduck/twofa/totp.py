"""TOTP 2FA that a real authenticator app can drive: RFC 6238, 30-second steps, 6 digits.

``setup`` hands out a new base32 secret (each call replaces the pending one, as on the real
server) and a QR code (PNG data URL) of its otpauth URI; the secret becomes active once
``enable`` gets a code computed from it. Codes are accepted six
steps either side of the namespace clock (the real server's window), a checked code can not
be used again, and six failed checks within three minutes rate-limit the user. A pending
secret expires after six hours.

Statuses, codes and texts are the real server's: 400 for ``TotpEnabled``, ``TotpDisabled``
and a wrong code on ``enable``; 403 for a wrong or reused code on ``check``; 404 with each
operation's own wording for an unknown user.
"""

from __future__ import annotations

import base64
import io
from datetime import timedelta
from typing import Any

from ....lazy_module import lazy
from ..access import tokens
from ..accounts.users import clear_2fa
from ..auth.authlog import log_event
from ..auth.ratelimit import RateLimit, check_rate_limit, count_failure, release
from ..context import Context
from ..errors import fail
from ..state import User
from ..webhooks import events
from .owner import user_or_404

# the QR code and TOTP libraries are imported by the first 2FA setup or check, not by every start
pyotp = lazy("pyotp")
qrcode = lazy("qrcode")
qrcode_util = lazy("qrcode.util")
qrcode_png = lazy("qrcode.image.pure")

WINDOW_STEPS = 6
STEP = timedelta(seconds=30)
SETUP_LIFETIME = timedelta(hours=6)
CHECK_LIMIT = RateLimit(failures=6, window=timedelta(seconds=180))


def setup(ctx: Context, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    user = user_or_404(ctx, user_id, "Could not find user data")
    if "totp" in user.enabled2fa:
        fail(400, "TOTP 2FA is already enabled for this user", "TotpEnabled")
    seed = pending_seed(ctx, user, fresh=True)
    label = (body.get("label") or "").strip() or user.username
    issuer = (body.get("issuer") or "").strip() or ctx.config.totp_issuer
    uri = pyotp.TOTP(seed).provisioning_uri(name=label, issuer_name=issuer)
    return {"success": True, "seed": seed, "qrcode": _qr_data_url(uri)}


def pending_seed(ctx: Context, user: User, *, fresh: bool = False) -> str:
    """The secret waiting for ``enable``: the current one, or a new one (20 random bytes)."""
    if fresh or not _pending_seed(ctx, user):
        user.pending_totp_seed = base64.b32encode(ctx.random.rng.randbytes(20)).decode()
        user.pending_totp_changed = ctx.now
    return user.pending_totp_seed


def enable(ctx: Context, user_id: str, body: dict[str, Any]) -> None:
    user = user_or_404(ctx, user_id, "This username does not exist")
    if "totp" in user.enabled2fa:
        fail(400, "TOTP 2FA is already enabled for this user", "TotpEnabled")
    seed = _pending_seed(ctx, user)
    if not seed:
        fail(400, "TOTP 2FA is not initialized for this user", "TotpDisabled")
    meta = {"sess": body.get("sess"), "ip": body.get("ip")}
    if not _verify(ctx, seed, body["token"]):
        log_event(ctx, user.id, "enable 2fa totp", result="fail", **meta)
        fail(400, "Invalid authentication token", "InvalidToken")
    user.totp_seed, user.pending_totp_seed, user.pending_totp_changed = seed, "", None
    if not user.enabled2fa:  # turning 2FA on ends the sessions that never had to pass it
        tokens.credentials_changed(ctx, user, keep_callers_token=True)
    user.enabled2fa = sorted({*user.enabled2fa, "totp"})
    log_event(ctx, user.id, "enable 2fa totp", result="success", **meta)
    events.publish(ctx, events.MFA_TOTP_ENABLED, user=user.id)


def check(ctx: Context, user_id: str, body: dict[str, Any]) -> None:
    user = user_or_404(ctx, user_id, "This user does not exist")
    token = body["token"]
    check_rate_limit(ctx, user.totp_failures, CHECK_LIMIT)
    user.used_totp_codes = {code: until for code, until in user.used_totp_codes.items() if until > ctx.now}
    if token in user.used_totp_codes:
        fail(403, "This code has already been used, please try again with a new code", "RateLimitedError")
    if "totp" not in user.enabled2fa or not user.totp_seed:
        fail(400, "2FA TOTP is not enabled for this user", "TotpDisabled")
    verified = _verify(ctx, user.totp_seed, token)
    log_event(ctx, user.id, "check 2fa totp", result="success" if verified else "fail", sess=body.get("sess"), ip=body.get("ip"))
    if not verified:
        count_failure(ctx, user.totp_failures, CHECK_LIMIT)
        fail(403, "Failed to validate TOTP", "InvalidToken")
    release(user.totp_failures)
    user.used_totp_codes[token] = ctx.now + STEP * WINDOW_STEPS


def disable(ctx: Context, user_id: str, meta: dict[str, Any]) -> None:
    user = user_or_404(ctx, user_id, "This username does not exist")
    if "totp" not in user.enabled2fa:
        fail(400, "Could not update user, check if 2FA TOTP is not already disabled", "TotpDisabled")
    user.enabled2fa = [method for method in user.enabled2fa if method != "totp"]
    user.totp_seed = user.pending_totp_seed = ""
    user.pending_totp_changed = None
    log_event(ctx, user.id, "disable 2fa totp", **meta)
    events.publish(ctx, events.MFA_TOTP_DISABLED, user=user.id)


def disable_all(ctx: Context, user_id: str, meta: dict[str, Any]) -> None:
    """``DELETE /users/{user}/2fa``: every 2FA method off; the master password works for
    imap, pop3 and smtp again."""
    user = user_or_404(ctx, user_id, "Could not find user data")
    clear_2fa(user)
    log_event(ctx, user.id, "disable 2fa", **meta)
    events.publish(ctx, events.MFA_DISABLED, user=user.id)


def current_code(seed: str, ctx: Context) -> str:
    """The code an authenticator shows now, for fixtures and demos."""
    return pyotp.TOTP(seed).at(ctx.now)


def _pending_seed(ctx: Context, user: User) -> str:
    changed = user.pending_totp_changed
    if not user.pending_totp_seed or changed is None or changed <= ctx.now - SETUP_LIFETIME:
        return ""
    return user.pending_totp_seed


def _verify(ctx: Context, seed: str, token: str) -> bool:
    return pyotp.TOTP(seed).verify(token, for_time=ctx.now, valid_window=WINDOW_STEPS)


def _qr_data_url(uri: str) -> str:
    buffer = io.BytesIO()
    # 4 pixels a module and a 4-module border, as the real server's QR library draws it.
    # One byte-mode segment: qrcode's own segmenting of long digit runs (a generated label
    # or issuer of zeros) hits a library bug, glog(0), which was a 500.
    code = qrcode.QRCode(box_size=4, border=4, image_factory=qrcode_png.PyPNGImage)
    code.add_data(qrcode_util.QRData(uri.encode(), mode=qrcode_util.MODE_8BIT_BYTE))
    code.make(fit=True)
    code.make_image().save(buffer)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
