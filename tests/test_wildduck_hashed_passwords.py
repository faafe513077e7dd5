"""Accounts imported with their password hashes (``hashedPassword: true``), as a migration
script moves users from another system into WildDuck: every hash form the real server
takes logs in with its password and only with it; other forms are refused with the real
error; a client that always sends ``hashedPassword: false`` is accepted."""

from __future__ import annotations

import argon2
import bcrypt
import httpx
import pytest
from passlib.hash import bcrypt as passlib_bcrypt
from passlib.hash import des_crypt, md5_crypt, sha256_crypt, sha512_crypt

PASSWORD = "Correct horse 1"

REAL_SERVER_HASHES = {
    # Made for PASSWORD by the libraries of the real WildDuck 1.46.1 (@phc/pbkdf2, bcryptjs,
    # unixcrypt, its cryptMD5, unix-crypt-td-js, hash-wasm); its hashes.compare accepts each.
    "pbkdf2-sha256": "$pbkdf2-sha256$i=1000$f09GNNSVRbij3ZroMb73jQ$Oj1Ut3xgyN8BCVeBYgxBWHiAS2rCqrqIVlVbOPE5v58",
    "pbkdf2-sha512": "$pbkdf2-sha512$i=1000$/aUpdm4b4YW6zL0Z3KlmfA$TpUrEWGn5x1gM8TSNjJVYmFSTVHEUcdtcupCQyuTcBSZgOuxHY99tdnpQOkQ6pGeXFsJpM+nr3wZ32zsjpjCZQ",
    "pbkdf2-sha1": "$pbkdf2-sha1$i=1000$Gc4l/oooFicp6HHTg8BPAQ$4W/i0hTP1rVg59SKVBcAsvcE2O4",
    "bcryptjs": "$2b$04$ElbiOFp8LwGn/wTF2.V93u/IBDBf2o6FvyOmlGaqlhCWIFRlXUvV6",
    "sha256-crypt": "$5$rounds=5000$saltsalt$z5Ht2Byadvfpv1E.jL4A3mBfes6.vzNUikIcroCu8H2",
    "sha512-crypt": "$6$saltsalt$j6s6d7UIzSZvEh2n91/yzkf//.dcRR5sc16GCPfM0IhaVKK.YI45jPsKR/J20xC3j7.L6RWqNmdNfjKf7R0sE.",
    "md5-crypt": "$1$saltsalt$RnnG5UBrMMkGcFFQvVFXK1",
    "des-crypt": "abwirc53tCB5w",
    "argon2id": "$argon2id$v=19$m=512,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$xDuEjZppHpjqfZtvzErjGnJML9DxNzPCMnEHMFR0des",
    "argon2i": "$argon2i$v=19$m=512,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$mrwMpVkuAibeBOoFZeGJ/7OFR49IGhezvW4KMIERLbQ",
    "argon2d": "$argon2d$v=19$m=512,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$pE2WTMseyfBEeS/FdvFBS1y31tpn/eBPPaOwik/WIa8",
}


def python_made_hashes() -> dict[str, str]:
    """The same forms as other systems' Python code writes them."""
    low = argon2.PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    return {
        "bcrypt $2b$": bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
        "bcrypt $2a$": passlib_bcrypt.using(ident="2a", rounds=4).hash(PASSWORD),
        "bcrypt $2y$": passlib_bcrypt.using(ident="2y", rounds=4).hash(PASSWORD),
        "argon2id": low.hash(PASSWORD),
        "md5-crypt": md5_crypt.hash(PASSWORD),
        "sha256-crypt": sha256_crypt.using(rounds=1000).hash(PASSWORD),
        "sha512-crypt": sha512_crypt.using(rounds=1000).hash(PASSWORD),
        "des-crypt": des_crypt.hash(PASSWORD),
    }


ALL_HASHES = [pytest.param(stored, id=f"real {name}") for name, stored in REAL_SERVER_HASHES.items()] + [
    pytest.param(stored, id=f"python {name}") for name, stored in python_made_hashes().items()
]


def authenticate(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/authenticate", json={"username": username, "password": password})


@pytest.mark.parametrize("stored", ALL_HASHES)
def test_an_imported_hash_logs_in_with_its_password_only(client: httpx.Client, world, stored: str) -> None:
    created = client.post("/users", json={"username": "imported", "password": stored, "hashedPassword": True})
    assert created.status_code == 200, created.text
    wrong = authenticate(client, "imported", "Incorrect horse")  # differs early: DES reads 8 characters
    assert wrong.status_code == 403 and wrong.json()["code"] == "AuthFailed"
    assert authenticate(client, "imported", stored).status_code == 403, "the hash itself is not the password"
    good = authenticate(client, "imported", PASSWORD)
    assert good.status_code == 200, good.text
    kept = world.state("wildduck").users[created.json()["id"]].password_hash
    assert kept.startswith("$pbkdf2-sha256$i="), "rehashed to the server's own form after the first good check"
    assert authenticate(client, "imported", PASSWORD).status_code == 200


def test_a_hash_can_be_set_on_an_existing_user(client: httpx.Client) -> None:
    user = client.post("/users", json={"username": "moved", "password": "old password"}).json()["id"]
    changed = client.put(f"/users/{user}", json={"password": REAL_SERVER_HASHES["argon2id"], "hashedPassword": True})
    assert changed.status_code == 200, changed.text
    assert authenticate(client, "moved", "old password").status_code == 403
    assert authenticate(client, "moved", PASSWORD).status_code == 200


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ("plain text password", 'Invalid algo: ""'),
        ("$sha1$c2FsdA$aGFzaA", 'Invalid algo: "sha1"'),
        ("$2x$04$ElbiOFp8LwGn/wTF2.V93u/IBDBf2o6FvyOmlGaqlhCWIFRlXUvV6", 'Invalid algo: "2x"'),
        ("$ARGON2$v=19$m=512", 'Invalid algo: "argon2"'),
    ],
)
def test_a_hash_form_the_real_server_does_not_know_is_refused(client: httpx.Client, stored: str, message: str) -> None:
    refused = client.post("/users", json={"username": "imported", "password": stored, "hashedPassword": True})
    assert refused.status_code == 400
    assert refused.json() == {"error": message, "code": "HashError", "username": "imported"}
    assert client.get("/users", params={"query": "imported"}).json()["total"] == 0, "nothing was created"
    user = client.post("/users", json={"username": "other", "password": "secretpass1"}).json()["id"]
    refused = client.put(f"/users/{user}", json={"password": stored, "hashedPassword": True, "name": "Changed"})
    assert refused.status_code == 400 and refused.json()["code"] == "HashError"
    assert client.get(f"/users/{user}").json()["name"] != "Changed", "a refused update changes nothing"
    assert authenticate(client, "other", "secretpass1").status_code == 200


def test_a_client_that_always_sends_hashed_password_false_is_accepted(client: httpx.Client) -> None:
    created = client.post("/users", json={"username": "plain", "password": "secretpass1", "hashedPassword": False})
    assert created.status_code == 200, created.text
    assert client.put(f"/users/{created.json()['id']}", json={"password": "secretpass2", "hashedPassword": False}).status_code == 200
    assert authenticate(client, "plain", "secretpass2").status_code == 200
