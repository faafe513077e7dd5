"""Password tokens: fresh, single use, voided by a newer one, expiring by the namespace clock,
and a clear 403 (or 400 for a bad password) for every refusal."""

from __future__ import annotations

from datetime import datetime, timedelta

from urllib.parse import urlencode

import httpx
import pytest

from mock_server.apis.retarus.config import RetarusConfig

BASE = "/email/continuity/v2"


@pytest.fixture
def fixtures(client: httpx.Client) -> dict:
    return client.get("/_mock/fixtures/retarus").json()


@pytest.fixture
def admin(fixtures: dict) -> tuple[str, str]:
    credential = next(c for c in fixtures["credentials"] if c["customers"] == ["*"])
    return credential["username"], credential["password"]


def _user(fixtures: dict, customer_has_url_path: bool) -> dict:
    paths = fixtures["customerUrlPaths"]
    return next(
        user
        for customer in fixtures["customers"]
        if (customer["customer"] in paths) is customer_has_url_path
        for user in customer["users"]
    )


def _issue(client, admin, user: dict, **params) -> dict:
    response = client.post(f"{BASE}/{user['customer']}/{user['user']}/token", params=params, auth=admin)
    assert response.status_code == 200
    return response.json()


def _set_password(client, user: dict, token: str, password: str = "Continuity2026!") -> httpx.Response:
    return client.put(f"{BASE}/{user['user']}/password", json={"token": token, "password": password})


def _outbox_size(client) -> int:
    return len(client.get("/_mock/outbox").json()["messages"])


def test_a_new_token_voids_the_previous_one(client, fixtures, admin):
    user = _user(fixtures, True)
    first, second = _issue(client, admin, user), _issue(client, admin, user)
    assert first["token"] != second["token"]
    refused = _set_password(client, user, first["token"])
    assert refused.status_code == 403 and refused.json()["message"] == "Token was replaced by a newer token"
    assert _set_password(client, user, second["token"]).status_code == 200


def test_token_expires_after_the_configured_lifetime(client, fixtures, admin):
    user = _user(fixtures, True)
    token = _issue(client, admin, user)
    issued, expires = (datetime.fromisoformat(token[k].replace("Z", "+00:00")) for k in ("timestamp", "expiryTimestamp"))
    assert expires - issued == timedelta(seconds=fixtures["tokenTtl"])
    client.put("/_mock/clock", json={"advanceSeconds": fixtures["tokenTtl"] + 1})
    refused = _set_password(client, user, token["token"])
    assert refused.status_code == 403 and refused.json()["message"] == "Token has expired"
    assert client.get(f"{BASE}/{user['customer']}/{user['user']}", auth=admin).json()["user"]["activation"] is user["activation"]


def test_a_token_works_for_its_own_user_only(client, fixtures, admin):
    owner = _user(fixtures, True)
    other = next(u for c in fixtures["customers"] for u in c["users"] if u["user"] != owner["user"])
    token = _issue(client, admin, owner)
    refused = _set_password(client, other, token["token"])
    assert refused.status_code == 403 and refused.json()["message"] == "Invalid token"
    assert _set_password(client, owner, token["token"]).status_code == 200


@pytest.mark.parametrize("password", ["short1!", "has space 123", "umlaut-äöü-1", "x" * 257])
def test_a_password_against_the_rules_is_400_and_keeps_the_token(client, fixtures, admin, password):
    user = _user(fixtures, True)
    token = _issue(client, admin, user)
    assert _set_password(client, user, token["token"], password).status_code == 400
    assert _set_password(client, user, token["token"]).status_code == 200


def test_url_is_the_mocks_own_page_in_the_namespace_by_default(client, fixtures, admin, namespace):
    user = _user(fixtures, False)
    token = _issue(client, admin, user)
    query = urlencode({"token": token["token"], "mock_namespace": namespace})
    assert token["url"] == f"{client.base_url}{BASE}/{user['user']}/password?{query}"
    page = httpx.get(token["url"])  # a browser: no namespace header, the link names it
    assert page.status_code == 200 and "<form" in page.text
    assert _set_password(client, user, token["token"]).status_code == 200
    spent = httpx.get(token["url"])
    assert spent.status_code == 403 and "Token has already been used" in spent.text and "<form" not in spent.text


def test_a_configured_url_base_gives_base_customer_part_and_token():
    config = RetarusConfig(url_base="https://portal.example/set/", customer_url_paths=("44444=acme",))
    assert config.password_url("44444", "a@b.example", "T0k", "http://mock") == "https://portal.example/set/acme/T0k"
    assert config.password_url("55555DE", "a@b.example", "T0k", "http://mock") == "https://portal.example/set/T0k"


@pytest.mark.parametrize(("value", "mails"), [("1", 1), ("TRUE", 1), ("false", 0), ("0", 0), ("yes", 0), (None, 0)])
def test_only_true_or_1_sends_the_notification(client, fixtures, admin, value, mails):
    before = _outbox_size(client)
    params = {} if value is None else {"mailNotification": value}
    token = _issue(client, admin, _user(fixtures, False), **params)
    assert _outbox_size(client) - before == mails
    if mails:
        message = client.get("/_mock/outbox").json()["messages"][0]
        assert token["url"] in client.get(f"/_mock/outbox/{message['id']}").json()["links"]
