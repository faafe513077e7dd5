"""Overkiz sign-up walked as a real client does it, on the live server, plus the token flows."""

from __future__ import annotations

import re

import httpx

from mock_server.world import World

BASE = "/enduser-mobile-web/enduserAPI"
STRONG = "Tr0ub4dor&3-horse"


def sign_up_body(user_id: str, **extra) -> dict:
    return {
        "endUser": {"userId": user_id, "email": user_id, "firstName": "Jane", "lastName": "Doe", **extra.pop("end_user", {})},
        "password": STRONG,
        "location": {"city": "Paris", "country": "FR", "tariffSettings": {"tariffMode": "offPeakWeekDays", "tariffs": [{"dayWeekName": "SAT", "dayTariffs": [{"name": "tariff0", "startTime": "00:01"}]}]}},
        **extra,
    }


def mails_to(client: httpx.Client, address: str) -> list[dict]:
    """Newest first, with links, as the control API shows them."""
    messages = client.get("/_mock/outbox").json()["messages"]
    return [client.get(f"/_mock/outbox/{m['id']}").json() for m in messages if any(address in to for to in m["to"])]


def token_in(mail: dict, path_part: str) -> str:
    link = next(link for link in mail["links"] if path_part in link)
    return re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", link).group(0)


def test_sign_up_walkthrough(client: httpx.Client) -> None:
    user = "jane.doe@example.com"
    weak = client.post(f"{BASE}/enduser/password/check", json={"userId": user, "userPassword": "jane.doe1"}).json()
    assert weak["score"] < 0 and weak["qualityClass"] == "Refused"
    assert {w["key"] for w in weak["weaknesses"]} >= {"PWD_CONTAINS_USER_ID"}
    strong = client.post(f"{BASE}/enduser/password/check", json={"userId": user, "userPassword": STRONG}).json()
    assert strong["score"] > 0 and strong["weaknesses"] == []

    assert client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user)).status_code == 201
    assert client.get(f"{BASE}/enduser/existingUserIds/{user}").json() == {"userExists": True}
    not_yet = client.post(f"{BASE}/login", data={"userId": user, "userPassword": STRONG})
    assert not_yet.status_code == 401 and not_yet.json()["errorCode"] == "AUTHENTICATION_ERROR"

    assert client.post(f"{BASE}/enduser/{user}/validation").status_code == 200
    (mail,) = mails_to(client, user)
    token = token_in(mail, "/validation/")
    first = client.post(f"{BASE}/enduser/{user}/validation/{token}")
    assert first.status_code == 200 and first.json() == {"emailAndAccountValidated": True}
    second = client.post(f"{BASE}/enduser/{user}/validation/{token}")
    assert second.status_code == 404 and second.json() == {"errorCode": "UNSPECIFIED_ERROR", "error": "Invalid token"}

    login = client.post(f"{BASE}/login", data={"userId": user, "userPassword": STRONG})
    assert login.status_code == 200
    assert login.json() == {"success": True, "roles": [{"name": "ENDUSER"}], "extraAttributes": {}}
    assert client.get(f"{BASE}/authenticated").json() == {"authenticated": True}
    assert client.post(f"{BASE}/logout").json() == {"logout": True}
    assert client.get(f"{BASE}/authenticated").json() == {"authenticated": False}


def test_stock_cookie_client_on_localhost_stays_logged_in(server, namespace: str) -> None:
    """httpx with nothing but its cookie jar, against http://localhost:<port>, as a frontend would."""
    base = f"http://localhost:{server.port}{BASE}/"
    with httpx.Client(headers={"X-Mock-Namespace": namespace}) as stock:
        account = stock.get(f"http://localhost:{server.port}/_mock/fixtures/overkiz").json()["accounts"][0]
        assert stock.post(base + "login", data={"userId": account["userId"], "userPassword": account["password"]}).status_code == 200
        assert "JSESSIONID" in stock.cookies
        assert stock.get(base + "authenticated").json() == {"authenticated": True}
        assert stock.post(base + "logout").json() == {"logout": True}
        assert stock.get(base + "authenticated").json() == {"authenticated": False}


def test_asking_again_voids_the_previous_validation_token(client: httpx.Client) -> None:
    user = "twice@example.com"
    client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user))
    client.post(f"{BASE}/enduser/{user}/validation")
    client.post(f"{BASE}/enduser/{user}/validation")
    older, newer = (token_in(mail, "/validation/") for mail in reversed(mails_to(client, user)))
    assert client.post(f"{BASE}/enduser/{user}/validation/{older}").status_code == 404
    assert client.post(f"{BASE}/enduser/{user}/validation/{newer}").status_code == 200
    assert client.post(f"{BASE}/enduser/{user}/validation").status_code == 409


def test_sign_up_refuses_taken_user_ids_and_weak_passwords(client: httpx.Client) -> None:
    user = "taken@example.com"
    assert client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user)).status_code == 201
    again = client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user.upper()))
    assert again.status_code == 409 and again.json()["errorCode"] == "DUPLICATE_FIELD_OR_VALUE"
    contains_id = client.post(f"{BASE}/enduser/mainAccount", json={**sign_up_body("robert.smith@example.com"), "password": "Robert.smith-77"})
    assert contains_id.status_code == 400 and "user id" in contains_id.json()["error"]
    too_short = client.post(f"{BASE}/enduser/mainAccount", json={**sign_up_body("short@example.com"), "password": "Ab1!"})
    assert too_short.status_code == 400
    assert client.get(f"{BASE}/enduser/existingUserIds/short@example.com").json() == {"userExists": False}


def test_extra_email_validation_needs_the_owner_session(client: httpx.Client) -> None:
    user, extra = "owner@example.com", "owner.second@example.org"
    client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user, end_user={"extraEmails": [{"email": extra}]}))
    token = token_in(mails_to(client, extra)[0], "/email/validation/")
    anonymous = client.post(f"{BASE}/enduser/email/validation/{token}")
    assert anonymous.status_code == 401 and anonymous.json() == {"errorCode": "RESOURCE_ACCESS_DENIED", "error": "Not authenticated"}
    client.post(f"{BASE}/enduser/{user}/validation")
    client.post(f"{BASE}/enduser/{user}/validation/{token_in(mails_to(client, user)[-1], '/validation/')}")
    client.post(f"{BASE}/login", data={"userId": user, "userPassword": STRONG})
    assert client.post(f"{BASE}/enduser/email/validation/{token}").json() == {"emailValidated": True}
    assert client.post(f"{BASE}/enduser/email/validation/{token}").status_code == 404


def test_terms_of_use_answer_once_per_gateway(client: httpx.Client) -> None:
    user = "gateways@example.com"
    client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user, gatewayId="1111-2222-3333,4444-5555-6666"))
    mails = {mail["subject"]: mail for mail in mails_to(client, user)}
    first = next(mail for subject, mail in mails.items() if "1111-2222-3333" in subject)
    second = next(mail for subject, mail in mails.items() if "4444-5555-6666" in subject)
    token = token_in(first, "/accept/")
    assert client.post(f"{BASE}/termsOfUse/4444-5555-6666/accept/{token}").status_code == 404  # another gateway's
    assert client.post(f"{BASE}/termsOfUse/1111-2222-3333/accept/{token}").json() == {"TermsOfUseValidated": True}
    assert client.post(f"{BASE}/termsOfUse/1111-2222-3333/decline/{token}").status_code == 404
    assert client.post(f"{BASE}/termsOfUse/4444-5555-6666/decline/{token_in(second, '/decline/')}").json() == {"TermsOfUseDeclined": True}
    taken = client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body("other@example.com", gatewayId="1111-2222-3333"))
    assert taken.status_code == 409


def test_state_round_trips_after_the_walkthrough(client: httpx.Client, world: World) -> None:
    user = "roundtrip@example.com"
    client.post(f"{BASE}/enduser/mainAccount", json=sign_up_body(user, gatewayId="7777-8888-9999", end_user={"extraEmails": [{"email": "x@example.org"}]}))
    client.post(f"{BASE}/enduser/{user}/validation")
    client.post(f"{BASE}/login", data={"userId": "nobody", "userPassword": "wrong"})
    client.get(f"{BASE}/enduser/existingUserIds/{user}")
    exported = world.export()
    assert World.restore(exported, world.settings).export() == exported


def test_seeded_tokens_log_in(client: httpx.Client) -> None:
    accounts = client.get("/_mock/fixtures/overkiz").json()["accounts"]
    sso = next(a for a in accounts if a["ssoToken"])
    access = next(a for a in accounts if a["accessToken"])
    jwt = next(a for a in accounts if a["jwt"])
    assert client.post(f"{BASE}/login", data={"userId": sso["userId"], "ssoToken": sso["ssoToken"]}).status_code == 200
    assert client.post(f"{BASE}/login", params={"accessToken": access["accessToken"]}).status_code == 200
    assert client.post(f"{BASE}/login", data={"jwt": jwt["jwt"]}).status_code == 200
    assert client.post(f"{BASE}/login", data={"jwt": jwt["jwt"][:-2] + "xx"}).status_code == 401
    assert client.post(f"{BASE}/login", data={"userId": access["userId"], "ssoToken": "whatever"}).status_code == 401
    both = client.post(f"{BASE}/login", data={"accessToken": access["accessToken"], "jwt": jwt["jwt"]})
    assert both.status_code == 401 and both.json()["error"].startswith("Missing parameter or invalid parameters combination")
