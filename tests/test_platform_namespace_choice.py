"""Choosing the namespace without the header, as a browser must: the ``mock_namespace`` query
parameter (which strict validation never sees) and the ``mock-namespace`` cookie."""

from __future__ import annotations

import httpx

OVERKIZ = "/enduser-mobile-web/enduserAPI"


def test_the_query_parameter_picks_the_namespace_and_is_invisible_to_validation(server, client, namespace):
    client.put("/_mock/clock", json={"now": "2032-02-02T00:00:00Z"})
    plain = httpx.Client(base_url=server.url)  # a browser: no header
    assert plain.get("/_mock/clock", params={"mock_namespace": namespace}).json()["now"] == "2032-02-02T00:00:00.000Z"
    # Overkiz and WildDuck refuse unknown query parameters; this one never reaches them.
    assert plain.get(f"{OVERKIZ}/authenticated", params={"mock_namespace": namespace}).json() == {"authenticated": False}
    listed = plain.get("/users", params={"limit": 5, "mock_namespace": namespace})
    assert listed.status_code == 200 and listed.json()["success"] is True
    assert plain.get("/users", params={"limit": 5, "surprise": 1}).status_code == 400
    journal = client.get("/_mock/journal", params={"namespace": namespace, "api": "wildduck"}).json()["entries"]
    assert journal[0]["query"] == "limit=5", "the journal shows the query the API saw"


def test_header_beats_query_beats_cookie(server, client, namespace):
    client.put("/_mock/clock", json={"now": "2033-03-03T00:00:00Z"})
    other = f"{namespace}-other"
    with httpx.Client(base_url=server.url, cookies={"mock-namespace": other}) as browser:
        assert browser.get("/_mock/scenario").json()["namespace"] == other
        assert browser.get("/_mock/scenario", params={"mock_namespace": namespace}).json()["namespace"] == namespace
        by_header = browser.get("/_mock/scenario", params={"mock_namespace": other}, headers={"X-Mock-Namespace": namespace})
        assert by_header.json()["namespace"] == namespace


def test_a_bad_namespace_in_the_query_is_refused_in_the_apis_shape(server):
    refused = httpx.get(f"{server.url}{OVERKIZ}/authenticated", params={"mock_namespace": "no/slash"})
    assert refused.status_code == 400 and set(refused.json()) == {"errorCode", "error"}
    assert "no/slash" in refused.json()["error"]
