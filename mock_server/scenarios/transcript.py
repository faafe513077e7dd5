"""A play run as text for the terminal, or as Markdown for docs."""

from __future__ import annotations

import json
from typing import Any

from .play import MAX_BODY_CHARS, PlayResult


def as_text(result: PlayResult) -> str:
    lines = [f"scenario {result.scenario.name} against {result.base_url} (namespace {result.namespace})"]
    for step in result.steps:
        mark = "PASS" if step.passed else "FAIL"
        status = step.status if step.status is not None else "no answer"
        lines.append(f"  {mark} {step.number}. {step.name}: {step.method} {step.url} -> {status} ({step.elapsed_ms} ms)")
        lines += [f"       {problem}" for problem in step.problems]
    skipped = len(result.scenario.steps) - len(result.steps)
    if skipped:
        lines.append(f"  {skipped} step(s) not run after the failure")
    passed = sum(step.passed for step in result.steps)
    lines.append(f"{passed} passed, {len(result.scenario.steps) - passed} failed")
    return "\n".join(lines)


def as_markdown(result: PlayResult) -> str:
    parts = [f"### Scenario `{result.scenario.name}`", "", result.scenario.description.strip(), ""]
    for step in result.steps:
        mark = "✅" if step.passed else "❌"
        parts += [f"**{step.number}. {step.name}** {mark}", "", "```http", f"{step.method} {step.url}"]
        if step.request_body is not None:
            parts += ["", _pretty(step.request_body)]
        parts += ["```", "", f"→ `{step.status}`", ""]
        if step.response_body not in (None, ""):
            parts += ["```json", _pretty(step.response_body), "```", ""]
        parts += [f"> {problem}" for problem in step.problems]
    return "\n".join(parts).rstrip() + "\n"


def _pretty(value: Any) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= MAX_BODY_CHARS else text[:MAX_BODY_CHARS] + "\n…"
