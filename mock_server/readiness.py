"""Is a mock server answering at a base URL? For CI steps that start it in the background
(``mock-server wait``) and for the pytest plugin pointed at a running server."""

from __future__ import annotations

import time
from typing import Any

import httpx

HEALTH_PATH = "/_mock/health"


class NotReady(Exception):
    """No mock server answered in time; the message says what the last attempt saw."""


def wait_until_up(url: str, timeout: float, interval: float = 0.1) -> dict[str, Any]:
    """Poll ``GET <url>/_mock/health`` until it answers 200; its body (seed, namespaces)."""
    deadline = time.monotonic() + timeout
    target = url.rstrip("/") + HEALTH_PATH
    last = "no attempt"
    with httpx.Client(timeout=max(0.5, min(timeout, 5.0))) as client:
        while True:
            try:
                answer = client.get(target)
                if answer.status_code == 200:
                    return answer.json()
                last = f"{answer.status_code} from {target}"
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__} on {target}: {exc}" if str(exc) else f"{type(exc).__name__} on {target}"
            except ValueError:
                last = f"{target} did not answer JSON: is this a mock server?"
            if time.monotonic() >= deadline:
                raise NotReady(f"no mock server answered within {timeout:g} s ({last})")
            time.sleep(interval)
