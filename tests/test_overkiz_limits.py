"""Overkiz rate limits, login throttling, sessions and cookies: configurable, on the namespace clock."""

from __future__ import annotations

import httpx
import pytest

from mock_server.apis.overkiz.config import OverkizConfig
from mock_server.settings import Settings, env_config, env_prefix
from tests.support.live_server import LiveServer

BASE = "/enduser-mobile-web/enduserAPI"


@pytest.fixture(scope="module")
def strict_server():
    """A server whose limits are small enough to reach in a test."""
    config = OverkizConfig(user_lookup_limit=3, user_lookup_window=60, login_max_failures=2, login_failure_window=120, session_idle_timeout=600)
    with LiveServer(Settings(seed=7, apis={"overkiz": config})) as live:
        yield live


@pytest.fixture
def strict(strict_server: LiveServer, namespace: str):
    with httpx.Client(base_url=strict_server.url, headers={"X-Mock-Namespace": namespace}) as http:
        yield http


def advance(client: httpx.Client, seconds: float) -> None:
    assert client.put("/_mock/clock", json={"advanceSeconds": seconds}).status_code == 200


def seeded_account(client: httpx.Client, index: int = 0) -> dict:
    return client.get("/_mock/fixtures/overkiz").json()["accounts"][index]


def test_limits_are_read_from_the_environment() -> None:
    config = env_config(OverkizConfig, env_prefix("overkiz"), {"MOCK_OVERKIZ_USER_LOOKUP_LIMIT": "3", "MOCK_OVERKIZ_SESSION_IDLE_TIMEOUT": "5"})
    assert (config.user_lookup_limit, config.session_idle_timeout) == (3, 5)


def test_user_lookups_are_rate_limited_until_the_window_moves_on(strict: httpx.Client) -> None:
    for _ in range(3):
        assert strict.get(f"{BASE}/enduser/existingUserIds/someone").status_code == 200
    refused = strict.get(f"{BASE}/enduser/existingUserIds/someone")
    assert refused.status_code == 429
    assert refused.json() == {"errorCode": "RESOURCE_ACCESS_DENIED", "error": "Too many requests, try again later"}
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    advance(strict, int(refused.headers["Retry-After"]))
    assert strict.get(f"{BASE}/enduser/existingUserIds/someone").status_code == 200


def test_failed_logins_throttle_that_user_id_even_with_the_right_password(strict: httpx.Client) -> None:
    account = seeded_account(strict)
    for _ in range(2):
        bad = strict.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": "wrong"})
        assert bad.json() == {"errorCode": "AUTHENTICATION_ERROR", "error": "Bad credentials"}
    throttled = strict.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": account["password"]})
    assert throttled.status_code == 401
    assert throttled.json()["error"] == f"Too many requests, try again later : login with {account['userId']}"
    assert int(throttled.headers["Retry-After"]) <= 120
    other = seeded_account(strict, 1)
    assert strict.post(f"{BASE}/login", data={"userId": other["userId"], "userPassword": other["password"]}).status_code == 200
    advance(strict, 121)
    assert strict.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": account["password"]}).status_code == 200


def test_idle_sessions_expire_by_the_namespace_clock(strict: httpx.Client) -> None:
    account = seeded_account(strict)
    strict.post(f"{BASE}/login", params={"userId": account["userId"], "userPassword": account["password"]})
    advance(strict, 599)
    assert strict.get(f"{BASE}/authenticated").json() == {"authenticated": True}
    advance(strict, 599)  # activity restarted the idle timer
    assert strict.get(f"{BASE}/authenticated").json() == {"authenticated": True}
    advance(strict, 600)
    assert strict.get(f"{BASE}/authenticated").json() == {"authenticated": False}


@pytest.mark.parametrize("cookie", ["JSESSIONID", "=abc", "a b=c", "JSESSIONID=abc; x(y)=1"])
def test_malformed_cookie_headers_are_a_400(client: httpx.Client, cookie: str) -> None:
    for method, path in (("GET", "/authenticated"), ("POST", "/logout"), ("POST", "/login")):
        response = client.request(method, BASE + path, headers={"Cookie": cookie})
        assert response.status_code == 400, (method, path)
        assert response.json()["errorCode"] == "INVALID_FIELD_VALUE"


def test_unknown_form_fields_and_missing_credentials(client: httpx.Client) -> None:
    unknown = client.post(f"{BASE}/login", data={"user": "x", "password": "y"})
    assert unknown.status_code == 400 and unknown.json()["errorCode"] == "INVALID_FIELD_VALUE"
    nothing = client.post(f"{BASE}/login")
    assert nothing.status_code == 401
    assert nothing.json()["error"].endswith("please provide one of [userId+userPassword, userId+ssoToken, accessToken, jwt]")


def test_logging_in_again_replaces_the_session(client: httpx.Client) -> None:
    account = seeded_account(client)
    client.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": account["password"]})
    first = client.cookies["JSESSIONID"]
    client.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": account["password"]})
    assert client.cookies["JSESSIONID"] != first
    stale = client.get(f"{BASE}/authenticated", headers={"Cookie": f"JSESSIONID={first}"})
    assert stale.json() == {"authenticated": False}
