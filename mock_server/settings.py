"""Every knob of the server in one place.

Each field can be set by a CLI flag or by a ``MOCK_<FIELD>`` environment variable, so a CI
job can configure the mock without writing files. Defaults are what a frontend developer
wants from ``make serve``: every API on http://127.0.0.1:8080, random but printed seed.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

def parse_instant(text: str) -> datetime:
    """Parse an ISO-8601 instant; a value without an offset is taken as UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    seed: int = field(default_factory=lambda: secrets.randbelow(2**31))
    clock: datetime | None = None
    """When set, every namespace's clock starts frozen at this instant (see clock.py)."""
    max_namespaces: int = 100
    journal_size: int = 1000
    outbox_size: int = 500
    max_body_bytes: int = 5 * 1024 * 1024
    validate_responses: bool = False
    send_email_default_tenant: str = "demo"
    send_email_token_ttl: int = 24 * 3600

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        """Build settings from ``MOCK_*`` variables, then explicit overrides (CLI flags)."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"MOCK_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _coerce(name: str, raw: str) -> Any:
    defaults = Settings(seed=0)
    current = getattr(defaults, name)
    if name == "clock":
        return parse_instant(raw)
    if isinstance(current, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(current, int):
        return int(raw)
    return raw
