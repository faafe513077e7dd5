"""``conform`` says per operation whether a success was reached, fails an operation whose
success path never was unless told why, and gives each run only its own profile sections
(issue 16, item 8)."""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest

from mock_server.contract.conform import allowed_unreached
from mock_server.contract.profile import narrowed
from mock_server.contract.report import OperationResult, RunSummary, render, unreached
from mock_server.contract.runner import PROFILE
from mock_server.contract.targets import TargetError


def _summary(**statuses: dict[int, int]) -> RunSummary:
    summary = RunSummary()
    for label, counts in statuses.items():
        summary.operations[label.replace("_", " ")] = OperationResult(label.replace("_", " "), 1, Counter(counts))
    return summary


def test_an_operation_without_a_success_is_unreached_and_shown_as_such():
    summary = _summary(**{"POST_/login": {401: 5, 400: 2}, "GET_/me": {200: 1}, "GET_/form": {303: 2}})
    documented = {"POST /login", "GET /me", "GET /form", "DELETE /me"}
    assert set(unreached(summary, documented)) == {"POST /login", "DELETE /me"}
    table = render(summary, "t", documented)
    assert [line.split()[3] for line in table.splitlines() if line.strip().startswith(("POST /login", "GET /me"))] == ["NO", "yes"]


def test_allow_unreached_needs_a_reason():
    assert allowed_unreached(("PUT /{USER}/password=needs a token sent by mail",)) == {
        "PUT /{USER}/password": "needs a token sent by mail"}
    with pytest.raises(TargetError, match="OP=WHY"):
        allowed_unreached(("PUT /{USER}/password",))


def test_each_run_gets_only_the_profile_sections_of_its_document_and_its_known_values():
    path = narrowed(PROFILE, {"PUT /state", "GET /health"}, {"path.api": ["wildduck"]})
    try:
        profile = tomllib.loads(path.read_text())
    finally:
        path.unlink()
    assert [section["include-name"] for section in profile["operations"]] == ["PUT /state"]
    assert profile["dictionaries"]["known-0"]["values"] == ["wildduck"]
    assert profile["parameters"]["path.api"] == {"dictionary": "known-0", "probability": 0.5}


def test_values_of_one_operation_are_bound_to_that_operation_only():
    """A record a destructive call uses up is bound to that call alone; values of an
    operation outside the document are left out (no "unmatched filters")."""
    values = {"path.userId": ["shared"], "DELETE /users/{userId} path.userId": ["doomed"],
              "DELETE /elsewhere path.id": ["x"]}
    path = narrowed(PROFILE, {"DELETE /users/{userId}", "GET /users/{userId}"}, values)
    try:
        profile = tomllib.loads(path.read_text())
    finally:
        path.unlink()
    own = [section for section in profile["operations"] if section["include-name"] == "DELETE /users/{userId}"]
    no_observed_ids = {"extra-data-sources": {"responses": False}}
    assert own == [{"include-name": "DELETE /users/{userId}",
                    "parameters": {"path.userId": {"dictionary": "known-1", "probability": 1.0}},
                    "phases": {phase: no_observed_ids for phase in ("examples", "coverage", "fuzzing")}}]
    assert profile["dictionaries"]["known-1"]["values"] == ["doomed"]
    assert profile["parameters"] == {"path.userId": {"dictionary": "known-0", "probability": 0.5}}
    assert len(profile["dictionaries"]) == 2
