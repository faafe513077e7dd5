"""``compare --operation`` / ``--operation-regex``: only the chosen operations are compared,
and a name that matches nothing is a usage error instead of an empty, "agreeing" run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from mock_server.cli import main
from tests.support.local_http import serving


class _NotFound(BaseHTTPRequestHandler):
    """A stand-in "real" backend that knows no route: every request is a WildDuck-style 404."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"code": "ResourceNotFound", "message": f"{self.path} does not exist"}).encode()
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def real_url() -> Iterator[str]:
    with serving(_NotFound) as backend:
        yield f"http://127.0.0.1:{backend.server_address[1]}"


def _compare(server, real_url: str, report: Path, *selection: str) -> int:
    return main(["compare", "wildduck", "--url", real_url, "--mock-url", server.url,
                 "--max-examples", "1", "--report", str(report), *selection])


def test_only_the_named_operations_are_compared(server, real_url, tmp_path):
    report = tmp_path / "compare.json"

    code = _compare(server, real_url, report, "--operation", "DELETE /users/{userId}/outbound/{queueId}",
                    "--operation", "storage.handlers.list_files")

    assert code == 1  # the stand-in answers 404 where the mock answers 2xx or 400
    assert set(json.loads(report.read_text())) == {"DELETE /users/{userId}/outbound/{queueId}", "GET /users/{userId}/storage"}


def test_a_regex_selects_by_path_or_operation_id(server, real_url, tmp_path):
    report = tmp_path / "compare.json"

    _compare(server, real_url, report, "--operation-regex", r"^audit\.")

    assert set(json.loads(report.read_text())) == {
        "POST /audit", "GET /audit/{auditId}", "GET /audit/{auditId}/export.mbox",
    }


@pytest.mark.parametrize("selection, named", [
    (["--operation", "POST /users/{user}/submit"], "--operation 'POST /users/{user}/submit'"),
    (["--operation-regex", "^nothing-like-this"], "--operation-regex '^nothing-like-this'"),
], ids=["name", "regex"])
def test_a_selection_that_matches_nothing_is_a_usage_error(server, real_url, tmp_path, capsys, selection, named):
    report = tmp_path / "compare.json"

    assert _compare(server, real_url, report, *selection) == 2

    assert f"{named} names no operation of wildduck's documents" in capsys.readouterr().err
    assert not report.exists()


def test_a_regex_that_does_not_compile_is_a_usage_error(server, real_url, tmp_path, capsys):
    assert _compare(server, real_url, tmp_path / "r.json", "--operation-regex", "(") == 2
    assert "--operation-regex '('" in capsys.readouterr().err
