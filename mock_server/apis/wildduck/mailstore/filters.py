"""Message filters: stored rules that delivery applies to incoming mail.

Bodies have the real server's nested shape only: ``query: {from, to, subject, listId, text,
ha, size}`` and ``action: {seen, flag, delete, spam, mailbox, targets}``. The seed's flat keys
(``query_from``, ``action_forward``...) are refused by the document, as the real server
refuses them. As with Joi's ``.empty('')``, an empty value means "not set": on update a key
that is present but empty clears it, an absent key is left alone.

Delivery follows the real filter handler: every enabled filter is checked, oldest first; the
first matching filter to set an action key keeps it, forward targets add up.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any
from urllib.parse import urlsplit

from sortedcontainers import SortedList

from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from ..webhooks import events
from . import mailboxes
from .mime import ParsedMessage
from .records import Filter, FilterAction

# request key -> attribute; the header keys come first, in the real server's order
QUERY_KEYS = {"from": "sender", "to": "to", "subject": "subject", "listId": "list_id", "text": "text", "ha": "ha", "size": "size"}
HEADER_KEYS = ("from", "to", "subject", "listId")
FLAG_KEYS = ("seen", "flag", "delete", "spam")
# what each header query also reads: Sender counts as From; Cc and Delivered-To as To
HEADERS_READ = {"from": ("from", "sender"), "to": ("to", "cc", "delivered-to"), "subject": ("subject",), "listId": ("list-id",)}


def create(ctx: Context, user_id: str, body: dict[str, Any]) -> Filter:
    allowed = ctx.config.max_filters_per_user
    if count(ctx, user_id) >= allowed:
        fail(403, "Maximum filters limit reached", "TooMany", allowed=allowed)
    record = Filter(id=ctx.object_id(), user=user_id, created=ctx.now)
    _apply(ctx, record, body)
    adopt(ctx, record)
    _forwards_added(ctx, record, [])
    events.publish(ctx, events.FILTER_CREATED, user=user_id, filter=record.id)
    return record


def update(ctx: Context, user_id: str, filter_id: str, body: dict[str, Any]) -> None:
    record = get(ctx, user_id, filter_id)
    before = list(record.action.targets)
    _apply(ctx, record, body)
    ctx.state.mail.indexed().filter_changed(record)
    _forwards_added(ctx, record, before)


def adopt(ctx: Context, record: Filter) -> bool:
    """Keep a new filter record (made here or read from an import); False when its id is taken."""
    store = ctx.state.mail
    if record.id in store.filters:
        return False
    store.indexed()  # built before the record is added, so it is indexed once
    store.filters[record.id] = record
    store.index.add_filter(record)
    return True


def delete(ctx: Context, user_id: str, filter_id: str) -> None:
    record = get(ctx, user_id, filter_id)
    del ctx.state.mail.filters[record.id]
    ctx.state.mail.indexed().remove_filter(record)
    events.publish(ctx, events.FILTER_DELETED, user=user_id, filter=filter_id.lower())


def _forwards_added(ctx: Context, record: Filter, before: list[str]) -> None:
    """The real ``forward added`` event, once per target the filter did not have."""
    for target in record.action.targets:
        if target not in before:
            events.publish(ctx, events.FORWARD_ADDED, user=record.user, type="filter", filter=record.id, target=target)


def get(ctx: Context, user_id: str, filter_id: str) -> Filter:
    record = ctx.state.mail.filters.get(filter_id.lower())
    if record is None or record.user != user_id:
        fail(404, "This filter does not exist", "FilterNotFound")
    return record


def of_user(ctx: Context, user_id: str) -> list[Filter]:
    """The user's filters by id, oldest first."""
    store = ctx.state.mail
    return [store.filters[filter_id] for filter_id in store.indexed().filters_of.get(user_id, ())]


def count_of(ctx: Context, user_id: str) -> int:
    """How many filters the user has (``limits.filters.used``), without fetching them."""
    return len(ctx.state.mail.indexed().filters_of.get(user_id, ()))


def listed_ids(ctx: Context, user_id: str | None, forward: str) -> SortedList:
    """Ids for the global listing, in order: every filter, or one user's (``user_id``); with
    ``forward``, only filters forwarding to a target containing it (read from the filters
    that forward at all, not from every filter)."""
    index = ctx.state.mail.indexed()
    keys = index.filter_ids if user_id is None else index.filters_of.get(user_id, SortedList())
    if not forward:
        return keys
    store = ctx.state.mail
    candidates = index.forwarding if user_id is None else (i for i in keys if i in index.forwarding)
    return SortedList(i for i in candidates if any(forward in target for target in store.filters[i].action.targets))


def count(ctx: Context, user_id: str) -> int:
    return len(ctx.state.mail.indexed().filters_of.get(user_id, ()))


def _apply(ctx: Context, record: Filter, body: dict[str, Any]) -> None:
    """Set what the body names. Checked first, then applied, so a refused request changes
    nothing. An empty ``name`` changes nothing (the real server can not clear a name)."""
    query = {key: _query_value(value) for key, value in (body.get("query") or {}).items()}
    action = {key: value if value != "" else None for key, value in (body.get("action") or {}).items()}
    if action.get("mailbox"):
        action["mailbox"] = mailboxes.get(ctx, record.user, action["mailbox"]).id
    if name := (body.get("name") or "").strip():
        record.name = name
    if isinstance(body.get("disabled"), bool):
        record.disabled = body["disabled"]
    if isinstance(body.get("metaData"), dict):
        record.meta_data = body["metaData"]
    for key, value in query.items():
        setattr(record.query, QUERY_KEYS[key], value)
    for key, value in action.items():
        if key == "targets":
            record.action.targets = list(value or [])
        else:
            setattr(record.action, key, value)


def _query_value(value: Any) -> Any:
    """Joi's ``trim()`` and ``empty('')``, then the real server's whitespace folding; a size
    of 0 is not stored either."""
    if isinstance(value, str):
        value = re.sub(r"\s+", " ", value.strip())
    return None if value in ("", 0) and not isinstance(value, bool) else value


def view(ctx: Context, record: Filter) -> dict[str, Any]:
    """The real ``GET`` answer: only the keys that are set, ``action.targets`` as plain
    strings; no ``name`` or ``metaData`` key when they were never set."""
    query = {key: value for key, attr in QUERY_KEYS.items() if (value := getattr(record.query, attr)) is not None}
    action: dict[str, Any] = {key: value for key in (*FLAG_KEYS, "mailbox") if (value := getattr(record.action, key)) is not None}
    if record.action.targets:
        action["targets"] = list(record.action.targets)
    answer = {"success": True, "id": record.id, **_named(record), "query": query, "action": action,
              "disabled": record.disabled, "created": iso_ms(record.created)}
    return answer | ({"metaData": record.meta_data} if record.meta_data is not None else {})


def listing_item(ctx: Context, record: Filter, with_meta: bool = False) -> dict[str, Any]:
    query, action = descriptions(ctx, record)
    item = {"id": record.id, **_named(record), "query": query, "action": action, "disabled": record.disabled,
            "created": iso_ms(record.created)}
    return item | ({"metaData": record.meta_data} if with_meta and record.meta_data is not None else {})


def global_listing_item(ctx: Context, record: Filter, with_meta: bool = False) -> dict[str, Any]:
    """``GET /filters``' item: the listing's, with ``user`` after the id and the forward
    ``targets`` (no key when the filter forwards nowhere) before ``metaData``."""
    item = listing_item(ctx, record)
    answer = {"id": record.id, "user": record.user, **{k: v for k, v in item.items() if k != "id"}}
    if record.action.targets:
        answer["targets"] = list(record.action.targets)
    return answer | ({"metaData": record.meta_data} if with_meta and record.meta_data is not None else {})


def _named(record: Filter) -> dict[str, str]:
    return {"name": record.name} if record.name else {}


def descriptions(ctx: Context, record: Filter) -> tuple[list[list[Any]], list[list[Any]]]:
    """The human-readable tuples the real server lists: ``[["from", "(abc)"]]``, ``[["flag it"]]``.
    As there, ``ha: false`` gets no tuple, and forwards come before the folder."""
    q, a = record.query, record.action
    query: list[list[Any]] = [[key, f"({value})"] for key in HEADER_KEYS if (value := getattr(q, QUERY_KEYS[key]))]
    if q.ha:
        query.append(["has attachment"])
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
    if a.targets:
        action.append(["forward to", ", ".join(urlsplit(t).hostname or t if t.lower().startswith("http") else t for t in a.targets)])
    if a.mailbox:
        target = ctx.state.mail.mailboxes.get(a.mailbox)
        action.append(["move to folder", f'"{target.path}"' if target else a.mailbox])
    return query, action


def matches(record: Filter, parsed: ParsedMessage, size: int) -> bool:
    """The real ``checkFilter``: header keys are case-insensitive substrings; ``ha: true``
    needs an attachment while ``ha: false`` checks nothing; sizes are inclusive; a filter
    with no query at all matches every message."""
    q = record.query
    for key in HEADER_KEYS:
        wanted = getattr(q, QUERY_KEYS[key])
        if wanted and not any(_id_part(key, wanted).lower() in _header(parsed, name).lower() for name in HEADERS_READ[key]):
            return False
    if q.ha and not parsed.attachments:
        return False
    if q.size and (size < q.size if q.size > 0 else size > -q.size):
        return False
    return not q.text or q.text.lower() in parsed.text.lower()


def _header(parsed: ParsedMessage, name: str) -> str:
    return _id_part("listId", parsed.headers.get(name, "")) if name == "list-id" else parsed.headers.get(name, "")


def _id_part(key: str, value: str) -> str:
    """List-ID (header and query alike) is compared by its ``<id>`` part when it has one."""
    found = re.search(r"<([^>]+)", value) if key == "listId" else None
    return found.group(1).strip() if found and found.group(1).strip() else value


def combined_action(ctx: Context, user_id: str, parsed: ParsedMessage, size: int) -> FilterAction:
    """What all the user's enabled matching filters ask for together."""
    combined = FilterAction()
    for record in of_user(ctx, user_id):
        if record.disabled or not matches(record, parsed, size):
            continue
        for field in fields(FilterAction):
            value = getattr(record.action, field.name)
            if field.name == "targets":
                combined.targets += [t for t in value if t not in combined.targets]
            elif getattr(combined, field.name) is None:
                setattr(combined, field.name, value)
    return combined
