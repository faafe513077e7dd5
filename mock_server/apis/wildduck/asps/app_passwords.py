"""Application specific passwords: 16 letters, shown once, limited to imap, pop3 and/or smtp.

A password made with ``ttl`` is temporary: it lives ``ttl`` seconds from its creation and
from each use, on the namespace clock, and is then gone (the real server leaves it to a
MongoDB TTL index); listings skip temporary ones unless ``showAll`` is asked.

With ``generateMobileconfig`` the answer also carries an Apple configuration profile
(base64 of a ``.mobileconfig`` plist) that sets up Mail on macOS and iOS with the new
password. The real server signs the profile; the mock's is unsigned (Apple devices accept
it and show it as "Not Signed").
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

from ....lazy_module import lazy
from ..accounts.users import get_user
from ..addresses.addressing import addrview
from ..auth.authlog import log_event
from ..auth.passwords import hash_password, new_app_password
from ..context import Context
from ..dates import iso_ms
from ..errors import fail, invalid_input
from ..state import AppPassword, User
from ..webhooks import events

plistlib = lazy("plistlib")
"""Imported by the first profile made (with the XML parser behind it), not by every start."""

SCOPES = ["imap", "pop3", "smtp"]
ORGANIZATION = "WildDuck Mail Server"
PORTS = {"imap": (993, True), "pop3": (995, True), "smtp": (465, True)}


def create(ctx: Context, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    user = get_user(ctx, user_id)
    scopes = _normalize_scopes(_scope_list(body.get("scopes") or ["*"]))
    account_name, account_address = _profile_identity(ctx, user, body.get("address"))
    if len(live(ctx, user.id)) >= ctx.config.max_asps_per_user:
        fail(403, f"A user may hold at most {ctx.config.max_asps_per_user} application passwords", "TooManyAsps")
    password = body.get("password") or new_app_password(ctx.random)
    asp = AppPassword(ctx.object_id(), user.id, body["description"].strip(), scopes, hash_password(password, ctx.random), ctx.now)
    if body.get("ttl"):
        asp.ttl = body["ttl"]
        asp.expires = ctx.now + timedelta(seconds=asp.ttl)
    ctx.state.asps[asp.id] = asp
    log_event(ctx, user.id, "create asp", asp=asp.id, aname=asp.description, temporary=bool(asp.ttl), result="success",
              protocol="API", sess=body.get("sess"), ip=body.get("ip"))
    events.publish(ctx, events.ASP_CREATED, user=user.id, asp=asp.id, description=asp.description)
    answer: dict[str, Any] = {"success": True, "id": asp.id, "password": password}
    if body.get("generateMobileconfig"):
        profile = _mobileconfig(ctx, user, asp, password, account_name, account_address)
        answer.update(name=account_name, address=account_address, mobileconfig=base64.b64encode(profile).decode())
    return answer


def get(ctx: Context, user_id: str, asp_id: str, *, missing: str = "Invalid or unknown ASP key") -> AppPassword:
    """Looked up by (user, id) as on the real server: an unknown user is ``AspNotFound`` too.
    ``missing`` is the real text, which differs between reading and deleting."""
    asp = ctx.state.asps.get(asp_id.lower())
    if asp is None or asp.user != user_id.lower() or _expired(ctx, asp):
        fail(404, missing, "AspNotFound")
    return asp


def live(ctx: Context, user_id: str) -> list[AppPassword]:
    """The user's passwords, temporary ones that ran out dropped on the way."""
    asps = ctx.state.asps_of(user_id)
    for asp in [asp for asp in asps if _expired(ctx, asp)]:
        del ctx.state.asps[asp.id]
    return [asp for asp in asps if asp.id in ctx.state.asps]


def mark_used(ctx: Context, asp: AppPassword, event: str, ip: str | None) -> None:
    """A use; a temporary password lives ``ttl`` seconds from now on."""
    asp.used, asp.auth_event, asp.auth_ip = ctx.now, event, ip
    if asp.ttl:
        asp.expires = ctx.now + timedelta(seconds=asp.ttl)


def _expired(ctx: Context, asp: AppPassword) -> bool:
    return asp.expires is not None and asp.expires <= ctx.now


def delete(ctx: Context, user_id: str, asp_id: str, meta: dict[str, Any]) -> None:
    asp = get(ctx, user_id, asp_id, missing="Application Specific Password was not found")
    del ctx.state.asps[asp.id]
    log_event(ctx, asp.user, "delete asp", asp=asp.id, aname=asp.description, result="success", **meta)
    events.publish(ctx, events.ASP_DELETED, user=asp.user, asp=asp.id, description=asp.description)


def view(asp: AppPassword, *, with_expiry: bool = False) -> dict[str, Any]:
    """``expires`` only in listings: the real single read never shows it (it reads the
    field from the path parameter)."""
    last_use = {"time": iso_ms(asp.used), "event": asp.auth_event} if asp.used else {}
    answer = {
        "id": asp.id,
        "description": asp.description,
        "scopes": list(SCOPES) if "*" in asp.scopes else asp.scopes,
        "lastUse": last_use,
        "created": iso_ms(asp.created),
    }
    if with_expiry and asp.expires is not None:
        answer["expires"] = iso_ms(asp.expires)
    return answer


def _scope_list(scopes: list[str] | str) -> list[str]:
    """The real server also takes ``"imap, smtp"``: split at commas, trimmed, empties
    dropped, then checked like an array (a repeated scope is invalid input)."""
    if isinstance(scopes, list):
        return scopes
    listed = [scope.strip() for scope in scopes.split(",") if scope.strip()]
    for position, scope in enumerate(listed):
        if scope in listed[:position]:
            invalid_input(f"scopes,{position}", f'"scopes[{position}]" contains a duplicate value')
    return listed


def _normalize_scopes(scopes: list[str]) -> list[str]:
    if "*" in scopes or set(scopes) >= set(SCOPES):
        return ["*"]
    return sorted(set(scopes))


def _profile_identity(ctx: Context, user: User, address: str | None) -> tuple[str, str]:
    if not address:
        return user.name or "", user.address
    record = next((a for a in ctx.state.addresses_of(user.id) if a.addrview == addrview(address)), None)
    if record is None:
        fail(404, "Invalid or unknown address", "AddressNotFound")
    return record.name or user.name or "", record.address


def _mobileconfig(ctx: Context, user: User, asp: AppPassword, password: str, name: str, address: str) -> bytes:
    incoming = "imap" if "*" in asp.scopes or "imap" in asp.scopes else "pop3"
    host = ctx.config.mail_hostname
    identifier = f"{_reverse_domain(host)}.wildduck.{user.id}"
    account = {
        "PayloadType": "com.apple.mail.managed",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier + ".mail",
        "PayloadUUID": ctx.random.uuid4().upper(),
        "PayloadDisplayName": "Email Account",
        "PayloadDescription": "Configures email account",
        "PayloadOrganization": ORGANIZATION,
        "EmailAccountDescription": address,
        "EmailAccountName": name,
        "EmailAccountType": "EmailTypeIMAP" if incoming == "imap" else "EmailTypePOP",
        "EmailAddress": address,
        "IncomingMailServerAuthentication": "EmailAuthPassword",
        "IncomingMailServerHostName": host,
        "IncomingMailServerPortNumber": PORTS[incoming][0],
        "IncomingMailServerUseSSL": PORTS[incoming][1],
        "IncomingMailServerUsername": address,
        "IncomingPassword": password,
        "OutgoingPasswordSameAsIncomingPassword": True,
        "OutgoingMailServerAuthentication": "EmailAuthPassword",
        "OutgoingMailServerHostName": host,
        "OutgoingMailServerPortNumber": PORTS["smtp"][0],
        "OutgoingMailServerUseSSL": PORTS["smtp"][1],
        "OutgoingMailServerUsername": address,
        "PreventMove": False,
        "PreventAppSheet": False,
        "SMIMEEnabled": False,
        "allowMailDrop": True,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier,
        "PayloadUUID": ctx.random.uuid4().upper(),
        "PayloadDisplayName": asp.description,
        "PayloadDescription": f"Mail account {address}",
        "PayloadOrganization": ORGANIZATION,
        "PayloadContent": [account],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=False)


def _reverse_domain(host: str) -> str:
    return ".".join(reversed(host.split("."))) if "." in host else f"local.{host}"
