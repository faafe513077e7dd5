"""Who may call what: Basic credentials per customer, the unauthenticated password call, and
errors in Retarus' own shape."""

from __future__ import annotations

import httpx
import pytest

BASE = "/email/continuity/v2"
ERROR_FIELDS = {"id", "timestamp", "status", "message"}


@pytest.fixture
def fixtures(client: httpx.Client) -> dict:
    return client.get("/_mock/fixtures/retarus").json()


def _scoped(fixtures: dict) -> tuple[tuple[str, str], str, str]:
    """A credential limited to some customers, one of its customers, and one it may not touch."""
    credential = next(c for c in fixtures["credentials"] if "*" not in c["customers"])
    others = [c["customer"] for c in fixtures["customers"] if c["customer"] not in credential["customers"]]
    return (credential["username"], credential["password"]), credential["customers"][0], others[0]


def _assert_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == ERROR_FIELDS and body["status"] == status and body["id"] and body["timestamp"]
    return body


@pytest.mark.parametrize("auth", [None, ("nobody", "nothing"), ("continuity-admin", "wrong password")])
def test_missing_or_wrong_credentials_are_401_with_a_basic_challenge(client, fixtures, auth):
    customer = fixtures["customers"][0]["customer"]
    response = client.get(f"{BASE}/{customer}", auth=auth)
    _assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic ")


def test_credentials_reach_their_own_customers_only(client, fixtures):
    auth, own, other = _scoped(fixtures)
    assert client.get(f"{BASE}/{own}", auth=auth).status_code == 200
    other_user = next(c for c in fixtures["customers"] if c["customer"] == other)["users"][0]["user"]
    for method, path in (
        ("GET", f"{BASE}/{other}"),
        ("HEAD", f"{BASE}/{other}"),
        ("PUT", f"{BASE}/{other}/failover"),
        ("GET", f"{BASE}/{other}/{other_user}"),
        ("POST", f"{BASE}/{other}/{other_user}/token"),
        ("DELETE", f"{BASE}/{other}/{other_user}"),
    ):
        response = client.request(method, path, auth=auth)
        assert response.status_code == 403, (method, path)
    # Nothing changed for the other customer.
    admin = next(c for c in fixtures["credentials"] if c["customers"] == ["*"])
    still = client.get(f"{BASE}/{other}/{other_user}", auth=(admin["username"], admin["password"]))
    assert still.status_code == 200 and still.json()["user"]["failover"] is False


def test_forbidden_body_is_the_vendor_error_shape(client, fixtures):
    auth, _own, other = _scoped(fixtures)
    assert _assert_error(client.get(f"{BASE}/{other}", auth=auth), 403)["message"] == "Forbidden"


def test_password_call_needs_no_credentials(client, fixtures):
    user = next(u for c in fixtures["customers"] for u in c["users"] if u["openToken"])
    response = client.put(f"{BASE}/{user['user']}/password", json={"token": user["openToken"]["token"], "password": "Secret123!"})
    assert response.status_code == 200
    assert set(response.json()) == {"id", "timestamp"}


def test_a_path_that_names_another_resource_is_405_with_its_methods(client, fixtures):
    admin = next(c for c in fixtures["credentials"] if c["customers"] == ["*"])
    response = client.get(f"{BASE}/44444/failover", auth=(admin["username"], admin["password"]))
    _assert_error(response, 405)
    assert response.headers["Allow"] == "DELETE, PUT"


def test_request_ids_differ_per_answer(client, fixtures):
    auth, own, _other = _scoped(fixtures)
    ids = {client.get(f"{BASE}/{own}", auth=auth).json()["id"] for _ in range(3)}
    assert len(ids) == 3
