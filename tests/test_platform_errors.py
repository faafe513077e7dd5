"""No input, however malformed, crashes the mock: each API answers a 4xx in its own shape.

Generated over every mounted document, so each new API is held to it without a new test.
"""

from __future__ import annotations

import re

import httpx
import pytest

from mock_server.errors import ApiError, ErrorContext, reason_for_status
from mock_server.registry import ApiDescriptor, SpecMount, mounts_in_routing_order
from mock_server.settings import Settings
from mock_server.specs import load_document, operations
from tests.support.live_server import LiveServer

MOUNTS = [pytest.param(api, mount, id=f"{api.name}:{mount.base_path or '/'}") for api, mount in mounts_in_routing_order()]


def _native_keys(api: ApiDescriptor, request: httpx.Request, status: int) -> set[str]:
    """The keys the API's renderer gives a platform error of this status for this request
    (WildDuck, like the real server, answers what fails before routing, an unreadable body
    say, in another shape than its own)."""
    probe = ApiError(status, "probe", reason=reason_for_status(status))
    context = ErrorContext(method=request.method, path=request.url.path, body=request.content,
                           headers={k.lower(): v for k, v in request.headers.items()})
    return set(api.render_error(probe, context).body)


def _body_operation(mount: SpecMount) -> tuple[str, str]:
    """(METHOD, concrete path) of the document's first operation that takes a JSON body."""
    for path, method, operation in operations(load_document(mount.file)):
        if "application/json" in (operation.get("requestBody") or {}).get("content", {}):
            return method, mount.base_path + re.sub(r"\{[^}]+\}", "x1", path)
    pytest.skip(f"{mount.file} has no operation with a JSON body")


def _assert_native_4xx(api: ApiDescriptor, response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert _native_keys(api, response.request, response.status_code) <= set(response.json()), response.text


@pytest.mark.parametrize(("api", "mount"), MOUNTS)
def test_unknown_path_is_a_native_404(client, api, mount):
    response = client.get(f"{mount.base_path}/no-such-thing/at/all")
    assert response.status_code in (401, 404, 405)  # 405: the path fits a template, the method does not
    _assert_native_4xx(api, response)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\xfd", b"[1, 2", b'{"a": ' + b"[" * 5000, b"\x00" * 64, b""],
    ids=["broken-json", "bad-utf8", "truncated", "deep-nesting", "nul-bytes", "empty"],
)
@pytest.mark.parametrize(("api", "mount"), MOUNTS)
def test_malformed_bodies_are_native_4xx(client, api, mount, content):
    method, path = _body_operation(mount)
    response = client.request(method, path, content=content, headers={"Content-Type": "application/json"})
    _assert_native_4xx(api, response)


@pytest.mark.parametrize(("api", "mount"), MOUNTS)
def test_odd_headers_and_cookies_are_native_4xx_or_ignored(client, api, mount):
    method, path = _body_operation(mount)
    headers = {
        "Content-Type": "application/json; charset=klingon",
        "Cookie": 'JSESSIONID="unterminated; ;;=; a=b=c; $Version=1',
        "Authorization": "Bearer " + "x" * 6000,
        "Accept": "*/*;q=nonsense",
    }
    response = client.request(method, path, content=b"{}", headers=headers)
    _assert_native_4xx(api, response)


@pytest.mark.parametrize(("api", "mount"), MOUNTS)
def test_unsupported_media_type_is_native_4xx(client, api, mount):
    method, path = _body_operation(mount)
    response = client.request(method, path, content=b"<xml/>", headers={"Content-Type": "application/xml"})
    _assert_native_4xx(api, response)


@pytest.mark.parametrize(("api", "mount"), MOUNTS)
def test_a_body_over_the_bound_is_a_native_413(api, mount):
    with LiveServer(Settings(seed=1, max_body_bytes=1024)) as live, httpx.Client(base_url=live.url) as client:
        method, path = _body_operation(mount)
        response = client.request(method, path, content=b"{" + b" " * 4096 + b"}", headers={"Content-Type": "application/json"})
        assert response.status_code == 413
        _assert_native_4xx(api, response)


@pytest.mark.parametrize(("api", "mount"), MOUNTS)
def test_a_wrong_method_is_a_native_405_with_the_documented_allow(client, api, mount):
    document = load_document(mount.file)
    path, item = next(iter(document["paths"].items()))
    documented = {m.upper() for m in item if m in ("get", "put", "post", "delete", "patch", "head", "options")}
    unused = next(m for m in ("PATCH", "TRACE", "DELETE", "PUT", "POST") if m not in documented)
    response = client.request(unused, mount.base_path + re.sub(r"\{[^}]+\}", "x1", path))
    assert response.status_code == 405
    _assert_native_4xx(api, response)
    assert set(response.headers["allow"].split(", ")) == documented
