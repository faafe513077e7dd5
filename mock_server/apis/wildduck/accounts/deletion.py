"""Deleting a user the way the real server does: the account leaves the registry at once
(its username and addresses are free for others from that moment) but its data stays until
``deleteAfter`` on the namespace clock, and until then ``POST /users/{user}/restore`` brings
it back with every address nobody has taken since.

The real server's delayed ``user-delete`` task is the :class:`~..state.DeletedUser` record;
it is carried out lazily (when the user's restore routes are asked, or another user is
deleted), which no client can tell apart from a task that ran on time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..addresses.addressing import addrview
from ..auth.authlog import log_event
from ..context import Context
from ..dates import iso_ms
from ..errors import fail, user_not_found
from ..state import DeletedUser
from ..webhooks import events


def delete(ctx: Context, user_id: str, delete_after: datetime, meta: dict[str, Any]) -> tuple[DeletedUser, int]:
    """Move the account out of the registry; answers the kept record and how many addresses
    left with it. A second delete of a pending one moves its ``deleteAfter`` and keeps its
    task, as the real server's delayed task does."""
    state = ctx.state
    pending = state.deleted_users.get(user_id)
    user = state.drop_user(user_id)
    if user is None:
        if pending is None:
            user_not_found()
        pending.delete_after = delete_after
        purge_due(ctx)
        return pending, 0
    addresses = state.addresses_of(user.id)
    for address in addresses:
        state.drop_address(address)
    record = DeletedUser(user=user, addresses=addresses, main_address=user.address, deleted=ctx.now,
                         delete_after=delete_after, task=pending.task if pending else ctx.object_id())
    state.deleted_users[user.id] = record
    log_event(ctx, user.id, "delete user", result="success", **meta)
    events.publish(ctx, events.USER_DELETE_STARTED, user=user.id, result=_result(record, len(addresses)))
    purge_due(ctx)  # with no deleteAfter in the future, the data goes at once
    return record, len(addresses)


def pending(ctx: Context, user_id: str) -> DeletedUser:
    """The deleted account still kept, or 404 ``AccountNotFound`` as the real server says."""
    record = ctx.state.deleted_users.get(user_id)
    if record is not None and record.delete_after <= ctx.now:
        ctx.state.forget_user(user_id)
        record = None
    if record is None:
        fail(404, "Deleted account was not found", "AccountNotFound")
    return record


def recoverable(ctx: Context, record: DeletedUser) -> list[str]:
    """The kept addresses that nobody else holds now."""
    kept = []
    for address in record.addresses:
        holder = ctx.state.address_by_view(address.addrview)
        if holder is None or getattr(holder, "user", None) == record.user.id:
            kept.append(address.address)
    return kept


def restore(ctx: Context, user_id: str, meta: dict[str, Any]) -> dict[str, Any]:
    """Put the account back; answers what the real server's ``addresses`` says (how many came
    back, and the main address: the old one if it came back, else the first that did)."""
    state = ctx.state
    if user_id in state.users:
        fail(400, "Account was already restored", "AccountFound")
    record = pending(ctx, user_id)
    user = record.user
    if state.user_by_name(user.unameview) is not None:
        fail(400, "Account was already restored", "AccountFound")  # the username was taken meanwhile
    del state.deleted_users[user_id]
    user.address = ""
    state.put_user(user)
    recovered = []
    for address in record.addresses:
        if state.address_by_view(addrview(address.address)) is None:
            state.put_address(address)
            recovered.append(address.address)
    answer: dict[str, Any] = {"recovered": len(recovered)}
    main = record.main_address if record.main_address in recovered else (recovered[0] if recovered else None)
    if main:
        user.address = answer["main"] = main
    log_event(ctx, user.id, "restore user", result="success", **meta)
    events.publish(ctx, events.USER_DELETE_CANCELLED, user=user.id, result={"task": record.task, "addresses": answer})
    return {"task": record.task, "addresses": answer}


def purge_due(ctx: Context) -> None:
    """Carry out the deletions whose time has come."""
    for user_id, record in [(uid, r) for uid, r in ctx.state.deleted_users.items() if r.delete_after <= ctx.now]:
        ctx.state.forget_user(user_id)
        events.publish(ctx, events.USER_DELETE_COMPLETED, user=user_id, result=_result(record, len(record.addresses)))


def _result(record: DeletedUser, addresses: int) -> dict[str, Any]:
    """The real ``result`` of a user deletion, as its webhook events carry it."""
    return {"user": record.user.id, "addresses": {"deleted": addresses}, "deleteAfter": iso_ms(record.delete_after),
            "task": record.task}
