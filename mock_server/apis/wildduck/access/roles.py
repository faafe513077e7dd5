"""What a user token may do: the real server's role ``user`` (``config/roles.json``) applied
to the operations this mock serves.

- Every ``/users/{user}/...`` operation is ``:own``: allowed on the token's own user (or
  ``me``), 403 ``MissingPrivileges`` on any other id, existing or not.
  That includes upload, submit, forward, outbound cancel (``messages``) and the file
  storage routes (``storage``): the role has ``create/read/update/delete:own`` on both.
- Creating or deleting users, resetting a password, ``POST /authenticate`` and
  ``POST /preauth`` need ``:any`` rights the role lacks (``users:create:any``,
  ``authentication:create:any``...): 403 on the token's own user too.
- Authentication and 2FA on the own user are allowed as in the real routes: the auth log
  (``authentication:read:own``), TOTP, custom 2FA and WebAuthn registration and removal
  (``users:update:own``; TOTP check and the credential list ``users:read:own``), WebAuthn
  login (``authentication:create:own``), application passwords (``asps:*:own``).
  ``DELETE /authenticate`` checks no role.
  Every domain alias, DKIM, certificate, domain access and settings route needs rights the
  role lacks too.
- The user and address listings shrink to the token's own records (the handlers do that).
- Some fields are hidden from the role: dropped from its request bodies without a word and
  left out of the answers (``!tags``, ``!disabledScopes``, ``!internalData``).
"""

from __future__ import annotations

from typing import Any

from ..errors import fail
from .caller import Caller

ROOT_ONLY = frozenset({
    "accounts.handlers.create_user",
    "accounts.handlers.delete_user",
    "accounts.handlers.reset_password",
    "auth.handlers.authenticate",
    # users.js and addresses.js routes that need ``:any`` rights (or the export role)
    "accounts.handlers.resolve_user",
    "accounts.handlers.reset_quota_all",
    "accounts.handlers.export_data",
    "accounts.handlers.import_data",
    "addresses.handlers.create_forwarded",
    "addresses.handlers.get_forwarded",
    "addresses.handlers.update_forwarded",
    "addresses.handlers.delete_forwarded",
    "addresses.handlers.resolve_address",
    "addresses.handlers.rename_domain",
    "auth.handlers.preauth",
    # the real role ``user`` has only ``read:own`` on webhooks (listing narrows to its own)
    "webhooks.handlers.create_webhook",
    "webhooks.handlers.delete_webhook",
    # the real role ``user`` has no ``audit`` rights
    "audit.handlers.create_audit",
    "audit.handlers.get_audit",
    "audit.handlers.export_audit",
}) | frozenset({
    # domainaliases, dkim, certs, domainaccess, settings: the role `user` has no rights on
    # them at all (health has no role check; the ACME challenge asks for no token)
    f"domains.handlers.{module}.{name}" for module, names in {
        "aliases": ("list_domain_aliases", "create_domain_alias", "resolve_domain_alias", "get_domain_alias", "delete_domain_alias"),
        "dkim": ("list_dkim_keys", "update_dkim_key", "resolve_dkim", "get_dkim_key", "delete_dkim_key"),
        "certs": ("list_certs", "update_cert", "resolve_cert", "get_cert", "delete_cert"),
        "access": ("allow_domain", "block_domain", "list_allowed_domains", "list_blocked_domains", "delete_domain_listing"),
    }.items() for name in names
}) | frozenset(f"server.handlers.{name}" for name in ("list_settings", "create_setting", "get_setting"))

_USER_HIDDEN = ("tags", "disabledScopes", "internalData")
_ADDRESS_HIDDEN = ("internalData",)
HIDDEN_FIELDS: dict[str, tuple[str, ...]] = {
    "accounts.handlers.list_users": _USER_HIDDEN,
    "accounts.handlers.get_user": _USER_HIDDEN,
    "accounts.handlers.update_user": _USER_HIDDEN,
    "accounts.handlers.get_restore_info": _USER_HIDDEN,
    "addresses.handlers.search_addresses": _ADDRESS_HIDDEN,
    "addresses.handlers.list_user_addresses": _ADDRESS_HIDDEN,
    "addresses.handlers.get_user_address": _ADDRESS_HIDDEN,
    "addresses.handlers.add_user_address": _ADDRESS_HIDDEN,
    "addresses.handlers.update_user_address": _ADDRESS_HIDDEN,
}

def authorize(caller: Caller, operation: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The handler's arguments with hidden fields dropped; raises 403 ``MissingPrivileges``
    for what the role may not do. (``me`` is already the user's id: see me.py.)"""
    user_id = kwargs.get("user_id")
    if caller.is_root:
        return kwargs
    if operation in ROOT_ONLY or (user_id is not None and not caller.may_touch(user_id)):
        fail(403, "Not enough privileges", "MissingPrivileges")
    body = kwargs.get("body")
    if isinstance(body, dict) and operation in HIDDEN_FIELDS:
        kwargs = {**kwargs, "body": _without(body, HIDDEN_FIELDS[operation])}
    return kwargs


def filter_answer(caller: Caller, operation: str, body: Any) -> Any:
    """The answer without the fields the caller's role may not read (top level and listed
    ``results``)."""
    hidden = () if caller.is_root else HIDDEN_FIELDS.get(operation, ())
    if not hidden or not isinstance(body, dict):
        return body
    answer = _without(body, hidden)
    if isinstance(answer.get("results"), list):
        answer["results"] = [_without(item, hidden) if isinstance(item, dict) else item for item in answer["results"]]
    return answer


def _without(record: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in fields}
