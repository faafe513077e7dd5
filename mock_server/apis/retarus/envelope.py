"""The ``id`` and ``timestamp`` every Retarus answer carries, errors included.

Request ids come from their own random stream, so reading data never shifts the tokens a
later request draws: the same seed and the same writes give the same tokens.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ...clock import iso, wall_time
from ...world import World
from .config import API_NAME

REQUEST_ID_STREAM = f"{API_NAME}:request-ids"


def answer(world: World, **fields: Any) -> dict[str, Any]:
    """A body with a fresh request id and the namespace's time (``fields`` may name its own)."""
    return {"id": world.random(REQUEST_ID_STREAM).uuid4(), "timestamp": iso(world.now()), **fields}


def detached_answer(seed_text: str, **fields: Any) -> dict[str, Any]:
    """For the rare error raised before a namespace exists (a malformed namespace header)."""
    digest = hashlib.sha256(seed_text.encode()).hexdigest()
    return {"id": f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}", "timestamp": iso(wall_time()), **fields}
