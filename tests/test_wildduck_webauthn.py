"""WebAuthn as a WildDuck webmail drives it: register a security key, log in with it, and
the checks a real server makes (single-use and expiring challenges, origin, relying party,
signature, sign counter), with a software authenticator producing real attestation and
assertion objects."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from mock_server.apis.wildduck.twofa.soft_authenticator import SoftAuthenticator

ORIGIN = "https://example.com"


def create_user(client: httpx.Client, username: str = "wendy") -> str:
    answer = client.post("/users", json={"username": username, "password": "secretpass1", "name": "Wendy W"})
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def register(client: httpx.Client, user: str, key: SoftAuthenticator, **extra: str) -> dict:
    options = client.post(
        f"/users/{user}/2fa/webauthn/registration-challenge", json={"description": "YubiKey", "origin": ORIGIN, **extra}
    ).json()["registrationOptions"]
    answer = client.post(f"/users/{user}/2fa/webauthn/registration-attestation", json=key.create(options))
    assert answer.status_code == 200, answer.text
    return answer.json()["response"]


def login_options(client: httpx.Client, user: str, **extra: str) -> dict:
    answer = client.post(f"/users/{user}/2fa/webauthn/authentication-challenge", json={"origin": ORIGIN, **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()["authenticationOptions"]


def assert_login(client: httpx.Client, user: str, body: dict) -> httpx.Response:
    return client.post(f"/users/{user}/2fa/webauthn/authentication-assertion", json=body)


def test_a_security_key_registers_and_logs_in(client: httpx.Client) -> None:
    user = create_user(client)
    key = SoftAuthenticator()
    options = client.post(
        f"/users/{user}/2fa/webauthn/registration-challenge", json={"description": "YubiKey", "origin": ORIGIN}
    ).json()["registrationOptions"]
    assert options["rp"] == {"name": "WildDuck Email Server", "id": "example.com"}
    assert options["user"] == {"id": user, "name": "wendy@example.com", "displayName": "Wendy W"}
    assert len(options["challenge"]) == 128 and [p["alg"] for p in options["pubKeyCredParams"]] == [-7, -257]
    assert "excludeCredentials" not in options

    registered = client.post(f"/users/{user}/2fa/webauthn/registration-attestation", json=key.create(options)).json()
    assert registered["success"] is True
    credential = registered["response"]
    assert credential["rawId"] == key.credential_id.hex() and credential["description"] == "YubiKey"
    assert credential["authenticatorAttachment"] == "cross-platform"
    assert client.get(f"/users/{user}/2fa/webauthn/credentials").json()["credentials"] == [
        {key: credential[key] for key in ("id", "rawId", "description", "authenticatorAttachment")}
    ]

    login = client.post("/authenticate", json={"username": "wendy", "password": "secretpass1"}).json()
    assert login["require2fa"] == ["webauthn"], "the password alone is no longer enough"

    options = login_options(client, user)
    assert options["rpId"] == "example.com" and options["allowCredentials"] == [{"rawId": key.credential_id.hex(), "type": "public-key"}]
    answer = assert_login(client, user, {**key.get(options), "token": True})
    assert answer.status_code == 200, answer.text
    assert answer.json()["response"] == {"authenticated": True, "credential": credential["id"]}
    token = answer.json()["token"]
    assert client.get("/users/me", headers={"X-Access-Token": token}).json()["id"] == user

    actions = [event["action"] for event in client.get(f"/users/{user}/authlog").json()["results"]]
    assert "register webauthn" in actions


def test_a_second_key_of_the_same_kind_is_excluded_and_removing_the_last_turns_webauthn_off(client: httpx.Client) -> None:
    user = create_user(client)
    first = register(client, user, SoftAuthenticator())
    options = client.post(
        f"/users/{user}/2fa/webauthn/registration-challenge", json={"description": "Phone", "origin": ORIGIN, "authenticatorAttachment": "platform"}
    ).json()["registrationOptions"]
    assert options["excludeCredentials"] == [], "only keys of the same attachment are excluded"
    options = client.post(
        f"/users/{user}/2fa/webauthn/registration-challenge", json={"description": "Key 2", "origin": ORIGIN}
    ).json()["registrationOptions"]
    assert options["excludeCredentials"] == [{"rawId": first["rawId"], "type": "public-key", "transports": ["usb", "nfc", "ble"]}]

    deleted = client.delete(f"/users/{user}/2fa/webauthn/credentials/{first['id']}")
    assert deleted.json() == {"success": True, "deleted": True}
    assert client.get(f"/users/{user}").json()["enabled2fa"] == []
    refused = client.post(f"/users/{user}/2fa/webauthn/authentication-challenge", json={"origin": ORIGIN})
    assert refused.status_code == 400
    assert refused.json() == {"error": "WebAuthn is not enabled for this user", "code": "WebAuthnDisabled"}


def test_a_challenge_is_single_use_and_expires_after_an_hour(client: httpx.Client) -> None:
    user = create_user(client)
    key = SoftAuthenticator()
    register(client, user, key)
    body = key.get(login_options(client, user))
    assert assert_login(client, user, body).status_code == 200
    replay = assert_login(client, user, body)
    assert replay.status_code == 404 and replay.json() == {"error": "Unknown challenge", "code": "ChallengeNotFound"}

    late = key.get(login_options(client, user))
    client.put("/_mock/clock", json={"advanceSeconds": timedelta(hours=1, seconds=1).total_seconds()})
    assert assert_login(client, user, late).json()["code"] == "ChallengeNotFound"

    options = client.post(f"/users/{user}/2fa/webauthn/registration-challenge", json={"description": "K", "origin": ORIGIN}).json()
    other = create_user(client, "otto")
    stolen = client.post(f"/users/{other}/2fa/webauthn/registration-attestation", json=SoftAuthenticator().create(options["registrationOptions"]))
    assert stolen.status_code == 404, "a challenge belongs to the user it was made for"


def test_a_cloned_key_whose_counter_goes_back_is_refused(client: httpx.Client) -> None:
    user = create_user(client)
    key = SoftAuthenticator()
    register(client, user, key)
    assert assert_login(client, user, key.get(login_options(client, user))).status_code == 200
    assert assert_login(client, user, key.get(login_options(client, user))).status_code == 200
    key.counter = 0  # a copy of the key that has signed less
    refused = assert_login(client, user, key.get(login_options(client, user)))
    assert refused.status_code == 400 and refused.json()["code"] == "WebAuthnError"


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda key, options: key.get(options, origin="https://evil.example"), id="another origin"),
        pytest.param(lambda key, options: key.get(options, rp_id="evil.example"), id="another relying party"),
        pytest.param(lambda key, options: {**key.get(options), "signature": SoftAuthenticator().get(options)["signature"]}, id="another key's signature"),
    ],
)
def test_an_assertion_that_does_not_verify_is_refused(client: httpx.Client, tamper) -> None:
    user = create_user(client)
    key = SoftAuthenticator()
    register(client, user, key)
    refused = assert_login(client, user, tamper(key, login_options(client, user)))
    assert refused.status_code == 400 and refused.json()["code"] == "WebAuthnError", refused.text


def test_registration_checks_origin_and_unknown_keys_are_not_found(client: httpx.Client) -> None:
    user = create_user(client)
    key = SoftAuthenticator()
    options = client.post(f"/users/{user}/2fa/webauthn/registration-challenge", json={"description": "K", "origin": ORIGIN}).json()
    refused = client.post(f"/users/{user}/2fa/webauthn/registration-attestation", json=key.create(options["registrationOptions"], origin="https://evil.example"))
    assert refused.status_code == 400 and refused.json()["code"] == "WebAuthnError"
    assert client.get(f"/users/{user}/2fa/webauthn/credentials").json()["credentials"] == []

    register(client, user, key)
    stranger = SoftAuthenticator()
    missing = assert_login(client, user, stranger.get(login_options(client, user)))
    assert missing.status_code == 404
    assert missing.json() == {"error": "Credentials were not found", "code": "CredentialsNotFound"}


def test_a_user_token_registers_its_own_key_but_not_another_users(client: httpx.Client) -> None:
    user = create_user(client)
    other = create_user(client, "otto")
    token = client.post("/authenticate", json={"username": "wendy", "password": "secretpass1", "token": True}).json()["token"]
    own = httpx.Client(base_url=str(client.base_url), headers={**client.headers, "X-Access-Token": token})
    register(own, "me", SoftAuthenticator())
    assert own.get("/users/me").status_code == 200, "registering the first 2FA method keeps the caller's own token"
    refused = own.post(f"/users/{other}/2fa/webauthn/registration-challenge", json={"description": "K", "origin": ORIGIN})
    assert refused.status_code == 403 and refused.json()["code"] == "MissingPrivileges"
