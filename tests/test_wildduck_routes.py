"""specs/wildduck.yaml serves every route of the real WildDuck 1.46.1 server.

The list is read from the real server's route registrations (`lib/api/*.js`), kept in
docs/reference/wildduck-1.46.1-routes.md (a copy of the team's shared reference, which this
test also compares it with where that is at hand). A WildDuck client calls these paths; one
missing from the document is a 404 for that client.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ROUTES = ROOT / "docs" / "reference" / "wildduck-1.46.1-routes.md"
SHARED_ROUTES = ROOT.parent / "shared" / "wildduck-routes.md"
SPEC = ROOT / "specs" / "wildduck.yaml"
ROW = re.compile(r"^\| `(?P<source>lib/api/[\w/.-]+)` \| (?P<method>[A-Z]+) \| `(?P<path>[^`]+)` \|")
SEED_ONLY = {
    ("GET", "/users/{}/archived"),
    ("GET", "/users/{}/archived/{}"),
    ("POST", "/users/{}/archived/{}/restore"),
    ("GET", "/users/{}/flagged"),
    ("GET", "/users/{}/mailboxes/{}/messages/{}/events"),
}
"""Routes of the seed's older documents that 1.46.1 no longer has; they stay served (see the
route list's last paragraph)."""


def _shape(path: str) -> str:
    """``/users/:user/asps/:asp`` and ``/users/{userId}/asps/{aspId}`` both become
    ``/users/{}/asps/{}``: parameter names differ between the source and the document."""
    return re.sub(r"\{[^}]+\}|:\w+", "{}", path)


def real_routes() -> list[tuple[str, str, str]]:
    rows = (ROW.match(line) for line in ROUTES.read_text().splitlines())
    return [(m["source"], m["method"], _shape(m["path"])) for m in rows if m]


def served_routes() -> set[tuple[str, str]]:
    document = yaml.safe_load(SPEC.read_text())
    return {
        (method.upper(), _shape(path))
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch", "head", "options"}
    }


def test_the_reference_list_is_complete_and_current() -> None:
    routes = real_routes()
    assert len(routes) == 118, "the real 1.46.1 server registers 118 routes"
    if SHARED_ROUTES.exists():
        assert ROUTES.read_text() == SHARED_ROUTES.read_text(), "the copy differs from the shared reference"


@pytest.mark.parametrize("source", sorted({source for source, _, _ in real_routes()}))
def test_every_route_of_the_source_file_is_in_the_document(source: str) -> None:
    served = served_routes()
    missing = [f"{method} {path}" for src, method, path in real_routes() if src == source and (method, path) not in served]
    assert not missing, f"{source}: not in specs/wildduck.yaml: {missing}"


def test_the_document_serves_nothing_the_real_server_lacks_but_the_seed_routes() -> None:
    real = {(method, path) for _, method, path in real_routes()}
    extra = served_routes() - real - SEED_ONLY
    assert not extra, f"served, but not a route of the real server: {sorted(extra)}"
