"""Known-good values for a contract run (``POST /_mock/conformance/wildduck``).

One seeded user and its records are shared by every operation, so that a case naming them
reaches the success path. A call that uses a record up (deleting the user, a mailbox, a
message, a filter; restoring an archived message; turning 2FA off) gets a record of its own,
made here, keyed ``METHOD /path binding``: used up by its own operation, it can not take the
shared user's records away from the operations tested after it.

TOTP codes are the codes of the moment of preparing, checked in the real window (six
30-second steps either side); ``conform`` freezes the namespace's clock before it asks for
them, so they stay good until used, however long the run takes to reach them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from ...links import request_origin
from ...world import World
from .accounts import deletion
from .accounts.users import create_user
from .addresses import forwarded, user_addresses
from .asps import app_passwords
from .audit import audits
from .context import Context
from .dates import iso_ms
from .domains import access_lists, certificates
from .domains.store import TlsCert
from .mailstore import archive, filters, mailboxes, messages
from .mailstore.fakemail import fake_message
from .mailstore.mime import parse
from .state import User
from .storage import files
from .twofa import custom, totp, webauthn
from .twofa.soft_authenticator import SoftAuthenticator

Values = dict[str, list[str | int]]
PASSWORD = "Contract-run-password-1"


def conformance_values(world: World) -> Values:
    ctx = Context.of(world)
    entry = next((e for e in ctx.state.seeded if e["id"] in ctx.state.users), None)
    if entry is None:
        return {}
    user = ctx.state.users[entry["id"]]
    values: Values = {
        "path.userId": [user.id],
        "path.username": [user.username],
        "body.username": [entry["username"]],
        "body.password": [entry["password"]],
        "path.aspId": [asp.id for asp in ctx.state.asps_of(user.id)],
        "path.addressId": [address.id for address in ctx.state.addresses_of(user.id)],
        "path.eventId": [event.id for event in ctx.state.authlog.values() if event.user == user.id][:3],
        "query.query": [entry.address for entry in ctx.state.address_register.get(user.id, {}).values()][:3],
    }
    run = ctx.random.hex(6)  # names of this preparation's own records: preparing twice is fine
    values.update(_mail(ctx, user, run))
    values.update(_own_records(ctx, user, run))
    values.update(_two_factor(ctx, user, entry, run))
    values.update(_accounts(ctx, run))
    values.update(_webauthn(ctx, run))
    values.update(_server(ctx, user, run))
    return {key: items for key, items in values.items() if items}


def _mail(ctx: Context, user: User, run: str) -> Values:
    """INBOX and a message there with an attachment; other messages of its own for the calls
    that delete, move or archive one."""
    inbox = mailboxes.by_special_use(ctx, user.id, None)
    if inbox is None:
        return {}
    stored = sorted(ctx.state.mail.messages_in(inbox.id).values(), key=lambda m: m.uid)
    shown = next((m for m in stored if m.attachments), stored[0] if stored else None)
    if shown is None:
        return {}
    spare = [m for m in stored if m is not shown]
    values: Values = {
        "path.mailboxId": [inbox.id],
        "path.messageId": [str(shown.uid)],
        "path.attachmentId": [attachment.id for attachment in shown.attachments],
    }
    path = "/users/{userId}/mailboxes/{mailboxId}"
    own = {f"DELETE {path}/messages/{{messageId}}": spare[0:1], f"PUT {path}/messages/{{messageId}}": spare[1:2]}
    for label, chosen in own.items():
        values[f"{label} path.messageId"] = [str(m.uid) for m in chosen]
    sent = mailboxes.by_special_use(ctx, user.id, "\\Sent")
    archived = (spare[2:] + (list(ctx.state.mail.messages_in(sent.id).values()) if sent else []))[:3]
    for message in archived:
        archive.delete_message(ctx, user, message)
    for label, message in zip(("GET /users/{userId}/archived/{messageId}",
                               "POST /users/{userId}/archived/{messageId}/restore",
                               "POST /users/{userId}/archived/messages/{messageId}/restore"), archived):
        values[f"{label} path.messageId"] = [message.id]
    for label, name in ((f"PUT {path}", f"Contract run {run}/Rename me"), (f"DELETE {path}", f"Contract run {run}/Delete me")):
        values[f"{label} path.mailboxId"] = [mailboxes.create(ctx, user, {"path": name}).id]
    for method, name in (("PUT", "Update all"), ("DELETE", "Empty me")):  # the bulk calls: every message there
        values[f"{method} {path}/messages path.mailboxId"] = [_mailbox_with_a_message(ctx, user, f"Contract run {run}/{name}")]
    values[f"PUT {path}/messages body.message"] = ["1"]  # the uid of that mailbox's message
    return values


def _mailbox_with_a_message(ctx: Context, user: User, name: str) -> str:
    """A new mailbox holding one new message (uid 1), stored as delivered mail is."""
    mailbox = mailboxes.create(ctx, user, {"path": name})
    other = ("Contract run", f"contract@{ctx.config.email_domain}")
    raw = fake_message(ctx.random, sender=other, to=(user.name or "", user.address), date=ctx.now)
    messages.store(ctx, user, mailbox, raw, parse(raw), messages.Arrival(envelope_from=other[1], envelope_to=[user.address]))
    return mailbox.id


def _own_records(ctx: Context, user: User, run: str) -> Values:
    """A filter, a stored file, an application password, an address and a domain listing
    for reading, and one of each for deleting."""
    def filter_id() -> str:
        return filters.create(ctx, user.id, {"name": "Contract run", "query": {"from": "contract"},
                                             "action": {"seen": True}}).id

    def file_id() -> str:
        return files.add(ctx, user, {"filename": "contract.txt", "contentType": "text/plain", "content": "hello"}).id

    def asp_id() -> str:
        return app_passwords.create(ctx, user.id, {"description": "Contract run", "scopes": ["imap"]})["id"]

    domain = ctx.config.email_domain
    alias = user_addresses.add(ctx, user.id, {"address": f"contract.{run}@{domain}"})
    return {
        "path.filterId": [filter_id()],
        "path.fileId": [file_id()],
        "DELETE /users/{userId}/filters/{filterId} path.filterId": [filter_id()],
        "DELETE /users/{userId}/storage/{fileId} path.fileId": [file_id()],
        "DELETE /users/{userId}/asps/{aspId} path.aspId": [asp_id()],
        "DELETE /users/{userId}/addresses/{addressId} path.addressId": [alias.id],
        "DELETE /domainaccess/{listingId} path.listingId": [access_lists.add(ctx, f"contract-{run}", domain, "allow").id],
    }


def _two_factor(ctx: Context, user: User, entry: dict[str, Any], run: str) -> Values:
    """The shared user's TOTP code for ``check``; users of their own for turning 2FA off, for
    enabling TOTP (with a pending secret and its code) and for ``setup``, which replaces the
    pending secret of whichever user it is given (fed ids seen in earlier answers, it could
    pick the enabling user's and make that code wrong)."""
    values: Values = {}
    if entry.get("totpSeed"):
        values["POST /users/{userId}/2fa/totp/check body.token"] = [totp.current_code(entry["totpSeed"], ctx)]
    with_totp = _new_user(ctx, f"contract.totp.off.{run}")
    totp.enable(ctx, with_totp.id, {"token": totp.current_code(totp.pending_seed(ctx, with_totp), ctx)})
    with_custom, with_both = _new_user(ctx, f"contract.custom.off.{run}"), _new_user(ctx, f"contract.2fa.off.{run}")
    for user_2fa in (with_custom, with_both):
        custom.enable(ctx, user_2fa.id, {})
    enabling = _new_user(ctx, f"contract.totp.on.{run}")
    values.update({
        "DELETE /users/{userId}/2fa/totp path.userId": [with_totp.id],
        "DELETE /users/{userId}/2fa path.userId": [with_both.id],
        "DELETE /users/{userId}/2fa/custom path.userId": [with_custom.id],
        "POST /users/{userId}/2fa/totp/enable path.userId": [enabling.id],
        "POST /users/{userId}/2fa/totp/setup path.userId": [_new_user(ctx, f"contract.totp.setup.{run}").id],
        "POST /users/{userId}/2fa/totp/enable body.token": [totp.current_code(totp.pending_seed(ctx, enabling), ctx)],
    })
    return values


def _accounts(ctx: Context, run: str) -> Values:
    """A user to delete, deleted users (restorable for a week) to look at and restore, and a
    user for the password reset, which also turns the user's 2FA off: given the shared user,
    it would make the ``totp/check`` code useless."""
    doomed = _new_user(ctx, f"contract.delete.{run}")
    restorable = [_new_user(ctx, f"contract.restore{n}.{run}") for n in (1, 2)]
    for user in restorable:
        deletion.delete(ctx, user.id, ctx.now + timedelta(days=7), {})
    return {
        "DELETE /users/{userId} path.userId": [doomed.id],
        "GET /users/{userId}/restore path.userId": [restorable[0].id],
        "POST /users/{userId}/restore path.userId": [restorable[1].id],
        "POST /users/{userId}/password/reset path.userId": [_new_user(ctx, f"contract.reset.{run}").id],
    }


def _webauthn(ctx: Context, run: str) -> Values:
    """A user's security key answering a registration challenge, another user's registered
    key answering an authentication challenge, a third one's key to remove: real signatures, made by the
    software authenticator the tests use, over challenges this namespace handed out."""
    origin = f"https://{ctx.config.webauthn_rp_id}"
    path = "POST /users/{userId}/2fa/webauthn"
    registering, registered = _new_user(ctx, f"contract.webauthn.new.{run}"), _new_user(ctx, f"contract.webauthn.{run}")
    request = {"origin": origin, "description": "Contract run"}
    attestation = SoftAuthenticator.seeded(ctx.random.rng, origin).create(webauthn.registration_options(ctx, registering.id, request))
    key = SoftAuthenticator.seeded(ctx.random.rng, origin)
    webauthn.register(ctx, registered.id, key.create(webauthn.registration_options(ctx, registered.id, request)))
    assertion = key.get(webauthn.authentication_options(ctx, registered.id, {"origin": origin}))
    owner = _new_user(ctx, f"contract.webauthn.off.{run}")
    webauthn.register(ctx, owner.id, SoftAuthenticator.seeded(ctx.random.rng, origin).create(
        webauthn.registration_options(ctx, owner.id, request)))
    values: Values = {
        "DELETE /users/{userId}/2fa/webauthn/credentials/{credentialId} path.userId": [owner.id],
        "DELETE /users/{userId}/2fa/webauthn/credentials/{credentialId} path.credentialId":
            [credential.id for credential in owner.webauthn_credentials],
        f"{path}/registration-attestation path.userId": [registering.id],
        f"{path}/authentication-challenge path.userId": [registered.id],
        f"{path}/authentication-assertion path.userId": [registered.id],
    }
    values.update({f"{path}/registration-attestation body.{name}": [value] for name, value in attestation.items()})
    values.update({f"{path}/authentication-assertion body.{name}": [value] for name, value in assertion.items()})
    return values


def _server(ctx: Context, user: User, run: str) -> Values:
    """An audit of the shared user (and what a new one needs: an expiry in the future), a
    forwarded address to delete, and an ACME challenge open for the host this run talks to
    (``GET /.well-known/acme-challenge/{token}`` answers for the request's ``Host``).

    The challenge lives on that host's certificate record, so ``DELETE /certs/{certId}`` gets
    a record of its own: given the ids of earlier ``GET /certs`` answers instead, it deleted
    the host's record, and the challenge with it, before the challenge was asked for."""
    expires = ctx.now + timedelta(days=30)
    audit = audits.create(ctx, user.id, None, None, expires)
    doomed = forwarded.create(ctx, {"address": f"contract.forwarded.{run}@{ctx.config.email_domain}",
                                    "targets": [f"contract.{run}@example.com"]})
    host = urlsplit(request_origin()).hostname or "localhost"
    challenge = _acme_record(ctx, host).challenge
    return {
        "POST /audit body.user": [user.id],
        "POST /audit body.expires": [iso_ms(expires)],
        "GET /audit/{auditId} path.auditId": [audit.id],
        "GET /audit/{auditId}/export.mbox path.auditId": [audit.id],
        "DELETE /addresses/forwarded/{addressId} path.addressId": [doomed.id],
        "GET /.well-known/acme-challenge/{token} path.token": [challenge.token] if challenge else [],
        "DELETE /certs/{certId} path.certId": [_acme_record(ctx, f"contract-{run}.{ctx.config.email_domain}").id],
    }


def _acme_record(ctx: Context, servername: str) -> TlsCert:
    """A certificate record an ACME client keeps for ``servername``, its challenge open."""
    certificates.set_cert(ctx, {"servername": servername, "acme": True})
    return certificates.resolve(ctx, servername)


def _new_user(ctx: Context, username: str) -> User:
    return create_user(ctx, {"username": username, "password": PASSWORD, "name": "Contract run"})
