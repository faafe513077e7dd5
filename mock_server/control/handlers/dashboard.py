"""The dashboard: one page and its two files, served from ``mock_server/dashboard/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.responses import Response

DASHBOARD_DIR = Path(__file__).resolve().parent.parent.parent / "dashboard"
MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def page() -> Response:
    return _file("index.html")


def asset(asset: str) -> Response:
    """``asset`` is one of the document's enum, so no path outside the folder is reachable."""
    return _file(asset)


def _file(name: str) -> Response:
    return Response(_read(name), media_type=MEDIA_TYPES[Path(name).suffix], headers={"Cache-Control": "no-cache"})


@cache
def _read(name: str) -> bytes:
    return (DASHBOARD_DIR / name).read_bytes()
