"""The ceiling: a bare Starlette app on uvicorn that answers, on the benchmark's paths, the bytes
the mock answered (recorded just before). Run as ``python ceiling.py ANSWERS.json PORT``.

It does what any ASGI server must (route by method and path, read the body, send bytes) and
nothing else, so the mock's figures divided by these are the share of its time that is its own.
"""

from __future__ import annotations

import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def build(recorded: list[dict]) -> Starlette:
    def answer(entry: dict):
        body, status, media_type = entry["body"].encode(), entry["status"], entry["content_type"]

        async def endpoint(request: Request) -> Response:
            await request.body()
            return Response(body, status_code=status, media_type=media_type)

        return endpoint

    routes = [Route(entry["path"], answer(entry), methods=[entry["method"]]) for entry in recorded]
    routes.append(Route("/_ready", lambda request: Response(b"ok"), methods=["GET"]))
    return Starlette(routes=routes)


if __name__ == "__main__":
    answers_file, port = sys.argv[1], int(sys.argv[2])
    with open(answers_file) as answers:
        app = build(json.load(answers))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
