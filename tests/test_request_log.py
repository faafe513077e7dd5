"""The request log ``serve`` prints, fed by the journal: what a developer watching a frontend
(or searching a CI log) reads for each request, and the findings behind each answer."""

from __future__ import annotations

import asyncio
import io
import json

import httpx
import pytest

from mock_server.cli import main
from mock_server.journal import Journal, JournalEntry
from mock_server.request_log import FLUSH_SECONDS, RequestLog
from tests.support.live_server import LiveServer

OVERKIZ = "/enduser-mobile-web/enduserAPI"


def entry(path: str, status: int = 200, notes: tuple[str, ...] = (), query: str = "") -> JournalEntry:
    return JournalEntry(sequence=1, time="2026-01-01T09:00:00.000Z", namespace="web", method="POST", path=path,
                        query=query, status=status, duration_ms=3.25, api="overkiz", notes=notes)


def logged(log_format: str = "text", *, colour: bool = False, include_docs: bool = False,
           entries: tuple[JournalEntry, ...] = ()) -> str:
    stream = io.StringIO()
    journal = Journal(10)
    RequestLog(stream, log_format, colour=colour, include_docs=include_docs).attach(journal)
    for item in entries:
        journal.record(item)
    return stream.getvalue()


def test_a_line_names_namespace_request_status_duration_and_finding() -> None:
    line = logged(entries=(entry(f"{OVERKIZ}/login", 401, ("Account not validated",), "lang=en"),))
    assert line.endswith(f" [web] POST {OVERKIZ}/login?lang=en 401 3.2 ms  Account not validated\n")
    assert "\033[" not in line, "plain text when not on a terminal"


def test_colour_marks_the_status_class() -> None:
    assert "\033[33m401\033[0m" in logged(colour=True, entries=(entry("/users", 401),))
    assert "\033[32m200\033[0m" in logged(colour=True, entries=(entry("/users", 200),))


def test_json_lines_carry_the_journal_entry() -> None:
    record = json.loads(logged("json", entries=(entry("/users", 400, ("validation: bad",)),)))
    assert record["path"] == "/users" and record["status"] == 400 and record["notes"] == ["validation: bad"]
    assert record["clock"] == "2026-01-01T09:00:00.000Z" and record["time"] != record["clock"]


@pytest.mark.parametrize("path", ["/ui/", "/ui/swagger-ui.css", "/openapi.json", f"{OVERKIZ}/ui/index.html",
                                  f"{OVERKIZ}/openapi.json", "/_mock/ui/"])
def test_the_docs_own_requests_are_left_out_unless_asked(path: str) -> None:
    assert logged(entries=(entry(path),)) == ""
    assert path in logged(include_docs=True, entries=(entry(path),))


def test_api_paths_that_look_like_docs_are_logged() -> None:
    lines = logged(entries=(entry("/users/ui"), entry(f"{OVERKIZ}/doc"))).splitlines()
    assert [line.split()[3] for line in lines] == ["/users/ui", f"{OVERKIZ}/doc"]


def test_a_validation_error_keeps_its_message_in_the_journal(client: httpx.Client, namespace: str) -> None:
    refused = client.post(f"{OVERKIZ}/enduser/mainAccount", json={"password": "x"})
    assert refused.status_code == 400
    unknown = client.get("/users/0123456789abcdef01234567")
    assert unknown.status_code == 404
    entries = client.get("/_mock/journal", params={"namespace": namespace, "limit": 3}).json()["entries"]
    assert entries[1]["notes"] == [f"validation: {refused.json()['error']}"]
    assert entries[0]["notes"] == [unknown.json()["error"]], "a domain error's message, as the API answered it"


def test_a_schema_violation_is_one_line_of_the_log(client: httpx.Client, namespace: str) -> None:
    """jsonschema's message goes on with the schema and the value over several lines; a request
    log line must stay one line."""
    assert client.get("/users/not-an-id").status_code == 400
    entry = client.get("/_mock/journal", params={"namespace": namespace, "limit": 1}).json()["entries"][0]
    assert entry["notes"] == ["validation: 'not-an-id' does not match '^[0-9a-fA-F]{24}$'"]


def test_wait_returns_once_the_server_answers(server: LiveServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wait", "--url", server.url, "--timeout", "5"]) == 0
    assert f"{server.url} is up" in capsys.readouterr().out


def test_wait_gives_up_after_the_timeout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wait", "--url", "http://127.0.0.1:9", "--timeout", "0.3"]) == 1
    assert "no mock server answered within 0.3 s" in capsys.readouterr().err


def test_while_serving_lines_are_flushed_together_and_soon() -> None:
    """One flush (a system call) per burst of requests, not per line, and no line waits long."""

    class CountingStream(io.StringIO):
        flushes = 0

        def flush(self) -> None:
            self.flushes += 1
            super().flush()

    async def serve_a_burst() -> CountingStream:
        stream = CountingStream()
        journal = Journal(10)
        RequestLog(stream).attach(journal)
        for path in ("/users", "/users/1", "/users/2"):
            journal.record(entry(path))
        assert stream.flushes == 0
        await asyncio.sleep(FLUSH_SECONDS * 3)
        return stream

    stream = asyncio.run(serve_a_burst())
    assert stream.flushes == 1 and len(stream.getvalue().splitlines()) == 3
