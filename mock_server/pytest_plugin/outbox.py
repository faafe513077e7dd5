"""The outbox of one namespace as a test reads it: wait for the mail a flow sends, follow its links."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Mail:
    """One captured email, parsed (``GET /_mock/outbox/{id}``)."""

    id: str
    api: str
    sender: str
    to: tuple[str, ...]
    subject: str
    text: str | None
    html: str | None
    links: tuple[str, ...]
    """Every http(s) link of the text and HTML parts, in order."""

    def link_containing(self, fragment: str) -> str:
        """The first link with ``fragment`` in it (``"/validation/"``); AssertionError if none."""
        for link in self.links:
            if fragment in link:
                return link
        raise AssertionError(f"no link containing {fragment!r} in mail {self.subject!r}: {list(self.links)}")


class Outbox:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def mails(self, *, to: str | None = None, api: str | None = None) -> list[Mail]:
        """Every mail sent in this namespace (to ``to``, by ``api``), newest first."""
        query = {key: value for key, value in (("to", to), ("api", api)) if value is not None}
        listing = self._client.get("/_mock/outbox", params=query)
        listing.raise_for_status()
        return [self._read(summary["id"]) for summary in listing.json()["messages"]]

    def wait_for(self, *, to: str, subject_contains: str = "", timeout: float = 5.0) -> Mail:
        """The newest mail to ``to`` (whose subject holds ``subject_contains``), waiting up to
        ``timeout`` seconds for it to be sent; AssertionError naming what was there if none came."""
        deadline = time.monotonic() + timeout
        while True:
            listing = self._client.get("/_mock/outbox", params={"to": to})
            listing.raise_for_status()
            summaries = listing.json()["messages"]
            for summary in summaries:
                if subject_contains in summary["subject"]:
                    return self._read(summary["id"])
            if time.monotonic() >= deadline:
                subjects = [summary["subject"] for summary in summaries]
                raise AssertionError(f"no mail to {to} with {subject_contains!r} in its subject within {timeout:g} s "
                                     f"(mails to it: {subjects})")
            time.sleep(0.05)

    def clear(self) -> None:
        self._client.delete("/_mock/outbox").raise_for_status()

    def _read(self, message_id: str) -> Mail:
        answer = self._client.get(f"/_mock/outbox/{message_id}")
        answer.raise_for_status()
        body = answer.json()
        return Mail(
            id=body["id"], api=body["api"], sender=body["from"], to=tuple(body["to"]), subject=body["subject"],
            text=body["text"], html=body["html"], links=tuple(body["links"]),
        )
