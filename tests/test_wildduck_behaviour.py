"""WildDuck behaviour a client notices: error shapes, paging, addresses, the access token,
log expiry, quota recount, and the seeded fixtures."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import httpx
import pyotp
import pytest

from mock_server.apis.wildduck.config import WildDuckConfig
from mock_server.app import build_app
from mock_server.settings import Settings
from mock_server.world import World


def create_user(client: httpx.Client, username: str, **fields: object) -> str:
    response = client.post("/users", json={"username": username, "password": "pw-" + username, **fields})
    assert response.status_code == 200, response.text
    return response.json()["id"]


def test_errors_look_like_wildducks(client: httpx.Client) -> None:
    unknown_path = client.get("/no/such/thing")
    assert unknown_path.status_code == 404
    assert unknown_path.json() == {"code": "ResourceNotFound", "message": "/no/such/thing does not exist"}
    assert unknown_path.headers["server"] == "WildDuck API"

    missing = client.get("/users/0123456789abcdef01234567")
    assert (missing.status_code, missing.json()) == (404, {"error": "This user does not exist", "code": "UserNotFound"})
    assert missing.text.startswith('{\n  "error"'), "pretty-printed with two spaces, as the real server does"

    bad_id = client.get("/users/not-an-id").json()
    assert bad_id["code"] == "InputValidationError" and list(bad_id["details"]) == ["user"]

    unknown_field = client.post("/users", json={"username": "x", "password": "y", "colour": "red"}).json()
    assert unknown_field["details"] == {"colour": '"colour" is not allowed'}

    create_user(client, "sam.smith")
    duplicate = client.post("/users", json={"username": "samsmith", "password": "z"})
    assert duplicate.status_code == 409, "dots in usernames are informational"
    assert duplicate.json() == {"error": "This username already exists", "code": "UserExistsError", "username": "samsmith"}

    wrong_method = client.delete("/addresses")
    assert (wrong_method.status_code, wrong_method.headers["allow"]) == (405, "GET")
    assert wrong_method.json() == {"code": "MethodNotAllowed", "message": "DELETE is not allowed"}


def test_paging_follows_cursors_and_stays_stable_while_users_are_added(client: httpx.Client) -> None:
    for n in range(5):
        create_user(client, f"pager{n}", tags=["paged"])
    first = client.get("/users", params={"tags": "paged", "limit": 2}).json()
    assert (first["total"], first["page"], first["previousCursor"]) == (5, 1, False)
    assert [u["username"] for u in first["results"]] == ["pager0", "pager1"]

    create_user(client, "pager5", tags=["paged"])
    second = client.get("/users", params={"tags": "paged", "limit": 2, "next": first["nextCursor"], "page": 2}).json()
    assert [u["username"] for u in second["results"]] == ["pager2", "pager3"]
    assert second["page"] == 2 and second["total"] == 6

    back = client.get("/users", params={"tags": "paged", "limit": 2, "previous": second["previousCursor"], "page": 1}).json()
    assert [u["username"] for u in back["results"]] == ["pager0", "pager1"] and back["previousCursor"] is False

    third = client.get("/users", params={"tags": "paged", "limit": 2, "next": second["nextCursor"], "page": 3}).json()
    assert [u["username"] for u in third["results"]] == ["pager4", "pager5"] and third["nextCursor"] is False


def test_user_listing_filters(client: httpx.Client) -> None:
    create_user(client, "alice.archer", tags=["Red", "green"])
    create_user(client, "bob.baker", tags=["red"])
    create_user(client, "carol.cook", tags=["blue"])

    def names(**params: str) -> list[str]:
        return sorted(u["username"] for u in client.get("/users", params={"limit": 250, **params}).json()["results"])

    assert names(tags="RED,blue", requiredTags="") == ["alice.archer", "bob.baker", "carol.cook"]
    assert names(requiredTags="red,green") == ["alice.archer"]
    assert names(query="lice") == ["alice.archer"]
    assert names(query="bobbaker") == ["bob.baker"], "dots are ignored in username search"
    assert client.get("/users", params={"query": "lice"}).json()["query"] == "lice"


def test_addresses_are_unique_across_users_ignoring_case_and_dots(client: httpx.Client) -> None:
    ann = create_user(client, "ann", emptyAddress=True)
    assert client.get(f"/users/{ann}").json()["address"] == ""
    idn = client.post(f"/users/{ann}/addresses", json={"address": "андрис@уайлддак.орг"})
    assert idn.status_code == 200
    assert client.get(f"/users/{ann}").json()["address"] == "андрис@уайлддак.орг", "a first address becomes the main one"

    ben = create_user(client, "ben")
    for taken in ("АНДРИС@уайлддак.орг", "андрис@xn--80aalaxjd5d.xn--c1avg", "a.nn@example.com"):
        if taken.startswith("a.nn"):
            client.post(f"/users/{ann}/addresses", json={"address": "ann@example.com"})
        clash = client.post(f"/users/{ben}/addresses", json={"address": taken})
        assert (clash.status_code, clash.json()["code"]) == (400, "AddressExistsError"), taken

    found = client.get("/addresses", params={"query": "андрис"}).json()
    assert [(a["address"], a["user"]) for a in found["results"]] == [("андрис@уайлддак.орг", ann)]
    alias = client.post(f"/users/{ben}/addresses", json={"address": "ben.alias@example.com", "tags": ["x"]}).json()["id"]
    assert client.get(f"/users/{ben}/addresses/{alias}").json()["tags"] == ["x"]
    assert client.get(f"/users/{ann}/addresses/{alias}").json()["code"] == "AddressNotFound", "another user's address"
    assert client.delete(f"/users/{ben}/addresses/{alias}").json() == {"success": True}
    assert client.get(f"/users/{ben}/addresses/{alias}").status_code == 404


def test_auth_log_entries_expire_after_30_days(client: httpx.Client) -> None:
    user = create_user(client, "old.timer")
    assert client.get(f"/users/{user}/authlog").json()["total"] == 1
    client.put("/_mock/clock", json={"advanceSeconds": timedelta(days=29).total_seconds()})
    client.post("/authenticate", json={"username": "old.timer", "password": "nope"})
    assert client.get(f"/users/{user}/authlog").json()["total"] == 2
    client.put("/_mock/clock", json={"advanceSeconds": timedelta(days=2).total_seconds()})
    remaining = client.get(f"/users/{user}/authlog").json()["results"]
    assert [(e["action"], e["result"]) for e in remaining] == [("authentication", "fail")]


def test_seeded_fixtures_can_log_in(client: httpx.Client, world: World) -> None:
    fixtures = client.get("/_mock/fixtures/wildduck").json()
    assert fixtures["accessToken"] is None and len(fixtures["users"]) == 8
    with_2fa, with_alias = fixtures["users"][0], fixtures["users"][1]
    login = client.post("/authenticate", json={"username": with_2fa["address"], "password": with_2fa["password"]}).json()
    assert login["require2fa"] == ["totp"]
    code = pyotp.TOTP(with_2fa["totpSeed"]).at(world.now())
    assert client.post(f"/users/{with_2fa['id']}/2fa/totp/check", json={"token": code}).json() == {"success": True}
    app_password = with_2fa["appPassword"]["password"]
    assert client.post("/authenticate", json={"username": with_2fa["username"], "password": app_password, "scope": "smtp"}).status_code == 200
    assert client.post("/authenticate", json={"username": with_alias["alias"], "password": with_alias["password"]}).status_code == 200
    tagged = client.get("/users", params={"limit": 250}).json()["results"]
    assert any(u["tags"] for u in tagged) and len({u["quota"]["allowed"] for u in tagged}) > 1


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({}, 403),
        ({"params": {"accessToken": "wrong"}}, 403),
        ({"params": {"accessToken": "s3cret"}}, 200),
        ({"headers": {"X-Access-Token": "s3cret"}}, 200),
        ({"headers": {"Authorization": "Bearer s3cret"}}, 200),
    ],
)
def test_a_configured_access_token_is_required_on_every_call(where: dict, expected: int) -> None:
    app = build_app(Settings(seed=7, apis={"wildduck": WildDuckConfig(access_token="s3cret")}))

    async def call() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
            return await http.get("/users", **where)

    response = asyncio.run(call())
    assert response.status_code == expected
    if expected == 403:
        assert response.json() == {"code": "InvalidToken", "message": "Invalid accessToken value"}


def test_same_seed_and_requests_give_byte_identical_answers() -> None:
    async def session() -> list[bytes]:
        app = build_app(Settings(seed=99, clock=datetime(2024, 5, 1, tzinfo=timezone.utc)))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
            user = (await http.post("/users", json={"username": "twin", "password": "pw"})).json()["id"]
            answers = [
                await http.post(f"/users/{user}/2fa/totp/setup", json={"issuer": "Acme Mail"}),
                await http.post(f"/users/{user}/asps", json={"description": "x"}),
                await http.post(f"/users/{user}/password/reset", json={}),
                await http.get("/users", params={"limit": 3}),
                await http.get(f"/users/{user}/authlog"),
            ]
            return [answer.content for answer in answers]

    assert asyncio.run(session()) == asyncio.run(session())


def test_answers_aligned_with_the_real_server_in_the_2026_11_22_run(client: httpx.Client) -> None:
    """Items #20, #29 and #32 of docs/conformance-wildduck.md."""
    user = create_user(client, "aligned")
    details = client.get(f"/users/{user}").json()
    assert details["featureFlags"] == {}
    assert details["limits"]["filters"] == {"allowed": 400, "used": 0}

    asp = client.post(f"/users/{user}/asps", json={"description": "x", "protocol": "IMAP"})
    assert (asp.status_code, asp.json()["details"]) == (400, {"protocol": '"protocol" is not allowed'})

    inbox = client.get(f"/users/{user}/mailboxes").json()["results"][0]["id"]
    nothing = client.put(f"/users/{user}/mailboxes/{inbox}", json={})
    assert (nothing.status_code, nothing.json()["code"]) == (400, "InputValidationError"), "the real server: 400 Nothing was changed"
    assert client.put(f"/users/{user}/mailboxes/{inbox}", json={"subscribed": True}).status_code == 200
