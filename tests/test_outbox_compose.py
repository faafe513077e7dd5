"""A text mail written directly (``text_mail``) is byte for byte what the ``email`` package
writes for it, whatever its text, names, subject and headers: the outbox, the state export and
WildDuck's mailboxes keep the same sources as before the direct writer (issue 15)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from email.mime.multipart import MIMEMultipart
from typing import Any, Callable

from hypothesis import given, settings, strategies as st

from mock_server.outbox import compose, compose_with_email_package
from mock_server.text_mail import REMEMBERED_BODY_LENGTH

# Text a mail can carry: words, runs of spaces and tabs, line ends of every kind, long lines,
# characters QP must escape ("=", trailing spaces, "From " lines) and non-ASCII.
PIECES = st.sampled_from(["word", "=", " ", "  ", "\t", "\n", "\r\n", "\r", "From ", ".", "é", "ü€", "日本", "x" * 80])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map("".join)
HEADER_TEXT = st.one_of(
    st.lists(st.one_of(st.sampled_from(["Test", "message", " ", "  ", "Ünïcode", "Ω", "a" * 90, "\t"]),
                       st.text(st.characters(codec="ascii"), max_size=10)), max_size=12).map("".join),
    st.text(max_size=40),
)
NAME = st.one_of(st.sampled_from(["", "Dana Garcia", "Carrillo Group", "José Müller", 'Quote "Me"', "a, b"]), st.text(max_size=20))
ADDRESS = st.sampled_from(["dana.garcia@yahoo.com", "no-reply@demo.example.com", "x@y", "a.very.long.local.part" * 3 + "@example.com"])
HEADERS = st.one_of(st.none(), st.dictionaries(st.sampled_from(["X-Mail-Type", "X-Tenant", "X-Retarus-Customer", "Reply-To"]),
                                               HEADER_TEXT, max_size=3))
BOUNDARY = st.one_of(st.from_regex(r"\A=_[0-9a-f]{32}\Z"), st.from_regex(r"\A----=_Part_[0-9a-f]{16}\Z"),
                     st.text(st.characters(codec="ascii"), min_size=1, max_size=40)).filter(
    lambda boundary: bool(MIMEMultipart("alternative", boundary=boundary).get_boundary()))
"""Never one the email package reads back as empty (``""``, ``"\r"``, white space): it would
draw its own from the global random, and the two writers could not agree."""
INSTANT = st.integers(0, 10**9).map(lambda seconds: datetime(2000, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds))


def _outcome(composer: Callable[..., str], letter: dict[str, Any], boundary: str) -> tuple[str, Any]:
    """The source, or the kind of refusal, and the boundaries drawn (the seeded stream's moves)."""
    drawn = itertools.count()

    def next_boundary() -> str:
        return f"{boundary}{next(drawn) or ''}"

    try:
        source: Any = composer(**letter, boundary=next_boundary)
    except Exception as error:  # both writers must refuse the same input the same way
        source = type(error).__name__
    return source, next(drawn)


@settings(max_examples=400, deadline=None)
@given(sender=st.tuples(NAME, ADDRESS), to=st.lists(st.tuples(NAME, ADDRESS), min_size=1, max_size=3), subject=HEADER_TEXT,
       text=TEXT, html=st.one_of(st.none(), TEXT), boundary=BOUNDARY, date=INSTANT, headers=HEADERS)
def test_a_text_mail_is_written_as_the_email_package_writes_it(sender, to, subject, text, html, boundary, date, headers):
    letter = dict(sender=sender, to=to, subject=subject, text=text, html=html, message_id="<0ef353@send-email.mock.invalid>",
                  date=date, headers=headers)
    assert _outcome(compose, letter, boundary) == _outcome(compose_with_email_package, letter, boundary)


def test_an_api_mail_is_written_as_before():
    """The shape every API sends, checked with a fixed example besides the generated ones."""
    letter = dict(sender=("Carrillo Group", "no-reply@demo.example.com"), to=[("Dana Garcia", "dana.garcia@yahoo.com")],
                  subject="Test message from Carrillo Group", text="Hello Dana Garcia,\n\n" + "A long line. " * 12 + "\n",
                  html='<p style="color:#777">Hello Dana Garcia,</p>\n', message_id="<0ef353@send-email.mock.invalid>",
                  date=datetime(2026, 12, 1, 5, 30, tzinfo=timezone.utc), headers={"X-Mail-Type": "TEST", "X-Tenant": "demo"})
    written, _ = _outcome(compose, letter, "=_850663a2ecbeef94dd7abf97c20e63e8")
    assert written == _outcome(compose_with_email_package, letter, "=_850663a2ecbeef94dd7abf97c20e63e8")[0]
    assert written.startswith('Content-Type: multipart/alternative;\r\n boundary="=_850663a2ecbeef94dd7abf97c20e63e8"\r\n')
    assert "Subject: Test message from Carrillo Group\r\n" in written
    assert "\r\n--=_850663a2ecbeef94dd7abf97c20e63e8--\r\n" in written


def test_long_bodies_and_names_and_remembered_ones_are_written_as_the_email_package_writes_them():
    """Bodies up to ``REMEMBERED_BODY_LENGTH`` and short address pairs are remembered, longer
    ones encoded each time: both, and a second mail from what was remembered, as the package
    writes them."""
    for length in (REMEMBERED_BODY_LENGTH - 1, REMEMBERED_BODY_LENGTH, REMEMBERED_BODY_LENGTH + 1, 3 * REMEMBERED_BODY_LENGTH):
        text = ("Grüße = from a line  \n" * length)[:length]
        name = "Ünïcode Name " * (length // 300)
        letter = dict(sender=(name, "no-reply@demo.example.com"), to=[(name, "dana.garcia@yahoo.com"), ("Dana", "d@y")],
                      subject="Long", text=text, html=text.upper(), message_id="<0ef353@send-email.mock.invalid>",
                      date=datetime(2026, 12, 1, tzinfo=timezone.utc), headers=None)
        for _ in range(2):
            assert _outcome(compose, letter, "=_0123") == _outcome(compose_with_email_package, letter, "=_0123")
