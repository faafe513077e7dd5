"""A login frontend's side routes: ``/preauth`` before asking for a password, one auth log
entry by its id, and custom 2FA for a site that runs its own second factor; codes and texts
as the real WildDuck 1.46.1 answers them."""

from __future__ import annotations

from datetime import timedelta

import httpx

AUTH_FAILED = {"error": "Authentication failed", "code": "AuthFailed"}


def create_user(client: httpx.Client, username: str = "paula", **extra) -> str:
    answer = client.post("/users", json={"username": username, "password": "secretpass1", "address": f"{username}@example.com", **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def test_preauth_tells_whether_an_account_can_log_in_without_a_password(client: httpx.Client) -> None:
    user = create_user(client, disabledScopes=["pop3"])
    for username in ("paula", "paula@example.com", "PAULA", "p.aula"):
        answer = client.post("/preauth", json={"username": username})
        assert answer.json() == {
            "success": True, "id": user, "username": "paula", "address": "paula@example.com", "scope": "master", "require2fa": False,
        }, username
    assert client.post("/preauth", json={"username": "nobody"}).json() == AUTH_FAILED
    refused = client.post("/preauth", json={"username": "paula", "scope": "pop3"})
    assert refused.status_code == 403
    assert refused.json() == {"error": "Access to requested service disabled", "code": "InvalidAuthScope"}

    client.put(f"/users/{user}/2fa/custom", json={})
    assert client.post("/preauth", json={"username": "paula"}).json()["require2fa"] == ["custom"]
    assert client.post("/preauth", json={"username": "paula", "scope": "imap"}).json()["require2fa"] is False
    client.put(f"/users/{user}", json={"disabled": True})
    disabled = client.post("/preauth", json={"username": "paula"})
    assert disabled.status_code == 403 and disabled.json() == AUTH_FAILED
    actions = [event["action"] for event in client.get(f"/users/{user}/authlog").json()["results"]]
    assert actions == ["enable 2fa custom", "account created"], "preauth writes nothing to the auth log"


def test_a_user_token_may_not_preauth(client: httpx.Client) -> None:
    create_user(client)
    token = client.post("/authenticate", json={"username": "paula", "password": "secretpass1", "token": True}).json()["token"]
    refused = client.post("/preauth", json={"username": "paula"}, headers={"X-Access-Token": token})
    assert refused.status_code == 403 and refused.json()["code"] == "MissingPrivileges"


def test_one_auth_log_entry_by_its_id(client: httpx.Client) -> None:
    user = create_user(client)
    client.post("/authenticate", json={"username": "paula", "password": "wrong one", "ip": "192.0.2.7", "protocol": "IMAP"})
    listed = client.get(f"/users/{user}/authlog").json()["results"][0]
    event = client.get(f"/users/{user}/authlog/{listed['id']}")
    assert event.status_code == 200
    assert event.json() == {"success": True, **listed}
    assert event.json()["result"] == "fail" and event.json()["ip"] == "192.0.2.7"
    assert client.get(f"/users/{user}/authlog/{listed['id'].upper()}").status_code == 200

    other = create_user(client, "quentin")
    missing = client.get(f"/users/{other}/authlog/{listed['id']}")
    assert missing.status_code == 404 and missing.json() == {"error": "Event was not found", "code": "EventNotFound"}
    gone = client.get(f"/users/ffffffffffffffffffffffff/authlog/{listed['id']}")
    assert gone.json() == {"error": "This user does not exist", "code": "UserNotFound"}
    client.put("/_mock/clock", json={"advanceSeconds": timedelta(days=31).total_seconds()})
    assert client.get(f"/users/{user}/authlog/{listed['id']}").json()["code"] == "EventNotFound", "entries expire after 30 days"


def test_custom_2fa_keeps_mail_clients_on_application_passwords(client: httpx.Client) -> None:
    user = create_user(client)
    assert client.put(f"/users/{user}/2fa/custom", json={"ip": "192.0.2.1"}).json() == {"success": True}
    again = client.put(f"/users/{user}/2fa/custom", json={})
    assert again.status_code == 400 and again.json() == {"error": "Custom 2FA is already enabled for this user", "code": "CustomEnabled"}
    assert client.get(f"/users/{user}").json()["enabled2fa"] == ["custom"]

    login = client.post("/authenticate", json={"username": "paula", "password": "secretpass1"}).json()
    assert login["require2fa"] == ["custom"]
    imap = client.post("/authenticate", json={"username": "paula", "password": "secretpass1", "scope": "imap"})
    assert imap.status_code == 403 and imap.json()["code"] == "InvalidAuthScope"

    assert client.delete(f"/users/{user}/2fa/custom").json() == {"success": True}
    off = client.delete(f"/users/{user}/2fa/custom")
    assert off.status_code == 400
    assert off.json() == {"error": "Could not update user, check if custom 2FA is not already disabled", "code": "CustomDisabled"}
    assert client.post("/authenticate", json={"username": "paula", "password": "secretpass1", "scope": "imap"}).status_code == 200
    actions = [event["action"] for event in client.get(f"/users/{user}/authlog").json()["results"]]
    assert {"enable 2fa custom", "disable 2fa custom"} <= set(actions)
    unknown = client.put("/users/ffffffffffffffffffffffff/2fa/custom", json={})
    assert unknown.status_code == 404 and unknown.json() == {"error": "This username does not exist", "code": "UserNotFound"}


def test_a_temporary_application_password_lives_ttl_seconds_from_its_last_use(client: httpx.Client) -> None:
    user = create_user(client)
    temporary = client.post(f"/users/{user}/asps", json={"description": "Setup wizard", "ttl": 600}).json()
    lasting = client.post(f"/users/{user}/asps", json={"description": "Phone"}).json()
    assert [asp["id"] for asp in client.get(f"/users/{user}/asps").json()["results"]] == [lasting["id"]]
    every = client.get(f"/users/{user}/asps", params={"showAll": "true"}).json()["results"]
    assert [asp["id"] for asp in every] == [temporary["id"], lasting["id"]] and "expires" in every[0] and "expires" not in every[1]

    client.put("/_mock/clock", json={"advanceSeconds": 500})
    used = client.post("/authenticate", json={"username": "paula", "password": temporary["password"], "scope": "imap"})
    assert used.status_code == 200, "still alive after 500 of its 600 seconds"
    client.put("/_mock/clock", json={"advanceSeconds": 500})
    assert client.post("/authenticate", json={"username": "paula", "password": temporary["password"], "scope": "imap"}).status_code == 200, "each use starts the 600 seconds again"
    client.put("/_mock/clock", json={"advanceSeconds": 601})
    gone = client.post("/authenticate", json={"username": "paula", "password": temporary["password"], "scope": "imap"})
    assert gone.status_code == 403 and gone.json()["code"] == "AuthFailed"
    assert client.get(f"/users/{user}/asps/{temporary['id']}").json() == {"error": "Invalid or unknown ASP key", "code": "AspNotFound"}
    assert client.post("/authenticate", json={"username": "paula", "password": lasting["password"], "scope": "imap"}).status_code == 200


def test_application_password_scopes_may_come_as_a_comma_separated_string(client: httpx.Client) -> None:
    user = create_user(client)
    made = client.post(f"/users/{user}/asps", json={"description": "Mail app", "scopes": " imap, smtp,"})
    assert made.status_code == 200, made.text
    assert client.get(f"/users/{user}/asps/{made.json()['id']}").json()["scopes"] == ["imap", "smtp"]
    twice = client.post(f"/users/{user}/asps", json={"description": "Mail app", "scopes": "imap,imap"})
    assert twice.status_code == 400 and twice.json()["details"] == {"scopes,1": '"scopes[1]" contains a duplicate value'}
    assert client.post(f"/users/{user}/asps", json={"description": "Mail app", "scopes": "imap,master"}).status_code == 400


def test_the_auth_log_action_filter_is_trimmed_and_case_blind(client: httpx.Client) -> None:
    user = create_user(client)
    client.post("/authenticate", json={"username": "paula", "password": "secretpass1"})
    listing = client.get(f"/users/{user}/authlog", params={"action": "  Authentication "}).json()
    assert listing["action"] == "authentication" and [e["action"] for e in listing["results"]] == ["authentication"]
    everything = client.get(f"/users/{user}/authlog", params={"action": ""})
    assert everything.status_code == 200 and everything.json()["total"] == 2 and "action" not in everything.json()
