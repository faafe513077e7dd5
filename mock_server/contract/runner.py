"""One Schemathesis run over one target, with the project's strict profile.

Schemathesis' own CLI runs in a subprocess: it is the tool CI users know, it draws the
progress display, writes JUnit XML and HAR, and reads ``schemathesis.toml`` exactly as the
in-process suite does. Its NDJSON event stream is kept for the per-operation summary.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..specs import SPECS_DIR
from .targets import Target

PROFILE = SPECS_DIR.parent / "schemathesis.toml"
PHASES = "examples,coverage,fuzzing,stateful"

SERVER_WIDE_OPERATIONS = {
    "control": ("state.import_state", "state.reset", "journal.clear_entries"),
}
"""Operations of the mock that act on every namespace: run against a shared mock only on request."""


@dataclass(frozen=True)
class RunOptions:
    max_examples: int | None = None
    seed: int | None = None
    report_dir: Path | None = None
    config_file: Path = PROFILE
    workers: int = 1
    exclude_operation_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunOutcome:
    target: Target
    exit_code: int
    events: Path
    """Schemathesis' NDJSON event stream of the run."""


def schemathesis_command(target: Target, options: RunOptions, events: Path) -> list[str]:
    command = [
        sys.executable, "-c",
        "import sys; import mock_server.contract.stateful_roots; from schemathesis.cli import schemathesis; sys.exit(schemathesis())",
        "--config-file", str(options.config_file),
        "run", target.spec,
        "--url", target.base_url,
        "--checks", "all",
        "--mode", "all",
        "--phases", PHASES,
        "--workers", str(options.workers),
        "--report-ndjson-path", str(events),
    ]  # fmt: skip
    for name, value in target.headers.items():
        command += ["--header", f"{name}: {value}"]
    if options.max_examples is not None:
        command += ["--max-examples", str(options.max_examples)]
    if options.seed is not None:
        command += ["--seed", str(options.seed)]
    reports = ["ndjson"]
    if options.report_dir is not None:
        reports += ["junit", "har"]
        command += [
            "--report-junit-path", str(options.report_dir / f"{target.slug}.junit.xml"),
            "--report-har-path", str(options.report_dir / f"{target.slug}.har"),
        ]  # fmt: skip
    command += ["--report", ",".join(reports)]
    for operation_id in options.exclude_operation_ids:
        command += ["--exclude-operation-id", operation_id]
    return command


def run(target: Target, options: RunOptions) -> RunOutcome:
    """Run Schemathesis with its output on this terminal; the events land next to the reports."""
    if options.report_dir is not None:
        options.report_dir.mkdir(parents=True, exist_ok=True)
        events = options.report_dir / f"{target.slug}.ndjson"
    else:
        events = Path(tempfile.mkdtemp(prefix="conform-")) / f"{target.slug}.ndjson"
    completed = subprocess.run(schemathesis_command(target, options, events), check=False)
    return RunOutcome(target, completed.returncode, events)
