"""Each API's mail link, clicked in the dashboard, completes its flow in the namespace the mail
was sent in, although the browser sends no namespace header and holds a cookie naming
another namespace: the link's ``mock_namespace`` wins."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.send_email import send, user_of
from tests.test_overkiz_signup import STRONG, sign_up_body

OVERKIZ = "/enduser-mobile-web/enduserAPI"
RETARUS = "/email/continuity/v2"
NEW_PASSWORD = "Sunny-Meadow-42"


@pytest.fixture
def dashboard(context, mock_url, namespace):
    """The dashboard in this test's namespace, in a browser whose cookie names another one."""
    context.add_cookies([{"name": "mock-namespace", "value": "somewhere-else", "url": mock_url}])
    page = context.new_page()

    def open_mail(subject: str):
        page.goto(f"{mock_url}/_mock/dashboard/#namespace={namespace}")
        page.locator("#outbox-list tbody tr", has_text=subject).first.click()
        page.locator("#mail-subject", has_text=subject).wait_for()
        return page

    return open_mail


def click_in_mail(context, page, link_name: str):
    """Click a link of the mail's HTML (sandboxed frame); it opens in a new tab."""
    with context.expect_page() as opened:
        page.frame_locator("#mail-html").get_by_role("link", name=link_name).click()
    tab = opened.value
    tab.wait_for_load_state()
    return tab


def test_overkiz_validation_link_is_posted_from_the_dashboard(dashboard, client):
    user = "val.idation@example.com"
    assert client.post(f"{OVERKIZ}/enduser/mainAccount", json=sign_up_body(user)).status_code == 201
    assert client.post(f"{OVERKIZ}/enduser/{user}/validation").status_code == 200
    page = dashboard("Validate your account")
    link = page.locator("#mail-links li", has_text="/validation/")
    link.get_by_role("button", name="Send POST").click()
    # the result is filled in when the browser's fetch answers: wait for it, do not read at once
    expect(link.locator(".result")).to_have_text('200 {"emailAndAccountValidated": true}', timeout=10_000)
    assert client.post(f"{OVERKIZ}/login", data={"userId": user, "userPassword": STRONG}).status_code == 200


def test_overkiz_reset_link_opens_the_form_that_changes_the_password(dashboard, context, client):
    account = next(a for a in client.get("/_mock/fixtures/overkiz").json()["accounts"] if a["validated"])
    client.post(f"{OVERKIZ}/enduser/password/reset", json={"userId": account["userId"], "email": account["email"]})
    form = click_in_mail(context, dashboard("Reset your password"), "Reset my password")
    form.locator("input[name=password]").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change my password").click()
    form.get_by_text("Your password has been changed").wait_for()
    assert client.post(f"{OVERKIZ}/login", data={"userId": account["userId"], "userPassword": NEW_PASSWORD}).status_code == 200


def test_retarus_set_password_link_activates_the_user(dashboard, context, client):
    fixtures = client.get("/_mock/fixtures/retarus").json()
    admin = next(c for c in fixtures["credentials"] if c["customers"] == ["*"])
    auth = (admin["username"], admin["password"])
    user = next(u for c in fixtures["customers"] for u in c["users"] if not u["activation"])
    issued = client.post(f"{RETARUS}/{user['customer']}/{user['user']}/token", params={"mailNotification": "true"}, auth=auth)
    assert issued.status_code == 200
    page = click_in_mail(context, dashboard("Set your Email Continuity password"), issued.json()["url"])
    page.locator("input[name=password]").fill("Continuity2026!")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Your password is set").wait_for()
    assert client.get(f"{RETARUS}/{user['customer']}/{user['user']}", auth=auth).json()["user"]["activation"] is True
    page.reload()
    page.get_by_text("Token has already been used").wait_for()


def _send_email_user(client, email: str) -> dict:
    tenants = client.get("/_mock/fixtures/send-email").json()["tenants"]
    return next(u for t in tenants for u in t["users"] if u["email"] == email)


def test_send_email_verify_link_verifies_the_address(dashboard, context, client):
    user = user_of(client, "acme")
    assert send(client, user, {"mailType": "VERIFY", "redirectUri": "https://app.example.com/done", "appName": "portal"}).status_code == 200
    page = click_in_mail(context, dashboard("Verify your"), "Verify email")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("Your account has been updated.").wait_for()
    assert page.get_by_role("link", name="Back to the application").get_attribute("href") == "https://app.example.com/done"
    assert _send_email_user(client, user.email)["emailVerified"] is True
    page.go_back()
    page.reload()
    page.get_by_text("This link has already been used.").wait_for()


def test_send_email_reset_link_sets_the_password(dashboard, context, client):
    user = user_of(client, "demo")
    assert send(client, user, {"mailType": "FORGOT_PASSWORD", "appName": "account"}).status_code == 200
    page = click_in_mail(context, dashboard("Reset your"), "Reset password")
    page.locator("input[name=password-new]").fill(NEW_PASSWORD)
    page.locator("input[name=password-confirm]").fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Save password").click()
    page.get_by_text("The passwords do not match.").wait_for()
    page.locator("input[name=password-new]").fill(NEW_PASSWORD)
    page.locator("input[name=password-confirm]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    page.get_by_text("Your account has been updated.").wait_for()
    assert _send_email_user(client, user.email)["password"] == NEW_PASSWORD
