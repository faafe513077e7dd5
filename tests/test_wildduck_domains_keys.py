"""DKIM keys and TLS certificates with real keys: what a client posts, what it reads back,
and the signature on the mail WildDuck sends verifying against the published record."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime, timedelta, timezone

import dkim
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

FINGERPRINT = re.compile(r"^([0-9a-f]{2}:){31}[0-9a-f]{2}$")


def _pem(key) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()


def _der_fingerprint(pem: str) -> str:
    body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
    digest = hashlib.sha256(base64.b64decode(body)).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 64, 2))


def _resolver(txt: dict[str, str], extra: str = ""):
    """A DNS lookup for dkimpy that answers only from the record the API published."""
    def lookup(name: bytes, timeout: int = 5) -> bytes | None:
        wanted = name.decode().rstrip(".")
        return (txt["value"] + extra).encode() if wanted == txt["name"] else None
    return lookup


def _autoreply_from(client: httpx.Client, address: str) -> bytes:
    """Deliver a message to ``address`` (whose user has an autoreply on) and fetch the
    reply's raw source from the outbox."""
    user = client.post("/users", json={"username": address.split("@")[0], "password": "secret-pass-1", "address": address}).json()["id"]
    client.put(f"/users/{user}/autoreply", json={"status": True, "subject": "Away", "text": "Back on Monday"})
    client.post("/_mock/inbound", json={"to": [address], "from": "customer@outside.example", "subject": "Hello", "text": "Hi"})
    replies = client.get("/_mock/outbox", params={"api": "wildduck", "to": "customer@outside.example"}).json()["messages"]
    assert [r["subject"] for r in replies] == ["Away"]
    return client.get(f"/_mock/outbox/{replies[0]['id']}/raw").content


def test_a_generated_dkim_key_signs_the_autoreply_and_the_signature_verifies(client: httpx.Client) -> None:
    created = client.post("/dkim", json={"domain": "Signed.Example", "selector": " mail ", "description": "main key"}).json()
    assert created["success"] is True and created["domain"] == "signed.example" and created["selector"] == "mail"
    assert FINGERPRINT.match(created["fingerprint"]) and created["description"] == "main key"
    assert created["dnsTxt"]["name"] == "mail._domainkey.signed.example"
    public = serialization.load_der_public_key(base64.b64decode(created["dnsTxt"]["value"].split("p=")[1]))
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 2048
    assert created["publicKey"].startswith("-----BEGIN PUBLIC KEY-----")

    raw = _autoreply_from(client, "ann@signed.example")
    assert raw.startswith(b"DKIM-Signature:") and b"d=signed.example" in raw and b"s=mail" in raw
    assert dkim.verify(raw, dnsfunc=_resolver(created["dnsTxt"]))
    tampered = raw.replace(b"Back on Monday", b"Back on Friday")
    assert not dkim.verify(tampered, dnsfunc=_resolver(created["dnsTxt"]))


def test_a_given_ed25519_key_signs_and_the_wildcard_key_covers_other_domains(client: httpx.Client) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    created = client.post("/dkim", json={"domain": "*", "selector": "ed", "privateKey": _pem(key)}).json()
    raw_public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert created["dnsTxt"] == {"name": "ed._domainkey.*", "value": "v=DKIM1;t=s;p=" + base64.b64encode(raw_public).decode()}
    assert created["fingerprint"] == _der_fingerprint(_pem(key))

    raw = _autoreply_from(client, "bob@anywhere.example")
    assert b"a=ed25519-sha256" in raw and b"d=anywhere.example" in raw
    record = {"name": "ed._domainkey.anywhere.example", "value": created["dnsTxt"]["value"]}
    # the real server's record leaves out `k=ed25519`, which a verifier needs for this key
    assert dkim.verify(raw, dnsfunc=_resolver(record, ";k=ed25519"))


def test_dkim_keys_are_listed_resolved_replaced_and_deleted(client: httpx.Client) -> None:
    seed = base64.b64encode(bytes(range(32))).decode()
    first = client.post("/dkim", json={"domain": "b.example", "selector": "s1", "privateKey": seed}).json()
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pkcs1 = rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()).decode()
    other = client.post("/dkim", json={"domain": "a.example", "selector": "s2", "privateKey": pkcs1}).json()
    assert other["fingerprint"] == _der_fingerprint(pkcs1)

    listing = client.get("/dkim").json()
    assert [r["domain"] for r in listing["results"]] == ["a.example", "b.example"] and listing["total"] == 2
    assert "publicKey" not in listing["results"][0] and listing["results"][0]["created"].endswith("Z")
    assert [r["domain"] for r in client.get("/dkim", params={"query": "b."}).json()["results"]] == ["b.example"]
    assert client.get("/dkim/resolve/B.EXAMPLE").json() == {"success": True, "id": first["id"]}

    read = client.get(f"/dkim/{other['id']}").json()
    assert read["dnsTxt"] == other["dnsTxt"] and read["publicKey"] == other["publicKey"] and "privateKey" not in read
    replaced = client.post("/dkim", json={"domain": "a.example", "selector": "s3"}).json()
    assert replaced["id"] == other["id"] and replaced["fingerprint"] != other["fingerprint"]

    assert client.delete(f"/dkim/{other['id']}").json() == {"success": True}
    missing = client.get(f"/dkim/{other['id']}")
    assert (missing.status_code, missing.json()) == (404, {"error": "Invalid or unknown DKIM key", "code": "DkimNotFound"})
    assert client.get("/dkim/resolve/a.example").json() == {"error": "This domain does not exist", "code": "DkimNotFound"}


@pytest.mark.parametrize("private_key", [
    "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----",
    _pem(ec.generate_private_key(ec.SECP256R1())),
])
def test_a_key_that_can_not_sign_is_refused(client: httpx.Client, private_key: str) -> None:
    answer = client.post("/dkim", json={"domain": "x.example", "selector": "s", "privateKey": private_key})
    assert answer.status_code == 400
    assert answer.json()["code"] == "InputValidationError"
    assert answer.json()["error"].startswith("Invalid or incompatible private key.")
    assert client.post("/dkim", json={"domain": "x.example", "selector": "s", "privateKey": "not pem"}).status_code == 400


def _certificate(names: list[str], key=None, days: int = 90) -> tuple[str, str, datetime]:
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    expires = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(expires - timedelta(days=days)).not_valid_after(expires)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode(), _pem(key), expires


def test_a_certificate_is_parsed_found_by_its_names_and_checked_against_its_key(client: httpx.Client) -> None:
    cert, key, expires = _certificate(["mail.example.org", "*.example.org"])
    created = client.post("/certs", json={"servername": "Mail.Example.org", "cert": cert, "privateKey": key, "description": "mail"}).json()
    assert created == {"success": True, "id": created["id"], "servername": "mail.example.org", "description": "mail",
                       "fingerprint": _der_fingerprint(key), "expires": "2030-01-02T03:04:05.000Z",
                       "altNames": ["mail.example.org", "*.example.org"], "acme": False}

    assert client.get("/certs/resolve/MAIL.example.org").json() == {"success": True, "id": created["id"]}
    unknown = client.get("/certs/resolve/imap.example.org")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "This servername does not exist", "code": "CertNotFound"})
    assert client.get("/certs", params={"query": "imap.example.org"}).json()["results"] == []
    wildcard = client.get("/certs", params={"query": "imap.example.org", "altNames": "yes"}).json()["results"]
    assert [c["id"] for c in wildcard] == [created["id"]], "*.example.org covers imap.example.org"

    read = client.get(f"/certs/{created['id']}").json()
    assert read["hasCert"] is True and read["autogenerated"] is False and "privateKey" not in read and "cert" not in read
    assert read["expires"] == created["expires"] and read["created"].endswith("Z")

    _other_cert, other_key, _ = _certificate(["other.example"])
    mismatch = client.post("/certs", json={"servername": "mail.example.org", "cert": cert, "privateKey": other_key})
    assert mismatch.status_code == 400 and mismatch.json()["error"].startswith("Invalid or incompatible key and certificate.")
    missing_key = client.post("/certs", json={"servername": "mail.example.org", "cert": cert})
    assert (missing_key.status_code, missing_key.json()) == (400, {
        "error": '"PrivateKey" is required', "code": "InputValidationError", "details": {"privateKey": '"PrivateKey" is required'}})

    assert client.delete(f"/certs/{created['id']}").json() == {"success": True}
    assert client.get(f"/certs/{created['id']}").json() == {"error": "Invalid or unknown cert", "code": "CertNotFound"}


def test_an_acme_certificate_opens_a_challenge_for_its_host(client: httpx.Client, world) -> None:
    created = client.post("/certs", json={"servername": "acme.example", "acme": "true"}).json()
    assert created["acme"] is True and created["altNames"] == ["acme.example"] and "fingerprint" not in created
    challenge = world.state("wildduck").domains.certs[created["id"]].challenge
    url = f"/.well-known/acme-challenge/{challenge.token}"
    answer = client.get(url, headers={"Host": "acme.example", "X-Access-Token": "not-checked-here"})
    assert answer.status_code == 200 and answer.text == challenge.key_authorization
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text.startswith(challenge.token + ".")
    elsewhere = client.get(url, headers={"Host": "other.example"})
    assert (elsewhere.status_code, elsewhere.json()) == (404, {"error": "Unknown challenge"})
    assert client.get(f"/certs/{created['id']}").json()["hasCert"] is False


def test_a_raw_ed25519_seed_is_read_as_the_real_server_reads_it(client: httpx.Client) -> None:
    """44 base64 characters are a raw seed; without padding they carry a 33rd byte, which
    OpenSSL (and so the real server) ignores after the key."""
    seed = bytes(range(32))
    padded = client.post("/dkim", json={"domain": "seed.example", "selector": "s", "privateKey": base64.b64encode(seed).decode()}).json()
    longer = client.post("/dkim", json={"domain": "seed2.example", "selector": "s",
                                        "privateKey": base64.b64encode(seed + b"\x07")[:44].decode()}).json()
    assert padded["dnsTxt"]["value"] == longer["dnsTxt"]["value"]
    assert padded["fingerprint"] != longer["fingerprint"], "the fingerprint covers what was given"


def test_a_submitted_message_leaves_signed(client: httpx.Client) -> None:
    """``POST /users/{user}/submit`` goes out through the same exit as forwards and
    autoreplies, so it is signed too."""
    created = client.post("/dkim", json={"domain": "sender.example", "selector": "mta"}).json()
    user = client.post("/users", json={"username": "submitter", "password": "secret-pass-1", "address": "sam@sender.example"}).json()["id"]
    answer = client.post(f"/users/{user}/submit", json={"to": [{"address": "friend@outside.example"}], "subject": "Signed", "text": "Hi"})
    assert answer.status_code == 200, answer.text
    sent = client.get("/_mock/outbox", params={"api": "wildduck", "to": "friend@outside.example"}).json()["messages"]
    raw = client.get(f"/_mock/outbox/{sent[0]['id']}/raw").content
    assert b"d=sender.example" in raw and dkim.verify(raw, dnsfunc=_resolver(created["dnsTxt"]))
