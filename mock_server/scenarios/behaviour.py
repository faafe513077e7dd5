"""What a scenario's rules and the ``Prefer`` header do to a request before the API sees it.

Called by the front door once the namespace is known. Rules are tried in file order; the
first rule that answers (a status, a drop, a rate-limit refusal) ends the request, latency
adds up. Rules never apply to the control API unless they name it, so a flaky-backend
scenario cannot lock a test out of ``/_mock``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from http import HTTPStatus
from typing import Callable

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ..asgi.headers import last_scope_header
from ..errors import ApiError, ErrorContext, Reason
from ..operation_index import template_for
from ..registry import ApiDescriptor, api_named
from ..responses import error_response
from ..world import World
from .loader import shipped_scenarios
from .model import Rule
from .prefer import Preference, parse_prefer, preferred_response

NO_PREFERENCE = Preference()
"""What ``parse_prefer`` makes of a request without the header."""

CONTROL_API = "control"
MAX_RATE_LIMITED_RULES = 1000
"""Keys are rule names, so a scenario never comes near this; it only keeps the record finite."""


class DroppedConnection(Exception):
    """Raised after the response has started, so the server closes the connection mid-response."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DroppedConnection))


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


async def apply_behaviour(scope: Scope, receive: Receive, send: Send, world: World, api_name: str | None,
                          request: Callable[[], ErrorContext], notes: list[str]) -> bool:
    """Run the namespace's rules and the request's preferences; True when they answered.

    ``request`` makes the request's ErrorContext (a dict of its headers among others); it is
    asked only when a rule is to be matched or an answer rendered, which most requests never
    need (issue 15: it was a tenth of the front door's own cost)."""
    prefer = last_scope_header(scope, b"prefer")  # what the context's headers would hold
    preference = parse_prefer(prefer) if prefer else NO_PREFERENCE
    delay_ms = preference.delay_ms
    rules = _rules(world, api_name)
    if rules:
        answered, delay_ms = await _apply_rules(scope, receive, send, world, api_name, rules, request(), notes, delay_ms)
        if answered:
            return True
    await _sleep(delay_ms)
    if preference.shapes_response and api_name != CONTROL_API:
        return await _answer_preference(scope, receive, send, world, preference, request, api_name, notes)
    return False


async def _apply_rules(scope: Scope, receive: Receive, send: Send, world: World, api_name: str | None,
                       rules: list[Rule], context: ErrorContext, notes: list[str], delay_ms: int) -> tuple[bool, int]:
    """The rules in file order: (True, _) when one answered, else (False, the delay they add up to)."""
    for rule in rules:
        if not rule.matches(api_name, scope["method"], scope["path"], context.headers) or not _drawn(world, rule):
            continue
        notes.append(f"rule {rule.name}")
        if rule.latency_ms:
            delay_ms += world.random("scenario").rng.randint(*rule.latency_ms)
        if rule.rate_limit and (retry_after := _over_limit(world, rule)) is not None:
            await _sleep(delay_ms)
            error = ApiError(429, f"Too many requests: {rule.rate_limit[0]} per {rule.rate_limit[1]:g} s",
                             headers={"Retry-After": str(retry_after)}, reason=Reason.RATE_LIMITED)
            await error_response(error, context, _api(api_name))(scope, receive, send)
            return True, delay_ms
        if rule.drop:
            await _sleep(delay_ms)
            notes.append("connection dropped")
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1")]})
            raise DroppedConnection(rule.name)
        if rule.respond:
            await _sleep(delay_ms)
            await _respond(rule, context, api_name)(scope, receive, send)
            return True, delay_ms
    return False, delay_ms


def _rules(world: World, api_name: str | None) -> list[Rule]:
    scenario = shipped_scenarios().get(world.behaviour.scenario or "")
    if scenario is None:
        return []
    return [rule for rule in scenario.rules if api_name != CONTROL_API or rule.api == CONTROL_API]


def _drawn(world: World, rule: Rule) -> bool:
    return rule.share >= 1 or world.random("scenario").rng.random() < rule.share


def _over_limit(world: World, rule: Rule) -> int | None:
    """Count this request in the rule's window; seconds to wait when it is over the limit."""
    limit, window = rule.rate_limit  # type: ignore[misc]
    windows, now = world.behaviour.windows, world.now()
    retry_after = windows.retry_after(rule.name, now, window, limit)
    if retry_after is None:
        windows.add(rule.name, now, window, max_keys=MAX_RATE_LIMITED_RULES)
    return retry_after


def _respond(rule: Rule, context: ErrorContext, api_name: str | None) -> Response:
    answer = rule.respond or {}
    status = answer["status"]
    if "body" not in answer:
        phrase = _phrase(status)
        reason = Reason.DOMAIN if status < 500 else Reason.INTERNAL
        error = ApiError(status, phrase, headers=answer.get("headers"), reason=reason)
        return error_response(error, context, _api(api_name))
    body = answer["body"]
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    media_type = "text/plain" if isinstance(body, str) else "application/json"
    return Response(content, status, answer.get("headers"), media_type=media_type)


async def _answer_preference(scope: Scope, receive: Receive, send: Send, world: World, preference: Preference,
                             request: Callable[[], ErrorContext], api_name: str | None, notes: list[str]) -> bool:
    template = template_for(scope["path"])
    preferred = preferred_response(preference, template, scope["method"], world) if template else None
    if preferred is None:
        return False
    notes.append(f"Prefer answered {preferred.status}")
    if preferred.native_error:
        error = ApiError(preferred.status, HTTPStatus(preferred.status).phrase, reason=Reason.DOMAIN)
        response = error_response(error, request(), _api(api_name))
    else:
        response = Response(preferred.body, preferred.status, media_type=preferred.media_type)
    await response(scope, receive, send)
    return True


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a status a scenario may use that the standard names no phrase for
        return "Error"


async def _sleep(delay_ms: int) -> None:
    if delay_ms:
        await asyncio.sleep(delay_ms / 1000)


def _api(api_name: str | None) -> ApiDescriptor | None:
    return api_named(api_name) if api_name else None
