"""A few seconds of the soak run (benchmarks/soak.py): it starts, mixes its traffic, and the
mock answers none of it with a 5xx. The ten-minute run is not part of the tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

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


def _soak_module():
    spec = importlib.util.spec_from_file_location("soak", ROOT / "benchmarks" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("late_ms", "verdict"), [(40, "does not grow"), (900, "GROWS")])
def test_the_soak_says_whether_p99_grows(late_ms, verdict):
    soak = _soak_module()
    figures = soak.Figures(started=0.0)
    for minute in range(10):  # the first minute (seeding) is left out, however slow
        late = minute >= 6
        figures.latencies[minute] = [0.02] * 95 + [late_ms / 1000 if late else 0.04] * 5 + ([9.0] if minute == 0 else [])
    trend, steady = soak.p99_trend(figures, seconds=600)
    assert verdict in trend and steady == (verdict == "does not grow")
    assert "minutes 2-5" in trend and "minutes 6-10" in trend
