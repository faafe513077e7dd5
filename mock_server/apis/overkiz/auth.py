"""Session check for Connexion (``x-apikeyInfoFunc`` of the ``session`` cookie scheme)."""

from __future__ import annotations

from typing import Any

from ...world import current_world
from .sessions import current_session


def session_info(session_id: str, required_scopes: Any = None) -> dict[str, Any] | None:
    """A live session passes (and its idle timer restarts); anything else is a 401."""
    session = current_session(current_world(), session_id)
    if session is None:
        return None
    return {"sub": session.user_id, "session": session.id}
