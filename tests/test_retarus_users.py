"""Users as an administrator provisions them: addresses with '@' or '%40', the 16-group limit,
one customer per address, the user limit, updates and deletes, and a seed that repeats."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import httpx
import pytest

from mock_server.apis.retarus.config import RetarusConfig
from mock_server.settings import Settings
from mock_server.world import World
from tests.support.live_server import LiveServer

BASE = "/email/continuity/v2"
CLOCK = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
PROFILE = {"displayName": "R. Meyer", "givenName": "Robert", "surName": "Meyer", "language": "de_DE", "timezone": "Europe/Berlin"}


@pytest.fixture
def admin(client: httpx.Client) -> tuple[str, str]:
    credential = next(c for c in client.get("/_mock/fixtures/retarus").json()["credentials"] if c["customers"] == ["*"])
    return credential["username"], credential["password"]


def test_at_and_percent_40_and_case_name_the_same_user(client, admin):
    assert client.put(f"{BASE}/44444/R.Meyer%2540Domain.com", json=PROFILE, auth=admin).status_code == 200
    for spelling in ("r.meyer@domain.com", "r.meyer%40domain.com", "R.MEYER@DOMAIN.COM"):
        response = client.get(f"{BASE}/44444/{spelling}", auth=admin)
        assert response.status_code == 200, spelling
        assert response.json()["user"]["user"] == "r.meyer@domain.com"
        assert response.json()["user"]["domain"] == "domain.com"


def test_sixteen_failover_groups_at_most(client, admin):
    groups = [f"g{i}" for i in range(17)]
    assert client.put(f"{BASE}/44444/r.meyer@domain.com", json={**PROFILE, "failoverGroups": groups[:16]}, auth=admin).status_code == 200
    assert client.put(f"{BASE}/44444/r.meyer@domain.com", json={**PROFILE, "failoverGroups": groups}, auth=admin).status_code == 400
    too_many = client.head(f"{BASE}/44444", params={"group": ",".join(groups)}, auth=admin)
    assert too_many.status_code == 400
    assert client.head(f"{BASE}/44444", params={"group": groups[:16]}, auth=admin).status_code == 200


def test_group_filter_takes_repeated_and_comma_separated_values(client, admin):
    users = [{**PROFILE, "user": f"u{i}@domain.com", "failoverGroups": [group]} for i, group in enumerate(["emea", "apac", "uk"])]
    client.put(f"{BASE}/12345", json={"users": users}, auth=admin)
    repeated = client.head(f"{BASE}/12345", params=[("group", "emea"), ("group", "apac")], auth=admin)
    listed = client.head(f"{BASE}/12345", params={"group": "emea,apac"}, auth=admin)
    assert repeated.headers["User-Count"] == listed.headers["User-Count"] == "2"


def test_an_address_belongs_to_one_customer(client, admin):
    assert client.put(f"{BASE}/44444/r.meyer@domain.com", json=PROFILE, auth=admin).status_code == 200
    taken = client.put(f"{BASE}/12345DE/r.meyer@domain.com", json=PROFILE, auth=admin)
    assert taken.status_code == 409
    assert client.get(f"{BASE}/12345DE/r.meyer@domain.com", auth=admin).status_code == 404


def test_update_replaces_the_profile_and_keeps_the_flags(client, admin):
    client.put(f"{BASE}/44444/r.meyer@domain.com", json=PROFILE, auth=admin)
    client.put(f"{BASE}/44444/r.meyer@domain.com/access", auth=admin)
    client.put(f"{BASE}/44444/r.meyer@domain.com", json={**PROFILE, "language": "en_GB", "failoverGroups": ["uk"]}, auth=admin)
    user = client.get(f"{BASE}/44444/r.meyer@domain.com", auth=admin).json()["user"]
    assert (user["language"], user["failoverGroups"], user["access"], user["activation"]) == ("en_GB", ["uk"], True, False)


def test_deleted_users_are_gone(client, admin):
    client.put(f"{BASE}/44444/r.meyer@domain.com", json=PROFILE, auth=admin)
    assert client.delete(f"{BASE}/44444/r.meyer@domain.com", auth=admin).status_code == 200
    assert client.get(f"{BASE}/44444/r.meyer@domain.com", auth=admin).status_code == 404
    count = int(client.head(f"{BASE}/44444", auth=admin).headers["User-Count"])
    assert client.delete(f"{BASE}/44444", auth=admin).json()["affectedUsers"] == count
    assert client.get(f"{BASE}/44444", auth=admin).json()["users"] == []


def test_provisioning_past_the_user_limit_is_409_and_changes_nothing():
    config = RetarusConfig(customers=("44444",), users_per_customer=2, max_users=3)
    with LiveServer(Settings(seed=5, apis={"retarus": config})) as server, httpx.Client(base_url=server.url) as client:
        auth = ("continuity-admin", "Continuity2024!")
        users = [{**PROFILE, "user": f"u{i}@domain.com"} for i in range(2)]
        refused = client.put(f"{BASE}/44444", json={"users": users}, auth=auth)
        assert refused.status_code == 409 and "limit" in refused.json()["message"]
        assert client.head(f"{BASE}/44444", auth=auth).headers["User-Count"] == "2"
        assert client.put(f"{BASE}/44444", json={"users": users[:1]}, auth=auth).status_code == 200


def test_the_seed_repeats_under_the_same_seed_only():
    def seeded(seed: int) -> dict:
        return World("any", Settings(seed=seed, clock=CLOCK)).export()["apis"]["retarus"]

    first = seeded(11)
    assert first == seeded(11) != seeded(12)
    customers = {user["customer"] for user in first["users"].values()}
    assert customers == set(RetarusConfig().customers)
    assert any(len(customer) == 7 for customer in customers)  # one with a country suffix


@pytest.mark.parametrize(
    "changes",
    [{"credentials": ("no-password",)}, {"credentials": ("ops:pw:4444",)}, {"customer_url_paths": ("44444",)}, {"token_ttl": 0}],
)
def test_malformed_configuration_stops_at_start_up(changes):
    with pytest.raises(ValueError):
        dataclasses.replace(RetarusConfig(), **changes)


def test_credentials_from_the_environment():
    settings = Settings.from_env({"MOCK_RETARUS_CREDENTIALS": "ops:s3cr:et:44444+12345DE"})
    (credential,) = settings.api("retarus").credential_list
    assert (credential.username, credential.password, credential.customers) == ("ops", "s3cr:et", frozenset({"44444", "12345DE"}))
