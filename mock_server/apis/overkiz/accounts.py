"""Sign-up and the token flows around an account: validation, extra e-mails, terms of use
of its gateways, password reset. Synchronous and plain: each call is one atomic change."""

from __future__ import annotations

from typing import Any

from ...errors import ApiError
from ...world import World
from . import mails, tokens
from .names import API_NAME
from .passwords import assess, hash_password
from .state import TERMS_ACCEPTED, TERMS_DECLINED, Account, EndUser, ExtraEmail, Gateway, OverkizState


def state_of(world: World) -> OverkizState:
    return world.state(API_NAME)


def refuse_weak_password(password: str, user_id: str) -> None:
    quality = assess(password, user_id)
    if quality.refused:
        raise ApiError(400, "Password refused: " + "; ".join(quality.labels()), code="INVALID_FIELD_VALUE")


def create_main_account(world: World, origin: str, body: dict[str, Any]) -> Account:
    """Store the sign-up, then mail a token per extra e-mail and per gateway's terms of use."""
    state, config = state_of(world), world.settings.api(API_NAME)
    user = body["endUser"]
    gateway_ids = [part.strip() for part in body.get("gatewayId", "").split(",") if part.strip()]
    if state.account(user["userId"]) is not None:
        raise ApiError(409, f"User id already in use : {user['userId']}", code="DUPLICATE_FIELD_OR_VALUE")
    taken = [gateway_id for gateway_id in gateway_ids if gateway_id in state.gateways]
    if taken:
        raise ApiError(409, f"Gateway already attached to an account : {taken[0]}", code="DUPLICATE_FIELD_OR_VALUE")
    if len(set(gateway_ids)) != len(gateway_ids):
        raise ApiError(400, "The same gateway id is given twice", code="INVALID_FIELD_VALUE")
    refuse_weak_password(body["password"], user["userId"])
    if len(state.accounts) >= config.max_accounts:
        raise ApiError(403, f"This mock holds at most {config.max_accounts} accounts", code="RESOURCE_ACCESS_DENIED")
    account = Account(
        end_user=_end_user(user),
        password_hash=hash_password(body["password"], world.random(API_NAME).hex(16)),
        created=world.now(),
        label=body.get("label"),
        template_name=body.get("templateName"),
        application_id=body.get("applicationId"),
        activation_timestamp=body.get("activationTimestamp"),
        expiration_timestamp=body.get("expirationTimestamp"),
        location=body.get("location"),
        gateway_ids=gateway_ids,
    )
    state.add_account(account)
    for extra in account.end_user.extra_emails:
        token = tokens.issue(world, state, tokens.EMAIL_VALIDATION, account.user_id, extra.email, config.validation_token_ttl)
        mails.send_email_validation(world, origin, account, token)
    for gateway_id in gateway_ids:
        attach_gateway(world, state, origin, account, gateway_id)
    return account


def attach_gateway(world: World, state: OverkizState, origin: str | None, account: Account, gateway_id: str) -> None:
    """A gateway joins the account with its terms of use pending; the token goes by mail
    (``origin`` None: seeding, where the fixtures list the token instead)."""
    state.gateways[gateway_id] = Gateway(gateway_id, account.user_id)
    token = tokens.issue(world, state, tokens.TERMS_OF_USE, account.user_id, gateway_id, world.settings.api(API_NAME).terms_token_ttl)
    if origin is not None:
        mails.send_terms_of_use(world, origin, account, token)


def request_validation(world: World, origin: str, user_id: str) -> None:
    state = state_of(world)
    account = _existing(state, user_id)
    if account.validated:
        raise ApiError(409, f"Account already validated : {account.user_id}", code="UNSPECIFIED_ERROR")
    token = tokens.issue(world, state, tokens.ACCOUNT_VALIDATION, account.user_id, account.end_user.email,
                         world.settings.api(API_NAME).validation_token_ttl)
    mails.send_account_validation(world, origin, account, token)


def validate_account(world: World, user_id: str, token_value: str) -> None:
    state = state_of(world)
    token = tokens.consume(world, state, token_value, tokens.ACCOUNT_VALIDATION, user_id=user_id)
    account = _existing(state, token.user_id)
    account.validated = True


def validate_email(world: World, user_id: str, token_value: str) -> None:
    """The logged-in user's extra e-mail named by the token is now validated."""
    state = state_of(world)
    token = tokens.consume(world, state, token_value, tokens.EMAIL_VALIDATION, user_id=user_id)
    account = _existing(state, token.user_id)
    for extra in account.end_user.extra_emails:
        if extra.email == token.subject:
            extra.validated = True


def answer_terms_of_use(world: World, gateway_id: str, token_value: str, accept: bool) -> None:
    state = state_of(world)
    tokens.consume(world, state, token_value, tokens.TERMS_OF_USE, subject=gateway_id)
    state.gateways[gateway_id].terms_of_use = TERMS_ACCEPTED if accept else TERMS_DECLINED


def request_password_reset(world: World, origin: str, user_id: str, email: str) -> None:
    """Mail a reset link when userId and e-mail match; do nothing visible otherwise, so the
    answer never tells whether an account exists."""
    state = state_of(world)
    account = state.account(user_id)
    if account is None or account.end_user.email.lower() != email.lower():
        return
    token = tokens.issue(world, state, tokens.PASSWORD_RESET, account.user_id, account.end_user.email,
                         world.settings.api(API_NAME).reset_token_ttl)
    mails.send_password_reset(world, origin, account, token)


def reset_password(world: World, token_value: str, password: str) -> None:
    """Check the new password first, so a refused one leaves the token usable for a retry."""
    state = state_of(world)
    pending = tokens.find(world, state, token_value, tokens.PASSWORD_RESET)
    if pending is not None:
        refuse_weak_password(password, pending.user_id)
    token = tokens.consume(world, state, token_value, tokens.PASSWORD_RESET)
    account = _existing(state, token.user_id)
    account.password_hash = hash_password(password, world.random(API_NAME).hex(16))
    account.seeded_password = None
    for session_id in [sid for sid, session in state.sessions.items() if session.user_id.lower() == account.user_id.lower()]:
        del state.sessions[session_id]


def user_exists(world: World, client: str, user_id: str) -> bool:
    """Rate limited per client: past the limit, 429 with the seconds to wait."""
    state, config = state_of(world), world.settings.api(API_NAME)
    now = world.now()
    wait = state.user_lookups.retry_after(client, now, config.user_lookup_window, config.user_lookup_limit)
    if wait is not None:
        raise ApiError(429, "Too many requests, try again later", code="RESOURCE_ACCESS_DENIED", headers={"Retry-After": str(wait)})
    state.user_lookups.add(client, now, config.user_lookup_window, config.max_tracked_clients)
    return state.account(user_id) is not None


def _existing(state: OverkizState, user_id: str) -> Account:
    account = state.account(user_id)
    if account is None:
        raise ApiError(404, f"Unknown user : {user_id}", code="UNSPECIFIED_ERROR")
    return account


def _end_user(user: dict[str, Any]) -> EndUser:
    return EndUser(
        user_id=user["userId"],
        email=user["email"],
        first_name=user.get("firstName"),
        last_name=user.get("lastName"),
        title=user.get("title"),
        phone_number=user.get("phoneNumber"),
        mobile_phone=user.get("mobilePhone"),
        locale=user.get("locale"),
        commercial_mail_agreement=bool(user.get("commercialMailAgreement", False)),
        extra_emails=[ExtraEmail(extra["email"]) for extra in user.get("extraEmails", [])],
    )
