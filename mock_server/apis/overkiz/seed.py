"""Deterministic seed data: Faker end users with gateways, tokens and one open session.

The accounts cover each way to log in (password, ssoToken, accessToken, JWT) and each
pending token kind, so a demo can try every flow without signing up first. Seeding mails
nothing: the fixtures list the tokens instead.
"""

from __future__ import annotations

import re
from typing import Any

from ...clock import iso
from ...ids import Randomness
from ...world import World
from . import tokens
from .accounts import attach_gateway, state_of
from .names import API_NAME, BASE_PATH, SESSION_COOKIE
from .passwords import assess, hash_password
from .sessions import issue_jwt, open_session
from .state import TERMS_ACCEPTED, Account, EndUser, ExtraEmail, Gateway, OverkizState

SEEDED_ACCOUNTS = 4
"""The last one is not validated yet and holds a pending validation token."""


def seed_state(world: World) -> OverkizState:
    ids = world.random(API_NAME)
    state = OverkizState(jwt_key=ids.hex(64))
    for index in range(SEEDED_ACCOUNTS):
        account = _account(world, ids, validated=index < SEEDED_ACCOUNTS - 1)
        state.add_account(account)
        _give_credentials(world, state, account, index)
        _give_tokens(world, state, account, index)
    open_session(world, state, next(iter(state.accounts.values())), None)
    return state


def _account(world: World, ids: Randomness, validated: bool) -> Account:
    fake = ids.fake
    first, last = fake.first_name(), fake.last_name()
    user_id = re.sub(r"[^a-z0-9.]", "", f"{first}.{last}".lower()) + "@" + fake.free_email_domain()
    password = _strong_password(ids, user_id)
    return Account(
        end_user=EndUser(
            user_id=user_id,
            email=user_id,
            first_name=first,
            last_name=last,
            title=ids.rng.randint(0, 2),
            phone_number=fake.numerify("+33 1 ## ## ## ##"),
            mobile_phone=fake.numerify("+33 6 ## ## ## ##"),
            locale=ids.rng.choice(["fr_FR", "en_GB", "de_DE"]),
            commercial_mail_agreement=ids.rng.random() < 0.5,
        ),
        password_hash=hash_password(password, ids.hex(16)),
        created=world.now(),
        validated=validated,
        label=f"{last} home",
        location={
            "city": fake.city(),
            "country": "FR",
            "postalCode": fake.numerify("#####"),
            "addressLine1": fake.street_address(),
            "timezone": "Europe/Paris",
        },
        seeded_password=password,
    )


def _strong_password(ids: Randomness, user_id: str) -> str:
    while True:
        password = f"{ids.letters(1).upper()}{ids.letters(7)}-{ids.rng.randint(100, 999)}"
        if not assess(password, user_id).weaknesses:
            return password


def _give_credentials(world: World, state: OverkizState, account: Account, index: int) -> None:
    """Account 0 also logs in with an ssoToken, 1 with an accessToken, 2 with a JWT."""
    ids = world.random(API_NAME)
    if index == 0:
        account.sso_token = ids.token(24)
    elif index == 1:
        account.access_token = ids.token(32)
    elif index == 2:
        issued = int(world.now().timestamp())
        account.jwt = issue_jwt(state, account.user_id, issued, issued + world.settings.api(API_NAME).jwt_ttl)


def _give_tokens(world: World, state: OverkizState, account: Account, index: int) -> None:
    """Validated accounts get two gateways (terms pending on the first, accepted on the
    second) and an extra e-mail waiting for validation; the last account waits for its own."""
    ids, config = world.random(API_NAME), world.settings.api(API_NAME)
    if not account.validated:
        tokens.issue(world, state, tokens.ACCOUNT_VALIDATION, account.user_id, account.end_user.email, config.validation_token_ttl)
        return
    pending, accepted = (f"{ids.rng.randint(1000, 9999)}-{ids.rng.randint(1000, 9999)}-{ids.rng.randint(1000, 9999)}" for _ in range(2))
    attach_gateway(world, state, None, account, pending)
    state.gateways[accepted] = Gateway(accepted, account.user_id, TERMS_ACCEPTED)
    account.gateway_ids = [pending, accepted]
    extra = ExtraEmail(f"{account.end_user.user_id.split('@')[0]}.{index}@{ids.fake.free_email_domain()}")
    account.end_user.extra_emails.append(extra)
    tokens.issue(world, state, tokens.EMAIL_VALIDATION, account.user_id, extra.email, config.validation_token_ttl)


def fixtures(world: World) -> dict[str, Any]:
    """Every account with its credentials, gateways, live tokens and open sessions."""
    state = state_of(world)
    config = world.settings.api(API_NAME)
    return {
        "basePath": BASE_PATH,
        "sessionCookie": SESSION_COOKIE,
        "limits": {
            "userLookupLimit": config.user_lookup_limit,
            "userLookupWindowSeconds": config.user_lookup_window,
            "loginMaxFailures": config.login_max_failures,
            "loginFailureWindowSeconds": config.login_failure_window,
            "sessionIdleTimeoutSeconds": config.session_idle_timeout,
        },
        "accounts": [_account_fixture(world, account) for account in state.accounts.values()],
    }


def _account_fixture(world: World, account: Account) -> dict[str, Any]:
    state = state_of(world)
    return {
        "userId": account.user_id,
        "password": account.seeded_password,
        "email": account.end_user.email,
        "name": account.end_user.display_name,
        "validated": account.validated,
        "ssoToken": account.sso_token,
        "accessToken": account.access_token,
        "jwt": account.jwt,
        "extraEmails": [{"email": extra.email, "validated": extra.validated} for extra in account.end_user.extra_emails],
        "gateways": [
            {"gatewayId": gateway_id, "termsOfUse": state.gateways[gateway_id].terms_of_use}
            for gateway_id in account.gateway_ids
            if gateway_id in state.gateways
        ],
        "tokens": [
            {"kind": token.kind, "token": token.value, "subject": token.subject, "expires": iso(token.expires)}
            for token in tokens.live_tokens(world, state, account.user_id)
        ],
        "sessions": [
            {SESSION_COOKIE: session.id, "lastSeen": iso(session.last_seen)}
            for session in state.sessions.values()
            if session.user_id.lower() == account.user_id.lower()
        ],
    }


def conformance_headers(world: World) -> dict[str, str]:
    """The seeded session of the first account, for the operations that need a login."""
    state = state_of(world)
    session = next(iter(state.sessions.values()))
    return {"Cookie": f"{SESSION_COOKIE}={session.id}"}


CONTRACT_PASSWORD = "Qzv-Kelpie-8371"
"""The password of the accounts made for a contract run (strong by the service's rules)."""
LOGIN_POOL = 20
"""Accounts the contract run's logins spread over: failed logins lock a userId for a while
(``login_max_failures``), and half of the generated logins fail on purpose."""


def conformance_values(world: World) -> dict[str, list[str | int]]:
    """Seeded user ids, gateways and live tokens for a contract run's cases; each token also
    bound to its own operation with the record it belongs to (the gateway of a terms-of-use
    token, the session's account for an e-mail token); accounts of their own for logging in
    and for asking for a validation mail."""
    state = state_of(world)
    accounts = fixtures(world)["accounts"]
    login = next((a for a in accounts if a["validated"] and a["password"]), None)
    values: dict[str, list[str | int]] = {
        "path.userId": [a["userId"] for a in accounts],
        "path.gatewayId": sorted({g["gatewayId"] for a in accounts for g in a["gateways"]}),
        "path.token": [t["token"] for a in accounts for t in a["tokens"]],
    }
    if login is not None:
        values.update({"body.userId": [login["userId"]], "body.userPassword": [login["password"]]})
    session_owner = next(iter(state.sessions.values())).user_id
    live = [token for account in state.accounts.values() for token in tokens.live_tokens(world, state, account.user_id)]
    terms = [token for token in live if token.kind == tokens.TERMS_OF_USE]
    for answer, token in zip(("accept", "decline"), terms):
        values[f"POST /termsOfUse/{{gatewayId}}/{answer}/{{token}} path.gatewayId"] = [token.subject]
        values[f"POST /termsOfUse/{{gatewayId}}/{answer}/{{token}} path.token"] = [token.value]
    values["POST /enduser/email/validation/{token} path.token"] = [
        token.value for token in live if token.kind == tokens.EMAIL_VALIDATION and token.user_id == session_owner]
    validations = [token for token in live if token.kind == tokens.ACCOUNT_VALIDATION]
    values["POST /enduser/{userId}/validation/{token} path.userId"] = [token.user_id for token in validations[:1]]
    values["POST /enduser/{userId}/validation/{token} path.token"] = [token.value for token in validations[:1]]
    run = world.random(API_NAME).hex(6)  # names of this preparation's accounts: preparing twice is fine
    values["POST /enduser/{userId}/validation path.userId"] = [_account_for_run(world, state, f"awaiting.{run}", False)[0]]
    pool = [_account_for_run(world, state, f"login{n}.{run}", True) for n in range(LOGIN_POOL)]
    for location in ("query", "body"):
        values[f"POST /login {location}.userId"] = [user_id for user_id, _ in pool]
        values[f"POST /login {location}.userPassword"] = [pool[0][1]]
    return {key: items for key, items in values.items() if items}


def _account_for_run(world: World, state: OverkizState, name: str, validated: bool) -> tuple[str, str]:
    """A fresh account named ``contract.<name>@mock.invalid``, all with one password."""
    account = _account(world, world.random(API_NAME), validated)
    account.end_user.user_id = account.end_user.email = f"contract.{name}@mock.invalid"
    account.password_hash = hash_password(CONTRACT_PASSWORD, world.random(API_NAME).hex(16))
    account.seeded_password = CONTRACT_PASSWORD
    state.add_account(account)
    return account.user_id, CONTRACT_PASSWORD

