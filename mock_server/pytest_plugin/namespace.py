"""One test's namespace on the mock: its HTTP client and the helpers a test reads naturally."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx

from .clock import NamespaceClock
from .outbox import Outbox

NAMESPACE_HEADER = "X-Mock-Namespace"


class MockNamespace:
    """A namespace of its own on the mock server: fresh from the seed, shared with no other
    test (or xdist worker), removed by :meth:`close`."""

    def __init__(self, server_url: str, name: str, timeout: float = 30.0) -> None:
        self.name = name
        self.url = server_url
        self.client = httpx.Client(base_url=server_url, headers={NAMESPACE_HEADER: name}, timeout=timeout)
        """Pointed at the server, with this namespace's header set; cookies persist across calls."""
        self.outbox = Outbox(self.client)
        self.clock = NamespaceClock(self.client)

    def fixtures(self, api: str) -> dict[str, Any]:
        """The seeded records and credentials of ``api`` here (``GET /_mock/fixtures/{api}``)."""
        return self._json(self.client.get(f"/_mock/fixtures/{api}"))

    def credentials(self, api: str) -> dict[str, str]:
        """Request headers with full access to ``api`` here, e.g. a Bearer token or Basic auth."""
        return self._json(self.client.get(f"/_mock/credentials/{api}"))

    def activate(self, scenario: str | None) -> None:
        """Restart this namespace from the seed in ``scenario`` (``None``: in none)."""
        self._json(self.client.put("/_mock/scenario", json={"name": scenario}))

    def reset(self) -> None:
        """Back to the seeded start (cookies of the client are kept)."""
        self._json(self.client.post("/_mock/reset"))

    def close(self) -> None:
        """Remove the namespace from the server and close the client."""
        try:
            self.reset()
        finally:
            self.client.close()

    @staticmethod
    def _json(answer: httpx.Response) -> Any:
        answer.raise_for_status()
        return answer.json()


def namespace_name(test_name: str, worker: str) -> str:
    """A valid, unique namespace name that still says which test made it (in the journal)."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{worker}-{test_name}").strip("-._")[:50]
    return f"{readable}-{uuid.uuid4().hex[:8]}"
