"""Targets and credentials for a command-line run: the mock's own, or the flags' and environment's."""

from __future__ import annotations

from collections.abc import Iterable

from .auth import auth_headers, parse_header, security_schemes
from .targets import MockBackend, Target, load_spec, local_targets, registry_api


def resolve_targets(
    api: str, url: str, auth: Iterable[str] = (), headers: Iterable[str] = ()
) -> tuple[MockBackend | None, list[Target]]:
    """The API's documents on ``url``; on the mock in a fresh namespace with its seeded credentials.

    Explicit ``--auth`` and ``--header`` values win over the mock's credentials.
    """
    mock = MockBackend.detect(url)
    explicit = dict(parse_header(item) for item in headers)
    if mock is not None:
        targets = mock.targets(api)
        schemes = security_schemes(load_spec(target.spec) for target in targets)
        extra = {**auth_headers(api, schemes, auth, environ={}), **explicit}
        return mock, [Target(t.api, t.spec, t.base_url, {**t.headers, **extra}, t.values) for t in targets]
    descriptor = registry_api(api)
    targets = local_targets(descriptor, url, {})
    schemes = security_schemes(load_spec(target.spec) for target in targets)
    return None, local_targets(descriptor, url, {**auth_headers(api, schemes, auth), **explicit})
