"""``POST /authenticate``: the master password, a temporary one, or an application password.

The rules are the real server's:
- the username may be the username or any of the user's addresses (case and dots ignored);
- the master password grants any scope, but with 2FA on (or with a temporary password, or
  for a scope in ``disabledScopes``) only ``master``: imap, pop3 and smtp then need an
  application password (``InvalidAuthScope``);
- an application password never grants ``master`` and needs a matching scope; it may be
  typed with spaces; it never asks for 2FA;
- a temporary password answers ``requirePasswordChange: true`` and no 2FA;
- 12 failures within 2 minutes rate-limit the user (``RateLimitedError``);
- ``token: true`` (only with scope ``master``, which the document enforces) adds a user
  access token to the answer (see tokens.py), also when 2FA is still to be checked.
Every attempt on a known user lands in its auth log. A plain failure (``AuthFailed``)
carries the user's ``id``; the other refusals do not, as on the real server, whose API
handler only learns the id when the check returns rather than throws.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, NoReturn

from ..access import tokens
from ..accounts.users import usable_temp_password
from ..addresses.addressing import addrview, unameview
from ..asps import app_passwords
from ..context import Context
from ..domains.aliases import canonical_address
from ..errors import fail
from ..state import Address, AppPassword, User
from .authlog import log_event
from .passwords import check_password, hash_password, needs_rehash, normalize_app_password
from .ratelimit import RateLimit, check_rate_limit, count_failure, release

AUTH_LIMIT = RateLimit(failures=12, window=timedelta(seconds=120))


def authenticate(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    scope = body.get("scope") or "master"
    meta = {"protocol": body.get("protocol") or "API", "sess": body.get("sess"), "ip": body.get("ip")}
    user = find_user(ctx, body["username"])
    if user is None:
        fail(403, "Authentication failed", "AuthFailed")
    check_rate_limit(ctx, user.auth_failures, AUTH_LIMIT)
    if user.disabled or user.suspended:
        log_event(ctx, user.id, "authentication", result="disabled" if user.disabled else "suspended", requiredScope=scope, **meta)
        fail(403, "Authentication failed", "AuthFailed", id=user.id)
    if scope in user.disabled_scopes:
        log_event(ctx, user.id, "authentication", result="fail", requiredScope=scope, **meta)
        fail(403, "Access to requested service disabled", "InvalidAuthScope")
    password = body["password"]
    if scope != "master":
        app_password = _matching_app_password(ctx, user, password)
        if app_password is not None:
            return _app_password_success(ctx, user, app_password, scope, meta)
    answer = _master_password(ctx, user, password, scope, meta)
    if body.get("token"):
        answer["token"] = tokens.issue(ctx, user)
    return answer


def find_user(ctx: Context, username: str) -> User | None:
    """By username, or by any registered address; an address that is not registered is tried
    as a username (some usernames look like addresses)."""
    users = ctx.state.users
    if "@" in username:
        for view in login_address_views(ctx, username):
            holder = ctx.state.address_by_view(view)
            if isinstance(holder, Address) and holder.user in users:
                return users[holder.user]
    return ctx.state.user_by_name(unameview(username))


def login_address_views(ctx: Context, address: str) -> tuple[str, ...]:
    """The addresses a login name is looked up as, in the real server's order: as written,
    then with a domain alias (``domainaliases``) resolved to its target domain."""
    return tuple(dict.fromkeys((addrview(address), addrview(canonical_address(ctx, address)))))


def preauth(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /preauth``: whether the username can authenticate for the scope, without a
    password. Nothing is logged and no failure is counted, as on the real server; a
    refusal carries no user id (the real handler never learns it)."""
    scope = body.get("scope") or "master"
    user = find_user(ctx, body["username"])
    if user is None or user.disabled or user.suspended:
        fail(403, "Authentication failed", "AuthFailed")
    if scope in user.disabled_scopes:
        fail(403, "Access to requested service disabled", "InvalidAuthScope")
    return _login_answer(user, scope, list(user.enabled2fa) if scope == "master" and user.enabled2fa else False)


def _login_answer(user: User, scope: str, require2fa: list[str] | bool) -> dict[str, Any]:
    """What ``/preauth`` and a master-password ``/authenticate`` both answer."""
    return {"success": True, "id": user.id, "username": user.username, "address": user.address, "scope": scope, "require2fa": require2fa}


def _matching_app_password(ctx: Context, user: User, password: str) -> AppPassword | None:
    candidate = normalize_app_password(password)
    if candidate is None:
        return None
    return next((asp for asp in app_passwords.live(ctx, user.id) if check_password(candidate, asp.password_hash)), None)


def _app_password_success(ctx: Context, user: User, asp: AppPassword, scope: str, meta: dict) -> dict[str, Any]:
    fields = {"requiredScope": scope, "source": "asp", "asp": asp.id, "aname": asp.description, **meta}
    if "*" not in asp.scopes and scope not in asp.scopes:
        log_event(ctx, user.id, "authentication", result="fail", **fields)
        count_failure(ctx, user.auth_failures, AUTH_LIMIT)
        fail(403, "Authentication failed. Invalid scope", "InvalidAuthScope")
    event = log_event(ctx, user.id, "authentication", result="success", **fields)
    app_passwords.mark_used(ctx, asp, event, meta.get("ip"))
    return {"success": True, "id": user.id, "username": user.username, "scope": scope, "require2fa": False}


def _master_password(ctx: Context, user: User, password: str, scope: str, meta: dict) -> dict[str, Any]:
    fields = {"requiredScope": scope, **meta}
    temp = usable_temp_password(ctx, user)
    using_temp = temp is not None and check_password(password, temp.hash)
    if using_temp and temp.valid_after > ctx.now:
        fail(403, "Temporary password is not yet activated", "TempPasswordNotYetValid")
    if not using_temp and not check_password(password, user.password_hash):
        log_event(ctx, user.id, "authentication", result="fail", source="master", **fields)
        _refuse(ctx, user)
    source = "temporary" if using_temp else "master"
    if not using_temp and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password, ctx.random)
    require2fa = list(user.enabled2fa) if user.enabled2fa and not using_temp else False
    if scope != "master" and (user.enabled2fa or using_temp):
        log_event(ctx, user.id, "authentication", result="fail", source=source, **fields)
        count_failure(ctx, user.auth_failures, AUTH_LIMIT)
        fail(403, "Authentication failed. Invalid scope", "InvalidAuthScope")
    log_event(ctx, user.id, "authentication", result="success", source=source,
              require2fa=",".join(require2fa) if require2fa else None, **fields)
    release(user.auth_failures)
    return {**_login_answer(user, scope, require2fa), "requirePasswordChange": using_temp}


def _refuse(ctx: Context, user: User) -> NoReturn:
    count_failure(ctx, user.auth_failures, AUTH_LIMIT)
    fail(403, "Authentication failed", "AuthFailed", id=user.id)
