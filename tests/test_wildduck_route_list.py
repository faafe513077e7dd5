"""The spec serves every route of the real server's users.js and addresses.js, as listed in
the shared route list read from the real 1.46.1 source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
# ``shared/`` lies beside the repository (beside its parent for a worktree under ``wt/``)
ROUTE_LIST = next((p for p in (REPO.parent / "shared" / "wildduck-routes.md", REPO.parent.parent / "shared" / "wildduck-routes.md") if p.exists()),
                  REPO.parent / "shared" / "wildduck-routes.md")
SPEC = REPO / "specs" / "wildduck.yaml"
FILES = ("lib/api/users.js", "lib/api/addresses.js")


def _real_routes() -> list[tuple[str, str]]:
    rows = re.findall(r"^\| `([^`]+)` \| (\w+) \| `([^`]+)` \|", ROUTE_LIST.read_text(encoding="utf-8"), re.MULTILINE)
    return [(method, path) for source, method, path in rows if source in FILES]


def _shape(path: str) -> str:
    """`/users/:user/addresses/:id` and `/users/{userId}/addresses/{addressId}` alike."""
    return re.sub(r"(:\w+|\{\w+\})", "{}", path)


@pytest.mark.skipif(not ROUTE_LIST.exists(), reason=f"{ROUTE_LIST} is not on this machine")
def test_every_users_and_addresses_route_of_the_real_server_is_in_the_spec() -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    served = {(method.upper(), _shape(path)) for path, item in spec["paths"].items() for method in item if method != "parameters"}
    real = _real_routes()
    assert len(real) == 28, "14 routes in each file"
    missing = [(method, path) for method, path in real if (method, _shape(path)) not in served]
    assert missing == []
