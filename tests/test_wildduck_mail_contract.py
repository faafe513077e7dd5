"""The mail operations against their own contract, with real data: Schemathesis calls each
operation for a seeded user and checks the answer (status, headers, body schema, each event
of the update stream) against the document. The generated conformance run rarely reaches
these with existing users and messages; this walks them on purpose."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis

from mock_server.app import build_app
from mock_server.settings import Settings


@pytest.fixture(scope="module")
def api():
    app = build_app(Settings(seed=7, max_namespaces=10))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    state = app.runtime.worlds.get("default").state("wildduck")
    return schema, state


def call(api, method: str, path: str, *, body: Any = None, **parameters: Any):
    """Call an operation with these path/query parameters and validate the answer."""
    schema, _state = api
    operation = schema[path][method]
    names = {p.name: p.location for p in operation.iter_parameters()}
    path_parameters = {k: v for k, v in parameters.items() if names.get(k) == "path"}
    query = {k: v for k, v in parameters.items() if names.get(k) == "query"}
    kwargs = {"body": body} if body is not None else {}
    response = operation.Case(path_parameters=path_parameters, query=query, media_type="application/json" if body is not None else None, **kwargs).call_and_validate()
    assert response.status_code == 200, response.text
    return response


def test_reading_mail_matches_the_document(api) -> None:
    _schema, state = api
    user = state.seeded[0]["id"]
    boxes = call(api, "GET", "/users/{userId}/mailboxes", userId=user, counters=True, sizes=True).json()["results"]
    inbox = boxes[0]["id"]
    call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}", userId=user, mailboxId=inbox)
    page = call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages", userId=user, mailboxId=inbox, limit=2).json()
    call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages", userId=user, mailboxId=inbox, next=page["nextCursor"])
    listed = call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages", userId=user, mailboxId=inbox, limit=250).json()["results"]
    with_attachment = next(m for m in listed if m["attachments"])
    uid = str(with_attachment["id"])
    details = call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}", userId=user, mailboxId=inbox, messageId=uid).json()
    call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}/message.eml", userId=user, mailboxId=inbox, messageId=uid)
    call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}/attachments/{attachmentId}",
         userId=user, mailboxId=inbox, messageId=uid, attachmentId=details["attachments"][0]["id"])
    call(api, "GET", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}/events", userId=user, mailboxId=inbox, messageId=uid)
    call(api, "GET", "/users/{userId}/search", userId=user, query=with_attachment["subject"].split()[0])
    call(api, "GET", "/users/{userId}/flagged", userId=user)


def test_changing_mail_matches_the_document(api) -> None:
    _schema, state = api
    user = state.seeded[1]["id"]
    inbox = call(api, "GET", "/users/{userId}/mailboxes", userId=user).json()["results"][0]["id"]
    folder = call(api, "POST", "/users/{userId}/mailboxes", userId=user, body={"path": "Kaust/Ünter"}).json()["id"]
    call(api, "PUT", "/users/{userId}/mailboxes/{mailboxId}", userId=user, mailboxId=folder, body={"path": "Kaust/Üle"})
    call(api, "PUT", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}", userId=user, mailboxId=inbox, messageId="1:3", body={"seen": True})
    call(api, "PUT", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}", userId=user, mailboxId=inbox, messageId="1", body={"moveTo": folder})
    call(api, "DELETE", "/users/{userId}/mailboxes/{mailboxId}/messages/{messageId}", userId=user, mailboxId=folder, messageId="1")
    archived = call(api, "GET", "/users/{userId}/archived", userId=user).json()["results"]
    call(api, "GET", "/users/{userId}/archived/messages", userId=user)
    call(api, "GET", "/users/{userId}/archived/{messageId}", userId=user, messageId=archived[0]["id"])
    call(api, "POST", "/users/{userId}/archived/messages/{messageId}/restore", userId=user, messageId=archived[0]["id"], body={})
    created = call(api, "POST", "/users/{userId}/filters", userId=user,
                   body={"name": "Lists", "query": {"from": "abc", "listId": "dev.example.org", "size": -5000},
                         "action": {"seen": True, "targets": ["a@example.org"]}, "metaData": {"k": "v"}}).json()["id"]
    call(api, "PUT", "/users/{userId}/filters/{filterId}", userId=user, filterId=created, body={"query": {"from": ""}, "action": {"mailbox": folder, "targets": ""}})
    call(api, "GET", "/users/{userId}/filters/{filterId}", userId=user, filterId=created)
    call(api, "GET", "/users/{userId}/filters", userId=user, metaData=True)
    call(api, "PUT", "/users/{userId}/autoreply", userId=user, body={"status": True, "subject": "Away", "start": "2020-01-01T00:00:00Z"})
    call(api, "GET", "/users/{userId}/autoreply", userId=user)
    call(api, "DELETE", "/users/{userId}/mailboxes/{mailboxId}", userId=user, mailboxId=folder)


def test_every_replayed_event_matches_the_documented_event_object(api) -> None:
    _schema, state = api
    user_id, entries = next((user, entries) for user, entries in state.mail.journal.items() if len(entries) > 5)
    response = call(api, "GET", "/users/{userId}/updates", userId=user_id, **{"Last-Event-ID": entries[0].id, "idleTimeout": 0.2})
    assert response.headers["x-accel-buffering"] == ["no"]
    text = response.content.decode()
    assert text.startswith(": ") and text.count("\nid: ") == len(entries) - 1
