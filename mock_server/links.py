"""Links the mock writes into mails and pages: on the host the client called, and in the
namespace the request was in.

A person opens such a link in a browser, which sends no ``X-Mock-Namespace`` header, so the
link names its namespace in the mock's query parameter (``?mock_namespace=alice``; see
``asgi/namespace_choice.py``); without it the click would act in ``default`` and find no
token there.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from connexion import request

from .world import World


def request_origin() -> str:
    """Scheme and host the client used (``http://localhost:8080``)."""
    return f"{request.url.scheme}://{request.headers.get('host', 'localhost')}"


def in_namespace(world: World, url: str) -> str:
    """``url`` with the namespace of ``world`` added to its query."""
    parts = urlsplit(url)
    parameter = urlencode({world.settings.namespace_query: world.namespace})
    query = f"{parts.query}&{parameter}" if parts.query else parameter
    return urlunsplit(parts._replace(query=query))
