"""User accounts: create, update, delete, password reset, quota recount."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .. import mail
from ..access import tokens
from ..addresses.addressing import addrview, normalize_address, unameview
from ..auth.authlog import log_event
from ..auth.passwords import check_password, hash_password, new_temporary_password, password_to_store
from ..context import Context
from ..dates import parse_client_instant
from ..errors import fail, user_not_found
from ..mailstore.quota import storage_of
from ..state import Address, TempPassword, User
from ..webhooks import events
from . import metadata

TEMP_PASSWORD_LIFETIME = timedelta(hours=24)

# request field -> User attribute, for the fields that are stored as given
_PLAIN_FIELDS = {
    "name": "name",
    "language": "language",
    "retention": "retention",
    "quota": "quota",
    "recipients": "recipients",
    "forwards": "forwards",
    "receivedMax": "received_max",
    "imapMaxUpload": "imap_max_upload",
    "imapMaxDownload": "imap_max_download",
    "pop3MaxDownload": "pop3_max_download",
    "pop3MaxMessages": "pop3_max_messages",
    "imapMaxConnections": "imap_max_connections",
    "spamLevel": "spam_level",
    "targets": "targets",
    "metaData": "meta_data",
    "internalData": "internal_data",
    "pubKey": "pub_key",
    "encryptMessages": "encrypt_messages",
    "encryptForwarded": "encrypt_forwarded",
    "uploadSentMessages": "upload_sent_messages",
    "disabled": "disabled",
    "suspended": "suspended",
}


def get_user(ctx: Context, user_id: str) -> User:
    user = ctx.state.users.get(user_id.lower())
    if user is None:
        user_not_found()
    return user


def create_user(ctx: Context, body: dict[str, Any]) -> User:
    state = ctx.state
    body = metadata.read_fields(body)
    username = body["username"].lower()
    mail.check_special_mailbox_names(body.get("language"), body.get("mailboxes") or {})
    if state.user_by_name(unameview(username)) is not None:
        fail(409, "This username already exists", "UserExistsError", username=username)
    if len(state.users) >= ctx.config.max_users:
        fail(403, f"This server holds at most {ctx.config.max_users} users", "UserLimitReached", username=username)
    address = "" if body.get("emptyAddress") else normalize_address(body.get("address") or _generated_address(ctx, username))
    if address and state.address_by_view(addrview(address)) is not None:
        fail(409, "This address already exists", "AddressExistsError", username=username)
    password = body.get("password") or ""
    user = User(
        id=ctx.object_id(),
        username=username,
        unameview=unameview(username),
        name=None,
        password_hash="",
        address=address,
        created=ctx.now,
        tags=clean_tags(body.get("tags") or []),
        from_whitelist=sorted({normalize_address(a) for a in body.get("fromWhitelist") or []}),
        disabled_scopes=sorted(set(body.get("disabledScopes") or [])),
    )
    _apply_plain_fields(user, body)
    stored = password_to_store(password, bool(body.get("hashedPassword")), ctx.random, username=username) if password else ""
    if password and body.get("requirePasswordChange"):
        user.temp_password = TempPassword(stored, ctx.now, ctx.now)
    elif password:
        user.password_hash = stored
    state.put_user(user)
    if address:
        tags = user.tags if body.get("addTagsToAddress") else []
        state.put_address(Address(ctx.object_id(), user.id, address, addrview(address), ctx.now, tags=list(tags)))
    mail.create_default_mailboxes(ctx, user, body.get("mailboxes") or {})
    log_event(ctx, user.id, "account created", result="success", sess=body.get("sess"), ip=body.get("ip"))
    events.publish(ctx, events.USER_CREATED, user=user.id, username=user.username, name=user.name, address=user.address)
    return user


def _generated_address(ctx: Context, username: str) -> str:
    """The username itself when it is an address, else ``username@<emailDomain>``."""
    local, at, domain = username.rpartition("@")
    if at and local and "." in domain:
        return username
    return f"{username.split('@')[0]}@{ctx.config.email_domain}"


def ensure_address_free(ctx: Context, address: str, except_id: str | None = None) -> None:
    """400 ``AddressExistsError``, as the real address routes answer, when another record
    (a user's address or a forwarded one) has this address."""
    holder = ctx.state.address_by_view(addrview(address))
    if holder is not None and holder.id != except_id:
        fail(400, "This email address already exists", "AddressExistsError")


def clean_tags(tags: list[str]) -> list[str]:
    """Trimmed, without case-insensitive duplicates, sorted ignoring case (as the real server)."""
    seen: set[str] = set()
    kept = []
    for tag in (t.strip() for t in tags):
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            kept.append(tag)
    return sorted(kept, key=str.lower)


def update_user(ctx: Context, user_id: str, body: dict[str, Any]) -> None:
    body = metadata.read_fields(body)  # input is checked before the user is looked up, as on the real server
    user = get_user(ctx, user_id)
    meta = {"sess": body.get("sess"), "ip": body.get("ip")}
    existing = body.get("existingPassword")
    if existing and user.password_hash and not check_password(existing, user.password_hash):
        log_event(ctx, user.id, "password change", result="fail", **meta)
        fail(403, "Password verification failed", "AuthFail")
    new_hash = password_to_store(body["password"], bool(body.get("hashedPassword")), ctx.random) if body.get("password") else ""
    _apply_plain_fields(user, body)
    if "tags" in body:
        user.tags = clean_tags(body["tags"])
    if "fromWhitelist" in body:
        user.from_whitelist = sorted({normalize_address(a) for a in body["fromWhitelist"]})
    if "disabledScopes" in body:
        user.disabled_scopes = sorted(set(body["disabledScopes"]))
    if body.get("disable2fa"):
        clear_2fa(user)
    if "password" in body:
        user.password_hash = new_hash
        user.temp_password = None
        log_event(ctx, user.id, "password change", result="success", **meta)
        events.publish(ctx, events.USER_PASSWORD_CHANGED, user=user.id)
    if "password" in body or body.get("suspended"):
        tokens.credentials_changed(ctx, user, keep_callers_token="password" in body)


def _apply_plain_fields(user: User, body: dict[str, Any]) -> None:
    for field_name, attribute in _PLAIN_FIELDS.items():
        if field_name in body:
            setattr(user, attribute, body[field_name])
    if body.get("name") == "":
        user.name = None


def clear_2fa(user: User) -> None:
    user.enabled2fa = []
    user.totp_seed = ""
    user.pending_totp_seed = ""
    user.pending_totp_changed = None
    user.webauthn_credentials = []


def reset_password(ctx: Context, user_id: str, body: dict[str, Any]) -> tuple[str, datetime]:
    """A temporary password for a day: it works for the master scope only and makes the next
    authentication answer ``requirePasswordChange: true``. 2FA is removed, as documented."""
    user = get_user(ctx, user_id)
    password = new_temporary_password(ctx.random)
    valid_after = parse_client_instant(body["validAfter"]) if body.get("validAfter") else ctx.now
    user.temp_password = TempPassword(hash_password(password, ctx.random), ctx.now, valid_after)
    clear_2fa(user)
    log_event(ctx, user.id, "reset", sess=body.get("sess"), ip=body.get("ip"))
    return password, valid_after


def usable_temp_password(ctx: Context, user: User) -> TempPassword | None:
    temp = user.temp_password
    if temp is None or temp.created <= ctx.now - TEMP_PASSWORD_LIFETIME:
        return None
    return temp


def recount_storage(ctx: Context, user_id: str) -> tuple[int, int]:
    """(new, previous) storage use: the sum of the user's stored message sizes."""
    user = get_user(ctx, user_id)
    previous = user.storage_used
    user.storage_used = storage_of(ctx, user.id)
    return user.storage_used, previous


def matches_listing(user: User, query: str | None, any_tags: list[str], all_tags: list[str]) -> bool:
    if query and query not in user.address and unameview(query) not in user.unameview:
        return False
    tags = set(user.tagsview)
    if all_tags and not set(all_tags) <= tags:
        return False
    return not any_tags or bool(tags & set(any_tags))


def split_tags(value: str | None) -> list[str]:
    return [tag for tag in dict.fromkeys(t.strip().lower() for t in (value or "").split(",")) if tag]
