"""``compare``: the same generated requests to the mock and to a real backend, side by side.

For every operation, positive and negative cases are generated once from the spec (seeded, so
a rerun sends the same requests) and sent to both backends in the same order. Where both
answer 2xx and the response has OpenAPI links, the links are followed on each side with that
side's own values (the id the mock made, the id the real server made), so create/read/update/
delete chains are compared too. The mock starts from a fresh namespace; the real backend from
whatever state it has (restart it for a clean start).

Per operation it reports where the two disagree: status class, exact status, error code, body
shape (fields one side lacks, fields of another JSON type).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, settings, strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.schemas import APIOperation, BaseSchema

from .links import resolve_ref
from .selection import OperationSelection
from .shapes import error_code, error_message, shape, shape_differences
from .targets import Target

MAX_LINK_DEPTH = 3


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    """Parsed JSON, the text when not JSON, None when empty or on a transport error."""
    headers: dict[str, str]
    error: str | None = None

    @property
    def status_class(self) -> str:
        return f"{self.status // 100}xx" if self.status else "no answer"


@dataclass
class Disagreement:
    kind: str
    """status-class, status, error-code or body-shape."""
    request: str
    mock: str
    real: str


@dataclass
class OperationComparison:
    label: str
    cases: int = 0
    agreed: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)


@dataclass
class Comparison:
    operations: dict[str, OperationComparison] = field(default_factory=dict)

    def operation(self, label: str) -> OperationComparison:
        return self.operations.setdefault(label, OperationComparison(label))

    @property
    def disagreements(self) -> int:
        return sum(len(op.disagreements) for op in self.operations.values())

    def as_json(self) -> dict[str, Any]:
        return {
            label: {
                "cases": op.cases,
                "agreed": op.agreed,
                "disagreements": [d.__dict__ for d in op.disagreements],
            }
            for label, op in sorted(self.operations.items())
        }


class Side:
    """One backend: where the document's paths live and what every request carries."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.session = requests.Session()

    def send(self, case: Case) -> Answer:
        try:
            response = case.call(base_url=self.target.base_url, session=self.session, headers=dict(self.target.headers), timeout=30)
        except Exception as error:  # a case the transport refuses (a header with a newline, say)
            return Answer(0, None, {}, error=f"{type(error).__name__}: {str(error)[:200]}")
        return Answer(response.status_code, _body(response.content), dict(response.headers))


def _body(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace")[:200]


def compare_mount(
    schema: BaseSchema, mock: Side, real: Side, max_examples: int, seed: int, result: Comparison,
    selection: OperationSelection = OperationSelection(),
) -> None:  # fmt: skip
    """Compares the selected operations; links out of them are followed wherever they lead."""
    for operation in _operations(schema):
        if not selection.selects(operation.label, operation_id(operation)):
            continue
        for case in generate_cases(operation, max_examples, seed):
            _compare_chain(schema, operation, case, case, mock, real, result, depth=0)


def operation_names(schema: BaseSchema) -> list[tuple[str, str]]:
    """(``METHOD /path``, operationId) of every operation, for ``OperationSelection.unmatched``."""
    return [(operation.label, operation_id(operation)) for operation in _operations(schema)]


def operation_id(operation: APIOperation) -> str:
    return str(operation.definition.raw.get("operationId") or "")


def _operations(schema: BaseSchema) -> Iterator[APIOperation]:
    for found in schema.get_all_operations():
        operation = found.ok()
        if operation is not None:
            yield operation


def generate_cases(operation: APIOperation, max_examples: int, seed: int) -> list[Case]:
    """Positive then negative cases, the same ones on every run with the same seed."""
    cases: list[Case] = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = operation.as_strategy(generation_mode=mode)
        drawn: list[Case] = []

        @hypothesis.seed(seed)
        @settings(max_examples=max_examples, database=None, phases=[Phase.generate], deadline=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @hypothesis.given(st.data())
        def draw(data: st.DataObject) -> None:
            drawn.append(data.draw(strategy))

        try:
            draw()
        except Exception:  # an operation whose negative space is empty, or unsatisfiable
            pass
        cases += drawn[:max_examples]
    return cases


def _compare_chain(
    schema: BaseSchema, operation: APIOperation, mock_case: Case, real_case: Case,
    mock: Side, real: Side, result: Comparison, depth: int,
) -> None:  # fmt: skip
    mock_answer, real_answer = mock.send(mock_case), real.send(real_case)
    entry = result.operation(operation.label)
    entry.cases += 1
    found = disagreements(_describe(real_case), mock_answer, real_answer)
    entry.disagreements += found
    entry.agreed += not found
    if depth >= MAX_LINK_DEPTH or mock_answer.status // 100 != 2 or real_answer.status // 100 != 2:
        return
    for link_target, link in _links(schema, operation, mock_answer.status):
        followed_mock = follow(link_target, link, mock_case, mock_answer)
        followed_real = follow(link_target, link, real_case, real_answer)
        if followed_mock is not None and followed_real is not None:
            _compare_chain(schema, link_target, followed_mock, followed_real, mock, real, result, depth + 1)


def disagreements(request: str, mock: Answer, real: Answer) -> list[Disagreement]:
    if mock.status_class != real.status_class:
        return [Disagreement("status-class", request, _summary(mock), _summary(real))]
    found = []
    if mock.status != real.status:
        found.append(Disagreement("status", request, _summary(mock), _summary(real)))
    if error_code(mock.body) != error_code(real.body) and mock.status >= 400:
        found.append(Disagreement("error-code", request, str(error_code(mock.body)), str(error_code(real.body))))
    if isinstance(mock.body, (dict, list)) or isinstance(real.body, (dict, list)):
        # An error's nested fields name the offending inputs (data); its top-level fields are its shape.
        depth = 1 if mock.status >= 400 else None
        for difference in shape_differences(shape(mock.body, depth), shape(real.body, depth)):
            found.append(Disagreement("body-shape", request, difference, _summary(real)))
    return found


def _summary(answer: Answer) -> str:
    if answer.error:
        return answer.error
    code = error_code(answer.body)
    message = error_message(answer.body) if answer.status >= 400 else None
    return f"{answer.status}" + (f" {code}" if code else "") + (f" ({message[:160]})" if message else "")


def _describe(case: Case) -> str:
    path = case.formatted_path if hasattr(case, "formatted_path") else case.path
    text = f"{case.method} {path}"
    if case.query:
        text += f"?{json.dumps(case.query, ensure_ascii=False)[:300]}"
    if case.body is not None and not _is_not_set(case.body):
        text += f" {json.dumps(case.body, ensure_ascii=False, default=str)[:600]}"
    return text


def _is_not_set(value: Any) -> bool:
    return type(value).__name__ == "NotSet"


def _links(schema: BaseSchema, operation: APIOperation, status: int) -> Iterator[tuple[APIOperation, dict[str, Any]]]:
    responses = operation.definition.raw.get("responses") or {}
    response = responses.get(str(status)) or responses.get(f"{status // 100}XX") or responses.get("default") or {}
    response = resolve_ref(schema.raw_schema, response)
    for link in (response.get("links") or {}).values():
        target = schema.find_operation_by_id(link["operationId"]) if link.get("operationId") else None
        if target is not None:
            yield target, link


def follow(operation: APIOperation, link: dict[str, Any], case: Case, answer: Answer) -> Case | None:
    """The linked operation's request, its link parameters taken from this side's exchange."""
    followed = generate_cases(operation, 1, 0)
    if not followed:
        return None
    new = followed[0]  # freshly drawn for this side alone
    locations = {p.name: str(getattr(p.location, "value", p.location)) for p in operation.iter_parameters()}
    for name, expression in (link.get("parameters") or {}).items():
        location, _, bare = name.partition(".") if "." in name else (locations.get(name, "query"), "", name)
        value = evaluate(expression, case, answer)
        if value is _MISSING:
            return None
        container = {"path": "path_parameters", "query": "query", "header": "headers", "cookie": "cookies"}[location]
        if getattr(new, container) is None:
            setattr(new, container, {})
        getattr(new, container)[bare] = value
    if "requestBody" in link:
        body = _evaluate_tree(link["requestBody"], case, answer)
        new.body = {**new.body, **body} if isinstance(new.body, dict) and isinstance(body, dict) else body
    return new


_MISSING = object()


def _evaluate_tree(node: Any, case: Case, answer: Answer) -> Any:
    if isinstance(node, dict):
        return {key: _evaluate_tree(value, case, answer) for key, value in node.items()}
    if isinstance(node, str) and node.startswith("$"):
        value = evaluate(node, case, answer)
        return None if value is _MISSING else value
    return node


def evaluate(expression: Any, case: Case, answer: Answer) -> Any:
    """The runtime expressions links use: $request.path|query|header.NAME, $request.body#/ptr,
    $response.body#/ptr, $response.header.NAME; anything else is a constant."""
    if not isinstance(expression, str) or not expression.startswith("$"):
        return expression
    found = re.fullmatch(r"\$(request|response)\.(path|query|header|body)(?:\.([^#]+))?(?:#(.*))?", expression)
    if not found:
        return _MISSING
    source, part, name, pointer = found.groups()
    if source == "response":
        if part == "header":
            return answer.headers.get(name or "", _MISSING)
        return _pointer(answer.body, pointer or "")
    container = {"path": case.path_parameters, "query": case.query, "header": case.headers, "body": case.body}[part]
    if part == "body":
        return _pointer(container, pointer or "")
    return (container or {}).get(name, _MISSING)


def _pointer(value: Any, pointer: str) -> Any:
    for part in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def load_schema(spec: str) -> BaseSchema:
    return schemathesis.openapi.from_path(spec)
