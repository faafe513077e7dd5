"""``conform`` for one API or every API of a running mock: run, summarise, decide the exit code."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import runner
from .backend import resolve_targets
from ..specs import operations
from .links import link_reach
from .report import read_summary, render
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


def conform_api(api: str, request: ConformRequest) -> int:
    ensure_reachable(request.url)
    mock, targets = resolve_targets(api, request.url, request.auth, request.headers)
    options = request.options
    if mock is not None and not request.include_server_wide:
        excluded = runner.SERVER_WIDE_OPERATIONS.get(api, ())
        options = dataclasses.replace(options, exclude_operation_ids=options.exclude_operation_ids + excluded)
    verdicts = [_conform_target(target, options) for target in targets]
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


def _conform_target(target: Target, options: RunOptions) -> bool:
    document = load_spec(target.spec)
    reach = link_reach(document)
    print(f"\n== {target.api}: {target.spec} at {target.base_url}\n   links: {reach.describe()}", flush=True)
    outcome = runner.run(target, options)
    summary = read_summary(outcome.events)
    verdict = "FAILED" if outcome.exit_code or summary.failed else "ok"
    documented = {f"{method} {path}" for path, method, _ in operations(document)}
    print(render(summary, f"{target.slug}: {verdict}", documented))
    return outcome.exit_code == 0 and not summary.failed
