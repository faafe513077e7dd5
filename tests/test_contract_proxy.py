"""``mock-server proxy`` between a client and a backend: traffic unchanged, violations reported.

The backend is a tiny Starlette app standing in for a real Send Email server: it answers the
documented shape for one tenant and a wrong shape for another, so the test knows which
exchanges break the spec.
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_server.contract.proxy_app import ContractProxy
from mock_server.registry import api_named

SEND = "/digitanium/v4/mail/test"
GOOD = {"message": "Mail Sent Successfully to the user", "status": "OK", "subSystem": 8}


async def fake_send_email(request: Request) -> Response:
    """Echoes what it received in headers, answers good or broken JSON, gzip when asked."""
    body = await request.body()
    broken = request.headers.get("x-tenant") == "broken"
    status = 503 if request.headers.get("x-tenant") == "down" else 200
    payload = json.dumps({"sent": True} if broken else GOOD).encode()
    headers = {
        "x-seen-method": request.method,
        "x-seen-query": request.url.query,
        "x-seen-body": body.decode(),
        "x-seen-authorization": request.headers.get("authorization", ""),
        "x-backend": "fake",
    }
    if "gzip" in request.headers.get("accept-encoding", ""):
        payload, headers["content-encoding"] = gzip.compress(payload, mtime=0), "gzip"
    return Response(payload, status_code=status, media_type="application/json", headers=headers)


class Served:
    """An ASGI app under uvicorn on a free loopback port, in a background thread."""

    def __init__(self, app) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def __enter__(self) -> "Served":
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


@pytest.fixture(scope="module")
def backend() -> Iterator[Served]:
    with Served(Starlette(routes=[Route(SEND, fake_send_email, methods=["POST", "GET"])])) as served:
        yield served


@pytest.fixture(scope="module")
def proxy(backend: Served) -> Iterator[httpx.Client]:
    with Served(ContractProxy(api_named("send-email"), backend.url)) as served:
        with httpx.Client(base_url=served.url, timeout=30) as client:
            yield client




def test_valid_traffic_passes_through_unchanged(proxy: httpx.Client, backend: Served) -> None:
    request_body = json.dumps({"mailType": "TEST"})
    headers = {"Authorization": "Bearer abc.def.ghi", "Content-Type": "application/json", "Accept-Encoding": "identity"}
    through_proxy = proxy.post(SEND, params={"lang": "de"}, content=request_body, headers=headers)
    direct = httpx.post(backend.url + SEND, params={"lang": "de"}, content=request_body, headers=headers)

    assert through_proxy.status_code == direct.status_code == 200
    assert through_proxy.content == direct.content
    assert through_proxy.json() == GOOD
    assert through_proxy.headers["x-seen-method"] == "POST"
    assert through_proxy.headers["x-seen-query"] == "lang=de"
    assert through_proxy.headers["x-seen-body"] == request_body
    assert through_proxy.headers["x-seen-authorization"] == "Bearer abc.def.ghi"
    assert through_proxy.headers["x-backend"] == "fake"
    assert "x-contract-violations" not in through_proxy.headers


def test_compressed_answers_keep_their_bytes(proxy: httpx.Client, backend: Served) -> None:
    headers = {"Authorization": "Bearer abc.def.ghi", "Content-Type": "application/json", "Accept-Encoding": "gzip"}
    with proxy.stream("POST", SEND, content=b'{"mailType": "TEST"}', headers=headers) as answer:
        raw = b"".join(answer.iter_raw())
    assert answer.headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(raw)) == GOOD
    assert "x-contract-violations" not in answer.headers


def test_a_response_that_breaks_the_spec_is_reported(proxy: httpx.Client) -> None:
    headers = {"Authorization": "Bearer abc.def.ghi", "Content-Type": "application/json", "X-Tenant": "broken"}
    answer = proxy.post(SEND, content=b'{"mailType": "TEST"}', headers=headers)

    assert answer.status_code == 200 and answer.json() == {"sent": True}  # still the backend's answer
    violations = answer.headers.get_list("x-contract-violation")
    assert int(answer.headers["x-contract-violations"]) == len(violations) >= 1
    assert any(v.startswith("response:") and "schema" in v.lower() for v in violations)

    entry = proxy.get("/_mock/journal", params={"limit": 1}).json()["entries"][0]
    assert (entry["method"], entry["path"], entry["status"]) == ("POST", SEND, 200)
    assert entry["notes"] == violations


def test_an_undocumented_status_is_reported(proxy: httpx.Client) -> None:
    headers = {"Authorization": "Bearer abc.def.ghi", "Content-Type": "application/json", "X-Tenant": "down"}
    answer = proxy.post(SEND, content=b'{"mailType": "TEST"}', headers=headers)

    assert answer.status_code == 503  # still the backend's answer
    assert answer.headers.get_list("x-contract-violation") == [
        "response: Undocumented HTTP status code: 503 (documented: 200, 400, 401, 404)"
    ]


def test_a_request_that_breaks_the_spec_is_reported_and_still_forwarded(proxy: httpx.Client) -> None:
    headers = {"Authorization": "Bearer abc.def.ghi", "Content-Type": "application/json"}
    answer = proxy.post(SEND, content=b'{"mailType": "NOT-A-TYPE"}', headers=headers)

    assert answer.headers["x-seen-body"] == '{"mailType": "NOT-A-TYPE"}'
    violations = answer.headers.get_list("x-contract-violation")
    assert any(v.startswith("request: body") for v in violations)


def test_an_undocumented_operation_is_reported(proxy: httpx.Client) -> None:
    answer = proxy.get(SEND, headers={"Authorization": "Bearer abc.def.ghi"})

    assert answer.headers["x-seen-method"] == "GET"
    assert answer.headers.get_list("x-contract-violation")[0].startswith("request: GET")
