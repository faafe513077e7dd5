"""A request path compiled at start-up, in front of Connexion (issue 15).

``with_fast_path(app, settings)`` returns the ASGI app to serve where Connexion sits (behind the
CORS layer, the front door and the index page, so namespace choice, journal and CORS headers are
untouched): the fast path in front of the Connexion app, or the Connexion app alone when the fast
path is switched off (``MOCK_FAST_PATH=off``, ``--no-fast-path``) or cannot mirror the
configuration (response validation on). ``jsonifier(indent, ascii_only, settings)`` is the JSON
serialiser for one API's document.
"""

from __future__ import annotations

from connexion import AsyncApp
from connexion.jsonifier import Jsonifier
from starlette.types import ASGIApp

from ..settings import Settings
from .front import FastPath
from .json_output import FastJsonifier
from .security_signatures import remember_info_function_signatures


def with_fast_path(app: AsyncApp, settings: Settings) -> ASGIApp:
    if not settings.fast_path or settings.validate_responses:
        return app
    remember_info_function_signatures()
    return FastPath(app.middleware)


def jsonifier(indent: int | None, ascii_only: bool, settings: Settings) -> Jsonifier:
    kind = FastJsonifier if settings.fast_path else Jsonifier
    return kind(indent=indent, ensure_ascii=ascii_only)
