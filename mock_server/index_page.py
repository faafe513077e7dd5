"""The page at ``/``: which APIs this server stands in for, where, and how to authenticate."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from .registry import all_apis


def api_catalogue() -> list[dict[str, object]]:
    return [
        {
            "name": api.name,
            "title": api.title,
            "auth": api.auth,
            "mounts": [
                {
                    "basePath": mount.base_path or "/",
                    "spec": f"{mount.base_path}/openapi.json",
                    "docs": f"{mount.base_path}/ui/",
                }
                for mount in api.mounts
            ],
        }
        for api in all_apis()
    ]


def _row(api: dict) -> str:
    mounts = "<br>".join(
        f'<code>{escape(m["basePath"])}</code> &middot; <a href="{escape(m["docs"])}">docs</a>'
        f' &middot; <a href="{escape(m["spec"])}">openapi.json</a>'
        for m in api["mounts"]
    )
    return f"<tr><td>{escape(str(api['title']))}</td><td>{mounts}</td><td>{escape(str(api['auth']))}</td></tr>"


def render_index() -> str:
    rows = "\n".join(_row(api) for api in api_catalogue())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock server</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem}}td,th{{padding:.4rem .8rem;text-align:left;vertical-align:top}}
tr:nth-child(even){{background:#f4f4f4}}</style></head>
<body><h1>Mock server</h1>
<p>Stateful stand-ins for these APIs, each at the real service's path. Pick a namespace with the
<code>X-Mock-Namespace</code> header (a browser: the <code>mock_namespace</code> query parameter or the
<code>mock-namespace</code> cookie); inspect and reset state under <a href="/_mock/ui/">/_mock</a>.</p>
<p><strong><a href="/_mock/dashboard/">Open the dashboard</a></strong>: namespaces, the outbox with every mail,
the live journal, each API's records, the clock and the scenario.</p>
<table><tr><th>API</th><th>Base path</th><th>Authentication</th></tr>
{rows}
</table></body></html>
"""


class IndexPage:
    """Answers ``GET /`` (HTML, or JSON when asked for) and passes everything else on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._html = render_index()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/" and scope["method"] in ("GET", "HEAD"):
            response: Response
            accept = dict(scope.get("headers", [])).get(b"accept", b"")
            if b"application/json" in accept:
                response = JSONResponse({"apis": api_catalogue()})
            else:
                response = HTMLResponse(self._html)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
