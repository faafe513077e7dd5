"""The per-operation summary of a Schemathesis run, read from its NDJSON event stream.

Schemathesis' own summary lists failures; a CI log reader also wants to see, per operation,
how many cases ran, which statuses came back and which checks failed, and what the stateful
phase reached through links.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class OperationResult:
    label: str
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    """Failed check name -> number of cases it failed on."""
    phases: set[str] = field(default_factory=set)

    @property
    def reached_success(self) -> bool:
        """Whether any case got a 2xx (or a 3xx: an HTML form's success is a redirect), so the
        operation's success path was exercised at all."""
        return any(200 <= status < 400 for status in self.statuses)


@dataclass
class RunSummary:
    operations: dict[str, OperationResult] = field(default_factory=dict)
    stateful_operations: set[str] = field(default_factory=set)
    """Operations the stateful phase called (it only moves along links)."""
    errors: list[str] = field(default_factory=list)
    """Errors that stopped a test (an unreachable server, an unusable schema)."""

    @property
    def failed(self) -> bool:
        return bool(self.errors) or any(result.failures for result in self.operations.values())

    def operation(self, label: str) -> OperationResult:
        return self.operations.setdefault(label, OperationResult(label))


def read_summary(events: Path) -> RunSummary:
    summary = RunSummary()
    if not events.exists():
        summary.errors.append(f"Schemathesis wrote no event stream ({events})")
        return summary
    with events.open(encoding="utf-8") as lines:
        for line in lines:
            (kind, event), = json.loads(line).items()
            _apply(summary, kind, event)
    return summary


def _apply(summary: RunSummary, kind: str, event: dict[str, Any]) -> None:
    if kind == "ScenarioFinished":
        _apply_scenario(summary, event.get("phase") or "", event.get("recorder") or {})
    elif kind in ("NonFatalError", "FatalError"):
        info = event.get("info") or event.get("value") or {}
        label = event.get("label") or ""
        message = info.get("title") or info.get("message") or json.dumps(event)[:300]
        summary.errors.append(f"{label}: {message}".strip(": "))


def _apply_scenario(summary: RunSummary, phase: str, recorder: dict[str, Any]) -> None:
    labels: dict[str, str] = {}
    for case_id, node in (recorder.get("cases") or {}).items():
        case = node.get("value") or {}
        label = f"{case.get('method', '?')} {case.get('path', '?')}"
        labels[case_id] = label
        result = summary.operation(label)
        result.cases += 1
        result.phases.add(phase)
        if phase == "stateful":
            summary.stateful_operations.add(label)
    for case_id, interaction in (recorder.get("interactions") or {}).items():
        status = ((interaction or {}).get("response") or {}).get("status_code")
        if status is not None and case_id in labels:
            summary.operation(labels[case_id]).statuses[status] += 1
    for case_id, checks in (recorder.get("checks") or {}).items():
        failed = {check.get("name", "?") for check in checks or [] if check.get("status") == "failure"}
        for name in failed:
            summary.operation(labels.get(case_id, recorder.get("label", "?"))).failures[name] += 1


def unreached(summary: RunSummary, documented: set[str]) -> list[str]:
    """Documented operations no case of the run got a 2xx from (or that were never called)."""
    return sorted((label for label in documented
                   if not (label in summary.operations and summary.operations[label].reached_success)), key=_sort_key)


def render(summary: RunSummary, title: str, documented: set[str]) -> str:
    """A fixed-width table: one line per documented operation (with whether a 2xx was
    reached), one for the undocumented methods Schemathesis probes (they must answer 405),
    then the stateful reach and errors."""
    results = {label: summary.operations.get(label) or OperationResult(label) for label in documented}
    others = OperationResult("other methods (405 expected)")
    for label, result in summary.operations.items():
        if label not in documented:
            others.cases += result.cases
            others.statuses.update(result.statuses)
            others.failures.update(result.failures)
    rows = [("operation", "cases", "2xx", "statuses", "result")]
    for result in sorted(results.values(), key=lambda result: _sort_key(result.label)) + [others]:
        statuses = " ".join(f"{status}x{count}" for status, count in sorted(result.statuses.items()))
        verdict = ", ".join(f"{name} x{count}" for name, count in sorted(result.failures.items())) or "ok"
        reached = "-" if result is others else ("yes" if result.reached_success else "NO")
        rows.append((result.label, str(result.cases), reached, statuses or "-",
                     verdict if verdict == "ok" else f"FAILED: {verdict}"))
    width = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [f"== {title}"]
    lines += [f"  {row[0]:<{width[0]}}  {row[1]:>{width[1]}}  {row[2]:<{width[2]}}  {row[3]:<{width[3]}}  {row[4]}"
              for row in rows]
    lines.append(f"  stateful phase called {len(summary.stateful_operations & documented)} of {len(documented)} operations")
    lines += [f"  ERROR {error}" for error in summary.errors]
    return "\n".join(lines)


def _sort_key(label: str) -> tuple[str, str]:
    method, _, path = label.partition(" ")
    return path, method
