"""A webmail frontend's session with a user token: log in with ``token: true``, work on
``/users/me``, be refused elsewhere, log out; and the token's life (idle expiry, password
change, suspension), as the real WildDuck 1.46.1 behaves."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pyotp
import pytest

from mock_server.apis.wildduck.config import WildDuckConfig
from mock_server.app import build_app
from mock_server.settings import Settings
from mock_server.world import World

INVALID_TOKEN = {"code": "InvalidToken", "message": "Invalid accessToken value"}
MISSING_PRIVILEGES = {"error": "Not enough privileges", "code": "MissingPrivileges"}


def create_user(client: httpx.Client, username: str, password: str = "secretpass1") -> str:
    answer = client.post("/users", json={"username": username, "password": password, "tags": ["staff"]})
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def log_in(client: httpx.Client, username: str, password: str = "secretpass1") -> str:
    answer = client.post("/authenticate", json={"username": username, "password": password, "token": True})
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def as_user(token: str) -> dict[str, str]:
    return {"X-Access-Token": token}


def advance(client: httpx.Client, days: float) -> None:
    assert client.put("/_mock/clock", json={"advanceSeconds": timedelta(days=days).total_seconds()}).status_code == 200


def test_a_webmail_session_works_on_me_and_nowhere_else(client: httpx.Client) -> None:
    ann = create_user(client, "ann")
    ben = create_user(client, "ben")
    login = client.post("/authenticate", json={"username": "ann", "password": "secretpass1", "token": True}).json()
    token = login["token"]
    assert login["id"] == ann and len(token) == 40 and token == token.lower() and int(token, 16) >= 0

    me = client.get("/users/me", headers=as_user(token)).json()
    assert me["id"] == ann and me["username"] == "ann"
    assert not {"tags", "disabledScopes", "internalData"} & me.keys(), "the user role may not read these"
    assert client.get(f"/users/{ann}", headers=as_user(token)).json()["id"] == ann, "the own id works too"
    mailboxes = client.get("/users/me/mailboxes", params={"accessToken": token}).json()["results"]
    assert "INBOX" in [box["path"] for box in mailboxes]
    assert client.get("/users/me/addresses", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    listing = client.get("/users", headers=as_user(token)).json()
    assert [user["id"] for user in listing["results"]] == [ann] and listing["total"] == 1
    assert "tags" not in listing["results"][0]
    assert {a["user"] for a in client.get("/addresses", headers=as_user(token)).json()["results"]} == {ann}

    refused = [
        client.get(f"/users/{ben}", headers=as_user(token)),
        client.get(f"/users/{ben}/mailboxes", headers=as_user(token)),
        client.get("/users/0123456789abcdef01234567", headers=as_user(token)),
        client.post("/users", json={"username": "cat", "password": "secretpass1"}, headers=as_user(token)),
        client.delete("/users/me", headers=as_user(token)),
        client.post("/users/me/password/reset", json={}, headers=as_user(token)),
        client.post("/authenticate", json={"username": "ann", "password": "secretpass1"}, headers=as_user(token)),
    ]
    assert [(answer.status_code, answer.json()) for answer in refused] == [(403, MISSING_PRIVILEGES)] * len(refused)
    assert client.get(f"/users/{ben}").status_code == 200, "ben is untouched"


def test_a_user_token_changes_its_own_settings_but_not_the_hidden_fields(client: httpx.Client) -> None:
    ann = create_user(client, "ann")
    token = log_in(client, "ann")
    body = {"name": "Ann A.", "tags": ["vip"], "internalData": {"plan": "gold"}}
    assert client.put("/users/me", json=body, headers=as_user(token)).json() == {"success": True}
    stored = client.get(f"/users/{ann}").json()
    assert (stored["name"], stored["tags"], stored["internalData"]) == ("Ann A.", ["staff"], {})


def test_logging_out_ends_the_token_and_only_that_one(client: httpx.Client) -> None:
    create_user(client, "ann")
    first, second = log_in(client, "ann"), log_in(client, "ann")
    assert first != second
    assert client.delete("/authenticate", headers=as_user(first)).json() == {"success": True}
    gone = client.get("/users/me", headers=as_user(first))
    assert (gone.status_code, gone.json()) == (403, INVALID_TOKEN)
    assert client.delete("/authenticate", headers=as_user(first)).status_code == 403
    assert client.get("/users/me", headers=as_user(second)).status_code == 200
    assert client.delete("/authenticate").json() == {"success": True}, "no token: nothing to end"


def test_unknown_tokens_are_refused_even_without_a_master_token(client: httpx.Client) -> None:
    create_user(client, "ann")
    token = log_in(client, "ann")
    for wrong in ("0" * 40, token.upper(), "not-a-token"):
        answer = client.get("/users", headers=as_user(wrong))
        assert (answer.status_code, answer.json()) == (403, INVALID_TOKEN), wrong


def test_me_without_a_user_token_is_a_malformed_user_id(client: httpx.Client) -> None:
    """As on the real server: ``me`` is replaced before validation only for a user token."""
    answer = client.get("/users/me")
    assert (answer.status_code, answer.json()["code"], list(answer.json()["details"])) == (400, "InputValidationError", ["user"])
    forged = client.get("/users/me/mailboxes", headers=as_user("0" * 40))
    assert (forged.status_code, forged.json()) == (403, INVALID_TOKEN), "the token is checked before the path"


def test_a_token_needs_the_master_scope(client: httpx.Client) -> None:
    create_user(client, "ann")
    answer = client.post("/authenticate", json={"username": "ann", "password": "secretpass1", "token": True, "scope": "imap"})
    assert (answer.status_code, answer.json()["code"]) == (400, "InputValidationError")
    plain = client.post("/authenticate", json={"username": "ann", "password": "secretpass1", "token": False}).json()
    assert plain["success"] and "token" not in plain


def test_a_token_expires_after_14_idle_days_and_each_use_renews_it(client: httpx.Client) -> None:
    create_user(client, "ann")
    used, idle = log_in(client, "ann"), log_in(client, "ann")
    for _ in range(3):
        advance(client, 10)
        assert client.get("/users/me", headers=as_user(used)).status_code == 200
    assert client.get("/users/me", headers=as_user(idle)).json() == INVALID_TOKEN


def test_a_token_lives_180_days_at_most(client: httpx.Client) -> None:
    create_user(client, "ann")
    token = log_in(client, "ann")
    for _ in range(17):
        advance(client, 10)
        assert client.get("/users/me", headers=as_user(token)).status_code == 200
    advance(client, 10)
    assert client.get("/users/me", headers=as_user(token)).json() == INVALID_TOKEN


def test_a_password_change_ends_other_tokens_but_keeps_the_one_that_made_it(client: httpx.Client) -> None:
    ann = create_user(client, "ann")
    phone, laptop = log_in(client, "ann"), log_in(client, "ann")
    assert client.put("/users/me", json={"password": "newsecret11"}, headers=as_user(laptop)).json() == {"success": True}
    assert client.get("/users/me", headers=as_user(phone)).json() == INVALID_TOKEN
    assert client.get("/users/me", headers=as_user(laptop)).status_code == 200

    assert client.put(f"/users/{ann}", json={"password": "another11"}).json() == {"success": True}
    assert client.get("/users/me", headers=as_user(laptop)).json() == INVALID_TOKEN, "changed by the admin"


def test_a_password_reset_keeps_tokens_but_a_suspension_ends_them(client: httpx.Client) -> None:
    """The real server raises ``authVersion`` on a password change or suspension, not on a reset."""
    ann = create_user(client, "ann")
    token = log_in(client, "ann")
    assert client.post(f"/users/{ann}/password/reset", json={}).status_code == 200
    assert client.get("/users/me", headers=as_user(token)).status_code == 200
    assert client.put(f"/users/{ann}", json={"suspended": True}).status_code == 200
    assert client.put(f"/users/{ann}", json={"suspended": False}).status_code == 200
    assert client.get("/users/me", headers=as_user(token)).json() == INVALID_TOKEN


def test_turning_2fa_on_ends_other_tokens(client: httpx.Client, world: World) -> None:
    ann = create_user(client, "ann")
    other, own = log_in(client, "ann"), log_in(client, "ann")
    seed = client.post("/users/me/2fa/totp/setup", json={"issuer": "Acme"}, headers=as_user(own)).json()["seed"]
    code = pyotp.TOTP(seed).at(world.now())
    assert client.post("/users/me/2fa/totp/enable", json={"token": code}, headers=as_user(own)).json() == {"success": True}
    assert client.get("/users/me", headers=as_user(other)).json() == INVALID_TOKEN
    me = client.get("/users/me", headers=as_user(own)).json()
    assert (me["id"], me["enabled2fa"]) == (ann, ["totp"])


def test_a_deleted_user_token_is_refused(client: httpx.Client) -> None:
    ann = create_user(client, "ann")
    token = log_in(client, "ann")
    assert client.delete(f"/users/{ann}").status_code == 200
    assert client.get("/users/me", headers=as_user(token)).json() == INVALID_TOKEN


def test_a_token_survives_a_state_export_and_import() -> None:
    app = build_app(Settings(seed=7))

    async def session() -> tuple[str, dict, int, int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
            await http.post("/users", json={"username": "ann", "password": "secretpass1"})
            login = await http.post("/authenticate", json={"username": "ann", "password": "secretpass1", "token": True})
            token = login.json()["token"]
            exported = (await http.get("/_mock/state")).json()
            await http.post("/_mock/reset")
            after_reset = await http.get("/users/me", headers=as_user(token))
            await http.put("/_mock/state", json=exported)
            after_import = await http.get("/users/me", headers=as_user(token))
            return token, exported, after_reset.status_code, after_import.status_code

    token, exported, after_reset, after_import = asyncio.run(session())
    assert token not in str(exported), "only the token's hash is kept"
    assert (after_reset, after_import) == (403, 200)


@pytest.mark.parametrize("where", ["params", "headers"])
def test_user_tokens_work_next_to_a_configured_master_token(where: str) -> None:
    app = build_app(Settings(seed=7, apis={"wildduck": WildDuckConfig(access_token="s3cret")}))
    master = {"X-Access-Token": "s3cret"}

    async def session() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
            await http.post("/users", json={"username": "ann", "password": "secretpass1"}, headers=master)
            login = await http.post("/authenticate", json={"username": "ann", "password": "secretpass1", "token": True}, headers=master)
            token = login.json()["token"]
            given = {"params": {"accessToken": token}} if where == "params" else {"headers": as_user(token)}
            return [
                await http.get("/users/me", **given),
                await http.get("/users/me", headers=master),
                await http.delete("/authenticate", headers=master),
                await http.delete("/authenticate"),
            ]

    me, me_as_root, logout_as_root, logout_without_token = asyncio.run(session())
    assert (me.status_code, me.json()["username"]) == (200, "ann")
    assert (me_as_root.status_code, me_as_root.json()["code"]) == (400, "InputValidationError")
    assert logout_as_root.json() == {"success": True}
    assert (logout_without_token.status_code, logout_without_token.json()) == (403, INVALID_TOKEN)
