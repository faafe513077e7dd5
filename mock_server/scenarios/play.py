"""Run a scenario's steps against any base URL and keep a transcript.

Each step is one request (values from earlier answers filled in), checked against the
expected status, headers and body subset, with captures (JSONPath) for later steps. The run
stops at the first mismatch: later steps usually depend on what it would have captured.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

import httpx
from jsonpath_ng.ext import parse as parse_jsonpath

from .model import Scenario
from .templating import render

MAX_BODY_CHARS = 600


@dataclass
class StepResult:
    number: int
    name: str
    method: str
    url: str
    request_body: Any
    status: int | None
    response_body: Any
    elapsed_ms: float
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass
class PlayResult:
    scenario: Scenario
    base_url: str
    namespace: str
    steps: list[StepResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(step.passed for step in self.steps) and len(self.steps) == len(self.scenario.steps)


def play(scenario: Scenario, client: httpx.Client, namespace: str) -> PlayResult:
    """Run every step in order with ``client`` (whose base URL is the target)."""
    result = PlayResult(scenario, str(client.base_url), namespace)
    variables: dict[str, Any] = {}
    for name, value in scenario.variables.items():  # in file order: a variable may use earlier ones
        variables[name] = render(value, variables)
    for number, step in enumerate(scenario.steps, start=1):
        outcome = _run_step(number, step, client, namespace, variables)
        result.steps.append(outcome)
        if not outcome.passed:
            break
    return result


def _run_step(number: int, step: dict[str, Any], client: httpx.Client, namespace: str, variables: dict[str, Any]) -> StepResult:
    try:
        request = render(step["request"], variables)
    except Exception as exc:  # noqa: BLE001 - a template error is this step's failure
        return StepResult(number, step["name"], step["request"]["method"], step["request"]["path"], None, None, None, 0,
                          [f"could not fill in the request: {exc}"])
    headers = {"X-Mock-Namespace": namespace, **request.get("headers", {})}
    body = request.get("json", request.get("form"))
    started = time.perf_counter()
    try:
        for _ in range(step.get("repeat", 1)):
            response = client.request(
                request["method"], request["path"], params=request.get("query"), headers=headers,
                json=request.get("json"), data=request.get("form"),
            )
    except httpx.HTTPError as exc:
        return StepResult(number, step["name"], request["method"], request["path"], body, None, None,
                          _ms(started), [f"no answer: {exc!r}"])
    response_body = _body(response)
    outcome = StepResult(number, step["name"], request["method"], str(response.request.url.copy_with(scheme=None, netloc=None)),
                         body, response.status_code, response_body, _ms(started))
    outcome.problems = _check(render(step.get("expect", {}), variables), response, response_body)
    if outcome.passed:
        outcome.problems = _capture(step.get("capture", {}), response, response_body, variables)
    return outcome


def _check(expect: dict[str, Any], response: httpx.Response, body: Any) -> list[str]:
    problems = []
    if "status" in expect and response.status_code != expect["status"]:
        problems.append(f"expected status {expect['status']}, got {response.status_code}")
    for name, pattern in expect.get("headers", {}).items():
        if not fnmatchcase(response.headers.get(name, ""), str(pattern)):
            problems.append(f"expected header {name}: {pattern!r}, got {response.headers.get(name)!r}")
    if "body" in expect:
        problems += [f"body {problem}" for problem in _subset_problems(expect["body"], body, "$")]
    return problems


def _subset_problems(expected: Any, actual: Any, where: str) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {_short(actual)}"]
        return [p for key, value in expected.items() for p in (
            [f"{where}.{key}: missing"] if key not in actual else _subset_problems(value, actual[key], f"{where}.{key}"))]
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) < len(expected):
            return [f"{where}: expected at least {len(expected)} items, got {_short(actual)}"]
        return [p for index, value in enumerate(expected) for p in _subset_problems(value, actual[index], f"{where}[{index}]")]
    if isinstance(expected, str) and "*" in expected and isinstance(actual, str):
        matched = fnmatchcase(actual, expected)  # a string with * is a pattern
    else:
        matched = expected == actual
    return [] if matched else [f"{where}: expected {_short(expected)}, got {_short(actual)}"]


def _capture(captures: dict[str, str], response: httpx.Response, body: Any, variables: dict[str, Any]) -> list[str]:
    problems = []
    for name, path in captures.items():
        if path.startswith("header:"):
            value = response.headers.get(path.removeprefix("header:"))
            found = value is not None
        else:
            matches = parse_jsonpath(path).find(body)
            found, value = bool(matches), (matches[0].value if matches else None)
        if found:
            variables[name] = value
        else:
            problems.append(f"capture {name}: nothing at {path}")
    return problems


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _short(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
