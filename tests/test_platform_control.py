"""The control API and the pages a person opens: index, docs, outbox, journal, clock."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mock_server.registry import all_apis, mounts_in_routing_order
from mock_server.specs import load_document
from tests.support.send_email import latest_mail, send, user_of


def test_index_page_lists_every_api_with_its_docs(client):
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")
    for api in all_apis():
        assert api.title in page.text
        for mount in api.mounts:
            assert f'href="{mount.base_path}/ui/"' in page.text
    assert client.get("/", headers={"Accept": "application/json"}).json() == client.get("/_mock/apis").json()


@pytest.mark.parametrize("mount", [mount for _api, mount in mounts_in_routing_order()], ids=lambda m: m.file)
def test_every_document_is_served_with_its_swagger_ui(client, mount):
    served = client.get(f"{mount.base_path}/openapi.json").json()
    assert served["info"]["title"] == load_document(mount.file)["info"]["title"]
    assert set(served["paths"]) == set(load_document(mount.file)["paths"])
    ui = client.get(f"{mount.base_path}/ui/")
    assert ui.status_code == 200 and "swagger" in ui.text.lower()


def test_outbox_lists_newest_first_filters_and_clears(client):
    demo, acme = user_of(client, "demo"), user_of(client, "acme")
    send(client, demo, {"mailType": "TEST"})
    send(client, acme, {"mailType": "FORGOT_PASSWORD"})
    listing = client.get("/_mock/outbox").json()
    assert listing["total"] == 2
    assert listing["messages"][0]["subject"].startswith("Reset your")
    only_demo = client.get("/_mock/outbox", params={"to": demo.email.upper()}).json()
    assert [m["subject"] for m in only_demo["messages"]] == [listing["messages"][1]["subject"]]
    assert client.get("/_mock/outbox", params={"api": "nobody"}).json()["total"] == 0
    assert client.get("/_mock/outbox", params={"limit": 1}).json()["total"] == 2
    assert len(client.get("/_mock/outbox", params={"limit": 1}).json()["messages"]) == 1
    assert client.delete("/_mock/outbox").status_code == 204
    assert client.get("/_mock/outbox").json() == {"total": 0, "messages": []}
    missing = client.get(f"/_mock/outbox/{listing['messages'][0]['id']}")
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_journal_records_each_exchange_newest_first(client, namespace):
    client.get("/_mock/outbox")
    client.post("/auth/realms/demo/mail/test", json={"mailType": "TEST"})
    entries = client.get("/_mock/journal", params={"namespace": namespace}).json()["entries"]
    newest, older = entries[0], entries[1]
    assert (newest["method"], newest["path"], newest["status"], newest["api"]) == ("POST", "/auth/realms/demo/mail/test", 401, "send-email")
    assert (older["method"], older["path"], older["status"]) == ("GET", "/_mock/outbox", 200)
    assert newest["sequence"] > older["sequence"] and newest["namespace"] == namespace
    assert newest["durationMs"] >= 0


def test_journal_leaves_docs_requests_out_unless_asked_and_filters_by_api(client, namespace):
    client.get("/email/continuity/v2/ui/")
    client.get("/email/continuity/v2/openapi.json")
    client.get("/_mock/dashboard/")
    client.get("/email/continuity/v2/44444")
    shown = client.get("/_mock/journal", params={"namespace": namespace}).json()["entries"]
    assert [e["path"] for e in shown] == ["/email/continuity/v2/44444"]
    with_docs = client.get("/_mock/journal", params={"namespace": namespace, "docs": "true"}).json()["entries"]
    assert [e["path"] for e in with_docs if e["path"] != "/_mock/journal"] == [
        "/email/continuity/v2/44444", "/_mock/dashboard/", "/email/continuity/v2/openapi.json", "/email/continuity/v2/ui/",
    ]
    assert client.get("/_mock/journal", params={"namespace": namespace, "api": "wildduck"}).json()["entries"] == []


def test_journal_stream_sends_entries_after_the_given_one_as_events(client, namespace):
    client.get("/_mock/health")
    first = client.get("/_mock/journal", params={"namespace": namespace, "limit": 1}).json()["entries"][0]["sequence"]
    client.post("/auth/realms/demo/mail/test", json={"mailType": "TEST"})
    stream = client.get("/_mock/journal/stream", params={"namespace": namespace, "after": first, "seconds": 0})
    assert stream.headers["content-type"].startswith("text/event-stream")
    events = [block for block in stream.text.split("\n\n") if block.startswith("id: ")]
    assert len(events) == 2  # the journal read and the mail call, oldest first
    last = events[-1].splitlines()
    assert last[1] == "event: entry" and '"path": "/auth/realms/demo/mail/test"' in last[2]
    resumed = client.get("/_mock/journal/stream", params={"namespace": namespace, "seconds": 0},
                         headers={"Last-Event-ID": last[0].removeprefix("id: ")})
    (only,) = [b for b in resumed.text.split("\n\n") if b.startswith("id: ")]  # the first stream, recorded as it ended
    assert '"path": "/_mock/journal/stream"' in only


def test_records_of_one_api_are_its_state(client):
    records = client.get("/_mock/records/retarus").json()
    assert set(records) == {"users"} and records["users"]
    assert client.get("/_mock/records/nope").status_code == 404


def test_journal_is_bounded(client, server):
    size = server.app.runtime.settings.journal_size
    for _ in range(size + 5):
        client.get("/_mock/health")
    assert len(client.get("/_mock/journal", params={"limit": 10000}).json()["entries"]) == size


def test_clock_freezes_moves_and_runs_again(client):
    frozen = client.put("/_mock/clock", json={"now": "2030-01-01T00:00:00Z"}).json()
    assert frozen == {"now": "2030-01-01T00:00:00.000Z", "frozen": True}
    moved = client.put("/_mock/clock", json={"advanceSeconds": 86400}).json()
    assert moved["now"] == "2030-01-02T00:00:00.000Z"
    running = client.put("/_mock/clock", json={"frozen": False}).json()
    assert running["frozen"] is False and running["now"].startswith("2030-01-02T00:00")
    assert client.put("/_mock/clock", json={"now": "yesterday"}).status_code == 400


def test_the_date_header_follows_the_namespace_clock(client):
    client.put("/_mock/clock", json={"now": "2031-07-04T12:00:00Z"})
    assert client.get("/_mock/outbox").headers["date"] == "Fri, 04 Jul 2031 12:00:00 GMT"
    assert client.get("/_mock/health").headers["date"] != "Fri, 04 Jul 2031 12:00:00 GMT", "server-wide: wall time"


def test_fixtures_of_an_unknown_api_are_404(client):
    assert client.get("/_mock/fixtures/nothing-here").status_code == 404


def test_validate_passes_on_the_shipped_documents():
    result = subprocess.run([sys.executable, "-m", "mock_server.cli", "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_validate_reports_an_operation_without_a_handler(tmp_path, monkeypatch):
    from mock_server import specs, validate

    broken = load_document("send-email-ssms.yaml") | {}
    broken["paths"] = {"/test": {"post": {**broken["paths"]["/test"]["post"], "operationId": "mail.no_such_handler"}}}
    import yaml

    (tmp_path / "send-email-ssms.yaml").write_text(yaml.safe_dump(broken))
    monkeypatch.setattr(specs, "SPECS_DIR", tmp_path)
    specs.load_document.cache_clear()
    try:
        problems = validate._check_document("send-email-ssms.yaml", "mock_server.apis.send_email.handlers")
    finally:
        specs.load_document.cache_clear()
    assert [p.where for p in problems] == ["POST /test"]
    assert "no_such_handler" in problems[0].message


def test_mail_details_say_which_links_this_server_answers_and_how(client):
    body = {"mailType": "VERIFY", "redirectUri": "https://app.example.com/", "portalUrl": "https://portal.example.com/"}
    assert send(client, user_of(client, "demo"), body).status_code == 200
    mail = latest_mail(client)
    action = next(link for link in mail["links"] if "/login-actions/action-token?" in link)
    assert mail["linkMethods"][action] == ["GET", "POST"]
    assert mail["linkMethods"]["https://portal.example.com/"] == []
