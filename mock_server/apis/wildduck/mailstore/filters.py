"""Message filters: stored rules that delivery applies to incoming mail.

Two request shapes are taken, so clients of either work: the seed's flat keys
(``query_from``, ``action_seen``, ``action_forward``...) and the real server's nested
objects (``query: {from}``, ``action: {seen, targets}``). An empty string clears a key on
update. All matching filters apply, in creation order; a later one's action wins a key.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any
from urllib.parse import urlsplit

from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from . import mailboxes
from .mime import ParsedMessage
from .records import Filter, FilterAction

# request key (flat form) -> (part, attribute); the nested form uses the part's own keys
QUERY_KEYS = {"from": "sender", "to": "to", "subject": "subject", "text": "text", "ha": "ha", "size": "size"}
ACTION_KEYS = {"seen": "seen", "flag": "flag", "delete": "delete", "spam": "spam", "mailbox": "mailbox"}


def create(ctx: Context, user_id: str, body: dict[str, Any]) -> Filter:
    if len(of_user(ctx, user_id)) >= ctx.config.max_filters_per_user:
        fail(403, f"A user may have at most {ctx.config.max_filters_per_user} filters", "FilterLimitReached")
    record = Filter(id=ctx.object_id(), user=user_id, created=ctx.now)
    _apply(ctx, record, body)
    ctx.state.mail.filters[record.id] = record
    return record


def update(ctx: Context, user_id: str, filter_id: str, body: dict[str, Any]) -> None:
    _apply(ctx, get(ctx, user_id, filter_id), body)


def delete(ctx: Context, user_id: str, filter_id: str) -> None:
    del ctx.state.mail.filters[get(ctx, user_id, filter_id).id]


def get(ctx: Context, user_id: str, filter_id: str) -> Filter:
    record = ctx.state.mail.filters.get(filter_id.lower())
    if record is None or record.user != user_id:
        fail(404, "This filter does not exist", "FilterNotFound")
    return record


def of_user(ctx: Context, user_id: str) -> list[Filter]:
    return sorted((f for f in ctx.state.mail.filters.values() if f.user == user_id), key=lambda f: f.id)


def _apply(ctx: Context, record: Filter, body: dict[str, Any]) -> None:
    """Set what the body names; ``""`` (or null) clears. Checked first, then applied, so a
    refused request changes nothing."""
    query = {**{k: body[f"query_{k}"] for k in QUERY_KEYS if f"query_{k}" in body}, **_known(body.get("query"), QUERY_KEYS)}
    action = {**{k: body[f"action_{k}"] for k in ACTION_KEYS if f"action_{k}" in body}, **_known(body.get("action"), ACTION_KEYS)}
    targets = _targets(body)
    if action.get("mailbox"):
        action["mailbox"] = mailboxes.get(ctx, record.user, action["mailbox"]).id
    if "name" in body:
        record.name = body["name"] or None
    if "disabled" in body:
        record.disabled = bool(body["disabled"])
    for key, value in query.items():
        setattr(record.query, QUERY_KEYS[key], _cleared(value))
    for key, value in action.items():
        setattr(record.action, ACTION_KEYS[key], _cleared(value))
    if targets is not None:
        record.action.targets = targets


def _targets(body: dict[str, Any]) -> list[str] | None:
    """Forward targets from ``action.targets`` or the seed's ``action_forward`` and
    ``action_targetUrl``; None when the body does not touch them."""
    nested = (body.get("action") or {}).get("targets")
    if nested is not None or "targets" in (body.get("action") or {}):
        return [t for t in (nested or []) if t]
    flat = [body[key] for key in ("action_forward", "action_targetUrl") if key in body]
    if not flat:
        return None
    return [t for t in flat if t]


def _known(part: dict[str, Any] | None, keys: dict[str, str]) -> dict[str, Any]:
    return {key: value for key, value in (part or {}).items() if key in keys}


def _cleared(value: Any) -> Any:
    return None if value == "" or value is None else value


def view(ctx: Context, record: Filter) -> dict[str, Any]:
    """Both shapes: the real server's ``query``/``action`` objects and the seed's flat keys."""
    query = {key: getattr(record.query, attr) for key, attr in QUERY_KEYS.items() if getattr(record.query, attr) is not None}
    action: dict[str, Any] = {key: getattr(record.action, attr) for key, attr in ACTION_KEYS.items() if getattr(record.action, attr) is not None}
    if record.action.targets:
        action["targets"] = list(record.action.targets)
    flat = {f"query_{k}": v for k, v in query.items()} | {f"action_{k}": v for k, v in action.items() if k != "targets"}
    forward = next((t for t in record.action.targets if "@" in t and "://" not in t), None)
    url = next((t for t in record.action.targets if "://" in t), None)
    flat |= ({"action_forward": forward} if forward else {}) | ({"action_targetUrl": url} if url else {})
    return {"success": True, "id": record.id, "name": record.name, "created": iso_ms(record.created), "disabled": record.disabled,
            "query": query, "action": action, **flat}


def listing_item(ctx: Context, record: Filter) -> dict[str, Any]:
    query, action = descriptions(ctx, record)
    return {"id": record.id, "name": record.name, "query": query, "action": action, "created": iso_ms(record.created), "disabled": record.disabled}


def descriptions(ctx: Context, record: Filter) -> tuple[list[list[Any]], list[list[Any]]]:
    """The human-readable tuples the real server lists: ``[["from", "(abc)"]]``, ``[["flag it"]]``."""
    q, a = record.query, record.action
    query: list[list[Any]] = [[key, f"({value})"] for key, value in (("from", q.sender), ("to", q.to), ("subject", q.subject)) if value]
    if q.ha is not None:
        query.append(["has attachment"] if q.ha else ["no attachments"])
    if q.text:
        query.append([False, f'"{q.text}"'])
    if q.size:
        query.append(["larger" if q.size > 0 else "smaller", abs(q.size)])
    action: list[list[Any]] = []
    for flag, yes, no in (("seen", "mark as read", "do not mark as read"), ("flag", "flag it", "do not flag it"),
                          ("delete", "delete it", "do not delete it"), ("spam", "mark it as spam", "do not mark it as spam")):
        value = getattr(a, flag)
        if value is not None:
            action.append([yes if value else no])
    if a.mailbox:
        target = ctx.state.mail.mailboxes.get(a.mailbox)
        action.append(["move to folder", f'"{target.path}"' if target else "?"])
    if a.targets:
        action.append(["forward to", ", ".join(urlsplit(t).hostname or t if "://" in t else t for t in a.targets)])
    return query, action


def matches(record: Filter, parsed: ParsedMessage, size: int) -> bool:
    q = record.query
    checks = [
        (q.sender, lambda v: v.lower() in parsed.headers.get("from", "").lower()),
        (q.to, lambda v: v.lower() in (parsed.headers.get("to", "") + " " + parsed.headers.get("cc", "")).lower()),
        (q.subject, lambda v: v.lower() in parsed.subject.lower()),
        (q.text, lambda v: v.lower() in parsed.text.lower()),
        (q.ha, lambda v: bool(parsed.attachments) == v),
        (q.size, lambda v: size > v if v > 0 else size < -v),
    ]
    if record.disabled or all(value is None for value, _check in checks):
        return False
    return all(check(value) for value, check in checks if value is not None)


def combined_action(ctx: Context, user_id: str, parsed: ParsedMessage, size: int) -> FilterAction:
    """What all the user's matching filters ask for together."""
    combined = FilterAction()
    for record in of_user(ctx, user_id):
        if matches(record, parsed, size):
            for field in fields(FilterAction):
                value = getattr(record.action, field.name)
                if field.name == "targets":
                    combined.targets += [t for t in value if t not in combined.targets]
                elif value is not None:
                    setattr(combined, field.name, value)
    return combined

