"""Inbound delivery, as the real server's LMTP side does it: find the users behind the
recipient addresses, run each one's filters, store, then forward and autoreply.

Synchronous and free of I/O: what must be sent (forwards, autoreplies) comes back as
:class:`Outgoing` mail for the caller to put in the outbox once the state change is done.
Forwards carry the chain of users that forwarded them (``X-WildDuck-Forwarded-By``), so a
forward never comes back to a user already in the chain: forwarding loops end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..addresses.addressing import addrview
from ..addresses.forward_limit import take_forwards
from ..addresses.resolution import resolve
from ..context import Context
from ..dates import iso_ms
from ..domains.access_lists import spam_verdict
from ..state import ForwardedAddress, User
from . import autoreply, filters, journal, mailboxes, messages
from .mime import ParsedMessage, parse

FORWARDED_BY = "X-WildDuck-Forwarded-By"
MAX_FORWARD_HOPS = 5


@dataclass
class Outgoing:
    kind: str
    """"forward" or "autoreply"."""
    sender: tuple[str, str]
    to: list[tuple[str, str]]
    subject: str
    text: str
    html: str | None
    headers: dict[str, str]


@dataclass
class DeliveryResult:
    delivered: list[str] = field(default_factory=list)
    """The recipient addresses taken (stored, or dropped on purpose by a filter)."""
    outgoing: list[Outgoing] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    """Address -> why it was not taken (over quota, too large...)."""


def deliver(ctx: Context, raw: str, recipients: list[str], *, envelope_from: str | None = None) -> DeliveryResult:
    result = DeliveryResult()
    owners, forwarded = _owners(ctx, recipients)
    if not owners and not forwarded:
        return result
    parsed = parse(raw)
    size = len(raw.encode("utf-8", "surrogateescape"))
    sender = envelope_from if envelope_from is not None else (parsed.sender.address if parsed.sender else "")
    messages.expire_due(ctx)
    for user, addresses in owners:
        refusal = _refusal(ctx, user, size)
        if refusal:
            result.refused.update({address: refusal for address in addresses})
            continue
        result.delivered += addresses
        _deliver_to(ctx, user, raw, parsed, size, sender, addresses, result)
    for record, addresses in forwarded:
        _forward_address(ctx, record, parsed, addresses, result)
    return result


def _deliver_to(ctx: Context, user: User, raw: str, parsed: ParsedMessage, size: int, sender: str,
                addresses: list[str], result: DeliveryResult) -> None:
    action = filters.combined_action(ctx, user.id, parsed, size)
    listed = spam_verdict(ctx, user, parsed.sender.address if parsed.sender else None)
    if listed is not None:
        action.spam = listed
    forwards = _forwards(ctx, user, parsed, action.targets)
    if not action.delete:
        target = _target_mailbox(ctx, user, action)
        arrival = messages.Arrival(seen=bool(action.seen), flagged=bool(action.flag), envelope_from=sender,
                                   envelope_to=addresses, source="MX")
        stored = messages.store(ctx, user, target, raw, parsed, arrival)
        stored.events += [{"action": "FORWARD", "from": sender, "to": [f.to[0][1]], "time": iso_ms(ctx.now)} for f in forwards]
        journal.counters(ctx, user.id, {target.id})
    result.outgoing += forwards
    if not action.spam:
        reply = autoreply.reply_for(ctx, user, parsed, _own_addresses(ctx, user))
        if reply is not None:
            result.outgoing.append(Outgoing("autoreply", reply.sender, [reply.to], reply.subject, reply.text, reply.html, reply.headers))


def _owners(ctx: Context, recipients: list[str]) -> tuple[list[tuple[User, list[str]]], list[tuple[ForwardedAddress, list[str]]]]:
    """User -> the recipient addresses that are theirs (one copy per user, as LMTP does), and
    forwarded address -> the recipients that reached it. One index lookup per recipient
    (a few more for wildcard addresses: see addresses/resolution.py)."""
    owners: dict[str, list[str]] = {}
    forwarded: dict[str, tuple[ForwardedAddress, list[str]]] = {}
    for recipient in dict.fromkeys(r.strip() for r in recipients if r and "@" in r):
        record = resolve(ctx, recipient, wildcard=True)
        if isinstance(record, ForwardedAddress):
            forwarded.setdefault(record.id, (record, []))[1].append(recipient)
        elif record is not None and record.user in ctx.state.users:
            owners.setdefault(record.user, []).append(recipient)
    return [(ctx.state.users[user_id], addresses) for user_id, addresses in owners.items()], list(forwarded.values())


def _forward_address(ctx: Context, record: ForwardedAddress, parsed: ParsedMessage, addresses: list[str],
                     result: DeliveryResult) -> None:
    """Mail to a forwarded address goes on to each of its address targets (relay and HTTP
    targets are kept but not contacted), within its daily limit, unless forwarding is off or
    the message already went through this address (a loop)."""
    if record.forwarded_disabled:
        result.refused.update({address: "Forwarding is disabled for this address" for address in addresses})
        return
    chain = _chain(parsed)
    targets = [t.value for t in record.targets if t.type == "mail" and addrview(t.value) not in {addrview(a) for a in chain}]
    if record.address in chain or len(chain) >= MAX_FORWARD_HOPS:
        targets = []
    if targets and not take_forwards(ctx, record, len(targets)):
        result.refused.update({address: "Daily forwarding limit reached for this address" for address in addresses})
        return
    result.delivered += addresses
    if not targets:
        return
    sender = (parsed.sender.name, parsed.sender.address) if parsed.sender else ("", record.address)
    headers = {FORWARDED_BY: ", ".join([*chain, record.address])}
    html = "\n".join(parsed.html) or None
    result.outgoing += [Outgoing("forward", sender, [("", target)], parsed.subject, parsed.text, html, headers) for target in targets]


def _chain(parsed: ParsedMessage) -> list[str]:
    """The addresses a message was already forwarded by (``X-WildDuck-Forwarded-By``)."""
    return [a.strip() for a in parsed.headers.get(FORWARDED_BY.lower(), "").split(",") if a.strip()]


def _refusal(ctx: Context, user: User, size: int) -> str | None:
    if size > ctx.config.max_message_size:
        return f"Message is larger than {ctx.config.max_message_size} bytes"
    allowed = user.quota or ctx.config.max_storage
    if user.storage_used + size > allowed:
        return "User is over quota"
    if user.disabled or user.suspended:
        return "Mailbox disabled"
    return None


def _target_mailbox(ctx: Context, user: User, action: filters.FilterAction):
    if action.spam:
        junk = mailboxes.by_special_use(ctx, user.id, "\\Junk")
        if junk is not None:
            return junk
    if action.mailbox and action.mailbox in ctx.state.mail.mailboxes:
        return ctx.state.mail.mailboxes[action.mailbox]
    inbox = mailboxes.by_special_use(ctx, user.id, None)
    return inbox if inbox is not None else mailboxes.create(ctx, user, {"path": mailboxes.INBOX})


def _forwards(ctx: Context, user: User, parsed: ParsedMessage, targets: list[str]) -> list[Outgoing]:
    chain = _chain(parsed)
    own = _own_addresses(ctx, user)
    if len(chain) >= MAX_FORWARD_HOPS or any(addrview(a) in own for a in chain):
        return []
    sender = (parsed.sender.name, parsed.sender.address) if parsed.sender else ("", user.address)
    headers = {FORWARDED_BY: ", ".join([*chain, user.address])}
    return [
        Outgoing("forward", sender, [("", target)], parsed.subject, parsed.text, "\n".join(parsed.html) or None, headers)
        for target in targets
        if "@" in target and "://" not in target and addrview(target) not in own
    ]


def _own_addresses(ctx: Context, user: User) -> set[str]:
    views = {a.addrview for a in ctx.state.addresses_of(user.id)}
    return views | ({addrview(user.address)} if user.address else set())
