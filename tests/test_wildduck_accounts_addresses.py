"""users.js and addresses.js as a WildDuck client uses them: the request bodies a client of
the real server sends, deleted users and their restore, forwarded addresses that deliver,
address resolution, the address register, domain renames, and export/import."""

from __future__ import annotations

import httpx

from tests.support.live_server import LiveServer

PASSWORD = "secret-pass-1"


def _user(client: httpx.Client, username: str, **fields) -> str:
    answer = client.post("/users", json={"username": username, "password": PASSWORD, **fields})
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def _inbox_subjects(client: httpx.Client, user: str) -> list[str]:
    inbox = next(box for box in client.get(f"/users/{user}/mailboxes").json()["results"] if box["path"] == "INBOX")
    return [m["subject"] for m in client.get(f"/users/{user}/mailboxes/{inbox['id']}/messages").json()["results"]]


def _outbox_to(client: httpx.Client, address: str) -> list[dict]:
    return client.get("/_mock/outbox", params={"api": "wildduck", "to": address}).json()["messages"]


def test_a_client_that_always_sends_hashed_password_and_string_metadata_works(client: httpx.Client) -> None:
    created = client.post("/users", json={
        "username": "john.client", "password": PASSWORD, "hashedPassword": False, "address": "john@example.com",
        "metaData": '{"plan": "gold"}', "internalData": "{\"crm\": 42}",
    })
    assert created.status_code == 200, created.text
    john = created.json()["id"]
    shown = client.get(f"/users/{john}").json()
    assert (shown["metaData"], shown["internalData"]) == ({"plan": "gold"}, {"crm": 42})
    assert client.post("/authenticate", json={"username": "john.client", "password": PASSWORD}).status_code == 200

    assert client.put(f"/users/{john}", json={"metaData": '{"plan": "silver"}'}).json() == {"success": True}
    assert client.get(f"/users/{john}").json()["metaData"] == {"plan": "silver"}
    for bad in ('{"plan": ', '["a list"]'):
        refused = client.put(f"/users/{john}", json={"metaData": bad})
        assert (refused.status_code, refused.json()["code"]) == (400, "InputValidationError"), bad

    alias = client.post(f"/users/{john}/addresses", json={"address": "jj@example.com", "metaData": '{"source": "import"}'}).json()["id"]
    assert client.get(f"/users/{john}/addresses/{alias}").json()["metaData"] == {"source": "import"}
    main = next(a["id"] for a in client.get(f"/users/{john}/addresses").json()["results"] if a["main"])
    refused = client.delete(f"/users/{john}/addresses/{main}")
    assert (refused.status_code, refused.json()) == (400, {"error": "Can not delete main address", "code": "NotPermitted"})
    taken = client.post(f"/users/{john}/addresses", json={"address": "J.J@example.com"})
    assert (taken.status_code, taken.json()["code"]) == (400, "AddressExistsError")

    assert client.get("/users/resolve/johnclient").json() == {"success": True, "id": john}, "dots are ignored"
    missing = client.get("/users/resolve/nobody")
    assert (missing.status_code, missing.json()["code"]) == (404, "UserNotFound")


def test_a_deleted_user_is_kept_until_delete_after_and_comes_back_with_its_addresses(client: httpx.Client) -> None:
    client.put("/_mock/clock", json={"now": "2030-01-01T00:00:00Z"})
    ann = _user(client, "ann.leaving", address="ann@example.com", tags=["vip"])
    alias = client.post(f"/users/{ann}/addresses", json={"address": "ann.alias@example.com"}).json()["id"]
    client.post("/_mock/inbound", json={"to": ["ann@example.com"], "from": "x@example.org", "subject": "Keep me", "text": "hi"})

    deleted = client.delete(f"/users/{ann}", params={"deleteAfter": "2030-01-10T00:00:00Z"}).json()
    assert deleted["addresses"] == {"deleted": 2} and deleted["deleteAfter"] == "2030-01-10T00:00:00.000Z"
    assert client.get(f"/users/{ann}").status_code == 404
    assert client.get("/users/resolve/ann.leaving").status_code == 404
    assert client.post("/_mock/inbound", json={"to": ["ann@example.com"], "subject": "Lost"}).json()["delivered"] == []

    other = _user(client, "other", address="other@example.com")
    client.post(f"/users/{other}/addresses", json={"address": "ann.alias@example.com"})  # freed by the deletion
    info = client.get(f"/users/{ann}/restore").json()
    assert info["username"] == "ann.leaving" and info["tags"] == ["vip"] and info["deleted"] == "2030-01-01T00:00:00.000Z"
    assert info["recoverableAddresses"] == ["ann@example.com"]

    restored = client.post(f"/users/{ann}/restore", json={}).json()
    assert restored == {"success": True, "code": "TaskCancelled", "user": ann, "task": deleted["task"],
                        "addresses": {"recovered": 1, "main": "ann@example.com"}}
    assert client.get(f"/users/{ann}").json()["address"] == "ann@example.com"
    assert "Keep me" in _inbox_subjects(client, ann), "the mail was kept"
    assert [a["address"] for a in client.get(f"/users/{ann}/addresses").json()["results"]] == ["ann@example.com"]
    assert client.get(f"/users/{ann}/addresses/{alias}").status_code == 404
    again = client.post(f"/users/{ann}/restore", json={})
    assert (again.status_code, again.json()["code"]) == (400, "AccountFound")


def test_a_deleted_user_is_gone_for_good_after_delete_after_and_its_username_is_free_at_once(client: httpx.Client) -> None:
    client.put("/_mock/clock", json={"now": "2030-01-01T00:00:00Z"})
    old = _user(client, "reused.name")
    client.delete(f"/users/{old}", params={"deleteAfter": "2030-01-02T00:00:00Z"})
    new = _user(client, "reused.name", address="reused2@example.com")
    assert new != old and client.get("/users/resolve/reused.name").json()["id"] == new
    blocked = client.post(f"/users/{old}/restore", json={})
    assert (blocked.status_code, blocked.json()["code"]) == (400, "AccountFound"), "the username is taken again"

    gone = _user(client, "gone.user")
    client.delete(f"/users/{gone}", params={"deleteAfter": "2030-01-02T00:00:00Z"})
    client.put("/_mock/clock", json={"now": "2030-01-03T00:00:00Z"})
    for answer in (client.get(f"/users/{gone}/restore"), client.post(f"/users/{gone}/restore", json={})):
        assert (answer.status_code, answer.json()) == (404, {"error": "Deleted account was not found", "code": "AccountNotFound"})


def test_a_forwarded_address_delivers_to_a_local_inbox_and_through_the_outbox(client: httpx.Client) -> None:
    bob = _user(client, "bob", address="bob@example.com")
    created = client.post("/addresses/forwarded", json={
        "address": "sales@example.com", "name": "Sales", "targets": ["Bob@example.com", "partner@elsewhere.example", "smtp://mx.elsewhere.example:25"],
    })
    assert created.status_code == 200, created.text
    sales = created.json()["id"]

    sent = client.post("/_mock/inbound", json={"to": ["sales@example.com"], "from": "buyer@shop.example", "subject": "Order 7", "text": "Two please"})
    assert sent.json()["delivered"] == ["sales@example.com"]
    assert "Order 7" in _inbox_subjects(client, bob), "the local target got it"
    external = _outbox_to(client, "partner@elsewhere.example")
    assert [m["subject"] for m in external] == ["Order 7"], "the external target got it through the outbox"

    shown = client.get(f"/addresses/forwarded/{sales}").json()
    assert shown["targets"] == ["Bob@example.com", "partner@elsewhere.example", "smtp://mx.elsewhere.example:25"]
    assert shown["limits"]["forwards"]["allowed"] == 2000 and shown["limits"]["forwards"]["used"] == 2
    assert "forwardedDisabled" not in shown and shown["autoreply"] == {"status": False}, "as the real server, until it is set"
    listed = client.get("/addresses", params={"query": "sales"}).json()["results"]
    assert [(a["address"], a["forwarded"], "user" in a) for a in listed] == [("sales@example.com", True, False)]

    taken = client.post(f"/users/{bob}/addresses", json={"address": "sales@example.com"})
    assert (taken.status_code, taken.json()["code"]) == (400, "AddressExistsError"), "one address space"
    self_target = client.post("/addresses/forwarded", json={"address": "loop@example.com", "targets": ["l.oop@example.com"]})
    assert self_target.json() == {"error": 'Can not forward to self "l.oop@example.com"', "code": "InputValidationError"}


def test_forwarding_limits_disabling_loops_and_wildcards(client: httpx.Client) -> None:
    carol = _user(client, "carol", address="carol@example.com")
    limited = client.post("/addresses/forwarded", json={"address": "few@example.com", "targets": ["a@else.example", "b@else.example"], "forwards": 3}).json()["id"]
    first = client.post("/_mock/inbound", json={"to": ["few@example.com"], "subject": "one"}).json()
    second = client.post("/_mock/inbound", json={"to": ["few@example.com"], "subject": "two"}).json()
    assert (first["delivered"], second["undeliverable"]) == (["few@example.com"], ["few@example.com"]), "2 + 2 forwards pass 3 a day"
    assert [m["subject"] for m in _outbox_to(client, "a@else.example")] == ["one"]

    client.put(f"/addresses/forwarded/{limited}", json={"forwardedDisabled": "yes"})
    assert client.post("/_mock/inbound", json={"to": ["few@example.com"], "subject": "three"}).json()["delivered"] == []

    ping = client.post("/addresses/forwarded", json={"address": "ping@example.com", "targets": ["pong@example.com"]}).json()["id"]
    client.post("/addresses/forwarded", json={"address": "pong@example.com", "targets": ["ping@example.com"]})
    client.post("/_mock/inbound", json={"to": ["ping@example.com"], "subject": "loop"})
    assert client.get(f"/addresses/forwarded/{ping}").json()["limits"]["forwards"]["used"] == 1, "a loop ends"

    no_wildcard = client.post("/addresses/forwarded", json={"address": "*@catch.example", "targets": ["carol@example.com"]})
    assert no_wildcard.json() == {"error": "Address can not contain *", "code": "InputValidationError"}
    client.post("/addresses/forwarded", json={"address": "*@catch.example", "targets": ["carol@example.com"], "allowWildcard": True})
    client.post("/_mock/inbound", json={"to": ["anyone@catch.example"], "subject": "caught"})
    assert "caught" in _inbox_subjects(client, carol)


def test_resolve_finds_addresses_by_id_or_as_delivery_does(client: httpx.Client) -> None:
    dan = _user(client, "dan", address="dan.smith@example.com")
    by_address = client.get("/addresses/resolve/DanSmith+news@example.com").json()
    assert (by_address["user"], by_address["address"]) == (dan, "dan.smith@example.com")
    assert client.get(f"/addresses/resolve/{by_address['id']}").json() == by_address
    catch_all = client.post("/addresses/forwarded", json={"address": "*@catch.example", "allowWildcard": True, "targets": ["dan.smith@example.com"]}).json()["id"]
    assert client.get("/addresses/resolve/who@catch.example").status_code == 404
    wild = client.get("/addresses/resolve/who@catch.example", params={"allowWildcard": "true"}).json()
    assert (wild["id"], wild["name"], wild["targets"]) == (catch_all, "", ["dan.smith@example.com"])


def test_rename_domain_moves_addresses_and_main_addresses(client: httpx.Client) -> None:
    eve = _user(client, "eve", address="eve@old.example")
    client.post(f"/users/{eve}/addresses", json={"address": "e.v.e@other.example"})
    client.post("/addresses/forwarded", json={"address": "info@old.example", "targets": ["eve@other.example"]})
    key = client.post("/dkim", json={"domain": "old.example", "selector": "mail"}).json()["id"]
    client.post("/dkim", json={"domain": "taken.example", "selector": "mail"})
    client.post("/dkim", json={"domain": "busy.example", "selector": "mail"})
    client.post("/domainaliases", json={"alias": "old-alias.example", "domain": "old.example"})
    moved = client.put("/addresses/renameDomain", json={"oldDomain": "OLD.example", "newDomain": "new.example"}).json()
    assert moved == {"success": True, "modifiedAddresses": 2, "modifiedUsers": 1, "modifiedDkim": 1, "modifiedAliases": 1}
    assert client.get(f"/users/{eve}").json()["address"] == "eve@new.example"
    assert client.get(f"/dkim/{key}").json()["dnsTxt"]["name"] == "mail._domainkey.new.example"
    alias = client.get("/domainaliases/resolve/old-alias.example").json()["id"]
    assert client.get(f"/domainaliases/{alias}").json()["domain"] == "new.example"
    client.post("/_mock/inbound", json={"to": ["info@new.example"], "subject": "after the move"})
    assert "after the move" in _inbox_subjects(client, eve)
    client.post("/_mock/inbound", json={"to": ["eve@old-alias.example"], "subject": "by the alias"})
    assert "by the alias" in _inbox_subjects(client, eve), "the alias now leads to the new domain"
    # a domain keeps one key (the real unique index on dkim.domain refuses the move)
    clash = client.put("/addresses/renameDomain", json={"oldDomain": "taken.example", "newDomain": "busy.example"}).json()
    assert clash["modifiedDkim"] == 0
    same = client.put("/addresses/renameDomain", json={"oldDomain": "new.example", "newDomain": "new.example"}).json()
    assert same == {"success": True, "modifiedAddresses": 0, "modifiedUsers": 0, "modifiedDkim": 0, "modifiedAliases": 0}


def test_the_address_register_lists_who_wrote_and_can_hide_them(client: httpx.Client) -> None:
    fay = _user(client, "fay", address="fay@example.com")
    for sender in ('"Jane Roe" <jane.roe@example.org>', "noreply@example.org", "john@example.net"):
        client.post("/_mock/inbound", json={"to": ["fay@example.com"], "from": sender, "subject": "hi", "text": "hello"})
    found = client.get(f"/users/{fay}/addressregister", params={"query": "ja"}).json()["results"]
    assert [(e["name"], e["address"]) for e in found] == [("Jane Roe", "jane.roe@example.org")], "names match from their start"
    everyone = client.get(f"/users/{fay}/addressregister", params={"query": "example"}).json()["results"]
    assert [e["address"] for e in everyone] == ["john@example.net", "jane.roe@example.org"], "newest first, no no-reply"
    assert client.put(f"/users/{fay}/addressregister/{found[0]['id']}", json={"disabled": True}).json() == {"success": True}
    assert client.get(f"/users/{fay}/addressregister", params={"query": "ja"}).json()["results"] == []
    assert client.put(f"/users/{fay}/addressregister/0123456789abcdef01234567", json={"disabled": True}).json() == {"success": False}
    missing = client.get(f"/users/{fay}/addressregister")
    assert (missing.status_code, missing.json()["code"]) == (400, "InputValidationError")


def test_export_of_chosen_users_imports_into_another_namespace(client: httpx.Client, server: LiveServer) -> None:
    gus = _user(client, "gus", address="gus@example.com", tags=["move"])
    client.post(f"/users/{gus}/addresses", json={"address": "gus2@example.com"})
    client.post(f"/users/{gus}/mailboxes", json={"path": "Projects"})
    kept = client.post(f"/users/{gus}/filters", json={"query": {"from": "boss"}, "action": {"targets": ["gus@elsewhere.example"]}}).json()["id"]
    _user(client, "stays")
    exported = client.post("/data/export", json={"tags": "move"})
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/octet-stream"
    assert exported.content[:3] == bytes([0x09, 0x06, 0x82])

    with httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": client.headers["X-Mock-Namespace"] + "-target"}) as target:
        imported = target.post("/data/import", content=exported.content, headers={"Content-Type": "application/octet-stream"}).json()
        result = imported["result"]
        assert result["failed"] == 0 and result["imported"] == result["entries"] > 0
        assert target.get("/users/resolve/gus").json()["id"] == gus
        assert target.get("/users/resolve/stays").status_code == 404, "only the chosen users"
        assert {a["address"] for a in target.get(f"/users/{gus}/addresses").json()["results"]} == {"gus@example.com", "gus2@example.com"}
        assert "Projects" in {b["path"] for b in target.get(f"/users/{gus}/mailboxes").json()["results"]}
        assert [f["id"] for f in target.get(f"/users/{gus}/filters").json()["results"]] == [kept]
        assert [f["id"] for f in target.get("/filters", params={"forward": "gus@"}).json()["results"]] == [kept]
        assert target.post("/authenticate", json={"username": "gus", "password": PASSWORD}).status_code == 200, "password hashes travel"
        twice = target.post("/data/import", content=exported.content, headers={"Content-Type": "application/octet-stream"}).json()["result"]
        assert twice["existing"] == result["entries"] and twice["imported"] == 0
        junk = target.post("/data/import", content=b"not an export", headers={"Content-Type": "application/octet-stream"})
        assert (junk.status_code, junk.json()["code"]) == (400, "INVALID_SEQUENCE")


def test_export_keeps_integers_wider_than_64_bits_in_meta_data(client: httpx.Client, server: LiveServer) -> None:
    """JSON numbers have no size limit and MessagePack integers stop at 64 bits; an export of
    such metaData used to be a 500 (found by the conformance run)."""
    wide = 10**30
    ivy = _user(client, "ivy")
    assert client.put(f"/users/{ivy}", json={"metaData": {"wide": wide, "below": -wide}}).status_code == 200
    exported = client.post("/data/export", json={})
    assert exported.status_code == 200
    with httpx.Client(base_url=server.url, headers={"X-Mock-Namespace": client.headers["X-Mock-Namespace"] + "-wide"}) as target:
        assert target.post("/data/import", content=exported.content, headers={"Content-Type": "application/octet-stream"}).status_code == 200
        assert target.get(f"/users/{ivy}").json()["metaData"] == {"wide": wide, "below": -wide}


def test_quota_reset_for_all_users_recounts_each(client: httpx.Client, world) -> None:
    hal = _user(client, "hal", address="hal@example.com")
    client.post("/_mock/inbound", json={"to": ["hal@example.com"], "subject": "size", "text": "x" * 300})
    used = client.get(f"/users/{hal}").json()["limits"]["quota"]["used"]
    world.state("wildduck").users[hal].storage_used = 1
    answer = client.post("/quota/reset", json={}).json()
    assert answer["success"] is True and len(answer["task"]) == 24
    assert client.get(f"/users/{hal}").json()["limits"]["quota"]["used"] == used > 0


def test_a_user_may_own_a_wildcard_address_that_catches_a_domain(client: httpx.Client) -> None:
    ivy = _user(client, "ivy", address="ivy@example.com")
    refused = client.post(f"/users/{ivy}/addresses", json={"address": "*@ivy.example"})
    assert refused.json() == {"error": "Address can not contain *", "code": "InputValidationError"}
    plus = client.post(f"/users/{ivy}/addresses", json={"address": "ivy+x@example.com"})
    assert plus.json() == {"error": "Address can not contain +", "code": "InputValidationError"}
    as_main = client.post(f"/users/{ivy}/addresses", json={"address": "*@ivy.example", "allowWildcard": "yes", "main": True})
    assert as_main.json()["error"] == "Main address can not contain *"
    assert client.post(f"/users/{ivy}/addresses", json={"address": "*@ivy.example", "allowWildcard": True}).status_code == 200
    delivered = client.post("/_mock/inbound", json={"to": ["sales@ivy.example"], "subject": "to the domain"}).json()
    assert delivered["delivered"] == ["sales@ivy.example"] and "to the domain" in _inbox_subjects(client, ivy)


def test_mail_the_user_sends_fills_the_address_register(client: httpx.Client) -> None:
    joe = _user(client, "joe", address="joe@example.com", name="Joe")
    sent = client.post(f"/users/{joe}/submit", json={"to": [{"name": "Kim Lee", "address": "kim.lee@partner.example"}], "subject": "Hi", "text": "x"})
    assert sent.status_code == 200, sent.text
    found = client.get(f"/users/{joe}/addressregister", params={"query": "partner"}).json()["results"]
    assert [e["address"] for e in found] == ["kim.lee@partner.example"]


def test_wildcard_addresses_catch_mail_only_while_they_exist(client: httpx.Client) -> None:
    """Resolving a recipient skips the wildcard candidates while no wildcard address exists
    (addresses/lookup.py keeps which views hold a ``*``): adding and removing each kind must
    still be seen at once."""
    una = _user(client, "una", address="una@example.com")
    for index, (wildcard, recipient) in enumerate([("*@una.example", "sales@una.example"),
                                                   ("sal*@una2.example", "sales@una2.example"),
                                                   ("*les@una3.example", "sales@una3.example")]):
        def sent(subject: str) -> list[str]:
            return client.post("/_mock/inbound", json={"to": [recipient], "subject": subject}).json()["delivered"]

        assert sent(f"before {index}") == []
        added = client.post(f"/users/{una}/addresses", json={"address": wildcard, "allowWildcard": True})
        assert added.status_code == 200, added.text
        assert sent(f"while {index}") == [recipient]
        assert client.delete(f"/users/{una}/addresses/{added.json()['id']}").status_code == 200
        assert sent(f"after {index}") == []
        subjects = _inbox_subjects(client, una)
        assert f"while {index}" in subjects and f"before {index}" not in subjects and f"after {index}" not in subjects
