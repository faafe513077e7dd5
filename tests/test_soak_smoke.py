"""A few seconds of the soak run (benchmarks/soak.py): it starts, mixes its traffic, and the
mock answers none of it with a 5xx. The ten-minute run is not part of the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_short_soak_sees_no_server_error(tmp_path):
    out = tmp_path / "soak.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "soak.py"), "--seconds", "5", "--clients", "3",
         "--state-every", "2", "--sample-every", "1", "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    report = out.read_text()
    assert "5xx answers: **0**" in report, report + result.stderr[-2000:]
    assert "0 unhandled errors" in report
    assert result.returncode in (0, 1)  # 1: five seconds are too short to see memory level off
