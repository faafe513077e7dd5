"""The failover drill a Retarus administrator runs, end to end over HTTP.

Provision users in failover groups, switch failover on for one group and see only its members
affected, count them with HEAD, send one of them a password token by mail, follow the mail's
link to set the password, and see activation set and the token refused a second time.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from mock_server.world import World

BASE = "/email/continuity/v2"
CUSTOMER = "44444"
DOMAIN = "drill.example.com"


def _credential(client: httpx.Client, customer: str) -> tuple[str, str]:
    """A configured credential that may act on ``customer`` only (read from the fixtures)."""
    credentials = client.get("/_mock/fixtures/retarus").json()["credentials"]
    match = next(c for c in credentials if c["customers"] == [customer])
    return match["username"], match["password"]


def _person(local: str, groups: list[str]) -> dict:
    given, sur = local.split(".")
    return {
        "user": f"{local}@{DOMAIN}",
        "displayName": f"{given.title()} {sur.title()}",
        "givenName": given.title(),
        "surName": sur.title(),
        "language": "de_DE",
        "timezone": "Europe/Berlin",
        "failoverGroups": groups,
    }


STAFF = [
    _person("anna.berg", ["emea", "germany"]),
    _person("bruno.keller", ["germany"]),
    _person("chloe.martin", ["france"]),
    _person("dev.patel", ["apac"]),
]


def test_failover_drill_for_one_group(client: httpx.Client, world: World):
    auth = _credential(client, CUSTOMER)
    before = int(client.head(f"{BASE}/{CUSTOMER}", auth=auth).headers["User-Count"])

    provisioned = client.put(f"{BASE}/{CUSTOMER}", json={"users": STAFF}, auth=auth)
    assert provisioned.status_code == 200
    assert provisioned.json()["affectedUsers"] == len(STAFF)
    assert client.head(f"{BASE}/{CUSTOMER}", auth=auth).headers["User-Count"] == str(before + len(STAFF))

    # Failover on for the German office only; seeded users of the group are members too.
    germany = {"anna.berg@drill.example.com", "bruno.keller@drill.example.com"}
    seeded_germany = {
        u["user"] for u in client.get(f"{BASE}/{CUSTOMER}", params={"group": "germany"}, auth=auth).json()["users"]
    } - germany
    switched = client.put(f"{BASE}/{CUSTOMER}/failover", params={"group": "germany"}, auth=auth)
    assert switched.status_code == 200
    assert switched.json()["affectedUsers"] == len(germany | seeded_germany)

    in_failover = client.get(f"{BASE}/{CUSTOMER}", params={"failover": "true"}, auth=auth).json()["users"]
    assert {u["user"] for u in in_failover} == germany | seeded_germany
    assert client.get(f"{BASE}/{CUSTOMER}/chloe.martin@{DOMAIN}", auth=auth).json()["user"]["failover"] is False

    counted = client.head(f"{BASE}/{CUSTOMER}", params={"failover": "true", "group": "germany"}, auth=auth)
    assert counted.status_code == 200 and counted.content == b""
    assert counted.headers["User-Count"] == str(switched.json()["affectedUsers"])

    # Anna gets her activation link by mail.
    anna = f"anna.berg%40{DOMAIN}"
    issued = client.post(f"{BASE}/{CUSTOMER}/{anna}/token", params={"mailNotification": "true"}, auth=auth)
    assert issued.status_code == 200
    token = issued.json()
    page_url = f"{client.base_url}{BASE}/anna.berg@{DOMAIN}/password"
    assert token["url"] == f"{page_url}?" + urlencode({"token": token["token"], "mock_namespace": world.namespace})

    mail = _latest_mail(client)
    assert mail["to"] == [f"Anna Berg <anna.berg@{DOMAIN}>"]
    link = next(link for link in mail["links"] if link.startswith(page_url))
    assert link == token["url"]

    # She follows the link: a page with the form; the token in it sets her password, without API credentials.
    page = httpx.get(link)
    assert page.status_code == 200 and "anna.berg@" in page.text and "<form" in page.text
    password = {"token": parse_qs(urlsplit(link).query)["token"][0], "password": "Failover2026!"}
    assert client.put(f"{BASE}/anna.berg@{DOMAIN}/password", json=password).status_code == 200
    assert client.get(f"{BASE}/{CUSTOMER}/{anna}", auth=auth).json()["user"]["activation"] is True

    again = client.put(f"{BASE}/anna.berg@{DOMAIN}/password", json=password)
    assert again.status_code == 403
    assert again.json()["message"] == "Token has already been used"

    # The drill is over: failover off for the group, and the state survives export/import.
    assert client.delete(f"{BASE}/{CUSTOMER}/failover", params={"group": "germany"}, auth=auth).json()["affectedUsers"] == len(
        germany | seeded_germany
    )
    assert client.head(f"{BASE}/{CUSTOMER}", params={"failover": "true"}, auth=auth).headers["User-Count"] == "0"
    exported = world.export()
    assert World.restore(exported, world.settings).export() == exported


def _latest_mail(client: httpx.Client) -> dict:
    summary = client.get("/_mock/outbox").json()["messages"][0]
    return client.get(f"/_mock/outbox/{summary['id']}").json()
