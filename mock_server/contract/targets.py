"""What a contract run points at: one mounted document of one API, on one backend.

A backend is either this mock (found by ``GET /_mock/health``; the run then gets a fresh
namespace of its own and the seeded credentials from ``GET /_mock/credentials/{api}``) or any
other server, whose credentials come from flags and environment variables (see auth.py).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from ..registry import ApiDescriptor, api_named
from ..specs import SPECS_DIR
from ..world import NAMESPACE_HEADER


class TargetError(Exception):
    """A backend or API that cannot be tested as asked; the message says why."""


@dataclass(frozen=True)
class Target:
    api: str
    spec: str
    """A file path, or the URL of the document the mock serves."""
    base_url: str
    """Where the document's paths live: the backend's origin plus the mount's base path."""
    headers: dict[str, str] = field(default_factory=dict)
    """Sent with every request: credentials, and the namespace when the backend is the mock."""
    values: dict[str, list[str | int]] = field(default_factory=dict)
    """Known-good parameter values by binding key, which the mock prepares for a run."""

    @property
    def slug(self) -> str:
        """A file-name-safe name of this mount (API and base path), for report files."""
        return re.sub(r"[^A-Za-z0-9]+", "-", f"{self.api}-{urlsplit(self.base_url).path}").strip("-")


@dataclass(frozen=True)
class MockMount:
    api: str
    base_path: str
    spec_url: str


def registry_api(name: str) -> ApiDescriptor:
    api = api_named(name)
    if api is None:
        raise TargetError(f"no API named {name!r}; known: mock-server conform --list")
    return api


def local_targets(api: ApiDescriptor, url: str, headers: dict[str, str]) -> list[Target]:
    """Each of the API's documents from specs/, at the real base path under ``url``."""
    return [
        Target(api.name, str(SPECS_DIR / mount.file), _join(url, mount.base_path), dict(headers))
        for mount in api.mounts
    ]


def _join(url: str, base_path: str) -> str:
    return url.rstrip("/") + ("" if base_path in ("", "/") else base_path)


class MockBackend:
    """The control API of a running mock, as a contract run needs it."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    @staticmethod
    def detect(url: str) -> "MockBackend | None":
        """The mock answers ``GET /_mock/health`` with its seed; any other backend does not."""
        try:
            answer = httpx.get(f"{url.rstrip('/')}/_mock/health", timeout=5)
            is_mock = answer.status_code == 200 and answer.json().get("status") == "ok" and "seed" in answer.json()
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
        return MockBackend(url) if is_mock else None

    def mounts(self) -> list[MockMount]:
        answer = self._get("/_mock/apis", {})
        return [
            MockMount(api["name"], mount["basePath"], f"{self.url}{mount['spec']}")
            for api in answer["apis"]
            for mount in api["mounts"]
        ]

    def credentials(self, api: str, namespace: str) -> dict[str, str]:
        return self._get(f"/_mock/credentials/{api}", {NAMESPACE_HEADER: namespace})

    def _get(self, path: str, headers: dict[str, str]) -> dict:
        answer = httpx.get(f"{self.url}{path}", headers=headers, timeout=30)
        if answer.status_code != 200:
            raise TargetError(f"GET {path} on the mock answered {answer.status_code}: {answer.text[:200]}")
        return answer.json()

    def session_headers(self, api: str) -> dict[str, str]:
        """A namespace nobody else uses, and full access to ``api`` in it."""
        namespace = fresh_namespace(api)
        return {NAMESPACE_HEADER: namespace, **self.credentials(api, namespace)}

    def targets(self, api: str) -> list[Target]:
        """The API's documents as this mock serves them, all in one fresh namespace."""
        mounts = [mount for mount in self.mounts() if mount.api == api]
        if not mounts:
            raise TargetError(f"the mock at {self.url} has no API named {api!r}")
        headers = self.session_headers(api)
        self.freeze_clock(headers[NAMESPACE_HEADER])
        values = self.conformance_values(api, headers[NAMESPACE_HEADER])
        return [Target(api, mount.spec_url, _join(self.url, mount.base_path), headers, values) for mount in mounts]

    def freeze_clock(self, namespace: str) -> None:
        """Stop the namespace's clock where it stands, before the values are prepared.

        Some values are only good for a while (a TOTP code: six 30-second steps either side
        of the clock), and Schemathesis binds them only in the fuzzing phase, which starts
        after the examples and coverage phases of every operation, minutes later on a large
        document. Frozen, the run's namespace stays at the instant of preparing: what the
        requests do (a code used, a record deleted) still counts, time passing does not."""
        answer = httpx.put(f"{self.url}/_mock/clock", json={"frozen": True}, headers={NAMESPACE_HEADER: namespace}, timeout=30)
        if answer.status_code != 200:
            raise TargetError(f"PUT /_mock/clock on the mock answered {answer.status_code}: {answer.text[:200]}")

    def conformance_values(self, api: str, namespace: str) -> dict[str, list[str | int]]:
        answer = httpx.post(f"{self.url}/_mock/conformance/{api}", headers={NAMESPACE_HEADER: namespace}, timeout=30)
        if answer.status_code != 200:
            raise TargetError(f"POST /_mock/conformance/{api} on the mock answered {answer.status_code}: {answer.text[:200]}")
        return answer.json()["values"]

    def api_names(self) -> list[str]:
        return list(dict.fromkeys(mount.api for mount in self.mounts()))


def ensure_reachable(url: str, flag: str = "--url") -> None:
    """Stop at once, in one line, when nothing answers at ``url`` (any HTTP answer will do),
    rather than reporting every generated request as a connection error."""
    try:
        httpx.get(url, timeout=10)
    except httpx.TransportError as error:
        raise TargetError(f"{flag} {url} cannot be reached: {error or type(error).__name__}") from None


def fresh_namespace(api: str) -> str:
    """Unique per run and readable in the journal (namespace names allow [A-Za-z0-9._-], 64)."""
    return f"contract-{re.sub(r'[^A-Za-z0-9]', '', api)[:20]}-{time.time_ns():x}"


def load_spec(location: str) -> dict:
    """The document behind a target: a file from specs/ or the JSON the mock serves."""
    if location.startswith(("http://", "https://")):
        return httpx.get(location, timeout=30).raise_for_status().json()
    import yaml

    with open(location, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def release_namespace(backend: MockBackend, target: Target) -> None:
    """Drop the run's namespace from the mock, so repeated runs do not fill its namespace limit."""
    namespace = target.headers.get(NAMESPACE_HEADER)
    if namespace:
        httpx.post(f"{backend.url}/_mock/reset", headers={NAMESPACE_HEADER: namespace}, timeout=30)
