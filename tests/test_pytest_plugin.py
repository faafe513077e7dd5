"""The pytest plugin as a user's project meets it: test files in a scratch directory, run by a
separate pytest process that finds the plugin through its entry point, alone and under xdist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer

README = Path(__file__).resolve().parent.parent / "README.md"

HELPERS_PROJECT = '''
import time
from datetime import timedelta

import pytest

OVERKIZ = "/enduser-mobile-web/enduserAPI"
USER = "sam.parallel@example.com"


@pytest.mark.parametrize("run", range(4))
def test_same_user_in_every_test_and_no_cross_talk(mock_client, mock_namespace, run):
    account = {"endUser": {"userId": USER, "email": USER, "firstName": "Sam", "lastName": "P"},
               "password": "Tr0ub4dor&3-horse", "location": {"city": "Paris", "country": "FR"}}
    assert mock_client.post(f"{OVERKIZ}/enduser/mainAccount", json=account).status_code == 201
    mock_client.post(f"{OVERKIZ}/enduser/{USER}/validation").raise_for_status()
    time.sleep(0.1)  # overlap with the other worker's tests
    assert len(mock_namespace.outbox.mails(to=USER)) == 1


def test_options_shape_every_namespace(mock_namespace, mock_client):
    assert mock_namespace.clock.now().isoformat() == "2030-01-02T03:04:05+00:00"
    assert mock_client.get("/_mock/scenario").json()["scenario"] == "overkiz-sign-up"


def test_clock_helpers(mock_namespace):
    frozen = mock_namespace.clock.freeze("2031-05-01T00:00:00Z")
    assert mock_namespace.clock.advance(days=2) == frozen + timedelta(days=2)
    assert mock_namespace.clock.advance(timedelta(hours=1)) == frozen + timedelta(days=2, hours=1)
    assert mock_namespace.clock.release() >= frozen


def test_credentials_and_fixtures_open_an_api(mock_namespace, mock_client):
    customer = mock_namespace.fixtures("retarus")["customers"][0]["customer"]
    users = mock_client.get(f"/email/continuity/v2/{customer}", headers=mock_namespace.credentials("retarus"))
    assert users.status_code == 200


def test_activate_and_mail_to_nobody(mock_namespace, mock_client):
    mock_namespace.activate(None)
    assert mock_client.get("/_mock/scenario").json()["scenario"] is None
    with pytest.raises(AssertionError, match="no mail to nobody@example.com"):
        mock_namespace.outbox.wait_for(to="nobody@example.com", timeout=0.2)
'''


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- example:pytest-plugin -->\n```python\n(.*?)```", text, re.S)
    assert found, "README lost its pytest plugin example"
    return found.group(1)


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["alone", "xdist"])
def test_the_readme_example_passes_in_a_users_project(pytester: pytest.Pytester, workers: list[str]) -> None:
    pytester.makepyfile(test_sign_up=readme_example())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *workers, timeout=180)
    result.assert_outcomes(passed=3)
    assert "2 workers [3 items]" in result.stdout.str() if workers else "in-process" in result.stdout.str()


def test_xdist_workers_share_a_server_without_cross_talk(
    pytester: pytest.Pytester, server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCK_SERVER_URL", server.url)
    pytester.makepyfile(test_helpers=HELPERS_PROJECT)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--mock-server-clock", "2030-01-02T03:04:05Z",
        "--mock-server-scenario", "overkiz-sign-up", timeout=180,
    )
    result.assert_outcomes(passed=8)
    assert f"mock-server: {server.url}" in result.stdout.str()
    left = [name for name in server.app.runtime.worlds.names() if name.startswith(("gw0-", "gw1-"))]
    assert left == [], "every test's namespace is removed afterwards"


def test_a_seed_for_a_server_already_running_is_a_usage_error(
    pytester: pytest.Pytester, server: LiveServer
) -> None:
    pytester.makepyfile(test_one="def test_one(mock_client):\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--mock-server-url", server.url,
                                          "--mock-server-seed", "3")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*--mock-server-seed sets the in-process server's seed*"])
