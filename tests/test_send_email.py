"""The Send Email API as a client sees it: each mail type lands in the outbox, each missing
field gets the vendor's message, and only a live token of the right tenant is accepted."""

from __future__ import annotations

import email
from email import policy

import pytest

from tests.support.send_email import latest_mail, send, user_of

WELCOME = {
    "mailType": "WELCOME",
    "portalUrl": "https://portal.example.com/home",
    "iosLink": "https://apps.apple.com/app/id42",
    "androidLink": "https://play.google.com/store/apps/details?id=com.example",
}
TENANT_INFO = {"mailType": "TENANT_INFO", "tenantName": "acme_tenant", "userName": "wile.e", "portalUrl": "https://portal.acme.test"}
SENT = {"message": "Mail Sent Successfully to the user", "status": "OK"}


def test_welcome_mail_reaches_the_token_user_with_every_link(client):
    user = user_of(client, "demo")
    response = send(client, user, WELCOME)
    assert response.status_code == 200
    assert response.json() == {**SENT, "subSystem": 8}
    mail = latest_mail(client)
    assert mail["to"][0].endswith(f"<{user.email}>")
    assert mail["subject"].startswith("Welcome to ")
    for link in (WELCOME["portalUrl"], WELCOME["iosLink"], WELCOME["androidLink"]):
        assert link in mail["text"] and link in mail["html"]


def test_tenant_info_mail_carries_tenant_and_user_name(client):
    user = user_of(client, "acme")
    assert send(client, user, TENANT_INFO).status_code == 200
    mail = latest_mail(client)
    assert "Tenant: acme_tenant" in mail["text"]
    assert "User name: wile.e" in mail["text"]
    assert "https://portal.acme.test" in mail["links"]


def test_verify_mail_links_to_an_action_token_for_the_app(client):
    user = user_of(client, "demo")
    body = {"mailType": "VERIFY", "redirectUri": "https://app.example.com/done", "appName": "account",
            "portalUrl": "https://portal.example.com", "supportEmail": "help@example.com"}
    assert send(client, user, body).json() == {**SENT, "subSystem": 8}
    mail = latest_mail(client)
    action = next(link for link in mail["links"] if "/login-actions/action-token" in link)
    assert "/auth/realms/demo/" in action
    assert "client_id=account" in action and "redirect_uri=https%3A%2F%2Fapp.example.com%2Fdone" in action
    assert "help@example.com" in mail["text"]


def test_required_actions_verification_lists_the_actions_and_is_subsystem_7(client):
    user = user_of(client, "demo")
    body = {"mailType": "VERIFY", "iosLink": "https://apps.apple.com/app/id42",
            "androidLink": "https://play.google.com/x", "requiredactions": ["UPDATE_PASSWORD", "CONFIGURE_TOTP"]}
    assert send(client, user, body).json() == {**SENT, "subSystem": 7}
    mail = latest_mail(client)
    assert "- UPDATE_PASSWORD" in mail["text"] and "- CONFIGURE_TOTP" in mail["text"]
    assert "<li>CONFIGURE_TOTP</li>" in mail["html"]


def test_forgot_password_mail_falls_back_to_the_tenant_support_address(client):
    user = user_of(client, "globex")
    assert send(client, user, {"mailType": "FORGOT_PASSWORD", "appName": "account"}).status_code == 200
    mail = latest_mail(client)
    assert "support@globex.example.com" in mail["text"]
    assert any("/auth/realms/globex/login-actions/action-token?key=" in link for link in mail["links"])


def test_test_mail_names_the_realm(client):
    user = user_of(client, "acme")
    assert send(client, user, {"mailType": "TEST"}).status_code == 200
    assert "SMTP configuration of the realm acme" in latest_mail(client)["text"]


def test_outbox_message_is_real_rfc822_with_text_and_html_parts(client):
    user = user_of(client, "demo")
    send(client, user, WELCOME)
    message_id = client.get("/_mock/outbox").json()["messages"][0]["id"]
    raw = client.get(f"/_mock/outbox/{message_id}/raw")
    assert raw.headers["content-type"].startswith("message/rfc822")
    message = email.message_from_bytes(raw.content, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Message-ID"] and message["Date"] and user.email in message["To"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"mailType": "WELCOME", "iosLink": "i", "androidLink": "a"}, "Portal url is missing"),
        ({"mailType": "WELCOME", "portalUrl": "p", "iosLink": "i"}, "Android Link is missing"),
        ({"mailType": "WELCOME", "portalUrl": "p", "androidLink": "a"}, "Ios Link is missing"),
        ({"mailType": "WELCOME", "portalUrl": "", "iosLink": "i", "androidLink": "a"}, "Portal url is missing"),
        ({"mailType": "TENANT_INFO", "userName": "u", "portalUrl": "p"}, "Tenant name is missing"),
        ({"mailType": "TENANT_INFO", "tenantName": "t", "portalUrl": "p"}, "User name missing"),
        ({"mailType": "TENANT_INFO", "tenantName": "t", "userName": "u"}, "Portal url is missing"),
        ({"portalUrl": "p"}, "Mail type or text body is required."),
        ({"mailType": "POSTCARD"}, "Mail type or text body is required."),
        ({"mailType": 7}, "Mail type or text body is required."),
        ([], "Mail type or text body is required."),
    ],
)
def test_each_missing_field_gets_the_vendor_message(client, body, message):
    user = user_of(client, "demo")
    response = send(client, user, body)
    assert response.status_code == 400
    assert response.json() == {"message": message, "status": "BAD_REQUEST", "subSystem": 8}
    assert client.get("/_mock/outbox").json()["total"] == 0


def test_a_body_that_is_not_json_gets_the_missing_body_message(client):
    user = user_of(client, "demo")
    response = client.post("/auth/realms/demo/mail/test", content=b"\xff{not json",
                           headers={**user.auth, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["message"] == "Mail type or text body is required."


UNAUTHORIZED = {"message": "HTTP 401 Unauthorized", "status": "Unauthorized", "subSystem": 8}


def test_missing_and_unknown_tokens_are_401(client):
    assert client.post("/auth/realms/demo/mail/test", json={"mailType": "TEST"}).json() == UNAUTHORIZED
    response = client.post("/auth/realms/demo/mail/test", json={"mailType": "TEST"},
                           headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401 and response.json() == UNAUTHORIZED


def test_a_token_of_another_tenant_is_401_in_both_url_forms(client, server):
    acme_user = user_of(client, "acme")
    assert send(client, acme_user, {"mailType": "TEST"}).status_code == 200
    assert client.post("/auth/realms/demo/mail/test", json={"mailType": "TEST"}, headers=acme_user.auth).status_code == 401
    ssms = client.post("/digitanium/v4/mail/test", json={"mailType": "TEST"}, headers=acme_user.auth)
    assert ssms.status_code == 401  # host 127.0.0.1 carries no tenant: the default, demo


def test_ssms_takes_the_tenant_from_the_host_name(client):
    acme_user = user_of(client, "acme")
    headers = {**acme_user.auth, "Host": "acme.localhost:8080"}
    response = client.post("/digitanium/v4/mail/test", json={"mailType": "TEST"}, headers=headers)
    assert response.status_code == 200
    assert "realm acme" in latest_mail(client)["text"]


def test_an_expired_token_is_401(client):
    user = user_of(client, "demo")
    assert send(client, user, {"mailType": "TEST"}).status_code == 200
    client.put("/_mock/clock", json={"advanceSeconds": 24 * 3600 + 1})
    assert send(client, user, {"mailType": "TEST"}).json() == UNAUTHORIZED


def test_a_token_of_a_removed_user_is_404_user_not_found(client):
    removed = user_of(client, "demo", exists=False)
    response = send(client, removed, {"mailType": "TEST"})
    assert response.status_code == 404
    assert response.json() == {"message": "User does not exist", "status": "USER_NOT_FOUND", "subSystem": 8}


def test_tokens_are_jwts_naming_the_user_and_realm(client):
    import base64
    import json

    user = user_of(client, "globex")
    payload = user.token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["email"] == user.email
    assert claims["iss"].endswith("/auth/realms/globex")
    assert claims["exp"] > claims["iat"]
