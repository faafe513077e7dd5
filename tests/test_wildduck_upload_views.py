"""What a webmail sees after saving a draft with pictures and files, as the real 1.46.1
server shows it (probed by hand, see docs/conformance-wildduck.md): ``data:`` images in the
HTML become inline attachments referred to by Content-ID, the storage files the draft was
saved with are listed under ``files``, and every attachment has the real fields."""

from __future__ import annotations

import base64
import hashlib
import time
from typing import Any

import httpx
import pytest

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
HTML = (f'<p>hello <img alt="dot" src="data:image/png;base64,{base64.b64encode(PNG).decode()}" data-filename="dot.png">'
        ' and <img src="data:text/plain,hi%20there"> and <img src="data:,%zz"></p>')


@pytest.fixture
def user(client: httpx.Client) -> dict[str, Any]:
    found = client.get("/_mock/fixtures/wildduck").json()["users"][2]
    boxes = client.get(f"/users/{found['id']}/mailboxes").json()["results"]
    return {**found, **{(m["specialUse"] or m["path"]).lstrip("\\"): m["id"] for m in boxes}}


def _view(client: httpx.Client, user: dict[str, Any], stored: httpx.Response) -> dict[str, Any]:
    assert stored.status_code == 200, stored.text
    where = stored.json()["message"]
    return client.get(f"/users/{user['id']}/mailboxes/{where['mailbox']}/messages/{where['id']}").json()


def test_a_draft_with_data_images_and_a_stored_file_shows_them_as_the_real_server(client: httpx.Client, user: dict[str, Any]) -> None:
    file_id = client.post(f"/users/{user['id']}/storage", json={
        "filename": "note.txt", "contentType": "text/plain", "content": "aGVsbG8gd29ybGQ=", "encoding": "base64",
        "cid": "note@x"}).json()["id"]

    view = _view(client, user, client.post(f"/users/{user['id']}/mailboxes/{user['Drafts']}/messages", json={
        "from": {"address": "sender@images.example"}, "to": [{"address": "x@example.org"}], "subject": "pictures",
        "text": "hi", "html": HTML, "draft": True, "files": [file_id],
        "attachments": [{"filename": "a.txt", "content": "aGVsbG8=", "contentType": "text/plain"}]}))

    assert view["files"] == [{"id": file_id, "filename": "note.txt", "contentType": "text/plain", "size": 11, "cid": "note@x"}]
    by_name = {a["filename"]: a for a in view["attachments"]}
    # files, attachments, then the images, as the real server orders them; the unnamed one is named by its place
    assert [a["filename"] for a in view["attachments"]] == ["note.txt", "dot.png", "attachment-4.txt", "a.txt"]
    dot = by_name["dot.png"]
    assert (dot["contentType"], dot["disposition"], dot["related"]) == ("image/png", "inline", True)
    assert dot["cid"].endswith("@images.example>")  # named after the sender's domain
    assert dot["fileContentHash"] == base64.b64encode(hashlib.sha256(PNG).digest()).decode()
    # the real server's values for this very content (hash of the encoded body, its size)
    assert (by_name["note.txt"]["hash"], by_name["note.txt"]["size"], by_name["note.txt"]["sizeKb"]) == (
        "dc9c1c09907c36f5379d615ae61c02b46ba254d92edb77cb63bdcc5247ccd01c", 16, 1)
    text_image = by_name["attachment-4.txt"]
    assert (text_image["contentType"], text_image["disposition"]) == ("text/plain", "attachment")  # not an image
    assert (by_name["a.txt"]["related"], by_name["a.txt"]["cid"]) == (False, None)
    assert view["html"] == [f'<p>hello <img alt="dot" src="attachment:{dot["id"]}"> and '
                            f'<img src="attachment:{text_image["id"]}"> and <img src="data:,%zz"></p>']
    downloaded = client.get(f"/users/{user['id']}/mailboxes/{view['mailbox']}/messages/{view['id']}/attachments/{dot['id']}")
    assert downloaded.content == PNG and downloaded.headers["content-type"] == "image/png"


def test_a_submitted_message_carries_its_data_images_as_attachments(client: httpx.Client, user: dict[str, Any]) -> None:
    sent = _view(client, user, client.post(f"/users/{user['id']}/submit", json={
        "to": [{"address": "far@example.org"}], "subject": "with a picture", "html": HTML}))

    assert [a["contentType"] for a in sent["attachments"]] == ["image/png", "text/plain"]
    assert "data:image" not in sent["html"][0] and "files" not in sent
    queued = next(m for m in client.get("/_mock/outbox").json()["messages"] if m["subject"] == "with a picture")
    source = client.get(f"/_mock/outbox/{queued['id']}/raw").text
    assert "multipart/related" in source and "data:image/png" not in source


def test_a_message_without_data_images_keeps_its_html_and_lists_no_files(client: httpx.Client, user: dict[str, Any]) -> None:
    html = '<p>plain <img src="https://example.org/logo.png"></p>'
    view = _view(client, user, client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages",
                                           json={"subject": "no pictures", "html": html}))
    assert view["html"] == [html] and view["attachments"] == [] and "files" not in view


def test_an_upload_refuses_keys_the_real_server_does_not_know(client: httpx.Client, user: dict[str, Any]) -> None:
    answer = client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages", json={"subject": "x", "bogus": 1})
    assert answer.status_code == 400
    assert answer.json()["code"] == "InputValidationError" and "bogus" in answer.json()["error"]


def test_listings_carry_the_attachment_list_and_an_autoreply_its_id_and_time(client: httpx.Client, user: dict[str, Any]) -> None:
    """Two real fields a client reads without opening anything: ``attachmentsList`` on each
    listed message, and the autoreply record's ``id`` (answered by PUT) and ``created``."""
    _view(client, user, client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages", json={
        "subject": "listed", "text": "x", "attachments": [{"filename": "a.txt", "content": "aGVsbG8="}]}))
    listed = client.get(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages").json()["results"][0]
    assert listed["subject"] == "listed"
    assert [(a["filename"], a["size"]) for a in listed["attachmentsList"]] == [("a.txt", 8)]

    client.put("/_mock/clock", json={"now": "2031-02-03T04:05:06.789Z"})
    first = client.put(f"/users/{user['id']}/autoreply", json={"status": True, "subject": "away"}).json()
    again = client.put(f"/users/{user['id']}/autoreply", json={"status": False}).json()
    assert first["success"] is True and first["id"] == again["id"] and len(first["id"]) == 24
    assert client.get(f"/users/{user['id']}/autoreply").json()["created"] == "2031-02-03T04:05:06.000Z"


def test_hostile_html_is_read_in_linear_time(client: httpx.Client, user: dict[str, Any]) -> None:
    """The real pattern for data URLs backtracks quadratically on a long run of ``;`` and a
    naive ``<img[^>]*>`` on many unclosed tags: neither may hold a request up."""
    html = '<img src="data:,' + ";" * 400_000 + '">' + "<img" * 100_000
    started = time.monotonic()
    view = _view(client, user, client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages",
                                           json={"subject": "hostile", "html": html}))
    assert time.monotonic() - started < 10
    assert [a["contentType"] for a in view["attachments"]] == ["application/octet-stream"]
