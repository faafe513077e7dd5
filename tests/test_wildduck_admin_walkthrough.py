"""What a WildDuck admin panel does, end to end, against the live mock.

Create a user, authenticate, add an alias and make it the main address, turn TOTP on with a
code computed from the returned secret (as an authenticator app would), authenticate again
and get asked for 2FA, check a code, create an IMAP application password and log in with it
(typed with spaces), reset the password, then read all of it back in the auth log.
"""

from __future__ import annotations

import base64

import httpx
import pyotp
import pytest

from mock_server.plain import dump
from mock_server.world import World

PASSWORD = "correct horse battery"


def code_at(seed: str, world: World, steps: int = 0) -> str:
    return pyotp.TOTP(seed).at(world.now(), counter_offset=steps)


@pytest.fixture
def jane(client: httpx.Client) -> str:
    created = client.post("/users", json={"username": "Jane.Doe", "password": PASSWORD, "name": "Jane Doe", "tags": ["staff", "Beta"], "ip": "198.51.100.7"})
    assert created.status_code == 200, created.text
    return created.json()["id"]


def authenticate(client: httpx.Client, username: str, password: str, scope: str = "master", protocol: str = "API") -> httpx.Response:
    body = {"username": username, "password": password, "scope": scope, "protocol": protocol, "ip": "198.51.100.7"}
    return client.post("/authenticate", json=body)


def test_admin_panel_walkthrough(client: httpx.Client, world: World, jane: str) -> None:
    user = client.get(f"/users/{jane}").json()
    assert user["username"] == "jane.doe"
    assert user["address"] == "jane.doe@example.com"
    assert user["tags"] == ["Beta", "staff"]
    assert user["hasPasswordSet"] is True and user["enabled2fa"] == []

    first = authenticate(client, "jane.doe", PASSWORD)
    assert first.json() == {
        "success": True, "id": jane, "username": "jane.doe", "address": "jane.doe@example.com",
        "scope": "master", "require2fa": False, "requirePasswordChange": False,
    }
    assert authenticate(client, "JANE.DOE@Example.com", PASSWORD).status_code == 200, "any spelling of an address logs in"
    assert authenticate(client, "jane.doe", "wrong").json() == {"error": "Authentication failed", "code": "AuthFailed", "id": jane}

    alias = client.post(f"/users/{jane}/addresses", json={"address": "jd@example.com", "name": "JD"}).json()["id"]
    assert client.put(f"/users/{jane}/addresses/{alias}", json={"main": True}).json() == {"success": True}
    assert client.get(f"/users/{jane}").json()["address"] == "jd@example.com"
    listed = {a["address"]: a["main"] for a in client.get(f"/users/{jane}/addresses").json()["results"]}
    assert listed == {"jane.doe@example.com": False, "jd@example.com": True}
    refused = client.delete(f"/users/{jane}/addresses/{alias}")
    assert (refused.status_code, refused.json()["code"]) == (400, "NotPermitted")

    setup = client.post(f"/users/{jane}/2fa/totp/setup", json={"issuer": "Acme Mail"}).json()
    seed = setup["seed"]
    assert base64.b64decode(setup["qrcode"].removeprefix("data:image/png;base64,")).startswith(b"\x89PNG\r\n\x1a\n")
    wrong = client.post(f"/users/{jane}/2fa/totp/enable", json={"token": code_at(seed, world, steps=20)})
    assert (wrong.status_code, wrong.json()["code"]) == (400, "InvalidToken")
    assert client.post(f"/users/{jane}/2fa/totp/enable", json={"token": code_at(seed, world)}).json() == {"success": True}

    second = authenticate(client, "jane.doe", PASSWORD).json()
    assert second["require2fa"] == ["totp"]
    imap_with_master = authenticate(client, "jane.doe", PASSWORD, scope="imap")
    assert (imap_with_master.status_code, imap_with_master.json()["code"]) == (403, "InvalidAuthScope")

    code = code_at(seed, world)
    assert client.post(f"/users/{jane}/2fa/totp/check", json={"token": code}).json() == {"success": True}
    replayed = client.post(f"/users/{jane}/2fa/totp/check", json={"token": code})
    assert (replayed.status_code, replayed.json()["code"]) == (403, "RateLimitedError")

    asp = client.post(f"/users/{jane}/asps", json={"description": "Thunderbird", "scopes": ["imap"]}).json()
    spaced = " ".join(asp["password"][i : i + 4] for i in range(0, 16, 4))
    imap = authenticate(client, "jd@example.com", spaced, scope="imap", protocol="IMAP")
    assert imap.json() == {"success": True, "id": jane, "username": "jane.doe", "scope": "imap", "require2fa": False}
    assert authenticate(client, "jane.doe", asp["password"], scope="master").json()["code"] == "AuthFailed"
    assert authenticate(client, "jane.doe", asp["password"], scope="smtp").json()["code"] == "InvalidAuthScope"
    listed_asp = client.get(f"/users/{jane}/asps").json()["results"][0]
    assert listed_asp["scopes"] == ["imap"] and listed_asp["lastUse"]["time"]

    temporary = client.post(f"/users/{jane}/password/reset", json={"ip": "198.51.100.7"}).json()["password"]
    after_reset = authenticate(client, "jane.doe", temporary).json()
    assert after_reset["requirePasswordChange"] is True and after_reset["require2fa"] is False
    assert client.get(f"/users/{jane}").json()["enabled2fa"] == [], "a reset clears 2FA"
    assert authenticate(client, "jane.doe", temporary, scope="imap").json()["code"] == "InvalidAuthScope"
    assert client.put(f"/users/{jane}", json={"password": "a new one", "existingPassword": PASSWORD}).json() == {"success": True}
    assert authenticate(client, "jane.doe", "a new one").json()["requirePasswordChange"] is False
    assert authenticate(client, "jane.doe", temporary).status_code == 403, "a new password ends the temporary one"

    log = client.get(f"/users/{jane}/authlog", params={"limit": 100}).json()
    actions = [(e["action"], e.get("result")) for e in log["results"]]
    for expected in [
        ("account created", "success"), ("authentication", "success"), ("authentication", "fail"),
        ("enable 2fa totp", "fail"), ("enable 2fa totp", "success"), ("check 2fa totp", "success"),
        ("create asp", "success"), ("reset", None), ("password change", "success"),
    ]:
        assert expected in actions, expected
    assert log["total"] == len(log["results"]) and log["nextCursor"] is False
    imap_login = next(e for e in log["results"] if e.get("protocol") == "IMAP")
    assert (imap_login["source"], imap_login["aname"], imap_login["requiredScope"]) == ("asp", "Thunderbird", "imap")
    master_ok = next(e for e in log["results"] if e["action"] == "authentication" and e["result"] == "success" and e["source"] == "master")
    assert master_ok["events"] >= 2, "similar logins within 6 hours are merged"
    only_asp = client.get(f"/users/{jane}/authlog", params={"action": "create asp"}).json()
    assert [e["action"] for e in only_asp["results"]] == ["create asp"] and only_asp["action"] == "create asp"

    exported = world.export()
    assert World.restore(exported, world.settings).export() == exported
    assert dump(world.state("wildduck")) == exported["apis"]["wildduck"]


def test_app_password_with_mobileconfig_profile(client: httpx.Client, jane: str) -> None:
    import plistlib

    asp = client.post(f"/users/{jane}/asps", json={"description": "iPhone", "generateMobileconfig": True}).json()
    profile = plistlib.loads(base64.b64decode(asp["mobileconfig"]))
    account = profile["PayloadContent"][0]
    assert (account["EmailAddress"], account["IncomingPassword"]) == ("jane.doe@example.com", asp["password"])
    assert account["EmailAccountType"] == "EmailTypeIMAP" and asp["address"] == "jane.doe@example.com"
    smtp_only = client.post(f"/users/{jane}/asps", json={"description": "x", "scopes": ["smtp"], "generateMobileconfig": True})
    assert (smtp_only.status_code, smtp_only.json()["code"]) == (400, "InputValidationError"), "a profile needs an incoming protocol"
    deleted = client.delete(f"/users/{jane}/asps/{asp['id']}")
    assert deleted.json() == {"success": True}
    assert client.get(f"/users/{jane}/asps/{asp['id']}").json()["code"] == "AspNotFound"


def test_disabling_2fa_lets_the_master_password_into_imap_again(client: httpx.Client, world: World, jane: str) -> None:
    seed = client.post(f"/users/{jane}/2fa/totp/setup", json={"issuer": "Acme Mail"}).json()["seed"]
    client.post(f"/users/{jane}/2fa/totp/enable", json={"token": code_at(seed, world)})
    assert authenticate(client, "jane.doe", PASSWORD, scope="imap").status_code == 403
    assert client.delete(f"/users/{jane}/2fa").json() == {"success": True}
    assert authenticate(client, "jane.doe", PASSWORD, scope="imap").json()["require2fa"] is False
    not_on = client.delete(f"/users/{jane}/2fa/totp")
    assert (not_on.status_code, not_on.json()["code"]) == (400, "TotpDisabled")
    unset = client.post(f"/users/{jane}/2fa/totp/check", json={"token": "123456"})
    assert (unset.status_code, unset.json()["code"]) == (400, "TotpDisabled")
