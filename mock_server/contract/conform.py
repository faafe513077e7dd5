"""``conform`` for one API or every API of a running mock: run, summarise, decide the exit code."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import runner
from .backend import resolve_targets
from ..specs import operations
from .links import link_reach
from .profile import narrowed
from .report import read_summary, render, unreached
from .runner import RunOptions
from .targets import MockBackend, Target, TargetError, ensure_reachable, load_spec, release_namespace


@dataclass(frozen=True)
class ConformRequest:
    url: str
    options: RunOptions
    auth: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    include_server_wide: bool = False
    keep_namespace: bool = False
    allow_unreached: tuple[str, ...] = ()
    """``OP=why`` (OP: ``METHOD /path`` or an operationId): an operation whose success path
    this backend cannot reach, and why; any other operation without a 2xx fails the run."""


def conform_api(api: str, request: ConformRequest) -> int:
    mock, targets = resolve_targets(api, request.url, request.auth, request.headers)  # usage errors first
    ensure_reachable(request.url)
    options = request.options
    if mock is not None and not request.include_server_wide:
        excluded = runner.SERVER_WIDE_OPERATIONS.get(api, ())
        options = dataclasses.replace(options, exclude_operation_ids=options.exclude_operation_ids + excluded)
    allowed = allowed_unreached(request.allow_unreached)
    verdicts = [_conform_target(target, options, allowed) for target in targets]
    if mock is not None and not request.keep_namespace:
        release_namespace(mock, targets[0])
    return 0 if all(verdicts) else 1


def conform_all(request: ConformRequest) -> int:
    mock = MockBackend.detect(request.url)
    if mock is None:
        raise TargetError(f"--all needs the running mock at --url; {request.url} did not answer GET /_mock/health")
    results = {api: conform_api(api, request) for api in mock.api_names()}
    print("\n== conform --all")
    for api, code in results.items():
        print(f"  {api:<24} {'ok' if code == 0 else 'FAILED'}")
    return 0 if all(code == 0 for code in results.values()) else 1


def allowed_unreached(items: tuple[str, ...]) -> dict[str, str]:
    """``OP=why`` -> {OP: why}; the reason is required, so the report can say it."""
    allowed = {}
    for item in items:
        operation, separator, why = item.partition("=")
        if not separator or not operation.strip() or not why.strip():
            raise TargetError(f"--allow-unreached {item!r}: expected OP=WHY, OP being 'METHOD /path' or an operationId")
        allowed[operation.strip()] = why.strip()
    return allowed


def _conform_target(target: Target, options: RunOptions, allowed: dict[str, str]) -> bool:
    document = load_spec(target.spec)
    reach = link_reach(document)
    print(f"\n== {target.api}: {target.spec} at {target.base_url}\n   links: {reach.describe()}", flush=True)
    ids = {f"{method} {path}": operation.get("operationId", "") for path, method, operation in operations(document)}
    excluded = set(options.exclude_operation_ids)
    documented = {label for label, operation_id in ids.items() if operation_id not in excluded}
    profile = narrowed(options.config_file, set(ids), target.values)
    try:
        outcome = runner.run(target, dataclasses.replace(options, config_file=profile))
    finally:
        profile.unlink(missing_ok=True)
    summary = read_summary(outcome.events)
    missed = [label for label in unreached(summary, documented) if label not in allowed and ids[label] not in allowed]
    passed = outcome.exit_code == 0 and not summary.failed and not missed
    print(render(summary, f"{target.slug}: {'ok' if passed else 'FAILED'}", documented))
    for label in unreached(summary, documented):
        why = allowed.get(label) or allowed.get(ids[label])
        print(f"  success path not reached: {label}" + (f" (allowed: {why})" if why else " -> FAILED"))
    return passed
