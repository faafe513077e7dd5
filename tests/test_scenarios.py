"""Scenarios: shipped walk-throughs, every rule kind, Prefer, switching, bad files."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import httpx
import jsonschema
import pytest

from mock_server.scenarios import loader
from mock_server.scenarios.loader import ScenarioError, load_scenario, shipped_scenarios
from mock_server.scenarios.play import play
from mock_server.scenarios.transcript import as_markdown, as_text
from mock_server.settings import Settings
from mock_server.specs import load_document
from tests.support.live_server import LiveServer
from tests.support.send_email import send, user_of


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_each_shipped_scenario_serves_and_its_steps_pass(name):
    scenario = shipped_scenarios()[name]
    assert scenario.steps, f"{name} ships no steps"
    with LiveServer(Settings(seed=11, scenario=name)) as live, httpx.Client(base_url=live.url, timeout=30) as client:
        result = play(scenario, client, namespace=f"ci-{name}")
    assert result.passed, as_text(result)


@pytest.fixture
def scenarios_dir(tmp_path, monkeypatch):
    """A scenarios/ folder of the test's own, in place of the shipped one."""
    monkeypatch.setattr(loader, "SCENARIOS_DIR", tmp_path)
    loader.shipped_scenarios.cache_clear()
    yield tmp_path
    loader.shipped_scenarios.cache_clear()


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\ndescription: test scenario\n" + textwrap.dedent(body))
    return path


@pytest.fixture
def rules_server(scenarios_dir):
    _write(scenarios_dir, "rules", """
        rules:
          - name: teapot
            match: {api: send-email, headers: {X-Kind: teapot}}
            respond: {status: 418, body: {short: stout}, headers: {X-Rule: teapot}}
          - name: native
            match: {api: send-email, headers: {X-Kind: native}}
            respond: {status: 503}
          - name: drop
            match: {headers: {X-Kind: drop}}
            drop: true
          - name: slow
            match: {headers: {X-Kind: slow}}
            latency: 150
          - name: half
            match: {headers: {X-Kind: half}}
            share: 0.5
            respond: {status: 502}
          - name: limit
            match: {api: send-email, method: POST, path: /auth/realms/*/mail/test}
            rateLimit: {requests: 2, windowSeconds: 10}
    """)
    with LiveServer(Settings(seed=3, scenario="rules")) as live:
        yield live


def _client(live: LiveServer, namespace: str) -> httpx.Client:
    return httpx.Client(base_url=live.url, headers={"X-Mock-Namespace": namespace}, timeout=30)


def test_a_rule_answers_with_its_status_body_and_headers(rules_server):
    with _client(rules_server, "teapot") as client:
        response = client.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "teapot"})
    assert (response.status_code, response.json(), response.headers["x-rule"]) == (418, {"short": "stout"}, "teapot")


def test_a_rule_without_a_body_answers_in_the_apis_own_error_shape(rules_server):
    with _client(rules_server, "native") as client:
        response = client.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "native"})
    assert response.status_code == 503
    assert response.json() == {"message": "HTTP 503 Service Unavailable", "status": "SERVICE_UNAVAILABLE", "subSystem": 8}


def test_a_drop_rule_closes_the_connection_mid_response(rules_server):
    with _client(rules_server, "drop") as client, pytest.raises(httpx.RemoteProtocolError):
        client.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "drop"})


def test_a_latency_rule_delays_the_answer(rules_server):
    with _client(rules_server, "slow") as client:
        client.get("/_mock/health")  # creates the namespace outside the measured request
        response = client.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "slow"})
        entry = client.get("/_mock/journal", params={"namespace": "slow", "limit": 1}).json()["entries"][0]
    assert response.status_code == 401  # delayed, then answered by the API itself
    assert entry["durationMs"] >= 150 and entry["notes"][0] == "rule slow"


def test_a_share_applies_the_rule_to_about_that_share_deterministically(rules_server):
    def statuses(namespace: str) -> list[int]:
        with _client(rules_server, namespace) as client:
            return [client.get("/auth/realms/x", headers={"X-Kind": "half"}).status_code for _ in range(60)]

    first = statuses("half-a")
    assert 10 < first.count(502) < 50
    assert set(first) == {502, 404}
    assert statuses("half-b") == first  # same seed, same draws


def test_a_rate_limit_refuses_with_retry_after_until_the_window_passes(rules_server):
    with _client(rules_server, "limit") as client:
        user = user_of(client, "demo")
        assert [send(client, user, {"mailType": "TEST"}).status_code for _ in range(2)] == [200, 200]
        refused = send(client, user, {"mailType": "TEST"})
        assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 10
        assert refused.json()["status"] == "TOO_MANY_REQUESTS"
        client.put("/_mock/clock", json={"advanceSeconds": 11})
        assert send(client, user, {"mailType": "TEST"}).status_code == 200


def test_rules_never_touch_the_control_api(rules_server):
    with _client(rules_server, "control") as client:
        assert client.get("/_mock/health", headers={"X-Kind": "drop"}).status_code == 200


def test_switching_a_namespace_at_run_time_leaves_the_others(rules_server):
    with _client(rules_server, "switch-a") as a, _client(rules_server, "switch-b") as b:
        assert a.put("/_mock/scenario", json={"name": None}).json() == {"namespace": "switch-a", "scenario": None}
        assert a.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "teapot"}).status_code == 401
        assert b.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "teapot"}).status_code == 418
        assert a.put("/_mock/scenario", json={"name": "rules"}).json()["scenario"] == "rules"
        assert a.post("/auth/realms/demo/mail/test", json={}, headers={"X-Kind": "teapot"}).status_code == 418
        assert a.put("/_mock/scenario", json={"name": "nope"}).status_code == 404
        assert a.get("/_mock/scenarios").json()["scenarios"][0]["rules"][0] == "teapot"


def test_seed_records_layer_over_or_replace_the_faker_seed(scenarios_dir):
    tenant = {"id": "initech", "name": "Initech", "mail_from": "n@i.test", "support_email": "s@i.test",
              "signing_key": "k", "users": {"u1": {"id": "u1", "username": "peter", "email": "peter@i.test",
                                                   "first_name": "Peter", "last_name": "Gibbons"}}}
    token = {"dev": {"value": "dev", "tenant": "initech", "user_id": "u1", "expires": "2099-01-01T00:00:00+00:00"}}
    for mode in ("layer", "replace"):
        seed = json.dumps({"send-email": {"mode": mode, "records": {"tenants": {"initech": tenant}, "tokens": token}}})
        _write(scenarios_dir, f"seed-{mode}", f"seed: {seed}\n")
    loader.shipped_scenarios.cache_clear()
    for mode, expected in (("layer", {"demo", "acme", "globex", "initech"}), ("replace", {"initech"})):
        with LiveServer(Settings(seed=1, scenario=f"seed-{mode}")) as live, httpx.Client(base_url=live.url) as client:
            tenants = {t["id"] for t in client.get("/_mock/fixtures/send-email").json()["tenants"]}
            assert tenants == expected
            response = client.post("/auth/realms/initech/mail/test", json={"mailType": "TEST"},
                                   headers={"Authorization": "Bearer dev"})
            assert response.status_code == 200


def test_seed_records_that_do_not_fit_stop_the_server_at_start(scenarios_dir):
    _write(scenarios_dir, "bad-seed", "seed: {send-email: {records: {tenantz: {}}}}\n")
    with pytest.raises(Exception, match="tenantz"):
        LiveServer(Settings(seed=1, scenario="bad-seed"))


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("rules:\n\t- name: x\n", 4, "not valid YAML"),
        ("rules:\n  - name: x\n    match: {}\n    latency: 10\n    colour: red\n", 7, "'colour' was unexpected"),
        ("rules:\n  - name: x\n    match: {method: get}\n    latency: 10\n", 5, "does not match"),
        ("rules:\n  - name: x\n    match: {}\n", 4, "rules/0"),
        ("rules:\n  - name: x\n    match: {}\n    drop: true\n    respond: {status: 500}\n", 4, "should not be valid"),
        ("steps:\n  - name: s\n    request: {method: GET, path: nowhere}\n", 5, "does not match"),
    ],
)
def test_a_bad_scenario_file_is_refused_with_file_line_and_reason(tmp_path, body, line, reason):
    path = _write(tmp_path, "broken", body)
    with pytest.raises(ScenarioError) as refused:
        load_scenario(path)
    assert refused.value.source == str(path)
    assert refused.value.line == line, str(refused.value)
    assert reason in refused.value.reason


def test_a_scenario_named_unlike_its_file_is_refused(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text("name: two\ndescription: d\n")
    with pytest.raises(ScenarioError, match="must equal the file name"):
        load_scenario(path)


# Prefer (compatible with Prism), on the mock with no scenario.

def test_prefer_code_answers_a_documented_status_with_its_example(client):
    response = client.post("/digitanium/v4/mail/test", json={}, headers={"Prefer": "code=404"})
    assert response.status_code == 404
    assert response.json() == {"message": "User does not exist", "status": "USER_NOT_FOUND", "subSystem": 8}
    assert client.get("/_mock/outbox").json()["total"] == 0


def test_prefer_an_undocumented_code_is_refused(client):
    response = client.post("/digitanium/v4/mail/test", json={}, headers={"Prefer": "code=418"})
    assert response.status_code == 400
    assert "not a documented status" in response.json()["message"]


def test_prefer_example_picks_a_named_example(client):
    document = load_document("control.yaml")
    assert document  # the control API is never shaped by Prefer
    response = client.get("/_mock/health", headers={"Prefer": "code=500"})
    assert response.status_code == 200
    named = client.post("/auth/realms/demo/mail/test", json={}, headers={"Prefer": "example=nope"})
    assert named.status_code == 400 and "not an example" in named.json()["message"]


def test_prefer_dynamic_generates_a_body_that_fits_the_schema(client):
    response = client.post("/digitanium/v4/mail/test", json={}, headers={"Prefer": "code=200, dynamic=true"})
    assert response.status_code == 200
    schema = load_document("send-email-ssms.yaml")["components"]["schemas"]["Result"]
    jsonschema.validate(response.json(), schema)


def test_prefer_delay_waits_before_the_real_answer(client, namespace):
    client.get("/_mock/health")
    assert client.post("/digitanium/v4/mail/test", json={}, headers={"Prefer": "delay=120"}).status_code == 401
    entry = client.get("/_mock/journal", params={"namespace": namespace, "limit": 1}).json()["entries"][0]
    assert entry["durationMs"] >= 120


def test_play_writes_a_markdown_transcript_and_reports_a_mismatch(scenarios_dir, tmp_path):
    path = _write(scenarios_dir, "mismatch", """
        steps:
          - name: Health
            request: {method: GET, path: /_mock/health}
            expect: {status: 200, body: {status: ok}}
            capture: {seed: $.seed}
          - name: Wrong expectation
            request: {method: GET, path: /_mock/clock}
            expect: {status: 201}
          - name: Never reached
            request: {method: GET, path: /_mock/health}
    """)
    with LiveServer(Settings(seed=77)) as live, httpx.Client(base_url=live.url) as client:
        result = play(load_scenario(path), client, namespace="md")
    assert not result.passed
    text = as_text(result)
    assert "PASS 1. Health" in text and "FAIL 2. Wrong expectation" in text
    assert "expected status 201, got 200" in text and "1 step(s) not run" in text
    markdown = as_markdown(result)
    assert markdown.startswith("### Scenario `mismatch`") and "```http\nGET /_mock/health" in markdown


def test_a_bad_file_in_scenarios_stops_the_server_at_start(scenarios_dir):
    (scenarios_dir / "typo.yaml").write_text("name: typo\ndescription: d\nrulez: []\n")
    with pytest.raises(ScenarioError, match=r"typo.yaml:3: .*'rulez' was unexpected"):
        LiveServer(Settings(seed=1))
