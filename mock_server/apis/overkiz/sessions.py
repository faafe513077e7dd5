"""Login, logout and the ``JSESSIONID`` session cookie.

A login names its credentials in one of four ways (userId+userPassword, userId+ssoToken,
accessToken, jwt), exactly one of them. Failed logins are counted per userId over a sliding
window of the namespace clock; past the limit every login of that userId, good or bad, is
throttled until the window frees up, with the real service's text. Sessions end when idle
too long or at logout; a successful login always starts a fresh session id.
"""

from __future__ import annotations

import http.cookies
import re
from datetime import timedelta
from typing import Any

from ...errors import ApiError
from ...lazy_module import lazy
from ...world import World
from .accounts import state_of
from .names import API_NAME, COOKIE_PATH, SESSION_COOKIE
from .passwords import password_matches
from .state import Account, OverkizState, Session

jwt = lazy("jwt")
"""PyJWT, imported with the first token issued or read: it imports all of cryptography (~40 ms)."""

MISSING_CREDENTIALS = (
    "Missing parameter or invalid parameters combination : "
    "please provide one of [userId+userPassword, userId+ssoToken, accessToken, jwt]"
)
BAD_CREDENTIALS = "Bad credentials"
NOT_VALIDATED = "Account not validated"
THROTTLED = "Too many requests, try again later : login with {user_id}"
ROLES = [{"name": "ENDUSER"}]

_COOKIE_PAIR = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[^\x00-\x1f\x7f]*$")


def login(world: World, credentials: dict[str, Any], previous_session_id: str | None) -> tuple[dict[str, Any], str]:
    """The login answer and the new session's id (the caller's previous session, if any, is
    closed); a 401 in the real shape otherwise."""
    state, config = state_of(world), world.settings.api(API_NAME)
    given = {name for name, value in credentials.items() if value not in (None, "")}
    user_id = credentials.get("userId")
    if given & {"userPassword", "ssoToken"} and user_id:
        _refuse_if_throttled(world, state, user_id)
    account = _authenticate(world, state, given, credentials)
    if account is None:
        if user_id:
            state.login_failures.add(user_id.lower(), world.now(), config.login_failure_window, config.max_tracked_clients)
        raise ApiError(401, BAD_CREDENTIALS, code="AUTHENTICATION_ERROR")
    if not account.validated:
        raise ApiError(401, NOT_VALIDATED, code="AUTHENTICATION_ERROR")
    state.login_failures.clear(account.user_id.lower())
    state.sessions.pop(previous_session_id or "", None)
    session = open_session(world, state, account, credentials.get("applicationId"))
    return {"success": True, "roles": ROLES, "extraAttributes": {}}, session.id


def logout(world: World, session_id: str | None) -> bool:
    session = current_session(world, session_id)
    if session is None:
        return False
    del state_of(world).sessions[session.id]
    return True


def current_session(world: World, session_id: str | None) -> Session | None:
    """The live session of that id, its idle timer restarted; None when unknown or idle too long."""
    if not session_id:
        return None
    state, config = state_of(world), world.settings.api(API_NAME)
    session = state.sessions.get(session_id)
    if session is None:
        return None
    now = world.now()
    if now - session.last_seen >= timedelta(seconds=config.session_idle_timeout):
        del state.sessions[session_id]
        return None
    session.last_seen = now
    return session


def session_cookie(session_id: str) -> str:
    """No ``Domain``: a host-only cookie is the one a cookie jar keeps for ``localhost``."""
    return f"{SESSION_COOKIE}={session_id}; Path={COOKIE_PATH}; HttpOnly; SameSite=Lax"


def expired_cookie() -> str:
    return f"{SESSION_COOKIE}=; Path={COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax"


def session_id_from(cookie_header: str | None) -> str | None:
    """The ``JSESSIONID`` of a Cookie header; a malformed header is a 400 (via CookieError),
    not silently an anonymous request."""
    if not cookie_header:
        return None
    found = None
    for pair in cookie_header.split(";"):
        pair = pair.strip()
        if not pair:
            continue
        if not _COOKIE_PAIR.match(pair):
            raise http.cookies.CookieError(f"Malformed Cookie header near {pair[:40]!r}")
        name, _, value = pair.partition("=")
        if name == SESSION_COOKIE and found is None:
            found = value.strip('"')
    return found


def _refuse_if_throttled(world: World, state: OverkizState, user_id: str) -> None:
    config = world.settings.api(API_NAME)
    wait = state.login_failures.retry_after(user_id.lower(), world.now(), config.login_failure_window, config.login_max_failures)
    if wait is not None:
        raise ApiError(401, THROTTLED.format(user_id=user_id), code="AUTHENTICATION_ERROR", headers={"Retry-After": str(wait)})


def _authenticate(world: World, state: OverkizState, given: set[str], credentials: dict[str, Any]) -> Account | None:
    secrets_given = given & {"userPassword", "ssoToken", "accessToken", "jwt"}
    if len(secrets_given) != 1 or (secrets_given & {"userPassword", "ssoToken"} and "userId" not in given):
        raise ApiError(401, MISSING_CREDENTIALS, code="AUTHENTICATION_ERROR")
    (kind,) = secrets_given
    secret = credentials[kind]
    if kind == "accessToken":
        return next((account for account in state.accounts.values() if account.access_token == secret), None)
    if kind == "jwt":
        return _jwt_account(world, state, secret)
    account = state.account(credentials["userId"])
    if account is None:
        return None
    if kind == "userPassword":
        return account if password_matches(secret, account.password_hash) else None
    return account if account.sso_token == secret else None


def _jwt_account(world: World, state: OverkizState, token: str) -> Account | None:
    """A JWT signed with the namespace's key, unexpired by the namespace clock, for an account
    seeded to accept JWTs."""
    try:
        claims = jwt.decode(token, state.jwt_key, algorithms=["HS256"], options={"verify_exp": False, "require": ["sub", "exp"]})
    except jwt.InvalidTokenError:
        return None
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= world.now().timestamp():
        return None
    account = state.account(str(claims["sub"]))
    return account if account is not None and account.jwt is not None else None


def open_session(world: World, state: OverkizState, account: Account, application_id: str | None) -> Session:
    """A fresh session for the account; past ``max_sessions`` the least recently used one closes."""
    config = world.settings.api(API_NAME)
    while len(state.sessions) >= config.max_sessions:
        stalest = min(state.sessions.values(), key=lambda session: session.last_seen)
        del state.sessions[stalest.id]
    now = world.now()
    session = Session(world.random(API_NAME).hex(32).upper(), account.user_id, now, now, application_id)
    state.sessions[session.id] = session
    return session


def issue_jwt(state: OverkizState, user_id: str, issued: int, expires: int) -> str:
    return jwt.encode({"sub": user_id, "iss": "overkiz-mock", "iat": issued, "exp": expires}, state.jwt_key, algorithm="HS256")
