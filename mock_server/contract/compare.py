"""``compare`` from the command line: resolve both backends, run, print, decide the exit code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .backend import resolve_targets
from .comparison import Comparison, Side, compare_mount, load_schema, operation_names
from .selection import OperationSelection
from .targets import MockBackend, TargetError, ensure_reachable, local_targets, registry_api, release_namespace


@dataclass(frozen=True)
class CompareRequest:
    api: str
    url: str
    mock_url: str
    auth: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    max_examples: int = 10
    seed: int = 0
    report: Path | None = None
    details: int = 3
    selection: OperationSelection = OperationSelection()


def compare(request: CompareRequest) -> int:
    mock = MockBackend.detect(request.mock_url)
    if mock is None:
        raise TargetError(f"--mock-url {request.mock_url} is not a running mock (GET /_mock/health)")
    ensure_reachable(request.url)
    backend, real_targets = resolve_targets(request.api, request.url, request.auth, request.headers)
    if backend is not None:
        raise TargetError(f"--url {request.url} is a mock too; compare needs the real service there")
    # The local documents drive generation on both sides; the mock gets a fresh namespace.
    schemas = [load_schema(target.spec) for target in local_targets(registry_api(request.api), mock.url, {})]
    unmatched = request.selection.unmatched(name for schema in schemas for name in operation_names(schema))
    if unmatched:
        raise TargetError(f"{', '.join(unmatched)} names no operation of {request.api}'s documents")
    session = mock.session_headers(request.api)
    mock_targets = local_targets(registry_api(request.api), mock.url, session)
    result = Comparison()
    for schema, mock_target, real_target in zip(schemas, mock_targets, real_targets):
        print(f"== compare {request.api}: {mock_target.base_url} (mock) vs {real_target.base_url}", flush=True)
        compare_mount(schema, Side(mock_target), Side(real_target), request.max_examples, request.seed, result, request.selection)
    release_namespace(mock, mock_targets[0])
    print(render(result, request.details))
    if request.report is not None:
        request.report.parent.mkdir(parents=True, exist_ok=True)
        request.report.write_text(json.dumps(result.as_json(), indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if result.disagreements else 0


def render(result: Comparison, details: int) -> str:
    lines = []
    for label in sorted(result.operations, key=lambda label: (label.partition(" ")[2], label)):
        entry = result.operations[label]
        kinds: dict[str, int] = {}
        for disagreement in entry.disagreements:
            kinds[disagreement.kind] = kinds.get(disagreement.kind, 0) + 1
        verdict = ", ".join(f"{kind} x{count}" for kind, count in sorted(kinds.items())) or "agree"
        lines.append(f"  {label:<50} {entry.agreed:>3}/{entry.cases:<3} agree  {verdict}")
        shown = set()
        for disagreement in entry.disagreements:
            key = (disagreement.kind, disagreement.mock, disagreement.real)
            if key in shown or len(shown) >= details:
                continue
            shown.add(key)
            lines.append(f"      {disagreement.kind}: mock {disagreement.mock} | real {disagreement.real}")
            lines.append(f"        {disagreement.request[:200]}")
    total = sum(op.cases for op in result.operations.values())
    agreed = sum(op.agreed for op in result.operations.values())
    lines.append(f"== {agreed}/{total} exchanges agree; {result.disagreements} disagreements")
    return "\n".join(lines)
