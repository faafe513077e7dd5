"""``/login``, ``/logout``, ``/authenticated``: the session behind the JSESSIONID cookie."""

from __future__ import annotations

from typing import Any

from connexion import request

from ....world import current_world
from .. import sessions

LOGIN_FIELDS = ("userId", "userPassword", "ssoToken", "accessToken", "jwt", "applicationId", "apiKey", "setupOID")


def login(body: dict[str, Any] | None = None, **_query: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Parameters come as a form body (what real clients send) or in the query string; the
    body wins. They are read by their real names, not Connexion's snake-cased ones."""
    credentials = {name: request.query_params[name] for name in LOGIN_FIELDS if name in request.query_params}
    credentials.update({name: value for name, value in (body or {}).items() if name in LOGIN_FIELDS})
    answer, session_id = sessions.login(current_world(), credentials, _session_id())
    return answer, 200, {"Set-Cookie": sessions.session_cookie(session_id)}


def logout() -> tuple[dict[str, bool], int, dict[str, str]]:
    logged_out = sessions.logout(current_world(), _session_id())
    return {"logout": logged_out}, 200, {"Set-Cookie": sessions.expired_cookie()}


def authenticated() -> dict[str, bool]:
    return {"authenticated": sessions.current_session(current_world(), _session_id()) is not None}


def _session_id() -> str | None:
    return sessions.session_id_from(request.headers.get("cookie"))
