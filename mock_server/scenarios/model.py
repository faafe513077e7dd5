"""A scenario as the server uses it, built from a file that passed scenario.schema.json."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any


@dataclass(frozen=True)
class Rule:
    name: str
    api: str | None = None
    method: str | None = None
    path: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    share: float = 1.0
    latency_ms: tuple[int, int] | None = None
    respond: dict[str, Any] | None = None
    drop: bool = False
    rate_limit: tuple[int, float] | None = None
    """(requests, window seconds)."""

    @classmethod
    def from_document(cls, data: dict[str, Any]) -> "Rule":
        match = data.get("match", {})
        latency = data.get("latency")
        if isinstance(latency, int):
            latency = (latency, latency)
        elif isinstance(latency, dict):
            latency = (latency["min"], latency["max"])
        limit = data.get("rateLimit")
        return cls(
            name=data["name"],
            api=match.get("api"),
            method=match.get("method"),
            path=match.get("path"),
            headers={k.lower(): v for k, v in match.get("headers", {}).items()},
            share=data.get("share", 1.0),
            latency_ms=latency,
            respond=data.get("respond"),
            drop=data.get("drop", False),
            rate_limit=(limit["requests"], float(limit["windowSeconds"])) if limit else None,
        )

    def matches(self, api: str | None, method: str, path: str, headers: dict[str, str]) -> bool:
        return (
            (self.api is None or self.api == api)
            and (self.method is None or self.method == method)
            and (self.path is None or fnmatchcase(path, self.path))
            and all(fnmatchcase(headers.get(name, ""), pattern) for name, pattern in self.headers.items())
        )


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    source: str
    """The file it was loaded from, for messages."""
    seed: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    variables: dict[str, Any] = field(default_factory=dict)
    steps: tuple[dict[str, Any], ...] = ()

    @classmethod
    def from_document(cls, data: dict[str, Any], source: str) -> "Scenario":
        return cls(
            name=data["name"],
            description=data["description"],
            source=source,
            seed=data.get("seed", {}),
            rules=tuple(Rule.from_document(rule) for rule in data.get("rules", [])),
            variables=data.get("variables", {}),
            steps=tuple(data.get("steps", [])),
        )

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "apis": sorted(self.seed),
            "rules": [rule.name for rule in self.rules],
            "steps": len(self.steps),
        }
