"""Every knob of the server in one place.

Server-wide fields are set by CLI flags or ``MOCK_<FIELD>`` environment variables. Each API
may declare its own config dataclass (``ApiDescriptor.config_type``); its fields are read
from ``MOCK_<API>_<FIELD>`` (``MOCK_SEND_EMAIL_TOKEN_TTL``), so a CI job configures the mock
without writing files, and adding an API never touches this module.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable and what is wrong."""


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
    namespace_idle_seconds: float = 3600.0
    """A namespace unused this long is dropped when room is needed (0: never)."""
    journal_size: int = 1000
    outbox_size: int = 500
    max_body_bytes: int = 5 * 1024 * 1024
    max_state_bytes: int = 1024 * 1024 * 1024
    """Body limit of a state import (PUT /_mock/state), which holds every namespace."""
    validate_responses: bool = False
    fast_path: bool = True
    """Answer plainly valid requests through the compiled fast path (mock_server/fastpath/);
    off (``MOCK_FAST_PATH=off``, ``--no-fast-path``) sends every request through Connexion's
    whole middleware stack, the reference the fast path is tested against."""
    scenario: str | None = None
    """Name of a scenario in scenarios/ that every new namespace starts in."""
    state_file: str | None = None
    """Where ``serve`` keeps every namespace across restarts (see persistence.py)."""
    save_interval: float = 5.0
    """Seconds between saves of a changed state to ``state_file`` (0: only on shutdown and on request)."""
    log_format: str = "text"
    """The request log of ``serve``: ``text`` or ``json`` (one object per line)."""
    quiet: bool = False
    """No request log."""
    log_docs: bool = False
    """Also log requests for the APIs' docs (Swagger UI assets, openapi.json)."""
    cors_origins: tuple[str, ...] = ("*",)
    """Origins a browser may call from: ``*`` (any, echoed so credentials work), a list of
    exact origins, or ``off`` (no CORS headers, preflights go to the APIs as plain OPTIONS)."""
    namespace_cookie: str = "mock-namespace"
    """Cookie that picks the namespace of a browser's requests (after the header and the query)."""
    namespace_query: str = "mock_namespace"
    """Query parameter that picks the namespace; removed before the API validates the query."""
    apis: Mapping[str, Any] = field(default_factory=dict)
    """API name -> that API's config object; an API left out gets its defaults (and env)."""

    @property
    def cors_enabled(self) -> bool:
        return bool(self.cors_origins) and tuple(o.lower() for o in self.cors_origins) != ("off",)

    def api(self, name: str) -> Any:
        """The config of API ``name``: given explicitly, else read from the environment."""
        if name in self.apis:
            return self.apis[name]
        from .registry import api_named

        descriptor = api_named(name)
        if descriptor is None or descriptor.config_type is None:
            raise KeyError(f"API {name!r} has no config")
        config = env_config(descriptor.config_type, env_prefix(name))
        if isinstance(self.apis, dict):
            self.apis[name] = config  # read the environment once, not on every request
        return config

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Build settings from ``MOCK_*`` variables, then explicit overrides (CLI flags)."""
        from .registry import all_apis

        environ = os.environ if environ is None else environ
        values = _env_values(cls, "MOCK_", environ, skip={"apis"})
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["apis"] = {
            api.name: env_config(api.config_type, env_prefix(api.name), environ)
            for api in all_apis()
            if api.config_type is not None
        }
        return cls(**values)


def env_prefix(api_name: str) -> str:
    return f"MOCK_{api_name.upper().replace('-', '_')}_"


def env_config(kind: type, prefix: str, environ: Mapping[str, str] | None = None) -> Any:
    """An instance of dataclass ``kind`` with fields overridden by ``<prefix><FIELD>`` variables."""
    environ = os.environ if environ is None else environ
    values = _env_values(kind, prefix, environ)
    try:
        return kind(**values)
    except (TypeError, ValueError) as exc:
        names = ", ".join(f"{prefix}{name.upper()}" for name in values) or f"{prefix}*"
        raise SettingsError(f"{names}: {exc}") from exc


def _env_values(kind: type, prefix: str, environ: Mapping[str, str], skip: set[str] = frozenset()) -> dict[str, Any]:
    defaults = kind(**({"seed": 0} if kind is Settings else {}))
    values: dict[str, Any] = {}
    for f in dataclasses.fields(kind):
        raw = environ.get(f"{prefix}{f.name.upper()}")
        if f.name not in skip and raw not in (None, ""):
            try:
                values[f.name] = _coerce(getattr(defaults, f.name), f.name, raw)
            except ValueError as exc:
                raise SettingsError(f"{prefix}{f.name.upper()}={raw[:60]!r}: {_expected(getattr(defaults, f.name))}") from exc
    return values


def _expected(default: Any) -> str:
    if isinstance(default, datetime) or default is None:
        return "expected an ISO-8601 instant such as 2026-03-01T09:30:00Z"
    if isinstance(default, int) and not isinstance(default, bool):
        return "expected a whole number"
    return "expected a number" if isinstance(default, float) else "not a valid value"


def _coerce(default: Any, name: str, raw: str) -> Any:
    if name == "clock" or isinstance(default, datetime):
        return parse_instant(raw)
    if default is None:
        return raw
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, tuple):
        return tuple(item.strip() for item in raw.split(",") if item.strip())
    return raw
