"""``conform`` and ``compare`` for the WildDuck spec against a real WildDuck server.

Needs the server that ``scripts/real-wildduck/start.sh`` starts (its URL and token come from
``REAL_WILDDUCK_URL`` and ``REAL_WILDDUCK_TOKEN``, with the script's defaults); skipped with
the reason when it is not there. Both commands must run to the end and cover every operation;
what they find is written up in docs/conformance-wildduck.md, so a finding is not a failure
here (exit 1), a crash or a usage error (any other code) is.

The marker ``real_wildduck`` selects these tests: ``pytest -m real_wildduck``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mock_server.apis.wildduck.config import WildDuckConfig
from mock_server.settings import Settings
from mock_server.specs import load_document, operations
from tests.support.live_server import LiveServer

REPO = Path(__file__).resolve().parent.parent
URL = os.environ.get("REAL_WILDDUCK_URL", "http://127.0.0.1:8090")
TOKEN = os.environ.get("REAL_WILDDUCK_TOKEN", "real-wildduck-conformance-token")
SPEC = "wildduck.yaml"


def _real_wildduck_answers() -> str | None:
    """None when the real server answers with the token; otherwise why not."""
    if not (REPO / "specs" / SPEC).exists():
        return f"specs/{SPEC} does not exist yet"
    try:
        answer = httpx.get(f"{URL}/users", headers={"X-Access-Token": TOKEN}, timeout=5)
    except httpx.HTTPError as error:
        return f"no real WildDuck at {URL} ({type(error).__name__}); run scripts/real-wildduck/start.sh"
    if answer.status_code != 200 or answer.headers.get("server") != "WildDuck API":
        return f"{URL} is not a real WildDuck with token REAL_WILDDUCK_TOKEN (GET /users: {answer.status_code})"
    return None


_why_not = _real_wildduck_answers()
pytestmark = [pytest.mark.real_wildduck, pytest.mark.skipif(_why_not is not None, reason=_why_not or "")]


def mock_server(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mock_server.cli", *arguments],
        cwd=REPO, capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip


def documented_operations() -> set[str]:
    return {f"{method} {path}" for path, method, _ in operations(load_document(SPEC))}


def test_conform_runs_to_the_end_against_real_wildduck(tmp_path: Path) -> None:
    result = mock_server(
        "conform", "wildduck", "--url", URL, "--auth", f"accessTokenHeader={TOKEN}",
        "--max-examples", "5", "--report", str(tmp_path),
    )  # fmt: skip

    assert result.returncode in (0, 1), result.stdout[-4000:] + result.stderr[-4000:]
    assert (tmp_path / "wildduck.junit.xml").exists() and (tmp_path / "wildduck.har").exists()
    summary = result.stdout.split("== wildduck: ")[-1]
    missing = [label for label in documented_operations() if f"  {label} " not in summary]
    assert not missing, f"operations without a result: {missing}"


def test_compare_runs_to_the_end_against_real_wildduck(tmp_path: Path) -> None:
    report = tmp_path / "compare.json"
    # The same access token on both sides: the mock checks any token it is given.
    with LiveServer(Settings(seed=20261122, apis={"wildduck": WildDuckConfig(access_token=TOKEN)})) as mock:
        result = mock_server(
            "compare", "wildduck", "--url", URL, "--mock-url", mock.url,
            "--auth", f"accessTokenHeader={TOKEN}", "--max-examples", "3", "--report", str(report),
        )  # fmt: skip

    assert result.returncode in (0, 1), result.stdout[-4000:] + result.stderr[-4000:]
    compared = json.loads(report.read_text(encoding="utf-8"))
    assert documented_operations() <= set(compared), documented_operations() - set(compared)
    assert all(entry["cases"] > 0 for entry in compared.values())
