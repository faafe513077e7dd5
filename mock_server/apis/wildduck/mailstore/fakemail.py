"""Faker-written mail: believable messages with plain and HTML bodies, some with a PNG or
PDF attached, all drawn from one seeded stream."""

from __future__ import annotations

from datetime import datetime
from html import escape

from ....ids import Randomness
from ....outbox import FilePart, compose
from .attachments import pdf_document, png_image


def fake_message(
    rnd: Randomness,
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    date: datetime,
    attachment: str | None = None,
) -> str:
    """An RFC 822 message from ``sender`` to ``to``; ``attachment`` is "png", "pdf" or None."""
    fake = rnd.fake
    subject = fake.sentence(nb_words=fake.random_int(3, 8)).rstrip(".")
    paragraphs = fake.paragraphs(nb=fake.random_int(1, 4))
    greeting = f"Hi {to[0].split(' ')[0]}," if to[0] else "Hello,"
    signature = sender[0] or sender[1]
    text = "\n\n".join([greeting, *paragraphs, f"Best regards,\n{signature}"]) + "\n"
    html = (
        "<!DOCTYPE html><html><body>"
        + f"<p>{escape(greeting)}</p>"
        + "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
        + f"<p>Best regards,<br>{escape(signature)}</p></body></html>"
    )
    files = [_attachment(rnd, attachment, subject)] if attachment else []
    domain = sender[1].rpartition("@")[2] or "mock.invalid"
    return compose(
        sender=sender,
        to=[to],
        subject=subject,
        text=text,
        html=html,
        date=date,
        message_id=f"<{rnd.hex(24)}@{domain}>",
        boundary=lambda: f"----=_Part_{rnd.hex(16)}",
        files=files,
    )


def _attachment(rnd: Randomness, kind: str, subject: str) -> FilePart:
    fake = rnd.fake
    if kind == "png":
        return FilePart(f"{fake.word()}.png", "image/png", png_image(rnd.rng))
    lines = [fake.sentence() for _ in range(fake.random_int(2, 6))]
    return FilePart(f"{fake.word()}-{fake.random_int(100, 999)}.pdf", "application/pdf", pdf_document(subject, lines))
