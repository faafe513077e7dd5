"""``lib/api/settings.js``, ``health.js`` and ``acme.js``."""

from __future__ import annotations

from typing import Any

from connexion import request
from starlette.responses import Response

from ..access.rights import endpoint
from ..context import Context
from ..domains.certificates import challenge_answer
from ..errors import SERVER_HEADER, invalid_input
from . import settings


@endpoint
def list_settings(filter_: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    wanted = filter_.strip() if filter_ and filter_.strip() else None
    answer: dict[str, Any] = {"success": True}
    if wanted:
        answer["filter"] = wanted
    return {**answer, "settings": settings.listing(Context.current(), wanted)}


@endpoint
def create_setting(key: str, body: dict[str, Any]) -> dict[str, Any]:
    entry = settings.BY_KEY.get(key)
    if entry is None:
        invalid_input("key", f'"key" must be one of [{", ".join(settings.BY_KEY)}]')
    settings.store(Context.current(), key, settings.converted(entry, body["value"]))
    return {"success": True, "key": key}


@endpoint
def get_setting(key: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    value = settings.value_of(Context.current(), key)
    if value is None:
        return {"success": False, "key": key, "error": "Key was not found"}
    return {"success": True, "key": key, "value": value}


@endpoint
def get_health() -> dict[str, Any]:
    """The mock's state is in memory: nothing can be down while it answers."""
    return {"success": True}


def acme_token(token: str) -> Any:
    """No access token is asked for here (the real server skips its check for this route);
    the challenge is looked up by the ``Host`` the request came to."""
    answer = challenge_answer(Context.current(), _hostname(request.headers.get("host", "")), token)
    if answer is None:
        return {"error": "Unknown challenge"}, 404, dict(SERVER_HEADER)
    return Response(answer, media_type="text/plain", headers=dict(SERVER_HEADER))


def _hostname(host: str) -> str:
    """``Host`` without its port (``[::1]:8080`` -> ``::1``)."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host
