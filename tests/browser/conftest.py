"""Real headless Chromium (Debian's ``chromium`` package, driven by Playwright), the mock on
``http://localhost:<port>`` and a page of another origin on a second loopback port.

Without ``/usr/bin/chromium`` these tests skip with the reason, except in CI (``CI=true``),
where a missing browser is a failure: ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer
from tests.support.local_http import serving

CHROMIUM = Path(os.environ.get("MOCK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
FRONTEND_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A frontend</title></head>
<body><h1>A frontend on another origin</h1></body></html>"""


@pytest.fixture(scope="package")
def browser():
    """Package-scoped: Playwright's sync API leaves an event loop marked running in this thread
    while it is open, so it must close before the rest of the suite calls ``asyncio.run``."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install chromium (make test does it when run as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def mock_url(server: LiveServer) -> str:
    """The mock as a browser addresses it (``localhost``, like a frontend's config would)."""
    return f"http://localhost:{server.port}"


class _FrontendPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(FRONTEND_PAGE)))
        self.end_headers()
        self.wfile.write(FRONTEND_PAGE)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


@pytest.fixture(scope="session")
def frontend_url() -> Iterator[str]:
    """A page on another origin (another port), as ``npm run dev`` would serve a frontend."""
    with serving(_FrontendPage) as httpd:
        yield f"http://localhost:{httpd.server_address[1]}/"
