"""Take docs/dashboard.png: the dashboard in headless Chromium after a little traffic.

Run from the repository root: ``.venv/bin/python scripts/dashboard_screenshot.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mock_server.settings import Settings  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402

NAMESPACE = "demo"
OVERKIZ = "/enduser-mobile-web/enduserAPI"


def make_traffic(client: httpx.Client) -> None:
    account = client.get("/_mock/fixtures/overkiz").json()["accounts"][0]
    client.post(f"{OVERKIZ}/login", data={"userId": account["userId"], "userPassword": "wrong"})
    client.post(f"{OVERKIZ}/enduser/password/reset", json={"userId": account["userId"], "email": account["email"]})
    retarus = client.get("/_mock/fixtures/retarus").json()
    admin = retarus["credentials"][0]
    user = retarus["customers"][0]["users"][0]
    auth = (admin["username"], admin["password"])
    client.post(f"/email/continuity/v2/{user['customer']}/{user['user']}/token", params={"mailNotification": "true"}, auth=auth)
    tenant = client.get("/_mock/fixtures/send-email").json()["tenants"][0]
    token = tenant["users"][0]["tokens"][0]["accessToken"]
    client.post(f"/auth/realms/{tenant['id']}/mail/test", json={"mailType": "VERIFY", "redirectUri": "https://app.example.com/"},
                headers={"Authorization": f"Bearer {token}"})
    client.post("/users", json={"username": "jane.doe", "password": "a long secret 42", "name": "Jane Doe"})


def main() -> None:
    with LiveServer(Settings(seed=7, clock=None)) as server:
        with httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": NAMESPACE}) as client:
            make_traffic(client)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.goto(f"http://localhost:{server.port}/_mock/dashboard/#namespace={NAMESPACE}")
            page.locator("#outbox-list tbody tr", has_text="Verify your").click()
            page.frame_locator("#mail-html").get_by_text("Verify email").wait_for()
            page.screenshot(path=str(ROOT / "docs" / "dashboard.png"))
            browser.close()


if __name__ == "__main__":
    main()
