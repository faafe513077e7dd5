"""Every API's error renderer answers every error the platform can raise, in its own shape,
whatever the request carried (issue 16, item 4: a body of 100,000 ``[`` made Send Email's
renderer fail and the answer fell back to the control API's shape)."""

from __future__ import annotations

import dataclasses
import json
import logging
from datetime import datetime, timezone

import httpx
import pytest

from mock_server.apis.retarus import envelope as retarus_envelope
from mock_server.errors import ApiError, ErrorContext, Reason
from mock_server.registry import all_apis
from mock_server.responses import render

STATUSES = {
    Reason.VALIDATION: 400, Reason.UNAUTHORIZED: 401, Reason.FORBIDDEN: 403, Reason.NOT_FOUND: 404,
    Reason.METHOD_NOT_ALLOWED: 405, Reason.NOT_ACCEPTABLE: 406, Reason.UNSUPPORTED_MEDIA_TYPE: 415,
    Reason.PAYLOAD_TOO_LARGE: 413, Reason.RATE_LIMITED: 429, Reason.MOCK: 429, Reason.INTERNAL: 500,
    Reason.DOMAIN: 409,
}
DEEP = b"[" * 100_000
CONTEXTS = {
    "nothing": {},
    "deep-json-body": {"body": DEEP, "headers": {"content-type": "application/json"}},
    "bad-utf8": {"body": b"\xff\xfe" * 100, "headers": {"content-type": "application/json"}},
    "odd-query": {"query": "limit=%ff&&=&" + "x" * 5000},
}


@pytest.mark.parametrize("api", all_apis(), ids=lambda api: api.name)
@pytest.mark.parametrize("reason", list(Reason), ids=lambda reason: reason.value)
@pytest.mark.parametrize("context", CONTEXTS, ids=str)
def test_each_renderer_answers_each_platform_error(api, reason, context):
    error = ApiError(STATUSES[reason], "Something is wrong - 'field'", reason=reason)
    path = (api.mounts[0].base_path or "") + "/x1"
    rendered = api.render_error(error, ErrorContext(method="POST", path=path, **CONTEXTS[context]))
    assert 400 <= rendered.status < 600  # Retarus, like the real service, may answer another error status
    json.dumps(rendered.body)


@pytest.mark.parametrize("api", all_apis(), ids=lambda api: api.name)
def test_a_failing_renderer_falls_back_to_its_own_shape(api, caplog, monkeypatch):
    # Retarus stamps an answer without a namespace with the wall clock; both renders below
    # must see the same instant, or a millisecond boundary between them fails the test.
    instant = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
    monkeypatch.setattr(retarus_envelope, "wall_time", lambda: instant)

    def fragile(error: ApiError, context: ErrorContext):
        if context.body:
            raise RecursionError("maximum recursion depth exceeded")
        return api.render_error(error, context)

    broken = dataclasses.replace(api, render_error=fragile)
    error = ApiError(400, "bad", reason=Reason.VALIDATION)
    path = (api.mounts[0].base_path or "") + "/x1"
    with caplog.at_level(logging.ERROR):
        rendered = render(error, ErrorContext(method="POST", path=path, body=DEEP), broken)
    expected = render(error, ErrorContext(method="POST", path=path), api)
    assert (rendered.status, rendered.body) == (expected.status, expected.body)


@pytest.mark.parametrize("path", ["/digitanium/v4/mail/test", "/auth/realms/t1/mail/test"], ids=["ssms", "shift"])
def test_send_email_answers_a_deeply_nested_body_in_its_own_shape(client, path, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.post(path, content=DEEP, headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 401), response.text
    assert {"message", "status", "subSystem"} <= set(response.json())
    assert "renderer" not in caplog.text
