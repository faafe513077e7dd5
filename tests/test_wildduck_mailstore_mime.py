"""Faker-written messages are real RFC 822 mail, and parsing one gives what WildDuck shows."""

from __future__ import annotations

import io

import png

from mock_server.apis.wildduck.mailstore.attachments import pdf_document
from mock_server.apis.wildduck.mailstore.fakemail import fake_message
from mock_server.apis.wildduck.mailstore.mime import attachment_content, make_intro, parse
from mock_server.ids import Randomness
from tests.test_wildduck_mailstore_support import START, raw_message

ANN = ("Ann Lee", "ann.lee@example.com")
JOSE = ("José Müller", "jose@example.org")


def _message(attachment: str | None, seed: int = 1) -> str:
    return fake_message(Randomness(seed, "wildduck"), sender=JOSE, to=ANN, date=START, attachment=attachment)


def test_a_fake_message_parses_back_to_its_headers_and_bodies() -> None:
    parsed = parse(_message(None))
    assert parsed.sender.address == "jose@example.org" and parsed.sender.name == "José Müller"
    assert [a.address for a in parsed.to] == ["ann.lee@example.com"]
    assert parsed.subject and parsed.msgid.startswith("<") and parsed.hdate == START
    assert parsed.text.startswith("Hi Ann,") and len(parsed.html) == 1 and parsed.html[0].startswith("<!DOCTYPE html>")
    assert parsed.attachments == []


def test_a_png_attachment_is_listed_and_downloads_as_a_valid_image() -> None:
    raw = _message("png")
    (info,) = parse(raw).attachments
    assert info.id == "ATT00001" and info.content_type == "image/png" and info.filename.endswith(".png")
    content_type, content = attachment_content(raw, "ATT00001")
    assert content_type == "image/png" and len(content) == info.size
    width, height, rows, _meta = png.Reader(file=io.BytesIO(content)).read()
    assert (width, height) == (24, 16) and len(list(rows)) == 16


def test_a_pdf_attachment_has_a_correct_cross_reference_table() -> None:
    raw = _message("pdf")
    content_type, content = attachment_content(raw, parse(raw).attachments[0].id)
    assert content_type == "application/pdf" and content.startswith(b"%PDF-1.4")
    xref_at = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref_at:].startswith(b"xref")
    offsets = [int(line[:10]) for line in content[xref_at:].split(b"\n")[3:8]]
    assert all(content[offset:].startswith(b"%d 0 obj" % n) for n, offset in enumerate(offsets, start=1))


def test_an_unknown_attachment_id_finds_nothing() -> None:
    assert attachment_content(_message("png"), "ATT00002") is None


def test_the_same_seed_writes_the_same_bytes() -> None:
    assert _message("pdf", seed=3) == _message("pdf", seed=3)
    assert _message("pdf", seed=3) != _message("pdf", seed=4)


def test_the_intro_collapses_whitespace_and_stops_at_128_characters() -> None:
    assert make_intro("Hello\n\n  there\n> quoted reply\nhttps://example.com/x end") == "Hello there end"
    long = make_intro("word " * 100)
    assert len(long) == 129 and long.endswith("…")


def test_html_only_mail_is_searchable_by_its_text() -> None:
    raw = "From: a@example.org\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nContent-Type: text/html\r\n\r\n<style>p{}</style><p>Hi <b>there</b></p>"
    parsed = parse(raw)
    assert parsed.subject == "Grüße" and parsed.text == "Hi there" and parsed.html


def test_pdf_text_with_parentheses_is_escaped() -> None:
    assert b"(a \\(b\\) c) Tj" in pdf_document("a (b) c", [])


def test_headers_given_to_compose_are_readable_after_parsing() -> None:
    parsed = parse(raw_message(headers={"Auto-Submitted": "auto-replied"}))
    assert parsed.headers["auto-submitted"] == "auto-replied"
